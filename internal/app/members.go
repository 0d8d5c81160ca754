package app

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/page"
)

// MemberView is a member with the household facts a list needs.
type MemberView struct {
	household.Member
	HouseholdID       string
	HouseholdNumber   string
	SiteID            string
	CountyCode        string
	ZeroEmploymentHH  bool
	MonitoredHH       bool
	HouseholdStatus   string
	HouseholdWorkers  int
	HouseholdEmployed int
}

func viewOf(h *household.Household, m household.Member) MemberView {
	w, e := h.Workers()
	return MemberView{Member: m, HouseholdID: h.ID, HouseholdNumber: h.Number, SiteID: h.SiteID, CountyCode: h.CountyCode,
		ZeroEmploymentHH: h.ZeroEmployment(), MonitoredHH: h.Monitored(), HouseholdStatus: h.Status,
		HouseholdWorkers: w, HouseholdEmployed: e}
}

// MemberQuery selects members. Employed nil means either.
type MemberQuery struct {
	SiteID, CountyCode string
	LaborCapacity      labor.Capacity
	Employed           *bool
	Workable           bool // only members with labour capacity who are not pupils
	Reason             labor.UnemployedReason
	MissingReason      bool // only unemployed workers without a recorded reason
	Q                  string
	Page               page.Request
}

// ListMembers returns one page of current members of resident households the caller may see, in
// household-number order, and the total. Errors: invalid for an unknown capacity, forbidden outside
// the scope.
func (a *Registration) ListMembers(ctx context.Context, q MemberQuery) (page.Of[MemberView], error) {
	c, err := require(ctx, auth.ReadHouseholds)
	if err != nil {
		return page.Of[MemberView]{}, err
	}
	var f apperr.Fields
	if q.LaborCapacity != "" && !q.LaborCapacity.Valid() {
		f.Add("laborCapacity", "劳动技能取值无效")
	}
	if q.Reason != "" && !q.Reason.Valid() {
		f.Add("reason", "未就业原因取值无效")
	}
	if utf8.RuneCountInString(q.Q) > 50 {
		f.Add("q", "搜索内容不能超过50个字")
	}
	if err := queryErr(f); err != nil {
		return page.Of[MemberView]{}, err
	}
	ids, county, err := a.scopeFilter(ctx, c, q.SiteID, q.CountyCode)
	if err != nil {
		return page.Of[MemberView]{}, err
	}
	return a.members(ctx, household.Filter{SiteIDs: ids, CountyCode: county, Status: household.StatusResident}, q.Page,
		func(m *household.Member) bool {
			if q.LaborCapacity != "" && m.LaborCapacity != q.LaborCapacity {
				return false
			}
			if q.Employed != nil && (m.Employment != nil) != *q.Employed {
				return false
			}
			if q.Workable && !m.Workable() {
				return false
			}
			if q.Reason != "" && (m.Unemployment == nil || m.Unemployment.Reason != q.Reason) {
				return false
			}
			if q.MissingReason && m.Unemployment != nil && m.Unemployment.Reason != "" {
				return false
			}
			return q.Q == "" || strings.Contains(m.Name, q.Q)
		})
}

// members scans the households matching f and returns the requested page of the current members
// that keep accepts, with their total. Only the page's members are turned into views: a county holds
// tens of thousands of members, and building a view of each took most of a page's time.
func (a *core) members(ctx context.Context, f household.Filter, r page.Request, keep func(*household.Member) bool) (page.Of[MemberView], error) {
	start, end := r.Skip(), r.Skip()+r.Limit()
	out := page.Of[MemberView]{Items: []MemberView{}}
	err := a.store.EachHousehold(ctx, f, func(h *household.Household) error {
		for i := range h.Members {
			if keep(&h.Members[i]) {
				if out.Total >= start && out.Total < end {
					out.Items = append(out.Items, viewOf(h, h.Members[i]))
				}
				out.Total++
			}
		}
		return nil
	})
	return out, err
}

// householdOfMember returns the household id part of a member id ("h...-3" -> "h...").
func householdOfMember(id string) string {
	if i := strings.LastIndexByte(id, '-'); i > 0 {
		return id[:i]
	}
	return ""
}

// GetMember returns one member. Errors: not_found (also outside the scope).
func (a *Registration) GetMember(ctx context.Context, id string) (MemberView, error) {
	c, err := require(ctx, auth.ReadHouseholds)
	if err != nil {
		return MemberView{}, err
	}
	return a.visibleMember(ctx, c, id)
}

func (a *core) visibleMember(ctx context.Context, c auth.Caller, id string) (MemberView, error) {
	notFound := apperr.New(apperr.NotFound, "成员不存在")
	hid := householdOfMember(id)
	if hid == "" {
		return MemberView{}, notFound
	}
	h, err := a.visibleHousehold(ctx, c, hid)
	if err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return MemberView{}, notFound
		}
		return MemberView{}, err
	}
	m := h.Member(id)
	if m == nil {
		return MemberView{}, notFound
	}
	return viewOf(h, *m), nil
}

// RevealIDNumber returns a member's full ID number; the view itself is audited.
// Errors: forbidden without the permission, not_found.
func (a *Registration) RevealIDNumber(ctx context.Context, memberID string) (string, error) {
	c, err := require(ctx, auth.ReadFullID)
	if err != nil {
		return "", err
	}
	v, err := a.visibleMember(ctx, c, memberID)
	if err != nil {
		return "", err
	}
	a.audit(ctx, c, "view-id", "member", memberID, v.CountyCode, v.SiteID, nil, nil, "查看完整身份证号码")
	return v.IDNumber, nil
}
