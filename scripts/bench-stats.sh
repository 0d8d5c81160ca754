#!/usr/bin/env bash
# Benchmarks the county statistics on the embedded database, with real demo data:
#   - the county workbook (anju export statistics) of 1 demo site and of N sites: wall time and peak RSS;
#   - GET /api/v1/stats for the county through a running server: p50 and p95 over 200 requests.
# The bare-excelize baseline (same rows written by a plain StreamWriter) is the Go benchmark
#   go test -run XXX -bench 'WriteStatistics|BareStreamWriter' -benchtime 5x -count 3 ./internal/excel/
# Usage: scripts/bench-stats.sh [sites]   (default 15; seeding 15 sites takes about 5 minutes once,
# the data directories are kept under /tmp/anju-bench-stats-* for the next run)
set -euo pipefail
cd "$(dirname "$0")/.."
sites="${1:-15}"
go build -o /tmp/anju-bench ./cmd/anju
for n in 1 "$sites"; do
  dir="/tmp/anju-bench-stats-$n"
  if [ ! -d "$dir" ]; then
    echo "seeding $n demo site(s) into $dir ..."
    ANJU_DATA_DIR="$dir" /tmp/anju-bench seed --demo --sites "$n" 2>/dev/null
  fi
  rm -f "/tmp/anju-bench-stats-$n.xlsx"
  /usr/bin/time -f "workbook of $n site(s): %e s, peak RSS %M KB" \
    env ANJU_DATA_DIR="$dir" /tmp/anju-bench export statistics --county 140524 -o "/tmp/anju-bench-stats-$n.xlsx" 2>&1 \
    | grep -E 'workbook of|written'
  ls -l "/tmp/anju-bench-stats-$n.xlsx" | awk '{print "  file size", $5, "bytes"}'
done

dir="/tmp/anju-bench-stats-$sites"
pass='Bench-Stats-2026' # the first start creates admin with it; later starts find the same account
ANJU_DATA_DIR="$dir" ANJU_ADDR=127.0.0.1:18099 ANJU_ADMIN_PASSWORD="$pass" /tmp/anju-bench >/tmp/anju-bench-serve.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do curl -sf 127.0.0.1:18099/healthz >/dev/null && break; sleep 0.1; done
token=$(curl -s -X POST 127.0.0.1:18099/api/v1/auth/login -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$pass\"}" | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
for i in $(seq 1 200); do
  curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "127.0.0.1:18099/api/v1/stats?countyCode=140524"
done | sort -n | awk '{a[NR]=$1} END {printf "GET /api/v1/stats, county of %s sites, 200 requests: p50 %.1f ms, p95 %.1f ms\n", "'"$sites"'", a[int(NR*0.5)]*1000, a[int(NR*0.95)]*1000}'
