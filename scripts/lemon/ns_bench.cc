// ns_bench: solves a min-cost flow network in DIMACS "min" format with LEMON's NetworkSimplex
// (default pivot rule: block search) and prints the best and mean solve time of several runs.
//
// It measures the reference for anju's flow core (internal/match): the Go benchmark
// BenchmarkFlowCore exports the county network with ANJU_EXPORT_NETWORK=path, and
// scripts/lemon/bench.sh builds this program and runs both. It is not part of the Go build.
//
// Usage: ns_bench network.min [runs]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <lemon/dimacs.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

using Digraph = lemon::SmartDigraph;
using Cost = long long;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s network.min [runs]\n", argv[0]);
    return 2;
  }
  int runs = argc > 2 ? std::atoi(argv[2]) : 3;
  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", argv[1]);
    return 1;
  }
  Digraph g;
  Digraph::ArcMap<int> lower(g), cap(g);
  Digraph::ArcMap<Cost> cost(g);
  Digraph::NodeMap<int> supply(g);
  auto t0 = std::chrono::steady_clock::now();
  lemon::readDimacsMin(in, g, lower, cap, cost, supply);
  auto t1 = std::chrono::steady_clock::now();
  std::printf("network: %d nodes, %d arcs, read in %.3f s\n", lemon::countNodes(g), lemon::countArcs(g),
              std::chrono::duration<double>(t1 - t0).count());
  double best = 1e300, sum = 0;
  Cost total = 0;
  for (int r = 0; r < runs; r++) {
    auto s = std::chrono::steady_clock::now();
    lemon::NetworkSimplex<Digraph, int, Cost> ns(g);
    ns.lowerMap(lower).upperMap(cap).costMap(cost).supplyMap(supply);
    auto status = ns.run();
    auto e = std::chrono::steady_clock::now();
    if (status != lemon::NetworkSimplex<Digraph, int, Cost>::OPTIMAL) {
      std::fprintf(stderr, "NetworkSimplex: not optimal (status %d)\n", int(status));
      return 1;
    }
    total = ns.totalCost();
    double sec = std::chrono::duration<double>(e - s).count();
    std::printf("run %d: NetworkSimplex %.3f s\n", r + 1, sec);
    if (sec < best) best = sec;
    sum += sec;
  }
  std::printf("mean NetworkSimplex: %.3f s\n", sum / runs);
  std::printf("best NetworkSimplex: %.3f s, total cost %lld\n", best, total);
  return 0;
}
