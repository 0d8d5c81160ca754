#!/usr/bin/env bash
# Compares anju's flow core (internal/match) with LEMON's NetworkSimplex on the same network: the
# synthetic county's root network with every eligible pair (merged positions, no pruning, no cap;
# 18,509 nodes, 3,863,422 arcs). Run from the repository root:
#
#   scripts/lemon/bench.sh            # 3 runs each
#   RUNS=5 scripts/lemon/bench.sh
#
# Needs g++ and Debian's liblemon-dev (apt-get install -y g++ liblemon-dev). The C++ program
# (ns_bench.cc) is built into a temporary directory, outside the Go build. The Go benchmark
# BenchmarkFlowCore writes the network in DIMACS format (ANJU_EXPORT_NETWORK) and times anju's two
# solvers on it from scratch: the network simplex Plan uses on a fresh network ("simplex") and the
# successive-shortest-path method it uses for re-optimisation ("ssp"). Both programs print the
# minimum cost; the script checks they agree. Figures are noisy when other processes share the
# machine: compare runs made together.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

g++ -O2 -std=c++17 -o "$work/ns_bench" scripts/lemon/ns_bench.cc $(pkg-config --cflags --libs lemon 2>/dev/null || echo -lemon)
go test -c -o "$work/match.test" ./internal/match/
ANJU_EXPORT_NETWORK="$work/county.min" "$work/match.test" -test.run '^$' -test.bench 'BenchmarkFlowCore$' \
	-test.benchtime "${runs}x" -test.timeout 60m >"$work/go.log" 2>&1 || { cat "$work/go.log"; exit 1; }
"$work/ns_bench" "$work/county.min" "$runs" >"$work/lemon.log"

lemon=$(awk '/^mean NetworkSimplex/ {print $3}' "$work/lemon.log")
lemon_cost=$(awk '/^best NetworkSimplex/ {print $NF}' "$work/lemon.log")
echo "go: $(go version | cut -d' ' -f3-), cpus: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg)"
grep '^network:' "$work/lemon.log"
printf '%-28s %8.3f s  (mean of %d)\n' "LEMON NetworkSimplex" "$lemon" "$runs"
for core in simplex ssp; do
	ns=$(awk -v c="BenchmarkFlowCore/$core" '$1 ~ c {print $3}' "$work/go.log")
	cost=$(awk -v c="flow core $core:" 'index($0, c) == 1 {print $NF}' "$work/go.log" | tail -1)
	if [[ "$cost" != "$lemon_cost" ]]; then
		echo "MISMATCH: anju $core cost $cost, LEMON $lemon_cost"; exit 1
	fi
	awk -v n="$ns" -v l="$lemon" -v c="$core" -v r="$runs" \
		'BEGIN {printf "%-28s %8.3f s  (mean of %d), %.1fx LEMON\n", "anju flow core (" c ")", n/1e9, r, n/1e9/l}'
done
echo "minimum cost (both): $lemon_cost"
