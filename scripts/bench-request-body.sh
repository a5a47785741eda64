#!/usr/bin/env bash
# Request-body cost on the request thread: a Codex-sized /v1/responses body (20 KB, 200 KB, 1 MB of conversation)
# turned into the upstream body the Gson-tree way (parse, normalise, serialise) and the byte way the gateway uses
# (one strict scan, byte-range copies). Each pair runs in a fresh JVM: "first 100" is the mean of a fresh JVM's
# first 100 bodies, "warm p50" the median once compiled. No network.
#
# Usage: scripts/bench-request-body.sh   (JAVA picks the java binary; default: the java on PATH)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
mvn -B -q test-compile
# shellcheck source=lib/bench.sh
. "$ROOT/scripts/lib/bench.sh"
CLASSPATH_FOR_TESTS="$(test_classpath)"
printf '%-8s %-6s %12s %12s\n' body way "first 100" "warm p50"
for kb in 20 200 1000; do
  for way in tree bytes; do
    "${JAVA:-java}" -cp "$CLASSPATH_FOR_TESTS" \
        com.codexmanager.bench.RequestBodyBench "$way" "$kb"
  done
done
