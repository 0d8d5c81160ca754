#!/usr/bin/env bash
# Benchmarks the exact matching plan (internal/match) on the two synthetic instances and the two
# hard ones (welfare-heavy site, scarce county; see internal/match/matchtest) and prints, for each:
# time per plan, allocations, peak heap, peak RSS of the process, what the plan gains over the greedy
# baseline, branch-and-bound nodes, and, for the hard ones (run under the default 10 s time limit
# of PlanContext), whether the plan was proven optimal and the gap left per level.
# Run from the repository root:
#
#   scripts/bench-matching.sh            # site, welfare-heavy (20 runs), county, scarce (3 runs): about a minute
#   SITE_RUNS=50 COUNTY_RUNS=5 scripts/bench-matching.sh
#   INSTANCES=site scripts/bench-matching.sh       # only the site
#   INSTANCES="welfare-heavy scarce" scripts/bench-matching.sh
#   VERIFY_UNPRUNED=1 scripts/bench-matching.sh   # also solve with every pair in the network and compare
#                                                 # (the unpruned county takes ~15 s and ~600 MiB RSS)
#
# The time is per plan (averaged over the runs); peak heap is sampled during the runs, peak RSS is
# the whole test process's.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin="$work/match.test"
go test -c -o "$bin" ./internal/match/

have_time=0
if [[ -x /usr/bin/time ]]; then have_time=1; fi

# run NAME BENCH RUNS: runs one benchmark in its own process and prints its figures.
run() {
	local name=$1 bench=$2 runs=$3 log="$work/$1.log"
	if ((have_time)); then
		/usr/bin/time -v "$bin" -test.run '^$' -test.bench "$bench" -test.benchtime "${runs}x" \
			-test.benchmem -test.timeout 60m >"$log" 2>&1
	else
		"$bin" -test.run '^$' -test.bench "$bench" -test.benchtime "${runs}x" -test.benchmem -test.timeout 60m >"$log" 2>&1
	fi
	# Benchmark line: name N value unit value unit ... -> unit=value pairs.
	local line
	line=$(grep -E '^Benchmark' "$log" | tail -1)
	declare -gA m=()
	local -a f
	read -r -a f <<<"$line"
	for ((i = 2; i + 1 < ${#f[@]}; i += 2)); do v=${f[i]}; v=${v%.000}; m[${f[i + 1]}]=${v%.0}; done
	local rss="n/a"
	if ((have_time)); then
		rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f MiB", $2/1024}' "$log")
	fi
	printf '%-8s %8.3f s/plan  %9.1f MiB/op  %9s allocs/op  peak heap %6.0f MiB  peak RSS %s\n' \
		"$name" "$(awk -v n="${m[ns/op]}" 'BEGIN{print n/1e9}')" "$(awk -v n="${m[B/op]}" 'BEGIN{print n/1048576}')" \
		"${m[allocs/op]}" "${m[peak-heap-MiB]:-0}" "$rss"
	printf '         zero-employment households helped: plan %s, greedy %s (+%s)\n' \
		"${m[zero-hh-plan]}" "${m[zero-hh-greedy]}" "$(awk -v a="${m[zero-hh-plan]}" -v b="${m[zero-hh-greedy]}" 'BEGIN{print a-b}')"
	printf '         placements: plan %s, greedy %s (+%s); total score: plan %s, greedy %s\n' \
		"${m[placed-plan]}" "${m[placed-greedy]}" "$(awk -v a="${m[placed-plan]}" -v b="${m[placed-greedy]}" 'BEGIN{print a-b}')" \
		"${m[score-plan]}" "${m[score-greedy]}"
	printf '         eligible pairs %s, never in the network %s, branch-and-bound nodes %s\n' \
		"${m[pairs]}" "${m[pruned-pairs]}" "${m[bb-nodes]}"
	printf '         proven optimal: %s; gap left (zero-employment households, placements, score): %s, %s, %s\n' \
		"$([[ "${m[optimal]}" == 1 ]] && echo yes || echo no)" "${m[gap-zero-hh]}" "${m[gap-placed]}" "${m[gap-score]}"
	eval "${name//-/_}_totals='${m[zero-hh-plan]} ${m[placed-plan]} ${m[score-plan]}'"
}

echo "go: $(go version | cut -d' ' -f3-), cpus: $(nproc)"
instances=${INSTANCES:-site welfare-heavy county scarce}
for inst in $instances; do
	runs=20
	if [[ $inst == county || $inst == scarce ]]; then runs=${COUNTY_RUNS:-3}; else runs=${SITE_RUNS:-20}; fi
	run "$inst" "BenchmarkPlan\$/^$inst\$" "$runs"
done
echo "merging: identical positions share one network node (exact by construction); pair counts are"
echo "         of the original positions."
echo "pruning: every pair left out of the network ends with a non-negative reduced cost (pricing),"
echo "         which proves the pruned optimum is the unpruned one; the site instance is small enough"
echo "         to keep every pair (nothing pruned)."
if [[ "${VERIFY_UNPRUNED:-0}" == 1 ]]; then
	for inst in $instances; do
		if [[ $inst == welfare-heavy || $inst == scarce ]]; then continue; fi
		run "$inst-unpruned" "BenchmarkPlanUnpruned\$/^$inst\$" 1
		a="${inst}_totals" b="${inst}_unpruned_totals"
		if [[ "${!a}" == "${!b}" ]]; then
			echo "         $inst: pruned and unpruned optimum identical (${!a})"
		else
			echo "         $inst: MISMATCH pruned (${!a}) vs unpruned (${!b})"
			exit 1
		fi
	done
fi
