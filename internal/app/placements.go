package app

import (
	"context"
	"sort"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/page"
)

// HireRequest places a member: into a position, or (without one) as self-employment, flexible or
// migrant work with a channel.
type HireRequest = job.HireInput

var errPlacementNotFound = apperr.New(apperr.NotFound, "就业记录不存在")

// Hire records a placement through the one concurrency-safe path. Errors: invalid (a rule says no,
// with the reason), conflict (the member already works, the household already holds a 公益性岗位,
// the position is full), not_found (member or position outside the scope), forbidden.
func (a *Jobs) Hire(ctx context.Context, r HireRequest) (job.Placement, error) {
	c, err := require(ctx, auth.WriteJobs)
	if err != nil {
		return job.Placement{}, err
	}
	now := a.now()
	if err := job.ValidateHire(&r, now); err != nil {
		return job.Placement{}, err
	}
	var f apperr.Fields
	var pos *job.Position
	if r.PositionID != "" {
		p, err := a.store.GetPosition(ctx, r.PositionID)
		if err != nil || !seesJobsOf(c, p.CountyCode) {
			f.Add("positionId", "岗位不存在")
		} else {
			pos = &p
			if r.Channel != "" && r.Channel != p.Channel {
				f.Add("channel", "就业渠道与岗位不一致,可不填写")
			}
			r.Channel = p.Channel
		}
	}
	v, err := a.visibleMember(ctx, c, r.MemberID)
	if err != nil {
		if apperr.Is(err, apperr.NotFound) {
			f.Add("memberId", "成员不存在")
			return job.Placement{}, f.Err()
		}
		return job.Placement{}, err
	}
	if err := f.Err(); err != nil {
		return job.Placement{}, err
	}
	h, err := a.store.GetHousehold(ctx, v.HouseholdID)
	if err != nil {
		return job.Placement{}, err
	}
	if err := job.CheckHireDates(h, r.StartDate); err != nil {
		return job.Placement{}, err
	}
	settings, err := a.store.GetSettings(ctx, h.CountyCode)
	if err != nil {
		return job.Placement{}, err
	}
	if err := job.CheckHire(job.HireCheck{Household: h, Member: h.Member(r.MemberID), Position: pos,
		Channel: r.Channel, Settings: settings, On: r.StartDate}); err != nil {
		return job.Placement{}, err
	}
	p := job.Placement{MemberID: v.ID, MemberName: v.Name, HouseholdID: h.ID, SiteID: h.SiteID, CountyCode: h.CountyCode,
		Channel: r.Channel, StartDate: r.StartDate, MonthlyIncome: r.MonthlyIncome, WorkPlace: r.WorkPlace,
		EmployerName: r.EmployerName, CreatedBy: c.Username, CreatedAt: now, UpdatedAt: now}
	if pos != nil {
		p.PositionID, p.EmployerID, p.EmployerName, p.PositionTitle = pos.ID, pos.EmployerID, pos.EmployerName, pos.Title
		if p.MonthlyIncome == 0 {
			p.MonthlyIncome = pos.MonthlyWage
		}
	}
	welfareCap := r.Channel == labor.Welfare && settings.Welfare.OnePerHousehold
	if err := a.store.Hire(ctx, &p, welfareCap); err != nil {
		return job.Placement{}, err
	}
	a.audit(ctx, c, "hire", "placement", p.ID, p.CountyCode, p.SiteID, nil, p, "")
	a.audit(ctx, c, "hire", "member", p.MemberID, p.CountyCode, p.SiteID, nil, nil, string(p.Channel)+" "+p.EmployerName)
	return p, nil
}

// visiblePlacement loads a placement the caller may see; not_found otherwise.
func (a *core) visiblePlacement(ctx context.Context, c auth.Caller, id string) (job.Placement, error) {
	p, err := a.store.GetPlacement(ctx, id)
	if err != nil {
		return p, err
	}
	if !c.SeesSite(p.SiteID, p.CountyCode) {
		return job.Placement{}, errPlacementNotFound
	}
	return p, nil
}

// GetPlacement returns a placement with its follow-ups. Errors: not_found (also outside the scope).
func (a *Jobs) GetPlacement(ctx context.Context, id string) (job.Placement, error) {
	c, err := require(ctx, auth.ReadJobs)
	if err != nil {
		return job.Placement{}, err
	}
	return a.visiblePlacement(ctx, c, id)
}

