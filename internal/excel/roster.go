package excel

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/labor"
)

// The roster (花名册) is one sheet, one row per member; a household is the run of rows that share a
// 户编号 (or a 户主身份证号码). The template, the export and the import all use RosterColumns, so that a
// roster exported from one instance imports into another unchanged.

// RosterColumn is one column of the roster.
type RosterColumn struct {
	Key       string   // stable key, used by the importer to name fields
	Header    string   // Chinese header as written (required columns end with *)
	Required  bool     // the column must be present in an imported sheet
	Household bool     // a household field: filled on the household's first row (later rows may repeat it)
	Values    []string // listed values: a drop-down in the template; nil for free text
	Multi     bool     // several listed values separated by 、
	Textual   bool     // formatted as text (ID numbers, phones, codes), so that Excel keeps every digit
	Date      bool     // a date
	Help      string   // what the column means, for the 填表说明 sheet
	Aliases   []string // other headers county rosters use for it
}

var yesNo = []string{"是", "否"}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// RosterColumns are the roster's columns in template order.
var RosterColumns = []RosterColumn{
	{Key: "number", Header: "户编号", Household: true, Textual: true, Aliases: []string{"户号", "户编码"},
		Help: "同一户的各行填写相同的户编号;不填时按“户主身份证号码”分户,两者都不填时,非户主行归入上一户。导入后由系统重新编号。以“示例”开头的户不导入"},
	{Key: "headId", Header: "户主身份证号码", Household: true, Textual: true, Aliases: []string{"户主身份证号", "户主公民身份号码"},
		Help: "可选,用于分户:同一户各行填写户主的身份证号码"},
	{Key: "originCounty", Header: "原住址县级代码*", Required: true, Household: true, Textual: true, Aliases: []string{"原住址县代码", "迁出县代码"},
		Help: "搬迁前所在县(区)的6位行政区划代码,例如140524"},
	{Key: "originTownship", Header: "原住址乡镇代码", Household: true, Textual: true, Aliases: []string{"迁出乡镇代码"},
		Help: "搬迁前所在乡镇的9位代码,可不填"},
	{Key: "originVillage", Header: "原住址村名", Household: true, Aliases: []string{"原住址", "迁出村", "原住村"},
		Help: "搬迁前所在行政村或自然村名称"},
	{Key: "relocationYear", Header: "搬迁年度*", Required: true, Household: true, Aliases: []string{"搬迁年份"},
		Help: "四位年份,例如2018"},
	{Key: "moveInDate", Header: "入住日期*", Required: true, Household: true, Date: true, Aliases: []string{"入住时间"},
		Help: "例如2018-10-01;也可写2018.10.01、2018/10/1、2018年10月1日或使用Excel日期"},
	{Key: "unit", Header: "房号", Household: true, Textual: true, Aliases: []string{"楼栋房号", "安置房号"},
		Help: "楼栋-单元-房间,例如3号楼2单元501"},
	{Key: "phone", Header: "联系电话*", Required: true, Household: true, Textual: true, Aliases: []string{"户联系电话", "联系方式"},
		Help: "户的11位手机号码"},
	{Key: "householdType", Header: "户类型*", Required: true, Household: true, Values: household.HouseholdTypes, Aliases: []string{"户属性"},
		Help: "从下拉列表选择"},
	{Key: "monitoringType", Header: "监测对象类型", Household: true, Values: household.MonitoringTypes,
		Help: "不是监测对象时填“无”或不填"},
	{Key: "povertyCauses", Header: "主要致贫原因", Household: true, Values: household.PovertyCauses, Multi: true, Aliases: []string{"致贫原因"},
		Help: "可填多项,用顿号“、”分隔"},
	{Key: "name", Header: "姓名*", Required: true, Aliases: []string{"成员姓名"},
		Help: "家庭成员姓名,每人一行"},
	{Key: "idNumber", Header: "公民身份号码*", Required: true, Textual: true, Aliases: []string{"身份证号码", "身份证号", "证件号码"},
		Help: "18位身份证号码。本列须为文本格式:若Excel把号码显示成1.40524E+17,号码末尾已丢失,请把该列设为“文本”后重新录入完整号码"},
	{Key: "relation", Header: "与户主关系*", Required: true, Values: household.Relations, Aliases: []string{"家庭关系", "与户主的关系"},
		Help: "每户有且只有一名户主"},
	{Key: "ethnicity", Header: "民族*", Required: true, Values: household.Ethnicities, Help: "从下拉列表选择"},
	{Key: "education", Header: "文化程度", Values: household.Educations,
		Help: "不在校的成员填写;与“在校生状况”只填一项"},
	{Key: "schoolStatus", Header: "在校生状况", Values: household.SchoolStatuses,
		Help: "在校生及学龄前儿童填写;与“文化程度”只填一项"},
	{Key: "health", Header: "健康状况*", Required: true, Values: household.Healths, Help: "从下拉列表选择"},
	{Key: "disabilityCategory", Header: "残疾类别", Values: household.DisabilityCategories, Help: "健康状况为残疾时填写"},
	{Key: "disabilityGrade", Header: "残疾等级", Values: household.DisabilityGrades, Help: "健康状况为残疾时填写"},
	{Key: "laborCapacity", Header: "劳动技能*", Required: true, Values: strs(labor.Capacities), Aliases: []string{"劳动能力"},
		Help: "未满16周岁及在校学生填“无劳动力”"},
	{Key: "skills", Header: "技能特长", Aliases: []string{"技能"}, Help: "可填多项,用顿号“、”分隔"},
	{Key: "wantsWork", Header: "是否有就业意愿", Values: yesNo, Aliases: []string{"就业意愿"}, Help: "是/否"},
	{Key: "area", Header: "意愿就业地域", Values: strs([]labor.Area{labor.AreaInCounty, labor.AreaOutCounty, labor.AreaAny}),
		Help: "县内/县外/不限"},
	{Key: "kinds", Header: "意愿就业类型", Values: strs(labor.Channels), Multi: true, Help: "可填多项,用顿号“、”分隔"},
	{Key: "constraints", Header: "就业制约因素", Help: "例如照料老人、照料儿童,可填多项,用顿号“、”分隔"},
	{Key: "pensioner", Header: "是否领取养老金", Values: yesNo, Help: "是/否,不填视为否"},
	{Key: "memberPhone", Header: "本人手机号码", Textual: true, Aliases: []string{"个人手机号码", "本人电话"}, Help: "成员本人的11位手机号码,可不填"},
}

