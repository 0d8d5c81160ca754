package app

import (
	"context"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/check"
	"github.com/anju-cn/anju/internal/division"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/page"
)

// jobCounty returns the county whose jobs the caller may see: "" for admins (all). Site managers see
// the jobs of their own county. Errors: forbidden when an explicit county is outside the scope.
func jobCounty(c auth.Caller, county string) (string, error) {
	if c.SeesAll() {
		return county, nil
	}
	if county != "" && county != c.CountyCode {
		return "", errOutOfScope
	}
	return c.CountyCode, nil
}

// seesJobsOf reports whether the caller may see jobs of a county.
func seesJobsOf(c auth.Caller, county string) bool { return c.SeesAll() || c.CountyCode == county }

// CreateEmployer registers an employer in the caller's county. Errors: invalid, conflict (credit code
// registered), forbidden.
func (a *Jobs) CreateEmployer(ctx context.Context, e job.Employer) (job.Employer, error) {
	c, err := require(ctx, auth.WriteJobs)
	if err != nil {
		return e, err
	}
	if err := job.ValidateEmployer(&e); err != nil {
		return e, err
	}
	if !seesJobsOf(c, e.CountyCode) {
		return e, errOutOfScope
	}
	e.CreatedAt, e.UpdatedAt = a.now(), a.now()
	if err := a.store.CreateEmployer(ctx, &e); err != nil {
		return e, err
	}
	a.audit(ctx, c, "create", "employer", e.ID, e.CountyCode, "", nil, e, "")
	return e, nil
}

// GetEmployer returns an employer. Errors: not_found (also outside the scope).
func (a *Jobs) GetEmployer(ctx context.Context, id string) (job.Employer, error) {
	c, err := require(ctx, auth.ReadJobs)
	if err != nil {
		return job.Employer{}, err
	}
	e, err := a.store.GetEmployer(ctx, id)
	if err == nil && !seesJobsOf(c, e.CountyCode) {
		return job.Employer{}, apperr.New(apperr.NotFound, "用人单位不存在")
	}
	return e, err
}

// EmployerQuery selects employers.
type EmployerQuery struct {
	CountyCode string
	Page       page.Request
}

// ListEmployers returns one page of the employers the caller may see. Errors: forbidden for another
// county.
func (a *Jobs) ListEmployers(ctx context.Context, q EmployerQuery) (page.Of[job.Employer], error) {
	c, err := require(ctx, auth.ReadJobs)
	if err != nil {
		return page.Of[job.Employer]{}, err
	}
	county, err := jobCounty(c, q.CountyCode)
	if err != nil {
		return page.Of[job.Employer]{}, err
	}
	return a.store.ListEmployers(ctx, job.EmployerFilter{CountyCode: county, Page: q.Page})
}

// EmployerPatch changes an employer; nil means unchanged.
type EmployerPatch struct {
	Version                                                      int
	Name, Kind, TownshipCode, Address, ContactName, ContactPhone *string
}

// UpdateEmployer applies a patch with optimistic concurrency. Errors: invalid, conflict, not_found.
func (a *Jobs) UpdateEmployer(ctx context.Context, id string, p EmployerPatch) (job.Employer, error) {
	c, err := require(ctx, auth.WriteJobs)
	if err != nil {
		return job.Employer{}, err
	}
	if err := check.VersionError(p.Version); err != nil {
		return job.Employer{}, err
	}
	e, err := a.GetEmployer(ctx, id)
	if err != nil {
		return e, err
	}
	if p.Version != e.Version {
		return e, apperr.New(apperr.Conflict, "用人单位信息已被他人修改,请刷新后重试")
	}
	before := e
	setIf(&e.Name, p.Name)
	setIf(&e.Kind, p.Kind)
	setIf(&e.TownshipCode, p.TownshipCode)
	setIf(&e.Address, p.Address)
	setIf(&e.ContactName, p.ContactName)
	setIf(&e.ContactPhone, p.ContactPhone)
	if err := job.ValidateEmployer(&e); err != nil {
		return e, err
	}
	e.UpdatedAt = a.now()
	if err := a.store.UpdateEmployer(ctx, &e); err != nil {
		return e, err
	}
	a.audit(ctx, c, "update", "employer", e.ID, e.CountyCode, "", before, e, "")
	return e, nil
}

// CreatePosition opens a position at an employer the caller may see. Errors: invalid (the employer
// missing counts as a field error), forbidden.
func (a *Jobs) CreatePosition(ctx context.Context, p job.Position) (job.Position, error) {
	c, err := require(ctx, auth.WriteJobs)
	if err != nil {
		return p, err
	}
	p.Status = job.PositionOpen
	verr := job.ValidatePosition(&p)
	e, err := a.store.GetEmployer(ctx, p.EmployerID)
	if err != nil || !seesJobsOf(c, e.CountyCode) {
		f := apperr.Fields{{Field: "employerId", Message: "用人单位不存在"}}
		if verr != nil {
			f = append(f, apperr.As(verr).Fields...)
		}
		return p, f.Err()
	}
	if verr != nil {
		return p, verr
	}
	p.EmployerName, p.CountyCode = e.Name, e.CountyCode
	p.CreatedAt, p.UpdatedAt = a.now(), a.now()
	if err := a.store.CreatePosition(ctx, &p); err != nil {
		return p, err
	}
	a.audit(ctx, c, "create", "position", p.ID, p.CountyCode, "", nil, p, "")
	return p, nil
}

