package http

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/match"
)

type reasonJSON struct {
	Text   string `json:"text"`
	Points int    `json:"points"`
}

func reasonsOut(sc match.Score) []reasonJSON {
	out := make([]reasonJSON, 0, len(sc.Reasons))
	for _, r := range sc.Reasons {
		out = append(out, reasonJSON{Text: r.Text, Points: r.Points})
	}
	return out
}

type candidateJSON struct {
	MemberID                string       `json:"memberId"`
	Name                    string       `json:"name"`
	HouseholdID             string       `json:"householdId"`
	SiteID                  string       `json:"siteId"`
	Age                     int          `json:"age"`
	Sex                     string       `json:"sex"`
	LaborCapacity           string       `json:"laborCapacity" enum:"laborCapacities"`
	Skills                  []string     `json:"skills"`
	ZeroEmploymentHousehold bool         `json:"zeroEmploymentHousehold"`
	Score                   int          `json:"score"`
	Reasons                 []reasonJSON `json:"reasons"`
}

func candidateOut(v app.MemberView, sc match.Score, age int) candidateJSON {
	return candidateJSON{MemberID: v.ID, Name: v.Name, HouseholdID: v.HouseholdID, SiteID: v.SiteID, Age: age,
		Sex: string(v.Sex), LaborCapacity: string(v.LaborCapacity), Skills: nonNil(v.Skills),
		ZeroEmploymentHousehold: v.ZeroEmploymentHH, Score: sc.Total, Reasons: reasonsOut(sc)}
}

func (s *Server) candidates(c *fiber.Ctx) error {
	limit, err := queryInt(c, "limit", 20, 1, 500)
	if err != nil {
		return err
	}
	cs, err := s.Svc.Matching.Candidates(c.UserContext(), c.Params("id"), limit)
	if err != nil {
		return err
	}
	now := s.Svc.Now()
	items := make([]candidateJSON, 0, len(cs))
	for _, x := range cs {
		items = append(items, candidateOut(x.Member, x.Score, x.Member.Age(now)))
	}
	return c.JSON(list[candidateJSON]{Items: items, Total: len(items)})
}

type recommendationJSON struct {
	Position positionJSON `json:"position"`
	Score    int          `json:"score"`
	Reasons  []reasonJSON `json:"reasons"`
}

func (s *Server) recommendations(c *fiber.Ctx) error {
	limit, err := queryInt(c, "limit", 20, 1, 500)
	if err != nil {
		return err
	}
	rs, err := s.Svc.Matching.Recommendations(c.UserContext(), c.Params("id"), limit)
	if err != nil {
		return err
	}
	items := make([]recommendationJSON, 0, len(rs))
	for _, r := range rs {
		items = append(items, recommendationJSON{Position: positionOut(r.Position), Score: r.Score.Total, Reasons: reasonsOut(r.Score)})
	}
	return c.JSON(list[recommendationJSON]{Items: items, Total: len(items)})
}

type planRequest struct {
	SiteID      string `json:"siteId,omitempty"`
	CountyCode  string `json:"countyCode,omitempty"`
	TimeLimitMs int    `json:"timeLimitMs,omitempty"` // default 10000
}

type totalsJSON struct {
	ZeroHouseholdsHelped int `json:"zeroHouseholdsHelped"`
	Placements           int `json:"placements"`
	TotalScore           int `json:"totalScore"`
}

type planRowJSON struct {
	MemberID      string       `json:"memberId"`
	Name          string       `json:"name"`
	HouseholdID   string       `json:"householdId"`
	ZeroHousehold bool         `json:"zeroEmploymentHousehold"`
	PositionID    string       `json:"positionId"`
	PositionTitle string       `json:"positionTitle"`
	EmployerName  string       `json:"employerName"`
	Channel       string       `json:"channel"`
	Score         int          `json:"score"`
	Reasons       []reasonJSON `json:"reasons"`
}