// RosterColumnIndex returns the index of the column with key in RosterColumns, or -1.
func RosterColumnIndex(key string) int {
	for i, c := range RosterColumns {
		if c.Key == key {
			return i
		}
	}
	return -1
}

// Sheet names of the roster workbook.
const (
	SheetRoster = "花名册"
	SheetHelp   = "填表说明"
	sheetLists  = "字典"
)

// Roster is a roster to write: a title and its rows, each a map from column key to the cell's text.
// Date columns hold YYYY-MM-DD and are written as dates; other values are written as text, except
// the relocation year, written as a number.
type Roster struct {
	Title string
	Rows  Rows[map[string]string]
}

var rosterSheetColumns = func() []column {
	cols := make([]column, len(RosterColumns))
	for i, c := range RosterColumns {
		k := text
		switch {
		case c.Textual:
			k = textual
		case c.Date:
			k = date
		case c.Key == "relocationYear":
			k = integer
		}
		cols[i] = column{header: c.Header, kind: k, max: 30}
	}
	return cols
}()

// WriteRoster writes a roster workbook to w: the 花名册 sheet in RosterColumns (title row, header
// row, then one row per member), drop-downs for every listed column, ID-number and phone columns
// formatted as text, the 填表说明 sheet and a hidden sheet holding the drop-down lists. The import
// template is a roster whose rows are one example household. It returns the first error of the row
// source (wrapped), of excelize or of w.
func WriteRoster(w io.Writer, r Roster) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	s, err := newSheet(f, st, true, SheetRoster, r.Title, rosterSheetColumns)
	if err != nil {
		return err
	}
	vals := make([]any, len(RosterColumns))
	err = each(r.Rows, func(row map[string]string) error {
		for i, c := range RosterColumns {
			vals[i] = rosterCell(c, row[c.Key])
		}
		return s.add(vals)
	})
	if err != nil {
		return fmt.Errorf("excel: roster: %w", err)
	}
	if err := writeLists(f); err != nil {
		return err
	}
	// Data validations go on the worksheet before the stream is flushed, so that the flush writes them.
	if err := addDropDowns(f); err != nil {
		return err
	}
	if err := s.close(); err != nil {
		return err
	}
	if err := writeHelp(f, st); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return fmt.Errorf("excel: writing the roster: %w", err)
	}
	return nil
}

