#!/usr/bin/env bash
# Soak run: N requests at concurrency C through the real service jar (its own process) in front of the fake ChatGPT
# upstream (test code, loopback, in the benchmark process), with a fault schedule (one request in ten: 429, 500,
# a stream cut mid-way, response.failed server_error, a slow first byte). Prints the service's RSS before, after and
# after an idle period, the database file size per request, the in-flight gauge and the status counts.
# Nothing leaves this machine.
#
# Usage: scripts/soak.sh [REQUESTS] [CONCURRENCY] [IDLE_SECONDS]   (defaults 20000 32 60)
# SERVICE_JAVA (a java binary, e.g. a JDK 25) and SERVICE_JAVA_OPTS apply to the service process only.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REQUESTS="${1:-20000}"
CONCURRENCY="${2:-32}"
IDLE="${3:-60}"
cd "$ROOT"
echo "soak: building the jar and test classes"
mvn -B -q package -DskipTests
# shellcheck source=lib/bench.sh
. "$ROOT/scripts/lib/bench.sh"
CLASSPATH_FOR_TESTS="$(test_classpath)"
java -cp "$CLASSPATH_FOR_TESTS" com.codexmanager.bench.SoakBench \
    "target/codexmanager.jar" "$REQUESTS" "$CONCURRENCY" "$IDLE"