type planJSON struct {
	Scope   string        `json:"scope"`
	ScopeID string        `json:"scopeId"`
	Items   []planRowJSON `json:"items"`
	Totals  totalsJSON    `json:"totals"`
	Greedy  totalsJSON    `json:"greedy"`
	Gain    totalsJSON    `json:"gain"`
	// Optimal is false when the time limit stopped the search; Bound then holds proven upper bounds on
	// each level of the optimum (Bound - Totals is the most the plan can be improved by).
	Optimal bool       `json:"optimal"`
	Bound   totalsJSON `json:"bound"`
	Stats   struct {
		Workers   int     `json:"workers"`
		Positions int     `json:"positions"`
		Openings  int     `json:"openings"`
		Pairs     int     `json:"pairs"`
		Seconds   float64 `json:"seconds"`
	} `json:"stats"`
}

func (s *Server) plan(c *fiber.Ctx) error {
	var r planRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	res, err := s.Svc.Matching.Plan(c.UserContext(), app.PlanQuery{SiteID: r.SiteID, CountyCode: r.CountyCode,
		TimeLimit: time.Duration(r.TimeLimitMs) * time.Millisecond})
	if err != nil {
		return err
	}
	out := planJSON{Scope: res.Scope, ScopeID: res.ScopeID, Items: []planRowJSON{},
		Totals: totalsJSON(res.Totals), Greedy: totalsJSON(res.Greedy), Optimal: res.Optimal, Bound: totalsJSON(res.Bound),
		Gain: totalsJSON{ZeroHouseholdsHelped: res.Totals.ZeroHouseholdsHelped - res.Greedy.ZeroHouseholdsHelped,
			Placements: res.Totals.Placements - res.Greedy.Placements, TotalScore: res.Totals.TotalScore - res.Greedy.TotalScore}}
	out.Stats.Workers, out.Stats.Positions, out.Stats.Openings, out.Stats.Pairs = res.Stats.Workers, res.Stats.Positions, res.Stats.Openings, res.Stats.Pairs
	out.Stats.Seconds = res.Took.Seconds()
	for _, row := range res.Rows {
		out.Items = append(out.Items, planRowJSON{MemberID: row.Member.ID, Name: row.Member.Name, HouseholdID: row.Member.HouseholdID,
			ZeroHousehold: row.Member.ZeroEmploymentHH, PositionID: row.Position.ID, PositionTitle: row.Position.Title,
			EmployerName: row.Position.EmployerName, Channel: string(row.Position.Channel), Score: row.Score.Total, Reasons: reasonsOut(row.Score)})
	}
	return c.JSON(out)
}

type applyRequest struct {
	StartDate string `json:"startDate" required:"true" format:"date"`
	Rows      []struct {
		MemberID   string `json:"memberId" required:"true"`
		PositionID string `json:"positionId" required:"true"`
	} `json:"rows" required:"true"`
}

type applyRowJSON struct {
	MemberID   string         `json:"memberId"`
	PositionID string         `json:"positionId"`
	Status     int            `json:"status"`
	Placement  *placementJSON `json:"placement,omitempty"`
	Error      string         `json:"error,omitempty"`
	ErrorCode  string         `json:"errorCode,omitempty"`
}

func (s *Server) applyPlan(c *fiber.Ctx) error {
	var r applyRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	rows := make([]app.ApplyRow, 0, len(r.Rows))
	for _, x := range r.Rows {
		rows = append(rows, app.ApplyRow{MemberID: x.MemberID, PositionID: x.PositionID})
	}
	outs, err := s.Svc.Matching.ApplyPlan(c.UserContext(), rows, parseDate(r.StartDate))
	if err != nil {
		return err
	}
	items := make([]applyRowJSON, 0, len(outs))
	placed := 0
	for _, o := range outs {
		row := applyRowJSON{MemberID: o.Row.MemberID, PositionID: o.Row.PositionID, Status: fiber.StatusCreated}
		if o.Placement != nil {
			p := placementOut(*o.Placement)
			row.Placement = &p
			placed++
		} else {
			row.Status, row.Error, row.ErrorCode = statusOf[o.Code], o.Error, string(o.Code)
		}
		items = append(items, row)
	}
	return c.JSON(fiber.Map{"items": items, "total": len(items), "placed": placed, "failed": len(items) - placed})
}
