package app

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/excel"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/labor"
)

// TemplateHousehold is the example household of the import template: a couple and their son, with
// the 户编号 示例1, which the importer skips.
func TemplateHousehold() household.Household {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	return household.Household{Number: "示例1",
		Origin:         household.Origin{CountyCode: "140524", TownshipCode: "140524204", Village: "东山村"},
		RelocationYear: 2018, MoveInDate: day(2018, 10, 1), Unit: "3号楼2单元501", Phone: "13912345678",
		HouseholdType: "一般脱贫户", MonitoringType: "无", PovertyCauses: []string{"因病", "缺技术"},
		Members: []household.Member{
			{Name: "王建国", IDNumber: idcard.Make("140524", day(1975, 3, 1), 11), Relation: "户主", Ethnicity: "汉族",
				Education: "初中", Health: "健康", LaborCapacity: labor.Ordinary, Skills: []string{"焊工"},
				JobIntention: household.JobIntention{WantsWork: true, Area: labor.AreaInCounty, Kinds: []labor.Channel{labor.LocalEnterprise}}},
			{Name: "李秀英", IDNumber: idcard.Make("140524", day(1978, 5, 1), 22), Relation: "配偶", Ethnicity: "汉族",
				Education: "小学", Health: "长期慢性病", LaborCapacity: labor.Weak, Constraints: []string{"照料儿童"},
				JobIntention: household.JobIntention{WantsWork: true, Area: labor.AreaAny}, Phone: "13812345678"},
			{Name: "王小明", IDNumber: idcard.Make("140524", day(2014, 1, 1), 31), Relation: "之子", Ethnicity: "汉族",
				SchoolStatus: "小学", Health: "健康", LaborCapacity: labor.NoLabor},
		}}
}

// WriteTemplate writes the import template (花名册导入模板) to w and returns its file name: the roster
// columns with drop-downs, one example household and the 填表说明 sheet. Errors: forbidden.
func (s *Imports) WriteTemplate(ctx context.Context, w io.Writer) (string, error) {
	if _, err := require(ctx, auth.ReadHouseholds); err != nil {
		return "", err
	}
	ex := TemplateHousehold()
	rows := rosterRows(&ex, func(n string) string { return n })
	for _, r := range rows[1:] { // household fields on the first row only, as many county rosters do
		for _, c := range excel.RosterColumns {
			if c.Household && c.Key != "number" {
				delete(r, c.Key)
			}
		}
	}
	err := excel.WriteRoster(w, excel.Roster{Title: "搬迁户花名册导入模板(每名成员一行,示例户不会导入)", Rows: excel.SliceRows(rows)})
	if err != nil {
		return "", apperr.Wrap(err, "write template")
	}
	return "搬迁户花名册导入模板.xlsx", nil
}

// RosterQuery selects a roster export: the site, and whether ID numbers are shown in full.
type RosterQuery struct {
	SiteID string
	FullID bool
}

// WriteRoster writes a site's roster of resident households to w in the template's columns, one row
// per member, and returns its file name. ID numbers are masked unless FullID is asked by a role that
// may see them; every export is audited. With full ID numbers it imports into another instance
// unchanged. Errors: invalid without a site, forbidden (outside the scope, or full ID numbers without
// the permission).
func (s *Imports) WriteRoster(ctx context.Context, q RosterQuery, w io.Writer) (string, error) {
	c, err := require(ctx, auth.ReadHouseholds)
	if err != nil {
		return "", err
	}
	if q.FullID && !c.Role.Allows(auth.ReadFullID) {
		return "", apperr.New(apperr.Forbidden, "当前账号无权导出完整身份证号码")
	}
	if q.SiteID == "" {
		return "", (apperr.Fields{{Field: "siteId", Message: "请选择安置点"}}).Err()
	}
	sc, err := s.scopeOf(ctx, c, q.SiteID, "")
	if err != nil {
		return "", err
	}
	if len(sc.sites) != 1 {
		return "", (apperr.Fields{{Field: "siteId", Message: "安置点不存在"}}).Err()
	}
	site := sc.sites[0]
	id := idcard.Mask
	note := "导出花名册(身份证号码已脱敏)"
	if q.FullID {
		id = func(n string) string { return n }
		note = "导出花名册(含完整身份证号码)"
	}
	s.audit(ctx, c, "export", "roster", site.ID, site.CountyCode, site.ID, nil, nil, note)
	hf := household.Filter{SiteIDs: []string{site.ID}, Status: household.StatusResident}
	rows := func(yield func(map[string]string) bool) error {
		stop := fmt.Errorf("stop")
		err := s.store.EachHousehold(ctx, hf, func(h *household.Household) error {
			for _, r := range rosterRows(h, id) {
				if !yield(r) {
					return stop
				}
			}
			return nil
		})
		if err == stop {
			return nil
		}
		return err
	}
	day := s.cstToday()
	err = excel.WriteRoster(w, excel.Roster{Title: fmt.Sprintf("%s搬迁户花名册(截至%s)", site.Name, day.Format(time.DateOnly)), Rows: rows})
	if err != nil {
		return "", apperr.Wrap(err, "write roster")
	}
	return fmt.Sprintf("%s花名册_%s.xlsx", site.Name, day.Format(time.DateOnly)), nil
}
