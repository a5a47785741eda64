#!/usr/bin/env bash
# Installs a built .deb with apt-get and checks the installed app for real: the serve launcher and
# `codexmanager serve` answer /health, each launcher maps its AOT cache when the package has one,
# codexmanager.env next to the installed executable is read, the desktop launcher starts under Xvfb, nothing is
# written into the install folder, and removing the package keeps the data.
# Slow (about a minute) and needs root or sudo: CI runs it as a separate, optional step, not in .ci/run.
set -euo pipefail
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"
cd "$CM_ROOT"

usage() {
  cat <<'USAGE'
Usage: scripts/test-deb.sh [DEB] [--keep] [--no-desktop] [--dry-run]

  DEB           the package to test (default: the newest dist/codexmanager_*.deb)
  --keep        leave the package installed afterwards (default: apt-get remove it at the end)
  --no-desktop  skip the desktop launcher check (it needs xvfb-run)
  --dry-run     print the steps and change nothing
USAGE
}

deb="" keep=0 desktop=1
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=1; shift ;;
    --no-desktop) desktop=0; shift ;;
    --dry-run) CM_DRY_RUN=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) usage >&2; die "unknown argument: $1" ;;
    *) deb=$1; shift ;;
  esac
done
if [ -z "$deb" ]; then
  deb=$(ls -t dist/codexmanager_*.deb 2>/dev/null | head -n 1 || true)
  [ -n "$deb" ] || die "no dist/codexmanager_*.deb: run scripts/rebuild-linux.sh --bundles deb first"
fi
deb=$(readlink -f "$deb")
install_dir=/opt/codexmanager
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
for tool in curl apt-get; do command -v "$tool" >/dev/null 2>&1 || die "$tool is needed (apt-get install $tool)"; done
if [ "$desktop" -eq 1 ] && ! command -v xvfb-run >/dev/null 2>&1; then
  die "xvfb-run is needed for the desktop check (apt-get install xvfb xauth) or pass --no-desktop"
fi

say "== install $deb"
run $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb"
[ "$CM_DRY_RUN" -eq 0 ] || { say "(dry run: the launcher checks would follow)"; exit 0; }

work=$(mktemp -d)
env_file="$install_dir/bin/codexmanager.env"
pid=""
cleanup() {
  [ -z "$pid" ] || kill -TERM -- "-$pid" 2>/dev/null || true
  $sudo rm -f "$env_file"
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { printf '%s\n' "$port"; return; }
  done
}

# Starts "$@" in its own process group with a fresh data dir, then waits (30 s at most) until /health on $port
# answers. Sets $pid and prints the milliseconds from start to the first healthy answer.
start_and_wait() {
  local port=$1 name=$2; shift 2
  mkdir -p "$work/$name"
  local t0 t1 deadline=$(( $(date +%s) + 30 ))
  t0=$(date +%s%N)
  setsid env -u XDG_DATA_HOME HOME="$work/$name" XDG_DATA_HOME="$work/$name/share" "$@" \
    >"$work/$name.log" 2>&1 </dev/null &
  pid=$!
  until curl -fsS "http://127.0.0.1:$port/health" >"$work/$name.health" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      cat "$work/$name.log" >&2
      die "$name: no answer on /health at 127.0.0.1:$port"
    fi
    sleep 0.02
  done
  t1=$(date +%s%N)
  say "  $name: /health after $(( (t1 - t0) / 1000000 )) ms: $(cat "$work/$name.health")"
  grep -q "\"version\":\"$version\"" "$work/$name.health" || die "$name: /health does not report version $version"
}

# When the package has the AOT cache $install_dir/lib/app/$2.aot, checks that the process group started last maps
# it: the JVM drops a cache it cannot use without a word (-Xlog:aot=off), so only the mapping proves it is used.
check_aot_cache() {
  local launcher=$1 cache="$install_dir/lib/app/$2.aot"
  [ -f "$cache" ] || return 0
  # shellcheck disable=SC2046 # one maps file per process of the group
  grep -qs "$cache" $(pgrep -g "$pid" | sed 's|.*|/proc/&/maps|') \
    || die "$launcher does not map $cache (a jar or runtime whose time or size changed?)"
  say "  $launcher maps its AOT cache ($(du -m "$cache" | cut -f1) MB)"
}

# Sends SIGTERM to the process group started last and waits 20 s at most for it to go.
stop() {
  local name=$1 waited=0
  kill -TERM -- "-$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    [ $waited -lt 200 ] || die "$name: still running 20 s after SIGTERM"
    sleep 0.1; waited=$(( waited + 1 ))
  done
  wait "$pid" 2>/dev/null || true
  pid=""
}

version=$("$install_dir/bin/codexmanager" --version | awk '{print $2}')
runtime=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$install_dir/lib/runtime/release")
say "== installed codexmanager $version with a Java $runtime runtime"
marker="$work/installed.marker"
touch "$marker"

say "== codexmanager-serve"
port=$(free_port)
start_and_wait "$port" serve-launcher env CODEXMANAGER_SERVICE_ADDR="127.0.0.1:$port" "$install_dir/bin/codexmanager-serve"
[ -f "$work/serve-launcher/share/codexmanager/codexmanager.mv.db" ] || die "no database in the data dir"
check_aot_cache codexmanager-serve serve
stop serve-launcher

say "== codexmanager serve"
port=$(free_port)
start_and_wait "$port" serve-argument env CODEXMANAGER_SERVICE_ADDR="127.0.0.1:$port" "$install_dir/bin/codexmanager" serve
stop serve-argument

say "== codexmanager.env next to the installed executable"
port=$(free_port)
printf 'CODEXMANAGER_SERVICE_ADDR=127.0.0.1:%s\n' "$port" | $sudo tee "$env_file" >/dev/null
start_and_wait "$port" env-file env -u CODEXMANAGER_SERVICE_ADDR "$install_dir/bin/codexmanager-serve"
stop env-file
$sudo rm -f "$env_file"

if [ "$desktop" -eq 1 ]; then
  say "== desktop launcher under Xvfb"
  port=$(free_port)
  start_and_wait "$port" desktop env CODEXMANAGER_SERVICE_ADDR="127.0.0.1:$port" xvfb-run -a "$install_dir/bin/codexmanager"
  check_aot_cache codexmanager desktop
  stop desktop
fi

say "== nothing written into $install_dir"
written=$(find "$install_dir" -newer "$marker" -type f || true)
[ -z "$written" ] || die "files written into the install folder: $written"

if [ "$keep" -eq 0 ]; then
  say "== apt-get remove keeps the data"
  run $sudo env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq codexmanager
  [ ! -e "$install_dir/bin/codexmanager" ] || die "the launcher is still there after apt-get remove"
  [ -f "$work/serve-launcher/share/codexmanager/codexmanager.mv.db" ] || die "apt-get remove lost the data dir"
fi
say "test-deb: all checks passed"
