package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/check"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/page"
	"github.com/anju-cn/anju/internal/text"
)

var errHouseholdNotFound = apperr.New(apperr.NotFound, "户不存在")

// siteForWrite returns a site the caller may register households at. Errors: invalid when the site
// does not exist (it is a field of the request), forbidden when it is outside the scope.
func (a *core) siteForWrite(ctx context.Context, c auth.Caller, siteID string) (household.Site, error) {
	s, err := a.store.GetSite(ctx, siteID)
	if apperr.Is(err, apperr.NotFound) {
		if !c.SeesAll() && c.Role == auth.Site {
			return s, errOutOfScope
		}
		return s, &apperr.Error{Code: apperr.Invalid, Message: "安置点不存在",
			Fields: []apperr.FieldError{{Field: "siteId", Message: "安置点不存在"}}}
	}
	if err != nil {
		return s, err
	}
	if !c.SeesSite(s.ID, s.CountyCode) {
		return s, errOutOfScope
	}
	return s, nil
}

// Register registers an arriving household with all its members. Errors: invalid with every field
// error; conflict when an ID number is registered anywhere (naming the holder only when the caller may
// see it); forbidden outside the caller's sites.
func (a *Registration) Register(ctx context.Context, h household.Household) (*household.Household, error) {
	c, err := require(ctx, auth.WriteHousehold)
	if err != nil {
		return nil, err
	}
	now := a.now()
	verr := household.Validate(&h, now)
	if h.SiteID == "" {
		return nil, verr
	}
	site, err := a.siteForWrite(ctx, c, h.SiteID)
	if err != nil {
		if apperr.Is(err, apperr.Invalid) && verr != nil {
			ae := apperr.As(verr)
			ae.Fields = append([]apperr.FieldError{{Field: "siteId", Message: "安置点不存在"}}, ae.Fields...)
			return nil, ae
		}
		return nil, err
	}
	if verr != nil {
		return nil, verr
	}
	h.ID, h.Number, h.Version = "", "", 0
	h.CountyCode = site.CountyCode
	h.Status = household.StatusResident
	h.MoveOut, h.FormerMembers = nil, nil
	for i := range h.Members {
		h.Members[i].ID = ""
		h.Members[i].Employment = nil
		h.Members[i].Removed = nil
		h.Members[i].Unemployment = nil
	}
	h.CreatedAt, h.UpdatedAt = now, now
	h.RefreshZero(now)
	prefix := site.TownshipCode
	if prefix == "" {
		prefix = site.CountyCode
	}
	if err := a.store.CreateHousehold(ctx, &h, prefix); err != nil {
		return nil, a.duplicateMessage(ctx, c, err)
	}
	a.audit(ctx, c, "create", "household", h.ID, h.CountyCode, h.SiteID, nil, h, "")
	return &h, nil
}

// Warnings lists suspect data on a registered household that the county's checks would flag but
// that is not an error: the domain's warnings (abolished county codes, healthy adults recorded as
// weak or without labour, capacity recorded for someone over 100) and a site over its capacity.
// Errors: internal.
func (a *Registration) Warnings(ctx context.Context, h *household.Household) ([]apperr.FieldError, error) {
	out := household.Warnings(h, a.now())
	site, err := a.store.GetSite(ctx, h.SiteID)
	if err != nil {
		return out, err
	}
	occ, err := a.store.Occupancy(ctx, []string{h.SiteID})
	if err != nil {
		return out, err
	}
	o := occ[h.SiteID]
	if site.CapacityHouseholds > 0 && o.Households > site.CapacityHouseholds {
		out = append(out, apperr.FieldError{Field: "siteId", Message: fmt.Sprintf("%s现住%d户,超过可容纳户数%d(%d%%),请核实",
			site.Name, o.Households, site.CapacityHouseholds, o.Households*100/site.CapacityHouseholds)})
	}
	if site.CapacityPeople > 0 && o.People > site.CapacityPeople {
		out = append(out, apperr.FieldError{Field: "siteId", Message: fmt.Sprintf("%s现住%d人,超过可容纳人数%d(%d%%),请核实",
			site.Name, o.People, site.CapacityPeople, o.People*100/site.CapacityPeople)})
	}
	return out, nil
}