func rosterCell(c RosterColumn, v string) any {
	if v == "" {
		return nil
	}
	switch {
	case c.Date:
		if t, err := time.Parse(time.DateOnly, v); err == nil {
			return t
		}
	case c.Key == "relocationYear":
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return v
}

// rosterDataRows is how far down the drop-downs reach: the import's row limit and the two top rows.
const rosterDataRows = MaxRosterRows + headerRow

// writeLists writes every listed column's values into one column of the hidden list sheet.
func writeLists(f *excelize.File) error {
	if _, err := f.NewSheet(sheetLists); err != nil {
		return fmt.Errorf("excel: lists: %w", err)
	}
	for i, c := range RosterColumns {
		if c.Values == nil {
			continue
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		for j, v := range c.Values {
			if err := f.SetCellStr(sheetLists, fmt.Sprintf("%s%d", col, j+1), v); err != nil {
				return fmt.Errorf("excel: lists: %w", err)
			}
		}
	}
	if err := f.SetSheetVisible(sheetLists, false); err != nil {
		return fmt.Errorf("excel: lists: %w", err)
	}
	return nil
}

func addDropDowns(f *excelize.File) error {
	for i, c := range RosterColumns {
		if c.Values == nil || c.Multi {
			continue
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s%d:%s%d", col, headerRow+1, col, rosterDataRows)
		dv.SetSqrefDropList(fmt.Sprintf("'%s'!$%s$1:$%s$%d", sheetLists, col, col, len(c.Values)))
		dv.SetError(excelize.DataValidationErrorStyleStop, "填写错误", "请从下拉列表中选择"+strings.TrimSuffix(c.Header, "*"))
		if err := f.AddDataValidation(SheetRoster, dv); err != nil {
			return fmt.Errorf("excel: drop-down %s: %w", c.Header, err)
		}
	}
	return nil
}

// writeHelp writes the 填表说明 sheet: each column, whether it is required, what it means and its values.
func writeHelp(f *excelize.File, st *styles) error {
	cols := []column{{header: "列名", kind: text, max: 20}, {header: "是否必填", kind: text, max: 10},
		{header: "说明", kind: text, max: 60}, {header: "可选值", kind: text, max: 60}}
	s, err := newSheet(f, st, false, SheetHelp, "填表说明:每名家庭成员一行,同一户的各行户编号相同;户级信息填在该户第一行即可", cols)
	if err != nil {
		return err
	}
	for _, c := range RosterColumns {
		req := "否"
		if c.Required {
			req = "是"
		}
		var values any
		if c.Values != nil {
			values = strings.Join(c.Values, "、")
		}
		if err := s.add([]any{strings.TrimSuffix(c.Header, "*"), req, c.Help, values}); err != nil {
			return err
		}
	}
	for _, note := range []string{
		"列的顺序可以调整,表头可带空格或全角字符;标有*的列必须有。",
		"合计行、空行会被跳过;合并单元格的户级信息视为该户各行相同。",
		"导入时每户要么整户登记成功,要么整户不登记并在错误报告中指出出错的单元格;同一文件重复导入不会重复登记。",
		"文件须为.xlsx格式,不超过10MB、10000行。",
	} {
		if err := s.add([]any{"说明", nil, note, nil}); err != nil {
			return err
		}
	}
	return s.close()
}
