#!/usr/bin/env bash
# Routing simulation: plays a day of traffic against a pool of six accounts (plus, pro, free; windows and resets
# drawn from a seed) once per route strategy (ordered, balanced, headroom) with the gateway's real routing classes
# and a quota model of the upstream, then prints how many requests each strategy served before the first request
# a client saw refused with usage_limit, and the day's totals; first one example day, then the mean over DAYS.
# In memory, single-threaded, a few seconds; nothing leaves this machine.
#
# Usage: scripts/simulate-routing.sh [FIRST_SEED] [DAYS] [CONVERSATIONS]   (defaults 1 20 150)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
mvn -B -q test-compile
# shellcheck source=lib/bench.sh
. "$ROOT/scripts/lib/bench.sh"
CLASSPATH_FOR_TESTS="$(test_classpath)"
java -cp "$CLASSPATH_FOR_TESTS" com.codexmanager.bench.RoutingSimulation \
    "${1:-1}" "${2:-20}" "${3:-150}"
