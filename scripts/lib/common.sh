# Shared helpers of the packaging scripts (sourced, not run). Bash 3.2+ so that macOS's /bin/bash works.

# The repository root; every script cds here first.
CM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CM_DRY_RUN=0

say() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Prints a command, then runs it unless this is a dry run.
run() {
  printf '+'; printf ' %q' "$@"; printf '\n'
  if [ "$CM_DRY_RUN" -eq 0 ]; then "$@"; fi
}

# The project version: the first <version> at two spaces of indentation in pom.xml (the project's own).
project_version() {
  sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$CM_ROOT/pom.xml" | head -n 1
}

# The version without a qualifier (1.4.0-SNAPSHOT -> 1.4.0): installers accept numbers only.
numeric_version() {
  project_version | sed 's/[-+].*$//'
}

# The feature version (17, 21, 25…) of the JDK at $1, read from its release file; empty if unknown.
jdk_feature() {
  [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
}

# Picks the JDK that runs jdeps/jlink/jpackage and is bundled as the runtime, in this order: $1 (--jdk),
# $PACKAGE_JDK, $JAVA_HOME when it is >= 21, the newest JDK >= 21 under the given search roots, then $JAVA_HOME or
# the javac on PATH (17 works but the bundled service then uses platform threads, not virtual ones).
pick_jdk() {
  local explicit=$1; shift
  local candidate best="" best_feature=0 feature
  for candidate in "$explicit" "${PACKAGE_JDK:-}"; do
    if [ -n "$candidate" ]; then
      [ -x "$candidate/bin/jpackage" ] || die "no jpackage in $candidate/bin"
      printf '%s\n' "$candidate"; return 0
    fi
  done
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ] && [ "$(jdk_feature "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    printf '%s\n' "$JAVA_HOME"; return 0
  fi
  for candidate in "$@"; do
    [ -x "$candidate/bin/jpackage" ] || continue
    feature=$(jdk_feature "$candidate")
    if [ -n "$feature" ] && [ "$feature" -ge 21 ] && [ "$feature" -gt "$best_feature" ]; then
      best=$candidate; best_feature=$feature
    fi
  done
  if [ -n "$best" ]; then printf '%s\n' "$best"; return 0; fi
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ]; then printf '%s\n' "$JAVA_HOME"; return 0; fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)" 2>/dev/null || command -v javac)")")
    if [ -x "$candidate/bin/jpackage" ]; then printf '%s\n' "$candidate"; return 0; fi
  fi
  die "no JDK with jpackage found: install JDK 21+ (or 17) and set JAVA_HOME or pass --jdk PATH"
}

# Deletes the contents of dist/ (it is git-ignored) and recreates it.
clean_dist() {
  run rm -rf "$CM_ROOT/dist"
  run mkdir -p "$CM_ROOT/dist"
}

# Runs the Maven jpackage profile. $1 = JDK, $2 = installer types (comma list, may be empty), $3 = app version
# override (may be empty), $4 = 1 to run the tests as well. Extra Maven flags come from $MVN_FLAGS (e.g. -o).
maven_package() {
  local jdk=$1 types=$2 app_version=$3 with_tests=$4
  local args=(-B -Ppackage package "-Djpackage.jdk=$jdk" "-Djpackage.multiRelease=$(jdk_feature "$jdk")"
              "-Djpackage.types=$types" "-Djpackage.output=$CM_ROOT/dist")
  [ -n "$app_version" ] && args+=("-Djpackage.appVersion=$app_version")
  [ "$with_tests" -eq 1 ] || args+=(-DskipTests)
  # shellcheck disable=SC2206 # MVN_FLAGS is a list of words on purpose
  [ -n "${MVN_FLAGS:-}" ] && args+=(${MVN_FLAGS})
  run mvn "${args[@]}"
}

# Copies the env samples into a portable folder: every sample under env-samples/, plus codexmanager.env (all lines
# commented out) next to the launcher, where the app looks for it. $1 = folder of the launcher, $2 = portable root.
add_env_samples() {
  run mkdir -p "$2/env-samples"
  run cp "$CM_ROOT"/env-samples/*.env "$2/env-samples/"
  run cp "$CM_ROOT/env-samples/codexmanager.env" "$1/codexmanager.env"
}

# Prints each built file of dist/ with its size.
summarise_dist() {
  [ "$CM_DRY_RUN" -eq 0 ] || return 0
  say "built in dist/:"
  find "$CM_ROOT/dist" -maxdepth 1 -type f -exec ls -lh {} + | awk '{print "  " $5 "  " $NF}'
}

# Splits a comma list of bundles and checks each against the allowed words ($2, space separated).
parse_bundles() {
  local list=$1 allowed=$2 bundle
  for bundle in $(printf '%s' "$list" | tr ',' ' '); do
    case " $allowed " in
      *" $bundle "*) ;;
      *) die "unknown bundle '$bundle' (allowed: $allowed)" ;;
    esac
  done
}

# True when the comma list $1 contains the word $2.
has_bundle() {
  case ",$1," in *",$2,"*) return 0 ;; *) return 1 ;; esac
}
