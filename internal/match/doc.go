// Package match matches unemployed workers of relocation sites to local jobs (人岗匹配).
//
// It is pure and deterministic: no database, no HTTP, no clocks, no randomness. (Instance generators
// for tests and benchmarks live in the test-support package matchtest.) The service layer converts its records into Worker and Position
// values and calls:
//
//   - Eligible: the hard rules, with a Chinese reason for the first rule a pair fails;
//   - ScorePair: the fit score of a pair, as integer points with one Chinese reason per component;
//   - Candidates and Recommendations: eligible workers for a position, or positions for a worker,
//     best first;
//   - Plan: the site- or county-wide assignment that exactly maximises, in this order, the number of
//     zero-employment households (零就业家庭) helped, the number of placements and the total fit score,
//     with a greedy baseline for comparison.
//
// All weights live in one table, Weights, that a county can tune; DefaultWeights documents the defaults.
// Identical inputs give identical outputs, including the order of ties, whatever the order of the input
// slices. Worker and Position IDs are assumed unique.
package match