// duplicateMessage rewrites a duplicate-ID conflict so that it names the holding household only
// when the caller may see that household.
func (a *core) duplicateMessage(ctx context.Context, c auth.Caller, err error) error {
	var dup *household.DuplicateIDError
	if !errors.As(err, &dup) {
		return err
	}
	msg := "该身份证号码已在系统中登记,同一人不能重复登记"
	if holder, gerr := a.store.GetHousehold(ctx, dup.HouseholdID); gerr == nil && c.SeesSite(holder.SiteID, holder.CountyCode) {
		msg = fmt.Sprintf("该身份证号码已登记在户 %s 中,同一人不能重复登记", holder.Number)
	}
	return &apperr.Error{Code: apperr.Conflict, Message: "身份证号码已在系统中登记",
		Fields: []apperr.FieldError{{Field: dup.Field, Message: msg}}}
}

// visibleHousehold loads a household the caller may see; not_found otherwise, so that guessed ids
// reveal nothing.
func (a *core) visibleHousehold(ctx context.Context, c auth.Caller, id string) (*household.Household, error) {
	h, err := a.store.GetHousehold(ctx, id)
	if err != nil {
		return nil, err
	}
	if !c.SeesSite(h.SiteID, h.CountyCode) {
		return nil, errHouseholdNotFound
	}
	return h, nil
}

// GetHousehold returns a household with its members. Errors: not_found (also outside the scope).
func (a *Registration) GetHousehold(ctx context.Context, id string) (*household.Household, error) {
	c, err := require(ctx, auth.ReadHouseholds)
	if err != nil {
		return nil, err
	}
	return a.visibleHousehold(ctx, c, id)
}

// HouseholdQuery selects households for a list.
type HouseholdQuery struct {
	SiteID, CountyCode, Status, Q string
	HouseholdType                 string // 户类型, one of household.HouseholdTypes
	ZeroEmployment                bool
	Page                          page.Request
}

// ListHouseholds returns one page of the households the caller may see, and the total.
// Errors: invalid status or search text, forbidden when siteId or countyCode is outside the scope.
func (a *Registration) ListHouseholds(ctx context.Context, q HouseholdQuery) (page.Of[*household.Household], error) {
	c, err := require(ctx, auth.ReadHouseholds)
	if err != nil {
		return page.Of[*household.Household]{}, err
	}
	var f apperr.Fields
	if q.Status != "" && q.Status != household.StatusResident && q.Status != household.StatusMovedOut {
		f.Add("status", "应为在住或已迁出")
	}
	if q.HouseholdType != "" && !contains(household.HouseholdTypes, q.HouseholdType) {
		f.Add("householdType", "户类型不在可选值中")
	}
	if utf8.RuneCountInString(q.Q) > 50 {
		f.Add("q", "搜索内容不能超过50个字")
	}
	if err := queryErr(f); err != nil {
		return page.Of[*household.Household]{}, err
	}
	ids, county, err := a.scopeFilter(ctx, c, q.SiteID, q.CountyCode)
	if err != nil {
		return page.Of[*household.Household]{}, err
	}
	hf := household.Filter{SiteIDs: ids, CountyCode: county, Status: q.Status, Q: strings.TrimSpace(q.Q),
		ZeroEmployment: q.ZeroEmployment, HouseholdType: q.HouseholdType, Page: q.Page}
	if id, ok := searchedIDNumber(hf.Q, a.now()); ok {
		return a.householdsOfIDNumber(ctx, c, hf, id)
	}
	if p, ok := searchedPerson(hf.Q); ok {
		hf.Q, hf.Person = "", p
	}
	return a.store.ListHouseholds(ctx, hf)
}

// searchedIDNumber reports whether a search text is a whole, valid ID number (full-width digits
// folded), and returns it normalised.
func searchedIDNumber(q string, now time.Time) (string, bool) {
	q = text.FoldWidth(q)
	if len(q) != 18 {
		return "", false
	}
	id, err := idcard.Parse(q, now)
	if err != nil {
		return "", false
	}
	return id.Number, true
}

