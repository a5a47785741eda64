#!/usr/bin/env bash
# Request-log benchmark: inserts ROWS (default 1,000,000) rows through the real async writer into an H2 file,
# then times filtered page queries and summaries. Prints Markdown for BENCHMARKS.md ("Request logs").
# Usage: scripts/bench-requestlog.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/bench.sh
. scripts/lib/bench.sh
mvn -B -q -o test-compile
CLASSPATH_FOR_TESTS="$(test_classpath -o)"
echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%d)"
echo
echo "| query | median | max of 9 | result |"
echo "|---|---|---|---|"
exec java ${JAVA_OPTS:-} -Xmx1g -cp "$CLASSPATH_FOR_TESTS" \
  com.codexmanager.observability.RequestLogBenchmark "${1:-1000000}"
