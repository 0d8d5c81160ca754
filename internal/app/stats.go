package app

import (
	"context"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/division"
	"github.com/anju-cn/anju/internal/excel"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/page"
	"github.com/anju-cn/anju/internal/stats"
)

// Stats counts the figures counties report, as of any day, and writes the county workbook and the
// public notice. Every figure follows the stats package's definitions; counting happens in Go over one
// scoped pass (the read model on the embedded database, one query per collection on MongoDB).
type Stats struct{ *core }

// StatsQuery selects the scope and the day of a report. A zero AsOf means today (China time).
type StatsQuery struct {
	CountyCode, SiteID string
	AsOf               time.Time
}

// cstToday is today's date in China, at midnight UTC (the form the stats package counts days in).
func (a *core) cstToday() time.Time {
	t := a.now().In(cst)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// asOf checks the day of a report: a real date, not after today and not before 2001. Errors: invalid
// naming asOf.
func (a *core) asOf(t time.Time) (time.Time, error) {
	today := a.cstToday()
	switch {
	case t.IsZero():
		return today, nil
	case t.Year() < 2001 || t.After(today):
		return t, (apperr.Fields{{Field: "asOf", Message: "统计日期应在2001-01-01到今天之间,格式YYYY-MM-DD"}}).Err()
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
}

// scope is a checked reporting scope: its sites and a repeatable pass over its households (moved-out
// ones too: they count on the days before they left) with each household's placements.
type scope struct {
	caller auth.Caller
	county string // the county the scope lies in, "" when it spans several (admin without countyCode)
	sites  []household.Site
	pass   excel.Households
	// today is a pass for figures as of today: each household with the placements it holds now,
	// taken from the members' employment summaries (kept exact by every hire, exit and the repair
	// pass), so that it reads no placement document. Placements that ended do not count today.
	today excel.Households
}

// scopeOf resolves siteId/countyCode against the caller's scope. Errors: forbidden outside it,
// invalid for an unknown site.
func (a *core) scopeOf(ctx context.Context, c auth.Caller, siteID, county string) (scope, error) {
	ids, cc, err := a.scopeFilter(ctx, c, siteID, county)
	if err != nil {
		return scope{}, err
	}
	sites, err := a.store.ListSites(ctx, cc, ids)
	if err != nil {
		return scope{}, err
	}
	sort.Slice(sites, func(i, j int) bool { return sites[i].Name < sites[j].Name })
	sc := scope{caller: c, county: cc, sites: sites}
	if sc.county == "" && len(sites) > 0 {
		sc.county = sites[0].CountyCode
		for _, s := range sites {
			if s.CountyCode != sc.county {
				sc.county = ""
			}
		}
	}
	hf := household.Filter{SiteIDs: ids, CountyCode: cc}
	pf := job.PlacementFilter{SiteIDs: ids, CountyCode: cc}
	var byHousehold map[string][]job.Placement // read once, on the first pass: every pass needs them all
	sc.pass = func(yield func(*household.Household, []job.Placement) bool) error {
		if byHousehold == nil {
			byHousehold = map[string][]job.Placement{}
			if err := a.store.EachPlacement(ctx, pf, func(p job.Placement) error {
				byHousehold[p.HouseholdID] = append(byHousehold[p.HouseholdID], p)
				return nil
			}); err != nil {
				byHousehold = nil
				return err
			}
		}
		stop := fmt.Errorf("stop")
		err := a.store.EachHousehold(ctx, hf, func(h *household.Household) error {
			if !yield(h, byHousehold[h.ID]) {
				return stop
			}
			return nil
		})
		if err == stop {
			return nil
		}
		return err
	}
	sc.today = func(yield func(*household.Household, []job.Placement) bool) error {
		stop := fmt.Errorf("stop")
		err := a.store.EachHousehold(ctx, hf, func(h *household.Household) error {
			if !yield(h, heldPlacements(h)) {
				return stop
			}
			return nil
		})
		if err == stop {
			return nil
		}
		return err
	}
	return sc, nil
}

// heldPlacements are the placements a household's members hold now, from their employment summaries.
func heldPlacements(h *household.Household) []job.Placement {
	var out []job.Placement
	for _, m := range h.Members {
		if e := m.Employment; e != nil {
			out = append(out, job.Placement{ID: e.PlacementID, MemberID: m.ID, MemberName: m.Name, HouseholdID: h.ID,
				SiteID: h.SiteID, CountyCode: h.CountyCode, Channel: e.Channel, EmployerName: e.EmployerName,
				PositionTitle: e.PositionTitle, StartDate: e.StartDate, MonthlyIncome: e.MonthlyIncome, Status: job.PlacementActive})
		}
	}
	return out
}

// Report returns the figures of every site of the scope and their total as they stood at the end of
// q.AsOf. Errors: invalid asOf, forbidden outside the caller's scope.
func (s *Stats) Report(ctx context.Context, q StatsQuery) (stats.Report, error) {
	c, err := require(ctx, auth.ReadHouseholds)
	if err != nil {
		return stats.Report{}, err
	}
	day, err := s.asOf(q.AsOf)
	if err != nil {
		return stats.Report{}, err
	}
	sc, err := s.scopeOf(ctx, c, q.SiteID, q.CountyCode)
	if err != nil {
		return stats.Report{}, err
	}
	counter := stats.NewCounter(day, sc.sites...)
	pass := sc.pass
	if day.Equal(s.cstToday()) && !s.fullPassForToday {
		pass = sc.today
	}
	err = pass(func(h *household.Household, ps []job.Placement) bool {
		counter.Add(h, ps)
		return true
	})
	return counter.Report(), err
}

// TrendQuery selects the scope and months of a trend ("2026-01" to "2026-11"); empty months mean the
// last twelve.
type TrendQuery struct {
	CountyCode, SiteID string
	From, To           string
}

// Trend returns month-end figures per month: employed, placements started and ended, zero-employment
// households. The current month ends today. Errors: invalid months (naming from or to), forbidden.
func (s *Stats) Trend(ctx context.Context, q TrendQuery) ([]stats.TrendPoint, error) {
	c, err := require(ctx, auth.ReadHouseholds)
	if err != nil {
		return nil, err
	}
	now := stats.MonthOf(s.cstToday())
	from, to := now, now
	for i := 0; i < 11; i++ {
		from = stats.MonthOf(from.First().AddDate(0, -1, 0))
	}
	var f apperr.Fields
	if q.From != "" {
		if from, err = stats.ParseYearMonth(q.From); err != nil {
			f.Add("from", "月份格式应为YYYY-MM")
		}
	}
	if q.To != "" {
		if to, err = stats.ParseYearMonth(q.To); err != nil {
			f.Add("to", "月份格式应为YYYY-MM")
		}
	}
	if len(f) == 0 {
		switch {
		case now.Before(to):
			f.Add("to", "结束月份不能晚于本月")
		case to.Before(from):
			f.Add("to", "结束月份不能早于开始月份")
		case stats.MonthsBetween(from, to) > stats.MaxTrendMonths:
			f.Add("from", fmt.Sprintf("一次最多查询%d个月", stats.MaxTrendMonths))
		}
	}
	if err := queryErr(f); err != nil {
		return nil, err
	}
	sc, err := s.scopeOf(ctx, c, q.SiteID, q.CountyCode)
	if err != nil {
		return nil, err
	}
	tc, err := stats.NewTrend(from, to)
	if err != nil {
		return nil, apperr.Wrap(err, "trend")
	}
	err = sc.pass(func(h *household.Household, ps []job.Placement) bool {
		tc.Add(h, ps)
		return true
	})
	return tc.Points(), err
}

// QualityQuery selects the scope and page of the data-quality report.
type QualityQuery struct {
	CountyCode, SiteID string
	Page               page.Request
}

// Quality runs every data-quality rule over the stored records of the scope and returns one page of
// the issues found, by site and household number, and the total. Errors: forbidden.
func (s *Stats) Quality(ctx context.Context, q QualityQuery) (page.Of[stats.Issue], error) {
	c, err := require(ctx, auth.ReadHouseholds)
	if err != nil {
		return page.Of[stats.Issue]{}, err
	}
	sc, err := s.scopeOf(ctx, c, q.SiteID, q.CountyCode)
	if err != nil {
		return page.Of[stats.Issue]{}, err
	}
	settings := s.settingsCache(ctx)
	today := s.cstToday()
	dup := stats.NewDuplicateIDs()
	var all []stats.Issue
	var ferr error
	err = sc.pass(func(h *household.Household, ps []job.Placement) bool {
		st, err := settings(h.CountyCode)
		if err != nil {
			ferr = err
			return false
		}
		all = append(all, stats.Check(h, ps, st, today)...)
		all = append(all, dup.Check(h)...)
		return true
	})
	if err == nil {
		err = ferr
	}
	return page.Slice(all, q.Page), err
}

// settingsCache returns county settings, reading each county once.
func (a *core) settingsCache(ctx context.Context) func(county string) (job.Settings, error) {
	seen := map[string]job.Settings{}
	return func(county string) (job.Settings, error) {
		if st, ok := seen[county]; ok {
			return st, nil
		}
		st, err := a.store.GetSettings(ctx, county)
		if err == nil {
			seen[county] = st
		}
		return st, err
	}
}

// WorkbookQuery selects the county workbook: scope, day, and whether ID numbers are shown in full.
type WorkbookQuery struct {
	StatsQuery
	FullID bool
}

// WriteWorkbook writes the county statistics workbook (汇总, 就业明细, 未就业劳动力, 零就业家庭, 数据质量)
// to w and returns its file name. Its numbers equal Report's for the same scope and day. ID numbers
// are masked unless FullID is asked by a role that may see them; every export is audited.
// Errors: invalid asOf, forbidden (outside the scope, or full ID numbers without the permission).
func (s *Stats) WriteWorkbook(ctx context.Context, q WorkbookQuery, w io.Writer) (string, error) {
	c, err := require(ctx, auth.ReadHouseholds)
	if err != nil {
		return "", err
	}
	if q.FullID && !c.Role.Allows(auth.ReadFullID) {
		return "", apperr.New(apperr.Forbidden, "当前账号无权导出完整身份证号码")
	}
	day, err := s.asOf(q.AsOf)
	if err != nil {
		return "", err
	}
	sc, err := s.scopeOf(ctx, c, q.SiteID, q.CountyCode)
	if err != nil {
		return "", err
	}
	name := scopeName(sc)
	id := idcard.Mask
	if q.FullID {
		id = func(n string) string { return n }
	}
	settings := s.settingsCache(ctx)
	wb, err := excel.NewStatisticsWorkbook(excel.StatisticsSource{CountyName: name, AsOf: day, Today: s.cstToday(),
		Sites: sc.sites, Households: sc.pass, ID: id,
		Settings: func(county string) job.Settings {
			st, err := settings(county)
			if err != nil {
				return job.DefaultSettings(county)
			}
			return st
		}})
	if err != nil {
		return "", err
	}
	note := "导出统计报表(身份证号码已脱敏)"
	if q.FullID {
		note = "导出统计报表(含完整身份证号码)"
	}
	s.audit(ctx, c, "export", "statistics", sc.county, sc.county, q.SiteID, nil, nil, note+" 截至"+day.Format(time.DateOnly))
	if err := excel.WriteStatistics(w, wb); err != nil {
		return "", apperr.Wrap(err, "write workbook")
	}
	return fmt.Sprintf("%s易地搬迁就业统计_%s.xlsx", name, day.Format(time.DateOnly)), nil
}

// WriteNotice writes a site's public notice (公示名单) as of today to w and returns its file name. It
// never holds ID numbers, phones, health, disability or bank data. Errors: forbidden, invalid site.
func (s *Stats) WriteNotice(ctx context.Context, siteID string, w io.Writer) (string, error) {
	c, err := require(ctx, auth.ReadHouseholds)
	if err != nil {
		return "", err
	}
	if siteID == "" {
		return "", (apperr.Fields{{Field: "siteId", Message: "请选择安置点"}}).Err()
	}
	sc, err := s.scopeOf(ctx, c, siteID, "")
	if err != nil {
		return "", err
	}
	if len(sc.sites) != 1 {
		return "", (apperr.Fields{{Field: "siteId", Message: "安置点不存在"}}).Err()
	}
	site, day := sc.sites[0], s.cstToday()
	s.audit(ctx, c, "export", "notice", site.ID, site.CountyCode, site.ID, nil, nil, "导出公示名单")
	err = excel.WriteNotice(w, excel.Notice{Title: site.Name + "搬迁群众就业情况公示", SiteName: site.Name, AsOf: day,
		Households: excel.NoticeRows(sc.pass, day)})
	if err != nil {
		return "", apperr.Wrap(err, "write notice")
	}
	return fmt.Sprintf("%s公示名单_%s.xlsx", site.Name, day.Format(time.DateOnly)), nil
}

// scopeName names a scope for titles and file names: the county, the site, or 全部.
func scopeName(sc scope) string {
	switch {
	case len(sc.sites) == 1:
		return countyName(sc.sites[0].CountyCode) + sc.sites[0].Name
	case sc.county != "":
		return countyName(sc.county)
	}
	return "全部"
}

// countyName is a county's name (陵川县), or its code when unknown.
func countyName(code string) string {
	if d, ok := division.Lookup(code); ok {
		return d.Name
	}
	return code
}
