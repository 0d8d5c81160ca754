#!/usr/bin/env bash
# Screenshots of every page for every role, on the demo data: builds anju, loads the demo site into
# a fresh temporary data directory, starts anju there, creates one account per role and runs
# scripts/screenshots (chromedp + Chromium). Usage: scripts/screenshots.sh [OUT_DIR] (default: screenshots/)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-screenshots}"
PORT="${ANJU_SCREENSHOT_PORT:-18080}"
WORK="$(mktemp -d)"
PW='Screens-Passw0rd-2026'
export ANJU_DATA_DIR="$WORK/data" ANJU_ADMIN_PASSWORD="$PW" ANJU_ADDR="127.0.0.1:$PORT"
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || { echo "needs Chromium (apt-get install -y chromium)"; exit 1; }

go build -o "$WORK/anju" ./cmd/anju
"$WORK/anju" seed --demo
"$WORK/anju" >"$WORK/anju.log" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done

api() { curl -sf -X "$1" "http://127.0.0.1:$PORT$2" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
TOKEN=$(curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"'"$PW"'"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
SITE=$(api GET /api/v1/sites | python3 -c 'import json,sys;print(json.load(sys.stdin)["items"][0]["id"])')
api POST /api/v1/users '{"username":"zhanpoint","displayName":"李站长","password":"'"$PW"'","role":"site","countyCode":"140524","siteIds":["'"$SITE"'"]}' >/dev/null
api POST /api/v1/users '{"username":"jiuye","displayName":"王专员","password":"'"$PW"'","role":"employment","countyCode":"140524"}' >/dev/null
api POST /api/v1/users '{"username":"xianli","displayName":"赵科长","password":"'"$PW"'","role":"county","countyCode":"140524"}' >/dev/null

go run ./scripts/screenshots -base "http://127.0.0.1:$PORT" -out "$OUT" \
  -login "zhanpoint:$PW" -login "jiuye:$PW" -login "xianli:$PW" -login "admin:$PW"
echo "screenshots in $OUT/"