// PlacementQuery selects placements.
type PlacementQuery struct {
	SiteID, CountyCode, Status, MemberID, PositionID, HouseholdID, Channel string
	Page                                                                   page.Request
}

// ListPlacements returns one page of the placements the caller may see, and the total.
// Errors: forbidden when siteId or countyCode is outside the scope.
func (a *Jobs) ListPlacements(ctx context.Context, q PlacementQuery) (page.Of[job.Placement], error) {
	c, err := require(ctx, auth.ReadJobs)
	if err != nil {
		return page.Of[job.Placement]{}, err
	}
	var f apperr.Fields
	if q.Status != "" && q.Status != job.PlacementActive && q.Status != job.PlacementEnded {
		f.Add("status", "应为active或ended")
	}
	if q.Channel != "" && !labor.Channel(q.Channel).Valid() {
		f.Add("channel", "就业渠道取值无效")
	}
	if err := queryErr(f); err != nil {
		return page.Of[job.Placement]{}, err
	}
	ids, county, err := a.scopeFilter(ctx, c, q.SiteID, q.CountyCode)
	if err != nil {
		return page.Of[job.Placement]{}, err
	}
	return a.store.ListPlacements(ctx, job.PlacementFilter{SiteIDs: ids, CountyCode: county, Status: q.Status,
		MemberID: q.MemberID, PositionID: q.PositionID, HouseholdID: q.HouseholdID, Channel: q.Channel, Page: q.Page})
}

// EndPlacement ends an active placement with a date and reason; its opening is freed. Errors:
// invalid, conflict (already ended, or stale version), not_found.
func (a *Jobs) EndPlacement(ctx context.Context, id string, in job.EndInput) (job.Placement, error) {
	c, err := require(ctx, auth.WriteJobs)
	if err != nil {
		return job.Placement{}, err
	}
	p, err := a.visiblePlacement(ctx, c, id)
	if err != nil {
		return p, err
	}
	if p.Status != job.PlacementActive {
		return p, job.ErrPlacementEnded
	}
	if in.Version != 0 && in.Version != p.Version {
		return p, apperr.New(apperr.Conflict, "就业记录已被他人修改,请刷新后重试")
	}
	if err := job.ValidateEnd(&p, &in, a.now()); err != nil {
		return p, err
	}
	before := p
	if err := a.store.EndPlacement(ctx, &p, in.EndDate, in.Reason, in.Note, a.now()); err != nil {
		return p, err
	}
	a.audit(ctx, c, "end", "placement", p.ID, p.CountyCode, p.SiteID, before, p, in.Reason)
	return p, nil
}

// FollowUpRequest is one follow-up visit; StillWorking is required.
type FollowUpRequest = job.FollowUpInput

// AddFollowUp records a follow-up visit (回访) on a placement; visits are kept after the placement
// ends. Errors: invalid, not_found.
func (a *Jobs) AddFollowUp(ctx context.Context, id string, r FollowUpRequest) (job.Placement, error) {
	c, err := require(ctx, auth.WriteJobs)
	if err != nil {
		return job.Placement{}, err
	}
	if err := job.ValidateFollowUp(&r, nil, a.now()); err != nil {
		return job.Placement{}, err
	}
	for attempt := 0; ; attempt++ {
		p, err := a.visiblePlacement(ctx, c, id)
		if err != nil {
			return p, err
		}
		if err := job.ValidateFollowUp(&r, &p, a.now()); err != nil {
			return p, err
		}
		p.FollowUps = append(p.FollowUps, job.FollowUp{Date: r.Date, StillWorking: *r.StillWorking, Income: r.Income,
			Note: r.Note, By: c.Username, At: a.now()})
		p.UpdatedAt = a.now()
		err = a.store.SavePlacement(ctx, &p)
		if err == nil {
			a.audit(ctx, c, "follow-up", "placement", p.ID, p.CountyCode, p.SiteID, nil, nil, r.Note)
			return p, nil
		}
		if !apperr.Is(err, apperr.Conflict) || attempt >= 5 {
			return p, err
		}
	}
}

// UnemploymentRequest sets why an unemployed worker has no job and what happens next.
type UnemploymentRequest = household.UnemploymentInput

// SetUnemployment records why a worker has no job and the next step. Errors: invalid (the member
// is employed or has no labour capacity, bad reason or next step), not_found.
func (a *Jobs) SetUnemployment(ctx context.Context, memberID string, r UnemploymentRequest) (MemberView, error) {
	if err := household.ValidateUnemploymentInput(&r); err != nil {
		return MemberView{}, err
	}
	return a.updateUnemployment(ctx, memberID, "", func(u *household.Unemployment) {
		u.Reason, u.NextStep = r.Reason, r.NextStep
	})
}

