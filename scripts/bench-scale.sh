#!/usr/bin/env bash
# County-scale benchmarks of the embedded database (issue 9): 10 demo sites, 3 years of history
# (about 30,000 people and over a million audit entries), then BenchmarkScale on a copy.
#
#   scripts/bench-scale.sh [DATA_DIR]     # default /tmp/anju-bench-scale; built once, reused
#
# Building the data takes about 8 minutes on 2 cores; each benchmark run copies it first.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-/tmp/anju-bench-scale}
bin=$(mktemp -d)/anju
go build -o "$bin" ./cmd/anju
if [ ! -f "$data/anju.sqlite" ]; then
	"$bin" seed --demo --sites 10 -data "$data"
	"$bin" history --years 3 -data "$data"
fi
run="$data.run"
rm -rf "$run"
cp -r "$data" "$run"
rm -f "$run/anju.lock" "$run/ferretdb.sock"
ANJU_BENCH_DATA="$run" go test -run '^$' -bench 'BenchmarkScale' -benchtime 200x -timeout 60m -v ./internal/http/ |
	grep -E 'Benchmark|start-up|ok|FAIL'
