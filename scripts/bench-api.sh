#!/usr/bin/env bash
# Benchmarks the hot API paths on the embedded FerretDB with the 沙上头 demo site loaded
# (about 709 households / 2,978 people), through a real loopback HTTP listener.
# Usage: scripts/bench-api.sh [benchtime]   (default 200x requests per path)
set -euo pipefail
cd "$(dirname "$0")/.."
benchtime="${1:-200x}"
go test -run '^$' -bench 'BenchmarkAPI' -benchtime "$benchtime" -benchmem -timeout 30m ./internal/http/
