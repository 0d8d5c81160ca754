package excel

import (
	"fmt"
	"io"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/stats"
)

// benchData is one site of about 45,000 people: 25,000 in the labour force, 15,000 of them employed,
// 1,000 zero-employment households and 2,000 data-quality rows.
type benchData struct {
	report     stats.Report
	placed     []PlacementRow
	unemployed []UnemployedRow
	zero       []ZeroRow
	quality    []QualityRow
}

func newBenchData() *benchData {
	d := &benchData{}
	start := day("2025-03-01")
	for i := range 15000 {
		ch := labor.Channels[i%len(labor.Channels)]
		d.placed = append(d.placed, PlacementRow{SiteName: "沙上头集中安置点", HouseholdNumber: fmt.Sprintf("140524-%05d", i/2),
			Name: "王建国", IDNumber: "140524********0012", Sex: "男", Age: 20 + i%40, LaborCapacity: "普通劳动力",
			Channel: string(ch), Place: ch.Where(), EmployerName: "陵川县恒洁物业服务有限公司", PositionTitle: "保洁员",
			StartDate: start.AddDate(0, 0, i%300), MonthlyIncome: 1800 + i%20*100, WorkPlace: ""})
	}
	for i := range 10000 {
		d.unemployed = append(d.unemployed, UnemployedRow{SiteName: "沙上头集中安置点", HouseholdNumber: fmt.Sprintf("140524-%05d", i),
			Name: "李秀英", IDNumber: "140524********0021", Sex: "女", Age: 30 + i%30, LaborCapacity: "弱劳动力或半劳动力",
			Reason: "需照料家人", NextStep: "推荐帮扶车间计件岗位或居家灵活就业", Referrals: i % 2, Offers: i % 4, Trainings: i % 2})
	}
	for i := range 1000 {
		since := day("2026-06-01").AddDate(0, 0, i%29)
		d.zero = append(d.zero, ZeroRow{SiteName: "沙上头集中安置点", HouseholdNumber: fmt.Sprintf("140524-%05d", i), HeadName: "李大山",
			Phone: "13912345678", Workers: 1 + i%3, Since: since, Days: 29 - i%29, HelpDue: since.AddDate(0, 0, 3), ClearDue: since.AddDate(0, 0, 5)})
	}
	for i := range 2000 {
		d.quality = append(d.quality, QualityRow{SiteName: "沙上头集中安置点", HouseholdNumber: fmt.Sprintf("140524-%05d", i),
			MemberName: "赵铁柱", RuleName: "健康的劳动年龄人员登记为无劳动力或弱劳动力", Value: "健康,45岁,非在校生,劳动技能: 弱劳动力或半劳动力",
			Fix: "入户核实后重新评定劳动技能", Rule: stats.RuleHealthyNoLabor, HouseholdID: "6650f0c2a1b2c3d4e5f60718", MemberID: "m1"})
	}
	c := stats.NewCounter(asOf)
	d.report = c.Report()
	d.report.Sites = []stats.Row{d.report.Total}
	d.report.Sites[0].SiteName, d.report.Sites[0].Households, d.report.Sites[0].People = "沙上头集中安置点", 11000, 45000
	d.report.Total.Households, d.report.Total.People = 11000, 45000
	return d
}

func (d *benchData) workbook() StatisticsWorkbook {
	return StatisticsWorkbook{CountyName: "陵川县", AsOf: asOf, Report: d.report, Placements: SliceRows(d.placed),
		Unemployed: SliceRows(d.unemployed), Zero: SliceRows(d.zero), Quality: SliceRows(d.quality)}
}

// BenchmarkWriteStatistics writes the county workbook of one site of ~45,000 people.
func BenchmarkWriteStatistics(b *testing.B) {
	d := newBenchData()
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteStatistics(io.Discard, d.workbook()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareStreamWriter writes the same cells with excelize's StreamWriter and nothing else (a date
// format on date columns, so that the cells are the same): the floor WriteStatistics is compared with.
func BenchmarkBareStreamWriter(b *testing.B) {
	d := newBenchData()
	b.ReportAllocs()
	for b.Loop() {
		if err := bareWrite(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

func bareWrite(w io.Writer, d *benchData) error {
	f := excelize.NewFile()
	defer f.Close()
	dateFmt := "yyyy-mm-dd"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	sheet := func(name string, first bool, dateCols []int, n int, row func(i int) []any) error {
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return err
		}
		for _, c := range dateCols {
			if err := sw.SetColStyle(c, c, dateStyle); err != nil {
				return err
			}
		}
		for i := range n {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := sw.SetRow(cell, row(i)); err != nil {
				return err
			}
		}
		return sw.Flush()
	}
	rep := d.report
	vals := summaryValues(&rep.Sites[0], nil)
	if err := sheet(SheetSummary, true, nil, 1, func(int) []any { return vals }); err != nil {
		return err
	}
	if err := sheet(SheetPlacements, false, []int{12}, len(d.placed), func(i int) []any {
		r := d.placed[i]
		return []any{r.SiteName, r.HouseholdNumber, r.Name, r.IDNumber, r.Sex, r.Age, r.LaborCapacity, r.Channel,
			r.Place, r.EmployerName, r.PositionTitle, r.StartDate, r.MonthlyIncome, r.WorkPlace}
	}); err != nil {
		return err
	}
	if err := sheet(SheetUnemployed, false, nil, len(d.unemployed), func(i int) []any {
		r := d.unemployed[i]
		return []any{r.SiteName, r.HouseholdNumber, r.Name, r.IDNumber, r.Sex, r.Age, r.LaborCapacity, r.Reason,
			r.NextStep, r.Referrals, r.Offers, r.Trainings}
	}); err != nil {
		return err
	}
	if err := sheet(SheetZero, false, []int{6, 8, 9}, len(d.zero), func(i int) []any {
		r := d.zero[i]
		return []any{r.SiteName, r.HouseholdNumber, r.HeadName, r.Phone, r.Workers, r.Since, r.Days, r.HelpDue,
			r.ClearDue, zeroStatus(r, asOf)}
	}); err != nil {
		return err
	}
	if err := sheet(SheetQuality, false, nil, len(d.quality), func(i int) []any {
		r := d.quality[i]
		return []any{r.SiteName, r.HouseholdNumber, r.MemberName, r.RuleName, r.Value, r.Fix, r.Rule, r.HouseholdID,
			r.MemberID, r.PlacementID}
	}); err != nil {
		return err
	}
	return f.Write(w)
}
