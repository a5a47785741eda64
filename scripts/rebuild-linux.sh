#!/usr/bin/env bash
# Builds the Linux packages into dist/: a .deb from jpackage and a portable tar.gz of the app image.
set -euo pipefail
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"
cd "$CM_ROOT"

usage() {
  cat <<'USAGE'
Usage: scripts/rebuild-linux.sh [--bundles deb,app-image] [--clean-dist] [--jdk PATH] [--with-tests] [--dry-run]

  --bundles LIST  comma list of deb, app-image (default: deb,app-image). app-image leaves the runnable
                  folder dist/codexmanager-VERSION-linux-ARCH/ and packs it as a portable .tar.gz
  --clean-dist    empty dist/ first
  --jdk PATH      JDK whose jpackage builds the packages and whose runtime is bundled (default: $PACKAGE_JDK,
                  then a JDK >= 21 from $JAVA_HOME or /usr/lib/jvm, else JDK 17)
  --with-tests    run the unit and integration tests in the same Maven run (default: skipped)
  --dry-run       print what would be done and change nothing
Extra Maven flags: MVN_FLAGS='-o' scripts/rebuild-linux.sh …
USAGE
}

bundles="deb,app-image" clean=0 jdk_arg="" with_tests=0
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
parse_bundles "$bundles" "deb app-image"
[ "$(uname -s)" = Linux ] || die "rebuild-linux.sh builds Linux packages and must run on Linux"

# What jpackage needs besides a JDK: Maven to build, fakeroot + dpkg-deb for a .deb.
need_cmds=(mvn) need_pkgs=(maven)
has_bundle "$bundles" deb && { need_cmds+=(fakeroot dpkg-deb); need_pkgs+=(fakeroot dpkg); }
missing=()
for i in "${!need_cmds[@]}"; do
  command -v "${need_cmds[$i]}" >/dev/null 2>&1 || missing+=("${need_pkgs[$i]}")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "missing tools, from the Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    run apt-get update -qq
    run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    die "install them first: sudo apt-get install ${missing[*]}"
  fi
fi

jdk=$(pick_jdk "$jdk_arg" /usr/lib/jvm/*)
feature=$(jdk_feature "$jdk")
version=$(project_version)
say "CodexManager $version: bundles $bundles, packaging JDK $jdk (Java $feature)"

[ "$clean" -eq 1 ] && clean_dist
installers=$(printf '%s' "$bundles" | tr ',' '\n' | grep -v '^app-image$' | paste -sd, - || true)
maven_package "$jdk" "$installers" "" "$with_tests"

if has_bundle "$bundles" app-image; then
  case "$(uname -m)" in x86_64|amd64) arch=x64 ;; *) arch=$(uname -m) ;; esac
  portable="codexmanager-$version-linux-$arch"
  run rm -rf "dist/$portable"
  run mkdir -p dist
  run cp -a target/jpackage/image/codexmanager "dist/$portable"
  add_env_samples "dist/$portable/bin" "dist/$portable"
  run tar -C dist -czf "dist/$portable.tar.gz" "$portable"
fi
summarise_dist