// GetPosition returns a position. Errors: not_found (also outside the scope).
func (a *Jobs) GetPosition(ctx context.Context, id string) (job.Position, error) {
	c, err := require(ctx, auth.ReadJobs)
	if err != nil {
		return job.Position{}, err
	}
	p, err := a.store.GetPosition(ctx, id)
	if err == nil && !seesJobsOf(c, p.CountyCode) {
		return job.Position{}, apperr.New(apperr.NotFound, "岗位不存在")
	}
	return p, err
}

// PositionQuery selects positions.
type PositionQuery struct {
	CountyCode, Status, EmployerID string
	Channel                        labor.Channel
	Page                           page.Request
}

// ListPositions returns one page of the positions the caller may see. Errors: invalid status or
// channel, forbidden for another county.
func (a *Jobs) ListPositions(ctx context.Context, q PositionQuery) (page.Of[job.Position], error) {
	c, err := require(ctx, auth.ReadJobs)
	if err != nil {
		return page.Of[job.Position]{}, err
	}
	var f apperr.Fields
	if q.Status != "" && q.Status != job.PositionOpen && q.Status != job.PositionClosed {
		f.Add("status", "应为open或closed")
	}
	if q.Channel != "" && !q.Channel.Valid() {
		f.Add("channel", "就业渠道取值无效")
	}
	if err := queryErr(f); err != nil {
		return page.Of[job.Position]{}, err
	}
	county, err := jobCounty(c, q.CountyCode)
	if err != nil {
		return page.Of[job.Position]{}, err
	}
	return a.store.ListPositions(ctx, job.PositionFilter{CountyCode: county, Status: q.Status, EmployerID: q.EmployerID,
		Channel: q.Channel, Page: q.Page})
}

// PositionPatch changes a position; nil means unchanged. Openings cannot drop below filled.
type PositionPatch struct {
	Version          int
	Title            *string
	Openings         *int
	MinLaborCapacity *labor.Capacity
	AgeMin, AgeMax   *int
	Skills           *[]string
	MonthlyWage      *int
	Location         *job.Location
	FullTime         *bool
	Status           *string
}

// UpdatePosition applies a patch with optimistic concurrency (a placement taking a slot also counts
// as a change). Errors: invalid, conflict, not_found.
func (a *Jobs) UpdatePosition(ctx context.Context, id string, pp PositionPatch) (job.Position, error) {
	c, err := require(ctx, auth.WriteJobs)
	if err != nil {
		return job.Position{}, err
	}
	if err := check.VersionError(pp.Version); err != nil {
		return job.Position{}, err
	}
	p, err := a.GetPosition(ctx, id)
	if err != nil {
		return p, err
	}
	if pp.Version != p.Version {
		return p, apperr.New(apperr.Conflict, "岗位信息已被他人修改或有人入职,请刷新后重试")
	}
	before := p
	setIf(&p.Title, pp.Title)
	setIf(&p.Openings, pp.Openings)
	setIf(&p.MinLaborCapacity, pp.MinLaborCapacity)
	setIf(&p.AgeMin, pp.AgeMin)
	setIf(&p.AgeMax, pp.AgeMax)
	setIf(&p.Skills, pp.Skills)
	setIf(&p.MonthlyWage, pp.MonthlyWage)
	setIf(&p.Location, pp.Location)
	setIf(&p.FullTime, pp.FullTime)
	setIf(&p.Status, pp.Status)
	if err := job.ValidatePosition(&p); err != nil {
		return p, err
	}
	p.UpdatedAt = a.now()
	if err := a.store.UpdatePosition(ctx, &p); err != nil {
		return p, err
	}
	a.audit(ctx, c, "update", "position", p.ID, p.CountyCode, "", before, p, "")
	return p, nil
}

var errNoCounty = apperr.New(apperr.NotFound, "县级行政区划代码不存在")

// Settings returns a county's settings (defaults when none are saved). Errors: forbidden.
func (a *Jobs) Settings(ctx context.Context, county string) (job.Settings, error) {
	c, err := require(ctx, auth.ReadJobs)
	if err != nil {
		return job.Settings{}, err
	}
	if !seesJobsOf(c, county) {
		return job.Settings{}, errOutOfScope
	}
	if !division.IsCounty(county) {
		return job.Settings{}, errNoCounty
	}
	return a.store.GetSettings(ctx, county)
}

// PutSettings saves a county's settings (admins and the county's officials). Errors: invalid,
// conflict (stale version), forbidden.
func (a *Jobs) PutSettings(ctx context.Context, s job.Settings) (job.Settings, error) {
	c, err := require(ctx, auth.WriteSettings)
	if err != nil {
		return s, err
	}
	if !c.SeesCounty(s.CountyCode) {
		return s, errOutOfScope
	}
	if !division.IsCounty(s.CountyCode) {
		return s, errNoCounty
	}
	if err := job.ValidateSettings(&s); err != nil {
		return s, err
	}
	before, err := a.store.GetSettings(ctx, s.CountyCode)
	if err != nil {
		return s, err
	}
	s.UpdatedAt = a.now()
	if err := a.store.PutSettings(ctx, &s); err != nil {
		return s, err
	}
	a.audit(ctx, c, "update", "settings", s.CountyCode, s.CountyCode, "", before, s, "")
	return s, nil
}
