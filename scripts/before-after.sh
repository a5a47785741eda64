#!/usr/bin/env bash
# Tries the user-visible failures that issues 14, 16, 17 and 18 were filed with on two built jars, in one run, against
# the same fake upstream (ChatGPT backend, issuer, two Azure resources), and prints one table row per item: the old
# jar's outcome beside the new one's. Uses the real `claude` when it is on the PATH. Nothing leaves this machine.
#
# Usage: scripts/before-after.sh OLD_JAR [NEW_JAR] [JAVA]   (NEW_JAR defaults to target/codexmanager.jar)
# Build an old jar with: git worktree add /tmp/old COMMIT && (cd /tmp/old && mvn -B -q package -DskipTests)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OLD_JAR="$(realpath "${1:?usage: scripts/before-after.sh OLD_JAR [NEW_JAR] [JAVA]}")"
NEW_JAR="$(realpath "${2:-$ROOT/target/codexmanager.jar}")"
cd "$ROOT"
mvn -B -q test-compile
# shellcheck source=lib/bench.sh
. "$ROOT/scripts/lib/bench.sh"
CLASSPATH_FOR_TESTS="$(test_classpath)"
java -cp "$CLASSPATH_FOR_TESTS" com.codexmanager.bench.BeforeAfterProbe "$OLD_JAR" "$NEW_JAR" ${3:+"$3"}
