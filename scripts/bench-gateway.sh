#!/usr/bin/env bash
# Measures the gateway from outside: the service jar runs in its own process, the fake ChatGPT upstream (test code)
# runs on loopback in the benchmark process. Reports added time to first byte, non-stream requests/s, N concurrent
# streams with the service's peak RSS and threads, and candidate selection cost over 10,000 accounts.
# Nothing leaves this machine.
#
# Usage: scripts/bench-gateway.sh [STREAMS]   (default 1000; builds the jar and test classes first)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STREAMS="${1:-1000}"
cd "$ROOT"
echo "bench-gateway: building the jar and test classes"
mvn -B -q package -DskipTests
# shellcheck source=lib/bench.sh
. "$ROOT/scripts/lib/bench.sh"
CLASSPATH_FOR_TESTS="$(test_classpath)"
echo "bench-gateway: running with $STREAMS concurrent streams"
# SERVICE_JAVA (a java binary, e.g. a JDK 25 as the installers bundle) and SERVICE_JAVA_OPTS (e.g. -Xmx256m or a
# JFR flag) apply to the service process only.
java -cp "$CLASSPATH_FOR_TESTS" com.codexmanager.bench.GatewayBench \
    "target/codexmanager.jar" "$STREAMS"
