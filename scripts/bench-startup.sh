#!/usr/bin/env bash
# Measures the packaged app: package sizes in dist/ and the cold start of the serve launcher, i.e. the time from
# starting a new process with an empty data dir (database created, migrations run) to the first 200 from /health.
# Results go into BENCHMARKS.md by hand, with the machine they were measured on.
set -euo pipefail
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"
cd "$CM_ROOT"

usage() {
  cat <<'USAGE'
Usage: scripts/bench-startup.sh [--runs N] [LAUNCHER]

  LAUNCHER  the serve launcher to start (default: /opt/codexmanager/bin/codexmanager-serve if installed, else
            the app image's target/jpackage/image/codexmanager/bin/codexmanager-serve)
  --runs N  number of cold starts (default 7); prints each, the minimum and the median
USAGE
}
runs=7 launcher=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; runs=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) usage >&2; die "unknown argument: $1" ;;
    *) launcher=$1; shift ;;
  esac
done
if [ -z "$launcher" ]; then
  launcher=/opt/codexmanager/bin/codexmanager-serve
  [ -x "$launcher" ] || launcher=target/jpackage/image/codexmanager/bin/codexmanager-serve
fi
[ -x "$launcher" ] || die "no launcher at $launcher: build with scripts/rebuild-linux.sh or pass LAUNCHER"
command -v curl >/dev/null 2>&1 || die "curl is needed"

say "== sizes"
for f in dist/*.deb dist/*.tar.gz; do
  [ -f "$f" ] && say "  $(du -h "$f" | cut -f1)  $f ($(stat -c %s "$f") bytes)"
done
app_dir=$(dirname "$(dirname "$(readlink -f "$launcher")")")
say "  $(du -sh "$app_dir" | cut -f1)  $app_dir (installed / unpacked)"
say "  runtime: Java $(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$app_dir/lib/runtime/release")," \
  "$(sed -n 's/^MODULES="\(.*\)"/\1/p' "$app_dir/lib/runtime/release" | wc -w) modules"

say "== cold start to /health ($runs runs, $launcher)"
work=$(mktemp -d)
pid=""
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
times=()
for i in $(seq "$runs"); do
  port=$(( 20000 + RANDOM % 40000 ))
  data="$work/run$i"
  mkdir -p "$data"
  deadline=$(( $(date +%s) + 30 ))
  t0=$(date +%s%N)
  env -u XDG_DATA_HOME HOME="$data" XDG_DATA_HOME="$data/share" CODEXMANAGER_SERVICE_ADDR="127.0.0.1:$port" \
    "$launcher" >"$data/out.log" 2>&1 </dev/null &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
    { kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; } || { cat "$data/out.log" >&2; die "run $i: no /health"; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 ))
  times+=("$ms")
  say "  run $i: $ms ms"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
say "  min $(printf '%s\n' "$sorted" | head -n 1) ms, median $(printf '%s\n' "$sorted" | sed -n "$(( (runs + 1) / 2 ))p") ms"
say "  machine: $(nproc) cores, $(uname -srm), load average $(cut -d' ' -f1-3 /proc/loadavg)"