// searchedPerson reads "name last6" or "last6 name" (the last six characters of an ID number with a
// name) from a search text.
func searchedPerson(q string) (*household.PersonMatch, bool) {
	parts := strings.Fields(text.FoldWidth(q))
	if len(parts) != 2 {
		return nil, false
	}
	isSuffix := func(s string) bool {
		if len(s) != 6 {
			return false
		}
		for i := 0; i < 6; i++ {
			if !(s[i] >= '0' && s[i] <= '9' || i == 5 && (s[i] == 'X' || s[i] == 'x')) {
				return false
			}
		}
		return true
	}
	switch {
	case isSuffix(parts[1]) && !isSuffix(parts[0]):
		return &household.PersonMatch{Name: parts[0], IDSuffix: strings.ToUpper(parts[1])}, true
	case isSuffix(parts[0]) && !isSuffix(parts[1]):
		return &household.PersonMatch{Name: parts[1], IDSuffix: strings.ToUpper(parts[0])}, true
	}
	return nil, false
}

// householdsOfIDNumber answers a search by a whole ID number: the household holding the person's
// claim (one read by _id), or, when nobody holds it now (the household moved out, the member left),
// the households where the person lived before. Every such search is audited, as it names a person.
func (a *Registration) householdsOfIDNumber(ctx context.Context, c auth.Caller, f household.Filter, id string) (page.Of[*household.Household], error) {
	a.audit(ctx, c, "search-id", "person", idcard.Mask(id), c.CountyCode, "", nil, nil, "按身份证号码查询")
	hid, _, err := a.store.PersonHousehold(ctx, id)
	switch {
	case err == nil:
		h, err := a.store.GetHousehold(ctx, hid)
		if err != nil && !apperr.Is(err, apperr.NotFound) {
			return page.Of[*household.Household]{}, err
		}
		if err == nil && inFilter(h, f) {
			return page.Slice([]*household.Household{h}, f.Page), nil
		}
		return page.Of[*household.Household]{Items: []*household.Household{}}, nil
	case !apperr.Is(err, apperr.NotFound):
		return page.Of[*household.Household]{}, err
	}
	f.Q, f.IDNumber = "", id
	return a.store.ListHouseholds(ctx, f)
}

// inFilter reports whether h passes f's scope and status.
func inFilter(h *household.Household, f household.Filter) bool {
	return (f.SiteIDs == nil || contains(f.SiteIDs, h.SiteID)) && (f.CountyCode == "" || f.CountyCode == h.CountyCode) &&
		(f.Status == "" || f.Status == h.Status) && (!f.ZeroEmployment || h.ZeroEmployment()) &&
		(f.HouseholdType == "" || f.HouseholdType == h.HouseholdType)
}

// householdForWrite loads a household the caller may change, runs the checks that need it (so that
// every field error is reported at once, the version's among them), checks the version they last read, and
// returns it with a copy of its state before the change for the audit trail. Errors: forbidden,
// not_found (also outside the scope), conflict (stale version).
func (a *core) householdForWrite(ctx context.Context, hid string, version int, checks ...func(*household.Household) error) (auth.Caller, *household.Household, household.Household, error) {
	c, err := require(ctx, auth.WriteHousehold)
	if err != nil {
		return c, nil, household.Household{}, err
	}
	h, err := a.visibleHousehold(ctx, c, hid)
	if err != nil {
		return c, nil, household.Household{}, err
	}
	for _, check := range checks {
		if err := check(h); err != nil {
			return c, nil, household.Household{}, err
		}
	}
	if version != h.Version {
		return c, nil, household.Household{}, apperr.New(apperr.Conflict, "该户信息已被他人修改,请刷新后重试")
	}
	before := *h
	before.Members = append([]household.Member(nil), h.Members...)
	return c, h, before, nil
}

