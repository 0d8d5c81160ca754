package app

import (
	"time"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/match"
)

// WorkerForTest, PositionForTest and MatchConfigForTest expose the conversions to the matcher.
func WorkerForTest(h *household.Household, m household.Member, township string, now time.Time) match.Worker {
	return workerOf(h, m, township, now)
}

func PositionForTest(p job.Position) match.Position { return positionOf(p) }

func MatchConfigForTest(s job.Settings) match.Config { return matchConfig(s) }

// FullStatsPassForTest makes today's statistics read the placements collection instead of the
// members' employment summaries.
func FullStatsPassForTest(s *Services, on bool) { s.core.fullPassForToday = on }

// RosterRowsForTest exposes a household's roster rows (full ID numbers).
func RosterRowsForTest(h *household.Household) []map[string]string {
	return rosterRows(h, func(n string) string { return n })
}
