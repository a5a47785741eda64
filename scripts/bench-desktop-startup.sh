#!/usr/bin/env bash
# Measures how fast the desktop is usable: from starting a new process (this script's clock) to the first window
# showing account data (the wall-clock time in the "Desktop ready:" line the app logs once). The data dir is seeded once with N accounts, as a returning user
# has; every run then starts a fresh process on it. Runs under xvfb-run when no DISPLAY is set. Nothing leaves this
# machine: the OAuth issuer and the upstream point at a closed loopback port and polling is off.
# Results go into BENCHMARKS.md by hand, with the machine they were measured on.
set -euo pipefail
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"
cd "$CM_ROOT"

usage() {
  cat <<'USAGE'
Usage: scripts/bench-desktop-startup.sh [--runs N] [--accounts N] [LAUNCHER]

  LAUNCHER     the desktop launcher to start, e.g. target/jpackage/image/codexmanager/bin/codexmanager
               (default: $JAVA -jar target/codexmanager.jar, built when missing; JAVA defaults to java and
               JAVA_OPTS adds JVM options)
  --runs N     number of launches (default 7); prints each, the minimum, the median and the maximum
  --accounts N accounts seeded into the data dir first (default 200)
USAGE
}
runs=7 accounts=200 launcher=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; runs=$2; shift 2 ;;
    --accounts) [ $# -ge 2 ] || die "--accounts needs a number"; accounts=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) usage >&2; die "unknown argument: $1" ;;
    *) launcher=$1; shift ;;
  esac
done
command -v curl >/dev/null 2>&1 || die "curl is needed"
command -v python3 >/dev/null 2>&1 || die "python3 is needed"
if [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null 2>&1 || die "no DISPLAY and no xvfb-run"
  exec xvfb-run -a "$0" --runs "$runs" --accounts "$accounts" ${launcher:+"$launcher"}
fi
if [ -z "$launcher" ]; then
  [ -f target/codexmanager.jar ] || run mvn -B -q package -DskipTests
  # shellcheck disable=SC2206 # JAVA_OPTS is a list of words on purpose
  start_cmd=("${JAVA:-java}" ${JAVA_OPTS:-} -jar "$CM_ROOT/target/codexmanager.jar")
  serve_cmd=("${JAVA:-java}" -jar "$CM_ROOT/target/codexmanager.jar" serve)
else
  [ -x "$launcher" ] || die "no launcher at $launcher"
  start_cmd=("$launcher")
  serve_cmd=("$(dirname "$launcher")/codexmanager-serve")
  [ -x "${serve_cmd[0]}" ] || serve_cmd=("$launcher" serve)
fi

work=$(mktemp -d)
pid=""
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null || true; [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
data="$work/data"
mkdir -p "$data"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
common_env=(env -u XDG_DATA_HOME HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
  CODEXMANAGER_DB_PATH="$data/codexmanager.mv.db" CODEXMANAGER_ISSUER="http://127.0.0.1:9"
  CODEXMANAGER_UPSTREAM_BASE_URL="http://127.0.0.1:9/backend-api/codex" CODEXMANAGER_USAGE_BASE_URL="http://127.0.0.1:9"
  CODEXMANAGER_DISABLE_POLLING=1 CODEXMANAGER_UI_LANGUAGE=en)

say "== seeding $accounts accounts"
port=$(free_port)
"${common_env[@]}" CODEXMANAGER_SERVICE_ADDR="127.0.0.1:$port" "${serve_cmd[@]}" >"$work/seed.log" 2>&1 </dev/null &
pid=$!
deadline=$(( $(date +%s) + 60 ))
until curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
  { kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; } || { cat "$work/seed.log" >&2; die "seed service did not start"; }
  sleep 0.05
done
python3 "$CM_ROOT/scripts/lib/import-request.py" "$accounts" "$work/import.json"
curl -fsS -o "$work/import.out" -H "Content-Type: application/json" \
  -H "X-CodexManager-Rpc-Token: $(cat "$data/codexmanager.rpc-token")" \
  --data-binary "@$work/import.json" "http://127.0.0.1:$port/rpc"
grep -q '"result"' "$work/import.out" || { cat "$work/import.out" >&2; die "seeding failed"; }
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""

say "== launch to first window with data ($runs runs, ${start_cmd[*]})"
times=()
for i in $(seq "$runs"); do
  port=$(free_port)
  out="$work/run$i.log"
  : >"$out"
  t0=$(date +%s%3N)
  "${common_env[@]}" CODEXMANAGER_SERVICE_ADDR="127.0.0.1:$port" "${start_cmd[@]}" >"$out" 2>&1 </dev/null &
  pid=$!
  deadline=$(( $(date +%s) + 60 ))
  until grep -q 'Desktop ready:' "$out"; do
    { kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; } || { cat "$out" >&2; die "run $i: never ready"; }
    sleep 0.05
  done
  line=$(grep -m1 'Desktop ready:' "$out")
  ready=$(printf '%s\n' "$line" | sed -n 's/.*ready at epoch ms \([0-9]*\).*/\1/p')
  ms=$(( ready - t0 ))
  say "  run $i: ${ms} ms from launch; ${line#*Desktop ready: }"
  times+=("$ms")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
say "== launch to ready: min $(head -n1 <<<"$sorted") ms, median $(sed -n "$(( (runs + 1) / 2 ))p" <<<"$sorted") ms," \
  "max $(tail -n1 <<<"$sorted") ms (target: 2000 ms)"
