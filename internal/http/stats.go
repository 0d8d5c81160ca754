package http

import (
	"net/url"
	"os"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/stats"
)

type statsRowJSON struct {
	SiteID                   string         `json:"siteId,omitempty"`
	SiteName                 string         `json:"siteName"`
	CountyCode               string         `json:"countyCode,omitempty"`
	Households               int            `json:"households"`
	People                   int            `json:"people"`
	LaborForce               int            `json:"laborForce"`
	Employed                 int            `json:"employed"`
	EmployedByChannel        map[string]int `json:"employedByChannel"`
	EmployedByPlace          map[string]int `json:"employedByPlace"`
	Welfare                  int            `json:"welfare"`
	Workshop                 int            `json:"workshop"`
	SelfEmployed             int            `json:"selfEmployed"`
	UnemployedWithCapacity   int            `json:"unemployedWithCapacity"`
	WeakLabor                int            `json:"weakLabor"`
	Trained                  int            `json:"trained"`
	EmploymentRate           float64        `json:"employmentRate"`
	ZeroEmploymentHouseholds int            `json:"zeroEmploymentHouseholds"`
}

type statsJSON struct {
	AsOf string `json:"asOf"`
	statsRowJSON
	Sites []statsRowJSON `json:"sites"`
}

func statsRowOut(r stats.Row) statsRowJSON {
	out := statsRowJSON{SiteID: r.SiteID, SiteName: r.SiteName, CountyCode: r.CountyCode, Households: r.Households, People: r.People,
		LaborForce: r.LaborForce, Employed: r.Employed, EmployedByChannel: map[string]int{}, EmployedByPlace: r.EmployedByPlace,
		Welfare: r.Welfare, Workshop: r.Workshop, SelfEmployed: r.SelfEmployed, UnemployedWithCapacity: r.UnemployedWithCapacity,
		WeakLabor: r.WeakLabor, Trained: r.Trained, EmploymentRate: float64(int(r.EmploymentRate*10000+0.5)) / 10000,
		ZeroEmploymentHouseholds: r.ZeroEmploymentHouseholds}
	for _, ch := range labor.Channels {
		out.EmployedByChannel[string(ch)] = r.EmployedByChannel[ch]
	}
	return out
}

func (s *Server) stats(c *fiber.Ctx) error {
	rep, err := s.Svc.Stats.Report(c.UserContext(), app.StatsQuery{CountyCode: c.Query("countyCode"), SiteID: c.Query("siteId"),
		AsOf: parseDate(c.Query("asOf"))})
	if err != nil {
		return err
	}
	out := statsJSON{AsOf: fmtDate(rep.AsOf), statsRowJSON: statsRowOut(rep.Total), Sites: mapAll(rep.Sites, statsRowOut)}
	return c.JSON(out)
}

type trendJSON struct {
	Month                    string  `json:"month"`
	Households               int     `json:"households"`
	LaborForce               int     `json:"laborForce"`
	Employed                 int     `json:"employed"`
	EmploymentRate           float64 `json:"employmentRate"`
	ZeroEmploymentHouseholds int     `json:"zeroEmploymentHouseholds"`
	Started                  int     `json:"started"`
	Ended                    int     `json:"ended"`
}

func (s *Server) trend(c *fiber.Ctx) error {
	ps, err := s.Svc.Stats.Trend(c.UserContext(), app.TrendQuery{CountyCode: c.Query("countyCode"), SiteID: c.Query("siteId"),
		From: c.Query("from"), To: c.Query("to")})
	if err != nil {
		return err
	}
	items := mapAll(ps, func(p stats.TrendPoint) trendJSON {
		return trendJSON{Month: p.Month.String(), Households: p.Households, LaborForce: p.LaborForce, Employed: p.Employed,
			EmploymentRate: float64(int(p.EmploymentRate*10000+0.5)) / 10000, ZeroEmploymentHouseholds: p.ZeroEmploymentHouseholds,
			Started: p.Started, Ended: p.Ended}
	})
	return c.JSON(list[trendJSON]{Items: items, Total: len(items)})
}

type qualityJSON struct {
	SiteID          string `json:"siteId"`
	HouseholdID     string `json:"householdId"`
	HouseholdNumber string `json:"householdNumber"`
	MemberID        string `json:"memberId,omitempty"`
	MemberName      string `json:"memberName,omitempty"`
	PlacementID     string `json:"placementId,omitempty"`
	Rule            string `json:"rule"`
	RuleName        string `json:"ruleName"`
	Value           string `json:"value"`
	Fix             string `json:"fix"`
	Link            string `json:"link"`
}

func (s *Server) quality(c *fiber.Ctx) error {
	r, err := pageOf(c)
	if err != nil {
		return err
	}
	is, err := s.Svc.Stats.Quality(c.UserContext(), app.QualityQuery{CountyCode: c.Query("countyCode"), SiteID: c.Query("siteId"), Page: r})
	if err != nil {
		return err
	}
	return respond(c, is, func(i stats.Issue) qualityJSON {
		return qualityJSON{SiteID: i.SiteID, HouseholdID: i.HouseholdID, HouseholdNumber: i.HouseholdNumber, MemberID: i.MemberID,
			MemberName: i.MemberName, PlacementID: i.PlacementID, Rule: i.Rule, RuleName: i.RuleName, Value: i.Value, Fix: i.Fix,
			Link: "/api/v1/households/" + i.HouseholdID}
	})
}

// sendFile writes a file through write into a temporary file (so that memory does not grow with the
// rows) and streams it as a download with a Chinese file name (RFC 5987 filename*).
func (s *Server) sendFile(c *fiber.Ctx, contentType string, write func(w *os.File) (string, error)) error {
	f, err := os.CreateTemp("", "anju-export-*.xlsx")
	if err != nil {
		return err
	}
	_ = os.Remove(f.Name()) // the open file stays readable until it is closed
	name, err := write(f)
	if err != nil {
		f.Close()
		return err
	}
	size, err := f.Seek(0, 1)
	if err != nil {
		f.Close()
		return err
	}
	if _, err := f.Seek(0, 0); err != nil {
		f.Close()
		return err
	}
	c.Set(fiber.HeaderContentType, contentType)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+asciiName(name)+`"; filename*=UTF-8''`+url.PathEscape(name))
	return c.SendStream(f, int(size))
}

// asciiName is the plain-ASCII fallback of a Chinese file name, for clients that ignore filename*:
// "anju" followed by the name's ASCII characters ("anju_2026-10-31.xlsx").
func asciiName(name string) string {
	out := []byte("anju")
	for _, r := range name {
		if r < 0x80 && r != '"' && r != '\\' && r > 0x20 {
			out = append(out, byte(r))
		}
	}
	return string(out)
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func (s *Server) exportStatistics(c *fiber.Ctx) error {
	full, err := queryBool(c, "fullId")
	if err != nil {
		return err
	}
	q := app.WorkbookQuery{StatsQuery: app.StatsQuery{CountyCode: c.Query("countyCode"), SiteID: c.Query("siteId"),
		AsOf: parseDate(c.Query("asOf"))}, FullID: full != nil && *full}
	return s.sendFile(c, xlsxType, func(f *os.File) (string, error) { return s.Svc.Stats.WriteWorkbook(c.UserContext(), q, f) })
}

func (s *Server) exportNotice(c *fiber.Ctx) error {
	return s.sendFile(c, xlsxType, func(f *os.File) (string, error) {
		return s.Svc.Stats.WriteNotice(c.UserContext(), c.Query("siteId"), f)
	})
}
