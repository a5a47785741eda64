# Shared by the benchmark scripts (sourced, not run). They run classes from src/test against the built code.

# Prints the class path that runs the test classes: target/test-classes, target/classes and every dependency of the
# test scope. Build first (test-compile or package); extra arguments go to Maven (e.g. -o).
test_classpath() {
  local file
  file="$(mktemp)"
  mvn -B -q "$@" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$file" >/dev/null
  printf 'target/test-classes:target/classes:%s' "$(cat "$file")"
  rm -f "$file"
}
