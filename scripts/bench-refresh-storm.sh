#!/usr/bin/env bash
# Refresh storm: 200 accounts refreshed by 50 concurrent callers against the built jar (its own process, the fake
# issuer on loopback in the benchmark process). kill -9 at fixed moments of the storm, restart, and count the accounts
# whose rotation was lost (refresh_token_reused), with how long before the kill the issuer had answered them; then a
# storm without a kill for the time from the issuer's answer to the saved row. Nothing leaves this machine.
#
# Usage: scripts/bench-refresh-storm.sh [JAR] [KILL_DELAYS_MS]   (defaults target/codexmanager.jar 600,1400,2200;
# KILL_DELAYS_MS=none runs only the storm without a kill)
# WARM_STORMS=N first runs N unmeasured storms on the same service (the save time of a warm service).
# SERVICE_JAVA picks the java binary that runs the service (default: the java on PATH).
# SERVICE_COMMAND runs the service with this command instead of the jar, e.g. a packaged launcher:
#   SERVICE_COMMAND=dist/codexmanager-0.1.0-linux-x64/bin/codexmanager-serve scripts/bench-refresh-storm.sh JAR none
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAR="${1:-target/codexmanager.jar}"
DELAYS="${2:-600,1400,2200}"
if [ "$JAR" = "target/codexmanager.jar" ]; then
  echo "bench-refresh-storm: building the jar and test classes"
  mvn -B -q package -DskipTests
else
  mvn -B -q test-compile
fi
# shellcheck source=lib/bench.sh
. "$ROOT/scripts/lib/bench.sh"
CLASSPATH_FOR_TESTS="$(test_classpath)"
java -cp "$CLASSPATH_FOR_TESTS" -DwarmStorms="${WARM_STORMS:-0}" \
    -DserviceCommand="${SERVICE_COMMAND:-}" \
    com.codexmanager.bench.RefreshStormBench \
    "${SERVICE_JAVA:-java}" "$JAR" "$DELAYS"