// HouseholdPatch lists what PATCH /households/{id} may change; nil means unchanged. Member edits
// name existing members by id; ID numbers cannot change (remove and re-add the member instead).
type HouseholdPatch struct {
	Version        int
	Origin         *household.Origin
	RelocationYear *int
	MoveInDate     *time.Time
	Unit           *string
	Phone          *string
	HouseholdType  *string
	MonitoringType *string
	PovertyCauses  *[]string
	Members        []MemberPatch
}

// MemberPatch edits one member; nil means unchanged.
type MemberPatch struct {
	ID            string
	Name          *string
	Relation      *string
	Ethnicity     *string
	Education     *string
	SchoolStatus  *string
	Health        *string
	Disability    **household.Disability
	LaborCapacity *labor.Capacity
	Skills        *[]string
	JobIntention  *household.JobIntention
	Constraints   *[]string
	Pensioner     *bool
	Phone         *string
}

// PatchHousehold applies a patch when Version is still current. A patch that changes nothing leaves
// the version and the audit trail alone. Errors: invalid (every field error, a member named twice),
// not_found, conflict when someone saved in between.
func (a *Registration) PatchHousehold(ctx context.Context, id string, p HouseholdPatch) (*household.Household, error) {
	if err := check.VersionError(p.Version); err != nil {
		return nil, err
	}
	ids := make([]string, len(p.Members))
	for i, m := range p.Members {
		ids[i] = m.ID
	}
	if err := household.CheckPatchMembers(ids); err != nil {
		return nil, err
	}
	c, h, before, err := a.householdForWrite(ctx, id, p.Version)
	if err != nil {
		return nil, err
	}
	setIf(&h.Origin, p.Origin)
	setIf(&h.RelocationYear, p.RelocationYear)
	setIf(&h.MoveInDate, p.MoveInDate)
	setIf(&h.Unit, p.Unit)
	setIf(&h.Phone, p.Phone)
	setIf(&h.HouseholdType, p.HouseholdType)
	setIf(&h.MonitoringType, p.MonitoringType)
	setIf(&h.PovertyCauses, p.PovertyCauses)
	var f apperr.Fields
	for i, mp := range p.Members {
		m := h.Member(mp.ID)
		if m == nil {
			f.Add(fmt.Sprintf("members[%d].id", i), "该户没有此成员")
			continue
		}
		applyMemberPatch(m, mp)
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	now := a.now()
	if err := household.Validate(h, now); err != nil {
		return nil, err
	}
	if len(diff(before, h)) == 0 {
		return &before, nil
	}
	h.UpdatedAt = now
	h.RefreshZero(now)
	if err := a.store.SaveHousehold(ctx, h, nil, nil, nil); err != nil {
		return nil, err
	}
	a.audit(ctx, c, "update", "household", h.ID, h.CountyCode, h.SiteID, before, h, "")
	return h, nil
}

func applyMemberPatch(m *household.Member, p MemberPatch) {
	setIf(&m.Name, p.Name)
	setIf(&m.Relation, p.Relation)
	setIf(&m.Ethnicity, p.Ethnicity)
	setIf(&m.Education, p.Education)
	setIf(&m.SchoolStatus, p.SchoolStatus)
	setIf(&m.Health, p.Health)
	setIf(&m.Disability, p.Disability)
	setIf(&m.LaborCapacity, p.LaborCapacity)
	setIf(&m.Skills, p.Skills)
	setIf(&m.JobIntention, p.JobIntention)
	setIf(&m.Constraints, p.Constraints)
	setIf(&m.Pensioner, p.Pensioner)
	setIf(&m.Phone, p.Phone)
}

// AddMember adds a member (a birth, a marriage) to a household. Errors: invalid, conflict (stale
// version or ID number registered anywhere), not_found.
func (a *Registration) AddMember(ctx context.Context, hid string, version int, m household.Member) (*household.Household, error) {
	if err := check.VersionError(version); err != nil {
		return nil, err
	}
	c, h, before, err := a.householdForWrite(ctx, hid, version)
	if err != nil {
		return nil, err
	}
	if h.Status != household.StatusResident {
		return nil, apperr.New(apperr.Invalid, "该户已迁出,不能添加成员")
	}
	m.ID = fmt.Sprintf("%s-%d", h.ID, len(h.Members)+len(h.FormerMembers)+1)
	m.Employment, m.Removed, m.Unemployment = nil, nil, nil
	now := a.now()
	m.Joined = now
	h.Members = append(h.Members, m)
	if err := household.Validate(h, now); err != nil {
		return nil, renamePaths(err, len(h.Members)-1)
	}
	h.UpdatedAt = now
	h.RefreshZero(now)
	added := h.Members[len(h.Members)-1]
	if err := a.store.SaveHousehold(ctx, h, []household.Member{added}, nil, func(int) string { return "idNumber" }); err != nil {
		return nil, a.duplicateMessage(ctx, c, err)
	}
	a.audit(ctx, c, "add-member", "household", h.ID, h.CountyCode, h.SiteID, before, h, added.ID)
	return h, nil
}

// renamePaths turns "members[i].x" field paths of the added member into "x", the request's own paths.
func renamePaths(err error, i int) error {
	ae := apperr.As(err)
	prefix := fmt.Sprintf("members[%d].", i)
	out := *ae
	out.Fields = nil
	for _, f := range ae.Fields {
		if len(f.Field) > len(prefix) && f.Field[:len(prefix)] == prefix {
			f.Field = f.Field[len(prefix):]
		}
		out.Fields = append(out.Fields, f)
	}
	return &out
}

// RemoveMember moves a member to the household's former members with a dated reason (death, moving
// away); the record is kept and the ID number becomes free to register elsewhere. The head cannot be
// removed while other members remain, and the last member cannot be removed (the household moves out
// instead). Errors: invalid, conflict, not_found.
func (a *Registration) RemoveMember(ctx context.Context, hid, mid string, sc household.StatusChange) (*household.Household, error) {
	var m *household.Member
	c, h, before, err := a.householdForWrite(ctx, hid, sc.Version, func(h *household.Household) error {
		if m = h.Member(mid); m == nil {
			return household.ErrMemberNotFound
		}
		return household.ValidateRemoval(h, m, &sc, a.now())
	})
	if err != nil {
		return nil, err
	}
	removed := *m
	removed.Removed = &household.Removal{Date: sc.Date, Reason: sc.Reason}
	var keep []household.Member
	for _, x := range h.Members {
		if x.ID != mid {
			keep = append(keep, x)
		}
	}
	h.Members = keep
	h.FormerMembers = append(h.FormerMembers, removed)
	now := a.now()
	h.UpdatedAt = now
	h.RefreshZero(now)
	if err := a.store.SaveHousehold(ctx, h, nil, []string{removed.IDNumber}, nil); err != nil {
		return nil, err
	}
	a.audit(ctx, c, "remove-member", "household", h.ID, h.CountyCode, h.SiteID, before, h, mid+" "+sc.Reason+" "+sc.Note)
	return h, nil
}

// MoveOut marks a household as moved out (已迁出) with a dated reason. Records are never deleted:
// the members stay on the household as its history, and their ID numbers are released so that they
// can register at another site; a search by ID number still finds the household they lived in.
// Errors: invalid (already moved out, bad reason or date, a member still placed), conflict, not_found.
func (a *Registration) MoveOut(ctx context.Context, hid string, sc household.StatusChange) (*household.Household, error) {
	c, h, before, err := a.householdForWrite(ctx, hid, sc.Version, func(h *household.Household) error {
		return household.ValidateMoveOut(h, &sc, a.now())
	})
	if err != nil {
		return nil, err
	}
	h.Status = household.StatusMovedOut
	h.MoveOut = &household.MoveOut{Date: sc.Date, Reason: sc.Reason, Note: sc.Note}
	now := a.now()
	h.UpdatedAt = now
	h.RefreshZero(now)
	released := make([]string, 0, len(h.Members))
	for _, m := range h.Members {
		released = append(released, m.IDNumber)
	}
	if err := a.store.SaveHousehold(ctx, h, nil, released, nil); err != nil {
		return nil, err
	}
	a.audit(ctx, c, "move-out", "household", h.ID, h.CountyCode, h.SiteID, before, h, sc.Reason)
	return h, nil
}
