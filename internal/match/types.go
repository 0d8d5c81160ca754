package match

import "github.com/anju-cn/anju/internal/labor"

// Worker is one member of a relocated household, as the matcher sees them.
//
// Household-level facts (ZeroEmployment, Monitored, HouseholdHasWelfarePost) are repeated on every
// member; Plan treats a household as zero-employment, or as already holding a 公益性岗位, when any of
// its members says so. An empty HouseholdID makes the worker a household of their own.
type Worker struct {
	ID, HouseholdID string
	Name            string
	Age             int
	Capacity        labor.Capacity
	Pupil           bool // 在校生: never placeable
	Pensioner       bool // draws a pension: excluded from 公益性岗位 when Config.Welfare.ExcludePensioner
	Employed        bool // already holds an active placement: never suggested
	Skills          []string
	// WantsWork false (无就业意愿) means the worker is never suggested: the matcher offers jobs to
	// willing workers only, and the employment officer records the reason and a next step instead.
	WantsWork   bool
	WantedKinds []labor.Channel // kinds of work the worker wants; empty means any (and scores no intention points)
	Area        labor.Area      // intended work area; "" means 不限
	// CountyCode (6 digits) and TownshipCode (9 digits) are where the worker lives. The city is the
	// first 4 digits of the county code. An unknown (empty) county counts as outside every county.
	CountyCode, TownshipCode string
	ZeroEmployment           bool // the household has labour but nobody employed (零就业家庭)
	Monitored                bool // the household is a monitoring object (监测对象)
	HouseholdHasWelfarePost  bool // someone in the household already holds an active 公益性岗位
}

// Position is an open job position with its remaining openings.
type Position struct {
	ID, Title, EmployerName  string
	Channel                  labor.Channel
	Open                     bool
	Remaining                int            // openings minus filled
	MinCapacity              labor.Capacity // "" means any capacity (lost or no capacity is never placeable)
	AgeMin, AgeMax           int            // inclusive; 0 means unbounded on that side
	Skills                   []string       // skills the job uses; each one the worker has scores points
	MonthlyWage              int            // yuan; 0 means unknown (no wage points)
	CountyCode, TownshipCode string
}

// Config holds everything a county can tune.
type Config struct {
	Weights Weights
	// Welfare holds the 公益性岗位 rules. Note that its zero value admits nobody older than 0:
	// start from labor.DefaultWelfareRules().
	Welfare labor.WelfareRules
	// LocalMinWage is the local monthly minimum wage in yuan (e.g. 1880 in a Shanxi class-2 area);
	// 0 means unknown and disables the wage component of the score.
	LocalMinWage int
}

// DefaultConfig returns DefaultWeights, the provincial 公益性岗位 defaults and a local minimum wage
// of 1880 yuan (Shanxi class 2).
func DefaultConfig() Config {
	return Config{Weights: DefaultWeights(), Welfare: labor.DefaultWelfareRules(), LocalMinWage: 1880}
}
