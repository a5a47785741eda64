#!/usr/bin/env bash
# Imports N generated accounts (default 10000) into a fresh service over JSON-RPC and reports the wall time of the
# account/import call and the service's peak resident memory (VmHWM). Nothing leaves this machine: the OAuth issuer
# points at a closed loopback port and the generated tokens expire in 10 days, so no refresh is attempted.
#
# Usage: [JAVA_OPTS=-Xmx256m] scripts/bench-import.sh [COUNT]   (builds target/codexmanager.jar when missing)
set -euo pipefail

COUNT="${1:-10000}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/target/codexmanager.jar"
WORK="$(mktemp -d)"
PID=""
cleanup() {
    if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then
        kill "$PID"
        wait "$PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

if [[ ! -f "$JAR" ]]; then
    (cd "$ROOT" && mvn -B -q -o package -DskipTests)
fi

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

python3 "$ROOT/scripts/lib/import-request.py" "$COUNT" "$WORK/request.json"

CODEXMANAGER_DB_PATH="$WORK/data/codexmanager.mv.db" \
CODEXMANAGER_SERVICE_ADDR="127.0.0.1:$PORT" \
CODEXMANAGER_ISSUER="http://127.0.0.1:9" \
CODEXMANAGER_DISABLE_POLLING=1 \
    java ${JAVA_OPTS:-} -jar "$JAR" serve >"$WORK/service.log" 2>&1 &
PID=$!

for _ in $(seq 1 150); do
    if curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then
        break
    fi
    sleep 0.2
done
TOKEN="$(cat "$WORK/data/codexmanager.rpc-token")"
RSS_BEFORE_KB="$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")"

START="$(date +%s.%N)"
curl -fsS -o "$WORK/response.json" -H "Content-Type: application/json" \
    -H "X-CodexManager-Rpc-Token: $TOKEN" --data-binary "@$WORK/request.json" "http://127.0.0.1:$PORT/rpc"
END="$(date +%s.%N)"

PEAK_KB="$(awk '/VmHWM/ {print $2}' "/proc/$PID/status")"
python3 - "$WORK/response.json" "$START" "$END" "$PEAK_KB" "$RSS_BEFORE_KB" "$COUNT" "$(stat -c %s "$WORK/request.json")" <<'PY'
import json, sys
resp = json.load(open(sys.argv[1]))
if "error" in resp:
    sys.exit("import failed: %s" % resp["error"])
r = resp["result"]
secs = float(sys.argv[3]) - float(sys.argv[2])
print("accounts requested : %s (request body %.1f MiB)" % (sys.argv[6], int(sys.argv[7]) / 1048576))
print("created/updated/failed: %d/%d/%d" % (r["created"], r["updated"], r["failed"]))
print("import wall time   : %.2f s (%.0f accounts/s)" % (secs, r["created"] / secs if secs else 0))
print("service RSS before : %.0f MiB" % (int(sys.argv[5]) / 1024))
print("service peak RSS   : %.0f MiB" % (int(sys.argv[4]) / 1024))
PY
