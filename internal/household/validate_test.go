package household_test

import (
	"strings"
	"testing"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/fixture"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/labor"
)

var now = fixture.Day(2026, 11, 30)

func fieldsOf(err error) map[string]string {
	out := map[string]string{}
	if err == nil {
		return out
	}
	for _, f := range apperr.As(err).Fields {
		out[f.Field] = f.Message
	}
	return out
}

func TestValidHouseholdPasses(t *testing.T) {
	h := fixture.Household("s1", 2)
	h.Members[0].IDNumber = strings.ToLower(h.Members[0].IDNumber) // lower-case x, if any, is accepted
	if err := household.Validate(&h, now); err != nil {
		t.Fatalf("valid household refused: %v %v", err, fieldsOf(err))
	}
	if h.Members[0].Sex != "男" || h.Members[1].Sex != "女" {
		t.Errorf("sex not derived: %q %q", h.Members[0].Sex, h.Members[1].Sex)
	}
	if h.Members[0].BirthDate.Year() < 1975 || h.Members[0].BirthDate.IsZero() {
		t.Errorf("birth date not derived: %v", h.Members[0].BirthDate)
	}
}

func TestValidateRules(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(h *household.Household)
		field string
		want  string
	}{
		{"wrong check digit", func(h *household.Household) { h.Members[0].IDNumber = "110105194912310021" }, "members[0].idNumber", "校验"},
		{"30 February", func(h *household.Household) { h.Members[0].IDNumber = "140524198002300011" }, "members[0].idNumber", "日期"},
		{"future birth", func(h *household.Household) { h.Members[1].IDNumber = fixture.IDNumber(fixture.Day(2027, 6, 1), "女") }, "members[1].idNumber", "晚于"},
		{"15-digit", func(h *household.Household) { h.Members[0].IDNumber = "140524800101001" }, "members[0].idNumber", "15位"},
		{"duplicate in request", func(h *household.Household) { h.Members[2].IDNumber = h.Members[1].IDNumber }, "members[2].idNumber", "重复"},
		{"no head", func(h *household.Household) { h.Members[0].Relation = "之子" }, "members", "户主"},
		{"two heads", func(h *household.Household) { h.Members[1].Relation = "户主" }, "members[1].relation", "户主"},
		{"two spouses", func(h *household.Household) { h.Members[2].Relation = "配偶" }, "members[2].relation", "配偶"},
		{"same-sex spouse", func(h *household.Household) { h.Members[1].IDNumber = fixture.IDNumber(fixture.Day(1978, 5, 1), "男") }, "members[1].idNumber", "性别"},
		{"phone 10 digits", func(h *household.Household) { h.Phone = "1391234567" }, "phone", "11位"},
		{"bad relation", func(h *household.Household) { h.Members[2].Relation = "朋友" }, "members[2].relation", "关系"},
		{"bad capacity", func(h *household.Household) { h.Members[0].LaborCapacity = "很强" }, "members[0].laborCapacity", "劳动技能"},
		{"bad health", func(h *household.Household) { h.Members[0].Health = "一般" }, "members[0].health", "健康"},
		{"education and school both", func(h *household.Household) { h.Members[2].Education = "小学" }, "members[2].schoolStatus", "只能"},
		{"neither education nor school", func(h *household.Household) { h.Members[0].Education = "" }, "members[0].education", "必须"},
		{"pupil with capacity", func(h *household.Household) { h.Members[2].LaborCapacity = labor.Ordinary }, "members[2].laborCapacity", "在校"},
		{"unknown origin county", func(h *household.Household) { h.Origin.CountyCode = "149999" }, "origin.countyCode", "不存在"},
		{"township of another county", func(h *household.Household) { h.Origin.TownshipCode = "140521100" }, "origin.townshipCode", "不属于"},
		{"disabled without category", func(h *household.Household) { h.Members[0].Health = "残疾" }, "members[0].disability", "残疾"},
		{"future move-in", func(h *household.Household) { h.MoveInDate = fixture.Day(2027, 1, 1) }, "moveInDate", "晚于"},
		{"relocation year", func(h *household.Household) { h.RelocationYear = 1990 }, "relocationYear", "搬迁年度"},
		{"household type", func(h *household.Household) { h.HouseholdType = "贫困户" }, "householdType", "户类型"},
		{"poverty cause", func(h *household.Household) { h.PovertyCauses = []string{"因病", "因病"} }, "povertyCauses[1]", "重复"},
		{"no site", func(h *household.Household) { h.SiteID = "" }, "siteId", "安置点"},
		{"work area", func(h *household.Household) { h.Members[0].JobIntention.Area = "国外" }, "members[0].jobIntention.area", "地域"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := fixture.Household("s1", 1)
			tt.edit(&h)
			err := household.Validate(&h, now)
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("want invalid, got %v", err)
			}
			got := fieldsOf(err)
			msg, ok := got[tt.field]
			if !ok || !strings.Contains(msg, tt.want) {
				t.Errorf("field %s: got %q (all: %v), want a message containing %q", tt.field, msg, got, tt.want)
			}
		})
	}
}

