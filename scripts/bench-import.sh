#!/usr/bin/env bash
# Benchmarks the roster import (the demo site's ~3,000 rows / 709 households as a workbook) against
# registering the same households through the JSON API, and the roster export of the demo site, on
# the embedded FerretDB. Peak RSS covers the measured part only (embedded database included).
# Usage: scripts/bench-import.sh [benchtime]   (default 1x)
set -euo pipefail
cd "$(dirname "$0")/.."
benchtime="${1:-1x}"
go test -run '^$' -bench 'BenchmarkImportVsAPI|BenchmarkExportRoster' -benchtime "$benchtime" -timeout 60m ./internal/app/
