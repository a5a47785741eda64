#!/usr/bin/env bash
# The fixed stack alone in the team's gateway harness: BareStackProxy (src/test: the service's own HttpServer and
# HttpClient 5 classic, relaying /v1/responses byte for byte; no key check, routing, parsing, logging) measured as
# the PRODUCT target beside DIRECT and NGINX, exactly as run-codexmanager.sh measures the jar. It shows the part of
# each gateway figure that the stack and its JVM set before any gateway work: run it and run-codexmanager.sh one
# after the other, alternating, and compare within each run.
#
# Usage: scripts/bench-bare-stack.sh [HARNESS_DIR]   (default: ../shared/bench beside the project)
#   JAVA picks the JVM (default: java on PATH), JAVA_OPTS adds options, PERF_OUT names the report's directory;
#   every other setting of the harness's perf.sh (its README) passes through the environment.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HARNESS="$(cd "${1:-$ROOT/../shared/bench}" && pwd)"
[ -f "$HARNESS/perf.sh" ] || { echo "no perf.sh in $HARNESS" >&2; exit 2; }
cd "$ROOT"
mvn -B -q test-compile
# shellcheck source=lib/bench.sh
. "$ROOT/scripts/lib/bench.sh"
CLASSPATH_FOR_TESTS="$ROOT/$(test_classpath | sed "s#:target/classes:#:$ROOT/target/classes:#")"
export PERF_OUT="${PERF_OUT:-$ROOT/target/bench/bare-$(date +%Y%m%d-%H%M%S)}"
export GATEWAY_CMD="exec '${JAVA:-java}' ${JAVA_OPTS:-} -cp '$CLASSPATH_FOR_TESTS' \
com.codexmanager.bench.BareStackProxy \$PERF_GATEWAY_PORT \$PERF_UPSTREAM_URL"
export GATEWAY_KEY=bare GATEWAY_PID_HINT=BareStackProxy GATEWAY_NAME=BARE
exec bash "$HARNESS/perf.sh"
