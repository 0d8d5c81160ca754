package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/text"
)

// importGroup registers one household, or says why not. It changes nothing when it rejects.
func (s *Imports) importGroup(ctx context.Context, j *importJob, g *rowGroup) (ImportHousehold, []ImportIssue) {
	res := ImportHousehold{Row: g.rows[0].Num, Rows: len(g.rows), HeadName: strings.TrimSpace(g.rows[0].Value("name"))}
	if n := strings.TrimSpace(g.rows[0].Value("number")); strings.HasPrefix(n, "示例") {
		res.Outcome, res.Message = OutcomeSkipped, "模板中的示例户,未导入"
		return res, nil
	}
	p := parseGroup(g, j.SiteID)
	if len(p.problems) > 0 {
		// Cells that could not be read: report them with every rule's message at once; nothing is written.
		h := p.h
		issues := fieldNotes(g, p, household.Validate(&h, s.now()))
		res.Outcome, res.Message = OutcomeRejected, fmt.Sprintf("有%d处错误,该户未导入", len(issues))
		return res, issues
	}
	// A household registered already (the same file imported again) fails on its first ID number's
	// claim, and is then recognised below; a new one costs no extra read.
	var err error
	for attempt := 0; ; attempt++ {
		h := p.h
		h.Members = append([]household.Member(nil), p.h.Members...)
		var reg *household.Household
		if reg, err = s.reg.Register(ctx, h); err == nil {
			res.Outcome, res.HouseholdID, res.Number = OutcomeRegistered, reg.ID, reg.Number
			return res, nil
		}
		if !apperr.Is(err, apperr.Conflict) {
			break
		}
		// Registered meanwhile by another import or through the API?
		if holder, ok := s.registeredAlready(ctx, j.caller, p.h); ok {
			res.Outcome, res.HouseholdID, res.Number = OutcomeSkipped, holder.ID, holder.Number
			res.Message = "该户已登记(户编号 " + holder.Number + "),未重复登记"
			return res, nil
		}
		// A registration of these people still in flight (claimed, household not yet written, or about
		// to release its claims): wait for it to end and try again.
		if attempt >= 8 || !s.claimInFlight(ctx, p.h) {
			break
		}
		time.Sleep(time.Duration(attempt+1) * 25 * time.Millisecond)
	}
	if ae := apperr.As(err); ae.Code == apperr.Internal {
		s.log.Error("import: register", "job", j.ID, "row", res.Row, "err", err)
		err = apperr.New(apperr.Internal, "系统错误,该户未导入;请稍后重新导入")
	}
	issues := fieldNotes(g, p, err)
	res.Outcome, res.Message = OutcomeRejected, fmt.Sprintf("有%d处错误,该户未导入", len(issues))
	return res, issues
}

// registeredAlready reports whether every member of h is registered, all in one household the caller
// may see, and returns it. The head is looked up first, so an unregistered household costs one read.
func (s *Imports) registeredAlready(ctx context.Context, c auth.Caller, h household.Household) (*household.Household, bool) {
	if len(h.Members) == 0 {
		return nil, false
	}
	ids := make([]string, 0, len(h.Members))
	head := 0
	for i, m := range h.Members {
		if strings.TrimSpace(m.Relation) == "户主" {
			head = i
		}
		ids = append(ids, strings.ToUpper(text.FoldWidth(strings.TrimSpace(m.IDNumber))))
	}
	ids[0], ids[head] = ids[head], ids[0]
	holder := ""
	for _, id := range ids {
		hid, _, err := s.store.PersonHousehold(ctx, id)
		if err != nil || holder != "" && hid != holder {
			return nil, false
		}
		holder = hid
	}
	got, err := s.store.GetHousehold(ctx, holder)
	if err != nil || !c.SeesSite(got.SiteID, got.CountyCode) {
		return nil, false
	}
	return got, true
}

// claimInFlight reports whether an ID number of h is claimed by a household that does not exist
// (yet): another registration between its claim and its write.
func (s *Imports) claimInFlight(ctx context.Context, h household.Household) bool {
	for _, m := range h.Members {
		hid, _, err := s.store.PersonHousehold(ctx, strings.ToUpper(text.FoldWidth(strings.TrimSpace(m.IDNumber))))
		if err != nil {
			continue
		}
		if _, err := s.store.GetHousehold(ctx, hid); apperr.Is(err, apperr.NotFound) {
			return true
		}
	}
	return false
}
