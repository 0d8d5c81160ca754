#!/usr/bin/env bash
# Renders every web page on the embedded FerretDB with the 沙上头 demo site loaded, as a county
# official, through a real loopback listener: p50/p95 per page, and the compressed bytes of the
# dashboard's first load (HTML and every asset it links). Usage: scripts/bench-pages.sh [benchtime]
set -euo pipefail
cd "$(dirname "$0")/.."
benchtime="${1:-50x}"
go test -run '^$' -bench 'BenchmarkPages' -benchtime "$benchtime" -timeout 30m ./internal/http/
