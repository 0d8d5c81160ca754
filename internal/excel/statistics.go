package excel

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/stats"
)

// Sheet names of the statistics workbook, in order.
const (
	SheetSummary    = "汇总"
	SheetPlacements = "就业明细"
	SheetUnemployed = "未就业劳动力"
	SheetZero       = "零就业家庭"
	SheetQuality    = "数据质量"
)

// StatisticsWorkbook is everything the county statistics workbook shows. Report gives the summary
// sheet; the detail sheets come from row sources read once each, in sheet order. Every value is shown
// as given: the caller masks ID numbers unless a full export was authorised.
type StatisticsWorkbook struct {
	CountyName string    // in every title, e.g. 陵川县
	AsOf       time.Time // the day the figures stand at
	Report     stats.Report
	Placements Rows[PlacementRow]  // every placement held that day
	Unemployed Rows[UnemployedRow] // every worker of the labour force without one
	Zero       Rows[ZeroRow]       // zero-employment households
	Quality    Rows[QualityRow]    // data-quality issues
}

// PlacementRow is a row of 就业明细.
type PlacementRow struct {
	SiteName        string
	HouseholdNumber string
	Name            string
	IDNumber        string // as it should appear (masked unless authorised)
	Sex             string
	Age             int
	LaborCapacity   string
	Channel         string
	Place           string // 县内 / 县外省内 / 省外
	EmployerName    string
	PositionTitle   string
	StartDate       time.Time
	MonthlyIncome   int
	WorkPlace       string
}

// UnemployedRow is a row of 未就业劳动力, with the "1-3-1" services so far.
type UnemployedRow struct {
	SiteName        string
	HouseholdNumber string
	Name            string
	IDNumber        string
	Sex             string
	Age             int
	LaborCapacity   string
	Reason          string // "" is shown as 未登记
	NextStep        string
	Referrals       int
	Offers          int
	Trainings       int
}

// ZeroRow is a row of 零就业家庭.
type ZeroRow struct {
	SiteName        string
	HouseholdNumber string
	HeadName        string
	Phone           string
	Workers         int
	Since           time.Time
	Days            int
	HelpDue         time.Time
	ClearDue        time.Time
}

// QualityRow is a row of 数据质量.
type QualityRow struct {
	SiteName        string
	HouseholdNumber string
	MemberName      string
	RuleName        string
	Value           string
	Fix             string
	Rule            string
	HouseholdID     string
	MemberID        string
	PlacementID     string
}

func summaryColumns() []column {
	cols := []column{{header: "安置点", kind: text}, {header: "户数", kind: integer}, {header: "人数", kind: integer},
		{header: "劳动力", kind: integer}, {header: "已就业", kind: integer}}
	for _, c := range labor.Channels {
		cols = append(cols, column{header: string(c), kind: integer})
	}
	for _, p := range stats.Places {
		cols = append(cols, column{header: p + "就业", kind: integer})
	}
	return append(cols, column{header: "其中公益性岗位", kind: integer}, column{header: "其中帮扶车间", kind: integer},
		column{header: "自主创业", kind: integer}, column{header: "有劳动能力未就业", kind: integer},
		column{header: "弱劳动力或半劳动力", kind: integer}, column{header: "培训人数", kind: integer},
		column{header: "就业率", kind: percent}, column{header: "零就业家庭", kind: integer})
}

func summaryValues(r *stats.Row, vals []any) []any {
	vals = append(vals[:0], r.SiteName, r.Households, r.People, r.LaborForce, r.Employed)
	for _, c := range labor.Channels {
		vals = append(vals, r.EmployedByChannel[c])
	}
	for _, p := range stats.Places {
		vals = append(vals, r.EmployedByPlace[p])
	}
	return append(vals, r.Welfare, r.Workshop, r.SelfEmployed, r.UnemployedWithCapacity, r.WeakLabor, r.Trained,
		r.EmploymentRate, r.ZeroEmploymentHouseholds)
}

var placementColumns = []column{{header: "安置点", kind: text}, {header: "户编号", kind: text}, {header: "姓名", kind: text},
	{header: "公民身份号码", kind: text}, {header: "性别", kind: text}, {header: "年龄", kind: integer},
	{header: "劳动技能", kind: text}, {header: "就业渠道", kind: text}, {header: "就业地点", kind: text},
	{header: "就业单位", kind: text}, {header: "岗位", kind: text}, {header: "上岗日期", kind: date},
	{header: "月收入(元)", kind: integer}, {header: "务工地点", kind: text}}

var unemployedColumns = []column{{header: "安置点", kind: text}, {header: "户编号", kind: text}, {header: "姓名", kind: text},
	{header: "公民身份号码", kind: text}, {header: "性别", kind: text}, {header: "年龄", kind: integer},
	{header: "劳动技能", kind: text}, {header: "未就业原因", kind: text}, {header: "下一步措施", kind: text},
	{header: "职业指导(应1次)", kind: integer}, {header: "岗位推送(应3次)", kind: integer}, {header: "培训(应1次)", kind: integer}}

