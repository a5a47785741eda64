#!/usr/bin/env bash
# Builds the macOS packages into dist/: a .dmg from jpackage and, with app-image, the zipped CodexManager.app.
# Beta: unsigned and not notarised. Runs on macOS only (jpackage cannot build a .dmg elsewhere).
set -euo pipefail
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"
cd "$CM_ROOT"

usage() {
  cat <<'USAGE'
Usage: scripts/rebuild-macos.sh [--bundles dmg,app-image] [--clean-dist] [--jdk PATH] [--with-tests] [--dry-run]

  --bundles LIST  comma list of dmg, app-image (default: dmg). app-image zips CodexManager.app as a portable build
  --clean-dist    empty dist/ first
  --jdk PATH      JDK whose jpackage builds the packages and whose runtime is bundled (default: $PACKAGE_JDK,
                  then a JDK >= 21 from $JAVA_HOME or /usr/libexec/java_home, else any JDK 17+)
  --with-tests    run the tests in the same Maven run (default: skipped)
  --dry-run       print what would be done and change nothing
USAGE
}

bundles="dmg" clean=0 jdk_arg="" with_tests=0
while [ $# -gt 0 ]; do
  case "$1" in
    --bundles) [ $# -ge 2 ] || die "--bundles needs a list"; bundles=$2; shift 2 ;;
    --bundles=*) bundles=${1#--bundles=}; shift ;;
    --clean-dist) clean=1; shift ;;
    --jdk) [ $# -ge 2 ] || die "--jdk needs a path"; jdk_arg=$2; shift 2 ;;
    --with-tests) with_tests=1; shift ;;
    --dry-run) CM_DRY_RUN=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
parse_bundles "$bundles" "dmg app-image"
if [ "$(uname -s)" != Darwin ]; then
  [ "$CM_DRY_RUN" -eq 1 ] || die "rebuild-macos.sh must run on macOS"
  say "(dry run on $(uname -s): jpackage would refuse to build a .dmg here)"
fi
command -v mvn >/dev/null 2>&1 || [ "$CM_DRY_RUN" -eq 1 ] || die "Maven is needed: brew install maven"

candidates=()
if [ -x /usr/libexec/java_home ]; then
  candidates+=("$(/usr/libexec/java_home -v 21+ 2>/dev/null || true)")
fi
jdk=$(pick_jdk "$jdk_arg" "${candidates[@]+"${candidates[@]}"}")
feature=$(jdk_feature "$jdk")
version=$(project_version)
numeric=$(numeric_version)
# A macOS bundle version must start with a number above 0 (jpackage refuses 0.x): 0.M.P is packaged as 1.M.P.
# The app itself still reports the real version (--version, /health, About).
app_version=$numeric
case "$numeric" in 0.*) app_version="1.${numeric#0.}" ;; esac
say "CodexManager $version: bundles $bundles, packaging JDK $jdk (Java $feature), bundle version $app_version"

[ "$clean" -eq 1 ] && clean_dist
installers=$(printf '%s' "$bundles" | tr ',' '\n' | grep -v '^app-image$' | paste -sd, - || true)
maven_package "$jdk" "$installers" "$app_version" "$with_tests"

if has_bundle "$bundles" app-image; then
  portable="CodexManager-$version-macos-$(uname -m)"
  run mkdir -p "dist/$portable"
  run cp -R target/jpackage/image/CodexManager.app "dist/$portable/"
  # The app reads codexmanager.env next to its executable, which sits inside the bundle.
  add_env_samples "dist/$portable/CodexManager.app/Contents/MacOS" "dist/$portable"
  run ditto -c -k --keepParent "dist/$portable" "dist/$portable.zip"
fi
summarise_dist