func TestValidateReportsEveryErrorAtOnce(t *testing.T) {
	h := fixture.Household("s1", 1)
	h.Phone = "123"
	h.Members[0].IDNumber = "110105194912310021"
	h.Members[1].Ethnicity = ""
	err := household.Validate(&h, now)
	got := fieldsOf(err)
	for _, f := range []string{"phone", "members[0].idNumber", "members[1].ethnicity"} {
		if _, ok := got[f]; !ok {
			t.Errorf("missing error for %s in %v", f, got)
		}
	}
}

func TestZeroEmployment(t *testing.T) {
	h := fixture.Household("s1", 1)
	if err := household.Validate(&h, now); err != nil {
		t.Fatal(err)
	}
	h.Status = household.StatusResident
	if !h.ZeroEmployment() {
		t.Fatal("household with two unemployed workers should be zero-employment")
	}
	h.RefreshZero(now)
	if !h.ZeroSince.Equal(now) {
		t.Fatalf("ZeroSince = %v, want %v", h.ZeroSince, now)
	}
	h.Members[1].Employment = &household.Employment{PlacementID: "p1", Channel: labor.Welfare}
	h.RefreshZero(now.AddDate(0, 0, 1))
	if h.ZeroEmployment() || !h.ZeroSince.IsZero() {
		t.Fatalf("employed household still flagged: zero=%v since=%v", h.ZeroEmployment(), h.ZeroSince)
	}
	if w, e := h.Workers(); w != 2 || e != 1 {
		t.Fatalf("Workers() = %d, %d; want 2, 1", w, e)
	}
	if !h.HasWelfarePost() {
		t.Fatal("HasWelfarePost should see the 公益性岗位")
	}
}

func TestValidateSite(t *testing.T) {
	s := household.Site{Name: "沙上头集中安置点", CountyCode: "140524", TownshipCode: "140524100"}
	if err := household.ValidateSite(&s); err != nil {
		t.Fatalf("valid site refused: %v", err)
	}
	s = household.Site{Name: " ", CountyCode: "999999", TownshipCode: "140521100", CapacityHouseholds: -1}
	got := fieldsOf(household.ValidateSite(&s))
	for _, f := range []string{"name", "countyCode", "townshipCode", "capacityHouseholds"} {
		if _, ok := got[f]; !ok {
			t.Errorf("missing error for %s in %v", f, got)
		}
	}
}

func TestWarnings(t *testing.T) {
	h := fixture.Household("s1", 0)
	h.Members[0].IDNumber = idcard.Make("140599", fixture.Day(1975, 3, 1), 11) // 140599 is no county
	h.Members[1].Health = "健康"                                                 // healthy, 48, recorded as weak labour
	if err := household.Validate(&h, now); err != nil {
		t.Fatalf("warnings must not refuse: %v", err)
	}
	got := map[string]string{}
	for _, w := range household.Warnings(&h, now) {
		got[w.Field] = w.Message
	}
	if !strings.Contains(got["members[0].idNumber"], "请核对") || !strings.Contains(got["members[1].laborCapacity"], "弱劳动力") || len(got) != 2 {
		t.Fatalf("warnings: %v", got)
	}
	h.Members[1].LaborCapacity = labor.Ordinary
	if ws := household.Warnings(&h, now); len(ws) != 1 {
		t.Fatalf("after correcting the capacity: %v", ws)
	}
}