var zeroColumns = []column{{header: "安置点", kind: text}, {header: "户编号", kind: text}, {header: "户主姓名", kind: text},
	{header: "联系电话", kind: text}, {header: "劳动力人数", kind: integer}, {header: "零就业起始日", kind: date},
	{header: "已持续天数", kind: integer}, {header: "帮扶期限(3天)", kind: date}, {header: "清零期限(5天)", kind: date},
	{header: "状态", kind: text}}

var qualityColumns = []column{{header: "安置点", kind: text}, {header: "户编号", kind: text}, {header: "成员姓名", kind: text},
	{header: "问题", kind: text}, {header: "发现的值", kind: text, max: 60}, {header: "建议处理", kind: text, max: 60},
	{header: "规则代码", kind: text}, {header: "户记录ID", kind: text}, {header: "成员记录ID", kind: text},
	{header: "就业记录ID", kind: text}}

// zeroStatus says where a zero-employment household stands against its deadlines on day asOf.
func zeroStatus(z ZeroRow, asOf time.Time) string {
	switch d := dateOnly(asOf); {
	case !z.ClearDue.IsZero() && d.After(dateOnly(z.ClearDue)):
		return "超过清零期限"
	case !z.HelpDue.IsZero() && d.After(dateOnly(z.HelpDue)):
		return "超过帮扶期限"
	}
	return "期限内"
}

func dateOnly(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// WriteStatistics writes the county statistics workbook to w: 汇总 (one row per site and a 合计 row),
// 就业明细, 未就业劳动力, 零就业家庭 and 数据质量, each with a title naming the county and the day, a
// frozen header row with filters, fitted column widths and number, percent and date formats.
// It returns the first error of a row source (wrapped), of excelize, or of w.
func WriteStatistics(w io.Writer, wb StatisticsWorkbook) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	asOf := "(截至" + dateCN(wb.AsOf) + ")"

	s, err := newSheet(f, st, true, SheetSummary, wb.CountyName+"易地扶贫搬迁安置点就业情况汇总表"+asOf, summaryColumns())
	if err != nil {
		return err
	}
	var vals []any
	for i := range wb.Report.Sites {
		vals = summaryValues(&wb.Report.Sites[i], vals)
		if err := s.add(vals); err != nil {
			return err
		}
	}
	total := wb.Report.Total
	total.SiteName = stats.TotalName
	if err := s.total(summaryValues(&total, vals)); err != nil {
		return err
	}
	if err := s.close(); err != nil {
		return err
	}

	if err := writeSheet(f, st, SheetPlacements, wb.CountyName+"安置点就业明细"+asOf, placementColumns, wb.Placements,
		func(r PlacementRow, v []any) []any {
			return append(v, r.SiteName, r.HouseholdNumber, r.Name, r.IDNumber, r.Sex, r.Age, r.LaborCapacity, r.Channel,
				r.Place, r.EmployerName, r.PositionTitle, dateCell(r.StartDate), r.MonthlyIncome, r.WorkPlace)
		}); err != nil {
		return err
	}
	if err := writeSheet(f, st, SheetUnemployed, wb.CountyName+"安置点有劳动能力未就业人员"+asOf, unemployedColumns, wb.Unemployed,
		func(r UnemployedRow, v []any) []any {
			reason := r.Reason
			if reason == "" {
				reason = "未登记"
			}
			return append(v, r.SiteName, r.HouseholdNumber, r.Name, r.IDNumber, r.Sex, r.Age, r.LaborCapacity, reason,
				r.NextStep, r.Referrals, r.Offers, r.Trainings)
		}); err != nil {
		return err
	}
	if err := writeSheet(f, st, SheetZero, wb.CountyName+"安置点零就业家庭"+asOf, zeroColumns, wb.Zero,
		func(r ZeroRow, v []any) []any {
			return append(v, r.SiteName, r.HouseholdNumber, r.HeadName, r.Phone, r.Workers, dateCell(r.Since), r.Days,
				dateCell(r.HelpDue), dateCell(r.ClearDue), zeroStatus(r, wb.AsOf))
		}); err != nil {
		return err
	}
	if err := writeSheet(f, st, SheetQuality, wb.CountyName+"安置点数据质量疑点"+asOf, qualityColumns, wb.Quality,
		func(r QualityRow, v []any) []any {
			return append(v, r.SiteName, r.HouseholdNumber, r.MemberName, r.RuleName, r.Value, r.Fix, r.Rule,
				r.HouseholdID, r.MemberID, r.PlacementID)
		}); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("excel: writing the workbook: %w", err)
	}
	return nil
}

// writeSheet streams one detail sheet: values turns a row into its cells, appending to a reused slice.
func writeSheet[T any](f *excelize.File, st *styles, name, title string, cols []column, rows Rows[T],
	values func(T, []any) []any) error {
	s, err := newSheet(f, st, false, name, title, cols)
	if err != nil {
		return err
	}
	vals := make([]any, 0, len(cols))
	if err := each(rows, func(r T) error { return s.add(values(r, vals[:0])) }); err != nil {
		return fmt.Errorf("excel: sheet %s: %w", name, err)
	}
	return s.close()
}
