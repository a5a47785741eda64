#!/usr/bin/env bash
# Request-body cost on the request thread, for bodies of 20 KB, 200 KB and 1 MB of conversation:
# - /v1/responses: the Gson-tree way (parse, normalise, serialise) against the byte way the gateway uses (one strict
#   scan, byte-range copies);
# - /v1/messages (Claude Code's shape) and /v1/chat/completions: the mapping to the upstream body with the tree read
#   and written by Gson against the byte reader and writer the gateway uses (JsonTreeReader, JsonTreeWriter).
# Each way runs in a fresh JVM: "first 100" is the mean of a fresh JVM's first 100 bodies, "warm p50" the median
# once compiled. No network.
#
# Usage: scripts/bench-request-body.sh   (JAVA picks the java binary; default: the java on PATH)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
mvn -B -q test-compile
# shellcheck source=lib/bench.sh
. "$ROOT/scripts/lib/bench.sh"
CLASSPATH_FOR_TESTS="$(test_classpath)"
printf '%-8s %-14s %12s %12s\n' body way "first 100" "warm p50"
for kb in 20 200 1000; do
  for way in tree bytes messages-gson messages-bytes chat-gson chat-bytes; do
    "${JAVA:-java}" -cp "$CLASSPATH_FOR_TESTS" \
        com.codexmanager.bench.RequestBodyBench "$way" "$kb"
  done
done
