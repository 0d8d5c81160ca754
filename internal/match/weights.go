package match

// Weights are the integer points of each fit-score component. They are the only tuning knobs of the
// score; a county can change any of them. Negative values are allowed (they act as penalties).
//
// Plan uses exact integer arithmetic whose big constants grow with the spread of possible scores;
// keep every weight within ±10,000 (the defaults are below 30).
type Weights struct {
	Skill          int // per position skill the worker has ("技能匹配: 焊工")
	MaxSkills      int // at most this many matched skills score (cap); <= 0 means no skill points
	SameTownship   int // worker and position in the same township ("同乡镇, 通勤近")
	SameCounty     int // same county, other township ("同县")
	SameCity       int // same city (first 4 digits of the county code), other county ("同市")
	OtherCity      int // both counties known, different cities ("跨市")
	WantedKind     int // the position's channel is one the worker wants ("意愿岗位类型: 帮扶车间")
	AboveMinWage   int // monthly wage above the local minimum wage
	BelowMinWage   int // monthly wage below the local minimum wage (a penalty: use a negative value)
	ZeroEmployment int // the worker's household is a zero-employment household ("零就业家庭优先")
	Monitored      int // the worker's household is a monitoring object ("监测户优先")
	WeakWelfare    int // weak labour on a 公益性岗位 ("弱劳动力适合公益性岗位")
	WeakWorkshop   int // weak labour on a 帮扶车间 position ("弱劳动力适合帮扶车间")
}

// DefaultWeights returns the default points table:
//
//	component                         reason text                    points
//	-------------------------------   ----------------------------   ------
//	each matched skill (at most 2)    技能匹配: <skill>               +10
//	same township                     同乡镇, 通勤近                   +15
//	same county                       同县                            +8
//	same city                         同市                            +3
//	different city                    跨市                            -5
//	wanted kind of work               意愿岗位类型: <channel>          +10
//	wage above local minimum          工资高于当地最低工资标准          +5
//	wage below local minimum          工资低于当地最低工资标准          -10
//	zero-employment household         零就业家庭优先                   +20
//	monitored household               监测户优先                      +10
//	weak labour on 公益性岗位          弱劳动力适合公益性岗位            +15
//	weak labour on 帮扶车间            弱劳动力适合帮扶车间              +10
//
// A wage equal to the minimum scores nothing; so does an unknown wage or minimum.
func DefaultWeights() Weights {
	return Weights{
		Skill: 10, MaxSkills: 2,
		SameTownship: 15, SameCounty: 8, SameCity: 3, OtherCity: -5,
		WantedKind:   10,
		AboveMinWage: 5, BelowMinWage: -10,
		ZeroEmployment: 20, Monitored: 10,
		WeakWelfare: 15, WeakWorkshop: 10,
	}
}