// RecordService counts one "1-3-1" service (referral, offer or training) for an unemployed worker.
// Errors: invalid (unknown kind, the member is employed or has no labour capacity), not_found.
func (a *Jobs) RecordService(ctx context.Context, memberID string, kind labor.ServiceKind, note string) (MemberView, error) {
	if err := household.ValidateService(&kind, &note); err != nil {
		return MemberView{}, err
	}
	return a.updateUnemployment(ctx, memberID, string(kind)+" "+note, func(u *household.Unemployment) {
		switch kind {
		case labor.ServiceReferral:
			u.Referrals++
		case labor.ServiceOffer:
			u.Offers++
		case labor.ServiceTraining:
			u.Trainings++
		}
	})
}

// updateUnemployment applies change to an unemployed worker's record and audits it with note.
func (a *Jobs) updateUnemployment(ctx context.Context, memberID, note string, change func(*household.Unemployment)) (MemberView, error) {
	c, err := require(ctx, auth.WriteJobs)
	if err != nil {
		return MemberView{}, err
	}
	v, err := a.visibleMember(ctx, c, memberID)
	if err != nil {
		return v, err
	}
	now := a.now()
	var before household.Unemployment
	h, err := a.store.MutateHousehold(ctx, v.HouseholdID, func(h *household.Household) error {
		m := h.Member(memberID)
		if m == nil {
			return household.ErrMemberNotFound
		}
		if m.Employment != nil {
			return apperr.New(apperr.Invalid, "该成员已就业,无需登记未就业原因")
		}
		if !m.Workable() {
			return apperr.New(apperr.Invalid, "该成员无劳动能力或为在校学生,不计入未就业劳动力")
		}
		u := household.Unemployment{}
		if m.Unemployment != nil {
			u = *m.Unemployment
		}
		before = u
		change(&u)
		u.UpdatedAt = now
		m.Unemployment = &u
		h.UpdatedAt = now
		return nil
	})
	if err != nil {
		return MemberView{}, err
	}
	m := h.Member(memberID)
	a.audit(ctx, c, "unemployment", "member", memberID, h.CountyCode, h.SiteID, before, *m.Unemployment, note)
	return viewOf(h, *m), nil
}

// ZeroHousehold is a zero-employment household with its clocks: help is due within 3 days of the
// household becoming zero-employment, and clearing within 5 (动态清零).
type ZeroHousehold struct {
	Household *household.Household
	Since     time.Time
	Days      int
	HelpDue   time.Time
	ClearDue  time.Time
}

// ZeroQuery selects zero-employment households.
type ZeroQuery struct {
	SiteID, CountyCode string
	Page               page.Request
}

// ListZeroEmployment returns one page of the zero-employment households the caller may see, longest first.
// Errors: forbidden outside the scope.
func (a *Jobs) ListZeroEmployment(ctx context.Context, q ZeroQuery) (page.Of[ZeroHousehold], error) {
	c, err := require(ctx, auth.ReadHouseholds)
	if err != nil {
		return page.Of[ZeroHousehold]{}, err
	}
	ids, cc, err := a.scopeFilter(ctx, c, q.SiteID, q.CountyCode)
	if err != nil {
		return page.Of[ZeroHousehold]{}, err
	}
	now := a.now()
	var out []ZeroHousehold
	err = a.store.EachHousehold(ctx, household.Filter{SiteIDs: ids, CountyCode: cc, Status: household.StatusResident, ZeroEmployment: true},
		func(h *household.Household) error {
			since := h.ZeroSince
			if since.IsZero() {
				since = h.CreatedAt
			}
			out = append(out, ZeroHousehold{Household: h, Since: since, Days: int(now.Sub(since).Hours() / 24),
				HelpDue: since.AddDate(0, 0, 3), ClearDue: since.AddDate(0, 0, 5)})
			return nil
		})
	if err != nil {
		return page.Of[ZeroHousehold]{}, err
	}
	sortZero(out)
	return page.Slice(out, q.Page), nil
}

func sortZero(z []ZeroHousehold) {
	sort.Slice(z, func(i, j int) bool {
		if !z[i].Since.Equal(z[j].Since) {
			return z[i].Since.Before(z[j].Since)
		}
		return z[i].Household.Number < z[j].Household.Number
	})
}
