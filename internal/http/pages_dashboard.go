package http

import (
	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/page"
	"github.com/anju-cn/anju/internal/stats"
)

// chartSpec is what app.js draws: categories, series, a unit or percentages.
type chartSpec struct {
	Categories []string      `json:"categories"`
	Series     []chartSeries `json:"series"`
	Unit       string        `json:"unit,omitempty"`
	Percent    bool          `json:"percent,omitempty"`
}

type chartSeries struct {
	Name string    `json:"name"`
	Data []float64 `json:"data"`
}

// todo is one zero-employment household on the to-do list, with its 3- and 5-day clocks.
type todo struct {
	app.ZeroHousehold
	Head     string
	Overdue  bool // past the 5-day clearing day
	HelpLate bool // past the 3-day help day
}

type dashboardData struct {
	Report   stats.Report
	Channel  chartSpec
	Sites    chartSpec
	Trend    chartSpec
	Todo     []todo
	TodoMore int
	Overdue  int
}

func (s *Server) dashboardPage(c *fiber.Ctx) error {
	ctx := c.UserContext()
	rep, err := s.Svc.Stats.Report(ctx, app.StatsQuery{})
	if err != nil {
		return err
	}
	zero, err := s.Svc.Jobs.ListZeroEmployment(ctx, app.ZeroQuery{Page: page.Request{Page: 1, Size: 10}})
	if err != nil {
		return err
	}
	d := dashboardData{Report: rep, TodoMore: zero.Total - len(zero.Items)}
	d.Channel = chartSpec{Unit: "人", Series: []chartSeries{{Name: "就业人数"}}}
	for _, ch := range labor.Channels {
		d.Channel.Categories = append(d.Channel.Categories, string(ch))
		d.Channel.Series[0].Data = append(d.Channel.Series[0].Data, float64(rep.Total.EmployedByChannel[ch]))
	}
	d.Sites = chartSpec{Percent: true, Series: []chartSeries{{Name: "就业率"}}}
	for _, r := range rep.Sites {
		d.Sites.Categories = append(d.Sites.Categories, r.SiteName)
		d.Sites.Series[0].Data = append(d.Sites.Series[0].Data, float64(int(r.EmploymentRate*1000+0.5))/10)
	}
	now := s.Svc.Now()
	for _, z := range zero.Items {
		t := todo{ZeroHousehold: z, Overdue: now.After(z.ClearDue), HelpLate: now.After(z.HelpDue)}
		for _, m := range z.Household.Members {
			if m.Relation == "户主" {
				t.Head = m.Name
			}
		}
		if t.Overdue {
			d.Overdue++
		}
		d.Todo = append(d.Todo, t)
	}
	p := s.page(c, "工作台", "/")
	p.Data = d
	return s.render(c, fiber.StatusOK, "dashboard", p)
}

// dashboardTrend is the monthly trend chart, fetched by the dashboard after it has loaded (counting
// twelve month-ends takes longer than the rest of the page).
func (s *Server) dashboardTrend(c *fiber.Ctx) error {
	trend, err := s.Svc.Stats.Trend(c.UserContext(), app.TrendQuery{SiteID: c.Query("siteId")})
	if err != nil {
		return err
	}
	spec := chartSpec{Unit: "人", Series: []chartSeries{{Name: "已就业"}, {Name: "新增就业"}, {Name: "离岗"}}}
	for _, t := range trend {
		spec.Categories = append(spec.Categories, t.Month.String())
		spec.Series[0].Data = append(spec.Series[0].Data, float64(t.Employed))
		spec.Series[1].Data = append(spec.Series[1].Data, float64(t.Started))
		spec.Series[2].Data = append(spec.Series[2].Data, float64(t.Ended))
	}
	p := s.page(c, "工作台", "/")
	p.Data = dashboardData{Trend: spec}
	return s.renderBlock(c, "dashboard", "trend", p)
}
