package app

import (
	"context"
	"fmt"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/check"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/page"
)

// SiteView is a site with its occupancy.
type SiteView struct {
	household.Site
	Occupancy household.Occupancy
}

// CreateSite registers a site. County users may create sites only in their county.
// Errors: invalid (field errors), forbidden.
func (a *Registration) CreateSite(ctx context.Context, s household.Site) (SiteView, error) {
	c, err := require(ctx, auth.WriteSites)
	if err != nil {
		return SiteView{}, err
	}
	if err := household.ValidateSite(&s); err != nil {
		return SiteView{}, err
	}
	if !c.SeesCounty(s.CountyCode) {
		return SiteView{}, errOutOfScope
	}
	s.ID = ""
	s.CreatedAt, s.UpdatedAt = a.now(), a.now()
	if err := a.store.CreateSite(ctx, &s); err != nil {
		return SiteView{}, err
	}
	a.audit(ctx, c, "create", "site", s.ID, s.CountyCode, s.ID, nil, s, "")
	return SiteView{Site: s}, nil
}

// GetSite returns a site with occupancy. Errors: not_found (also for sites outside the scope).
func (a *Registration) GetSite(ctx context.Context, id string) (SiteView, error) {
	c, err := require(ctx, auth.ReadSites)
	if err != nil {
		return SiteView{}, err
	}
	s, err := a.store.GetSite(ctx, id)
	if err != nil {
		return SiteView{}, err
	}
	if !c.SeesSite(s.ID, s.CountyCode) {
		return SiteView{}, apperr.New(apperr.NotFound, "安置点不存在")
	}
	occ, err := a.store.Occupancy(ctx, []string{id})
	if err != nil {
		return SiteView{}, err
	}
	return SiteView{Site: s, Occupancy: occ[id]}, nil
}

// SiteQuery selects sites.
type SiteQuery struct {
	CountyCode string
	Page       page.Request
}

// ListSites returns the sites the caller may see, optionally of one county. Errors: forbidden for a
// county outside the scope.
func (a *Registration) ListSites(ctx context.Context, q SiteQuery) (page.Of[SiteView], error) {
	c, err := require(ctx, auth.ReadSites)
	if err != nil {
		return page.Of[SiteView]{}, err
	}
	ids, county, err := a.scopeFilter(ctx, c, "", q.CountyCode)
	if err != nil {
		return page.Of[SiteView]{}, err
	}
	all, err := a.store.ListSites(ctx, county, ids)
	if err != nil {
		return page.Of[SiteView]{}, err
	}
	sites := page.Slice(all, q.Page)
	siteIDs := make([]string, 0, len(sites.Items))
	for _, s := range sites.Items {
		siteIDs = append(siteIDs, s.ID)
	}
	occ, err := a.store.Occupancy(ctx, siteIDs)
	if err != nil {
		return page.Of[SiteView]{}, err
	}
	return page.Map(sites, func(s household.Site) SiteView { return SiteView{Site: s, Occupancy: occ[s.ID]} }), nil
}

// SitePatch lists the site fields a PATCH may change; nil means unchanged.
type SitePatch struct {
	Version            int
	Name               *string
	TownshipCode       *string
	Address            *string
	CapacityHouseholds *int
	CapacityPeople     *int
}

// UpdateSite applies a patch with optimistic concurrency. Errors: invalid, not_found, conflict (stale version).
func (a *Registration) UpdateSite(ctx context.Context, id string, p SitePatch) (SiteView, error) {
	c, err := require(ctx, auth.WriteSites)
	if err != nil {
		return SiteView{}, err
	}
	if err := check.VersionError(p.Version); err != nil {
		return SiteView{}, err
	}
	s, err := a.store.GetSite(ctx, id)
	if err != nil {
		return SiteView{}, err
	}
	if !c.SeesCounty(s.CountyCode) {
		return SiteView{}, household.ErrSiteNotFound
	}
	if p.Version != s.Version {
		return SiteView{}, apperr.New(apperr.Conflict, "安置点已被他人修改,请刷新后重试")
	}
	before := s
	setIf(&s.Name, p.Name)
	setIf(&s.TownshipCode, p.TownshipCode)
	setIf(&s.Address, p.Address)
	setIf(&s.CapacityHouseholds, p.CapacityHouseholds)
	setIf(&s.CapacityPeople, p.CapacityPeople)
	if err := household.ValidateSite(&s); err != nil {
		return SiteView{}, err
	}
	occ, err := a.store.Occupancy(ctx, []string{s.ID})
	if err != nil {
		return SiteView{}, err
	}
	var f apperr.Fields
	if o := occ[s.ID]; s.CapacityHouseholds > 0 && s.CapacityHouseholds < o.Households {
		f.Add("capacityHouseholds", fmt.Sprintf("可容纳户数%d少于现住户数%d", s.CapacityHouseholds, o.Households))
	}
	if o := occ[s.ID]; s.CapacityPeople > 0 && s.CapacityPeople < o.People {
		f.Add("capacityPeople", fmt.Sprintf("可容纳人数%d少于现住人数%d", s.CapacityPeople, o.People))
	}
	if err := f.Err(); err != nil {
		return SiteView{}, err
	}
	s.UpdatedAt = a.now()
	if err := a.store.UpdateSite(ctx, &s); err != nil {
		return SiteView{}, err
	}
	a.audit(ctx, c, "update", "site", s.ID, s.CountyCode, s.ID, before, s, "")
	return a.GetSite(ctx, id)
}

func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
