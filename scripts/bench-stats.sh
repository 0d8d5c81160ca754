#!/usr/bin/env bash
# Benchmarks the county statistics on the embedded database, with real demo data, for 1 demo site and
# for N sites (default 15, about 45,000 people):
#   - `anju export statistics` from the command line: wall time and peak RSS (these include opening
#     the database: loading the read model and the repair pass);
#   - the same workbook downloaded from a running server, 3 times: time, and the server's RSS before
#     and its peak (VmHWM) after, so the memory the workbook itself takes shows;
#   - GET /api/v1/stats for the county: p50 and p95 over 200 requests.
# The bare-excelize baseline (the same rows written by a plain StreamWriter) is the Go benchmark
#   go test -run XXX -bench 'WriteStatistics|BareStreamWriter' -benchtime 5x -count 3 ./internal/excel/
# Usage: scripts/bench-stats.sh [sites]   (seeding 15 sites takes several minutes once; the data
# directories are kept under /tmp/anju-bench-stats-* for later runs)
set -euo pipefail
cd "$(dirname "$0")/.."
sites="${1:-15}"
go build -o /tmp/anju-bench ./cmd/anju
pass='Bench-Stats-2026' # the first start creates admin with it; later starts find the same account
for n in 1 "$sites"; do
  dir="/tmp/anju-bench-stats-$n"
  if [ ! -d "$dir" ]; then
    echo "seeding $n demo site(s) into $dir ..."
    ANJU_DATA_DIR="$dir" /tmp/anju-bench seed --demo --sites "$n" 2>/dev/null
  fi
  rm -f "/tmp/anju-bench-stats-$n.xlsx"
  /usr/bin/time -f "== $n site(s): anju export statistics: %e s, peak RSS %M KB" \
    env ANJU_DATA_DIR="$dir" /tmp/anju-bench export statistics --county 140524 -o "/tmp/anju-bench-stats-$n.xlsx" 2>&1 \
    | grep -E 'export statistics'
  ANJU_DATA_DIR="$dir" ANJU_ADDR=127.0.0.1:18099 ANJU_ADMIN_PASSWORD="$pass" /tmp/anju-bench >/tmp/anju-bench-serve.log 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do curl -sf 127.0.0.1:18099/healthz >/dev/null && break; sleep 0.1; done
  token=$(curl -s -X POST 127.0.0.1:18099/api/v1/auth/login -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$pass\"}" | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
  rss() { awk '/^'"$1"':/ {print $2}' /proc/$pid/status; }
  before=$(rss VmRSS)
  for _ in 1 2 3; do
    curl -s -o /dev/null -w "   workbook from the running server: %{time_total} s, %{size_download} bytes\n" \
      -H "Authorization: Bearer $token" "127.0.0.1:18099/api/v1/exports/statistics.xlsx?countyCode=140524"
  done
  echo "   server RSS before the workbooks ${before} KB, peak (VmHWM) after them $(rss VmHWM) KB"
  for _ in $(seq 1 200); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "127.0.0.1:18099/api/v1/stats?countyCode=140524"
  done | sort -n | awk '{a[NR]=$1} END {printf "   GET /api/v1/stats for the county, 200 requests: p50 %.1f ms, p95 %.1f ms\n", a[int(NR*0.5)]*1000, a[int(NR*0.95)]*1000}'
  kill $pid; wait $pid 2>/dev/null || true
done
