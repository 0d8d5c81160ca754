package stats

import (
	"slices"
	"time"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

// TotalName is the SiteName of the total row.
const TotalName = "合计"

// Row holds the figures of one site, or of all sites together in the total row.
type Row struct {
	SiteID     string // empty in the total row
	SiteName   string // TotalName in the total row
	CountyCode string // empty in the total row when sites of several counties are counted

	Households int // 户数: households living at the site that day
	People     int // 人数: their members present that day
	LaborForce int // 劳动力
	Employed   int // 已就业
	// EmployedByChannel splits Employed by channel; every labor.Channels key is present.
	EmployedByChannel map[labor.Channel]int
	// EmployedByPlace splits Employed by place; every Places key is present.
	EmployedByPlace        map[string]int
	Welfare                int // of the employed, 公益性岗位
	Workshop               int // of the employed, 帮扶车间
	SelfEmployed           int // of the employed, 自主创业
	UnemployedWithCapacity int // 有劳动能力未就业: LaborForce - Employed
	WeakLabor              int // 弱劳动力或半劳动力 in the labour force
	Trained                int // 培训人数 in the labour force
	// EmploymentRate is Employed / LaborForce (0 with no labour force), between 0 and 1.
	EmploymentRate           float64
	ZeroEmploymentHouseholds int // 零就业家庭
}

func newRow(id, name, county string) Row {
	r := Row{SiteID: id, SiteName: name, CountyCode: county,
		EmployedByChannel: make(map[labor.Channel]int, len(labor.Channels)), EmployedByPlace: make(map[string]int, len(Places))}
	for _, c := range labor.Channels {
		r.EmployedByChannel[c] = 0
	}
	for _, p := range Places {
		r.EmployedByPlace[p] = 0
	}
	return r
}

// add counts one household snapshot into the row.
func (r *Row) add(s *Snapshot) {
	if !s.Present {
		return
	}
	r.Households++
	r.People += len(s.Members)
	for _, m := range s.Members {
		if !m.LaborForce {
			continue
		}
		r.LaborForce++
		if weakLabor(m.Member) {
			r.WeakLabor++
		}
		if trained(m.Member) {
			r.Trained++
		}
		if !m.Employed() {
			r.UnemployedWithCapacity++
			continue
		}
		r.Employed++
		ch := m.Placement.Channel
		r.EmployedByChannel[ch]++
		r.EmployedByPlace[placeOf(ch)]++
		switch {
		case ch == labor.Welfare:
			r.Welfare++
		case ch == labor.Workshop:
			r.Workshop++
		case selfEmployed(ch):
			r.SelfEmployed++
		}
	}
	if s.Zero {
		r.ZeroEmploymentHouseholds++
	}
}

// merge adds the counts of o into r.
func (r *Row) merge(o *Row) {
	r.Households += o.Households
	r.People += o.People
	r.LaborForce += o.LaborForce
	r.Employed += o.Employed
	for k, v := range o.EmployedByChannel {
		r.EmployedByChannel[k] += v
	}
	for k, v := range o.EmployedByPlace {
		r.EmployedByPlace[k] += v
	}
	r.Welfare += o.Welfare
	r.Workshop += o.Workshop
	r.SelfEmployed += o.SelfEmployed
	r.UnemployedWithCapacity += o.UnemployedWithCapacity
	r.WeakLabor += o.WeakLabor
	r.Trained += o.Trained
	r.ZeroEmploymentHouseholds += o.ZeroEmploymentHouseholds
}

// Report is the statistics of a scope as of the end of a day: one row per site and a total row.
type Report struct {
	AsOf  time.Time // the day, at midnight UTC
	Sites []Row     // in the order the sites were given; sites met only through households follow, by id
	Total Row
}

// Input is everything Compute reads: the sites of the scope, their households (with FormerMembers and
// MoveOut) and the households' placements, active and ended.
type Input struct {
	Sites      []household.Site
	Households []household.Household
	Placements []job.Placement
}

// Counter accumulates the report one household at a time, so that a scoped pass over storage never
// holds a whole county. The pass must include moved-out households (and removed members): they count
// on the days before they left. It is not safe for concurrent use.
type Counter struct {
	asOf  day
	order []string
	rows  map[string]*Row
	given map[string]bool // sites given to NewCounter
}

// NewCounter returns a counter of the figures as of the end of the day asOf: the calendar date of asOf
// in its own location, so pass a date at midnight UTC or a time in China's zone, not a UTC instant.
// sites gives the rows and their order; a site without households still gets its row of zeros.
func NewCounter(asOf time.Time, sites ...household.Site) *Counter {
	c := &Counter{asOf: dayOf(asOf), rows: make(map[string]*Row, len(sites)), given: make(map[string]bool, len(sites))}
	for _, s := range sites {
		c.row(s.ID, s.Name, s.CountyCode)
		c.given[s.ID] = true
	}
	return c
}

func (c *Counter) row(id, name, county string) *Row {
	if r, ok := c.rows[id]; ok {
		return r
	}
	r := newRow(id, name, county)
	c.rows[id] = &r
	c.order = append(c.order, id)
	return &r
}

// Add counts household h, given its placements (active and ended; others are ignored), and returns its
// snapshot so that the same pass can produce the detail rows. A household of a site not given to
// NewCounter gets a row named by its site id.
func (c *Counter) Add(h *household.Household, placements []job.Placement) Snapshot {
	s := Evaluate(h, placements, c.asOf.time())
	c.row(h.SiteID, h.SiteID, h.CountyCode).add(&s)
	return s
}

// Report returns the figures counted so far. The counter may keep counting afterwards.
func (c *Counter) Report() Report {
	rep := Report{AsOf: c.asOf.time(), Total: newRow("", TotalName, "")}
	order := slices.Clone(c.order)
	// Sites met only through households (no name given) follow the named ones, sorted by id.
	slices.SortStableFunc(order, func(a, b string) int {
		ua, ub := c.unnamed(a), c.unnamed(b)
		switch {
		case ua && ub:
			return compareStrings(a, b)
		case ua:
			return 1
		case ub:
			return -1
		}
		return 0
	})
	counties := map[string]bool{}
	for _, id := range order {
		r := *c.rows[id]
		r.EmployedByChannel = cloneMap(r.EmployedByChannel)
		r.EmployedByPlace = cloneMap(r.EmployedByPlace)
		r.UnemployedWithCapacity = r.LaborForce - r.Employed
		r.EmploymentRate = employmentRate(r.Employed, r.LaborForce)
		rep.Sites = append(rep.Sites, r)
		rep.Total.merge(&r)
		counties[r.CountyCode] = true
	}
	if len(counties) == 1 && len(rep.Sites) > 0 {
		rep.Total.CountyCode = rep.Sites[0].CountyCode
	}
	rep.Total.EmploymentRate = employmentRate(rep.Total.Employed, rep.Total.LaborForce)
	return rep
}

func (c *Counter) unnamed(id string) bool { return !c.given[id] }

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cloneMap[K comparable](m map[K]int) map[K]int {
	out := make(map[K]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Compute returns the report of in as of the end of the day asOf. Placements are matched to households
// by HouseholdID.
func Compute(in Input, asOf time.Time) Report {
	c := NewCounter(asOf, in.Sites...)
	byHousehold := groupPlacements(in.Placements)
	for i := range in.Households {
		h := &in.Households[i]
		c.Add(h, byHousehold[h.ID])
	}
	return c.Report()
}

// groupPlacements indexes placements by household id.
func groupPlacements(ps []job.Placement) map[string][]job.Placement {
	m := make(map[string][]job.Placement)
	for _, p := range ps {
		m[p.HouseholdID] = append(m[p.HouseholdID], p)
	}
	return m
}
