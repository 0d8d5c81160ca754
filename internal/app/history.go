package app

import (
	"context"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/anju-cn/anju/internal/audit"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/page"
)

// HistoryReport says what SeedHistory added.
type HistoryReport struct {
	Placements, FollowUps, AuditEntries int
}

// SeedHistory adds `years` of realistic past to the households already stored (the demo sites):
// for every member able to work, jobs started and ended over the years before today (or before
// their current job), with follow-up visits every few months, and the audit trail those years would
// have left: hires, exits and follow-ups, household updates, views of ID numbers, and the staff's
// daily logins. It writes through storage in bulk (about 1,000,000 audit entries for 10 demo sites
// and 3 years). Only ended placements are written, so positions, claims and member summaries are
// untouched and the start-up repair finds nothing to change. Ids are derived from the data and the day, so a
// second run on the same day adds nothing. progress is called after each household. Errors: invalid years, storage.
func (a *System) SeedHistory(ctx context.Context, years int, progress func(done, total int)) (HistoryReport, error) {
	var rep HistoryReport
	if years < 1 || years > 20 {
		return rep, fmt.Errorf("history: years must be between 1 and 20, not %d", years)
	}
	ctx = auth.WithCaller(ctx, auth.System)
	now := a.now().Truncate(24 * time.Hour) // the same history all day long, so that a rerun adds nothing
	from := now.AddDate(-years, 0, 0)
	positions := map[string][]job.Position{} // by county
	if err := a.store.EachPosition(ctx, job.PositionFilter{}, func(p job.Position) error {
		positions[p.CountyCode] = append(positions[p.CountyCode], p)
		return nil
	}); err != nil {
		return rep, err
	}
	staff, err := a.store.ListUsers(ctx, page.Request{Size: page.MaxSize})
	if err != nil {
		return rep, err
	}
	actors := []auth.Caller{auth.System}
	for _, u := range staff.Items {
		if !u.Disabled {
			actors = append(actors, auth.Caller{UserID: u.ID, Username: u.Username, Role: u.Role, CountyCode: u.CountyCode})
		}
	}
	var hs []*household.Household
	if err := a.store.EachHousehold(ctx, household.Filter{}, func(h *household.Household) error {
		hs = append(hs, h)
		return nil
	}); err != nil {
		return rep, err
	}
	b := &historyBatch{a: a}
	counties := map[string]bool{}
	for i, h := range hs {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		counties[h.CountyCode] = true
		r := rand.New(rand.NewPCG(uint64(years), seedOf(h.ID)))
		b.household(r, h, from, now, actors, positions[h.CountyCode])
		if err := b.flush(ctx, false); err != nil {
			return rep, err
		}
		if progress != nil {
			progress(i+1, len(hs))
		}
	}
	// The staff log in on working days.
	for county := range counties {
		r := rand.New(rand.NewPCG(uint64(years), seedOf(county)))
		for day := from; day.Before(now); day = day.AddDate(0, 0, 1) {
			if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
				continue
			}
			for _, c := range actors {
				if c.UserID == auth.System.UserID || (c.CountyCode != "" && c.CountyCode != county) {
					continue
				}
				at := day.Add(time.Duration(8*60+r.IntN(90)) * time.Minute)
				b.entry(at, c, "login", "user", c.UserID, county, "", nil, "web")
			}
		}
	}
	if err := b.flush(ctx, true); err != nil {
		return rep, err
	}
	rep.Placements, rep.FollowUps, rep.AuditEntries = b.placements, b.followUps, b.entries
	return rep, nil
}

// historyBatch collects generated records and writes them in bulk.
type historyBatch struct {
	a                              *System
	ps                             []job.Placement
	es                             []audit.Entry
	placements, followUps, entries int
}

func (b *historyBatch) flush(ctx context.Context, all bool) error {
	if len(b.ps) >= 2000 || (all && len(b.ps) > 0) {
		if err := b.a.store.AddPlacementsBulk(ctx, b.ps); err != nil {
			return err
		}
		b.ps = b.ps[:0]
	}
	if len(b.es) >= 10000 || (all && len(b.es) > 0) {
		if err := b.a.store.AddAuditBulk(ctx, b.es); err != nil {
			return err
		}
		b.es = b.es[:0]
	}
	return nil
}

func (b *historyBatch) entry(at time.Time, c auth.Caller, action, entity, id, county, site string, changes []audit.Change, note string) {
	key := fmt.Sprint(at.UnixNano(), action, entity, id, c.UserID)
	b.es = append(b.es, audit.Entry{ID: histID("a", key), At: at.UTC(), UserID: c.UserID, Username: c.Username, Action: action,
		Entity: entity, EntityID: id, CountyCode: county, SiteID: site, Changes: changes, Note: note})
	b.entries++
}

var historyChannels = []labor.Channel{labor.SelfEmployed, labor.Flexible, labor.MigrantProvince, labor.MigrantOutside}

// household generates the past of one household: its members' former jobs, the follow-ups, and the
// staff's updates and ID-number views over the years.
func (b *historyBatch) household(r *rand.Rand, h *household.Household, from, now time.Time, actors []auth.Caller, ps []job.Position) {
	start := from
	if h.MoveInDate.After(start) {
		start = h.MoveInDate
	}
	actor := func() auth.Caller { return actors[r.IntN(len(actors))] }
	// Staff update the household's record two or three times a month and look up an ID number now and then.
	for day := start.AddDate(0, 0, r.IntN(30)); day.Before(now); day = day.AddDate(0, 0, 9+r.IntN(8)) {
		at := day.Add(time.Duration(9*60+r.IntN(480)) * time.Minute)
		if !at.Before(now) {
			break
		}
		b.entry(at, actor(), "update", "household", h.ID, h.CountyCode, h.SiteID,
			[]audit.Change{{Field: "phone", Before: "139****" + fmt.Sprint(1000+r.IntN(9000)), After: "138****" + fmt.Sprint(1000+r.IntN(9000))}}, "")
		if len(h.Members) > 0 && r.IntN(2) == 0 {
			m := h.Members[r.IntN(len(h.Members))]
			b.entry(at.Add(time.Minute), actor(), "view-id", "member", m.ID, h.CountyCode, h.SiteID, nil, "查看完整身份证号码")
		}
	}
	for _, m := range h.Members {
		if !m.Workable() {
			continue
		}
		until := now.AddDate(0, 0, -30)
		if m.Employment != nil && m.Employment.StartDate.Before(until) {
			until = m.Employment.StartDate
		}
		n := 0
		for day := start.AddDate(0, 0, 30+r.IntN(120)); ; n++ {
			end := day.AddDate(0, 3+r.IntN(12), r.IntN(28))
			if !end.Before(until) {
				break
			}
			p := job.Placement{ID: histID("j", fmt.Sprint(m.ID, "/", n, "/", day.Unix())), MemberID: m.ID, MemberName: m.Name,
				HouseholdID: h.ID, SiteID: h.SiteID, CountyCode: h.CountyCode, StartDate: day, MonthlyIncome: 1800 + 100*r.IntN(30),
				Status: job.PlacementEnded, EndDate: end, EndReason: job.EndReasons[r.IntN(len(job.EndReasons))], Version: 2}
			if len(ps) > 0 && r.IntN(5) < 3 {
				pos := ps[r.IntN(len(ps))]
				p.PositionID, p.EmployerID, p.EmployerName, p.PositionTitle, p.Channel = pos.ID, pos.EmployerID, pos.EmployerName, pos.Title, pos.Channel
			} else {
				p.Channel = historyChannels[r.IntN(len(historyChannels))]
				if p.Channel == labor.MigrantProvince || p.Channel == labor.MigrantOutside {
					p.WorkPlace = []string{"太原市", "晋中市", "北京市", "天津市", "鄂尔多斯市"}[r.IntN(5)]
				}
			}
			c := actor()
			p.CreatedBy = c.UserID
			p.CreatedAt = day.Add(10 * time.Hour)
			b.entry(p.CreatedAt, c, "hire", "placement", p.ID, p.CountyCode, p.SiteID,
				[]audit.Change{{Field: "channel", After: string(p.Channel)}, {Field: "startDate", After: day.Format(time.DateOnly)}}, "")
			b.entry(p.CreatedAt, c, "hire", "member", p.MemberID, p.CountyCode, p.SiteID, nil, string(p.Channel)+" "+p.EmployerName)
			for v := day.AddDate(0, 3, r.IntN(20)); v.Before(end); v = v.AddDate(0, 3, r.IntN(20)) {
				f := job.FollowUp{Date: v, StillWorking: true, Income: p.MonthlyIncome, By: c.UserID, At: v.Add(11 * time.Hour)}
				p.FollowUps = append(p.FollowUps, f)
				p.Version++
				b.entry(f.At, c, "follow-up", "placement", p.ID, p.CountyCode, p.SiteID, nil, "")
				b.followUps++
			}
			p.UpdatedAt = end.Add(16 * time.Hour)
			b.entry(p.UpdatedAt, actor(), "end", "placement", p.ID, p.CountyCode, p.SiteID,
				[]audit.Change{{Field: "status", Before: job.PlacementActive, After: job.PlacementEnded}}, p.EndReason)
			b.ps = append(b.ps, p)
			b.placements++
			day = end.AddDate(0, 0, 15+r.IntN(120))
		}
	}
}

// histID derives a record's id from its content, in the alphabet and length of storage's ids, so
// that generating the same history twice stores nothing new.
func histID(prefix, key string) string {
	const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
	sum := sha256.Sum256([]byte(key))
	out := make([]byte, 12)
	for i := range out {
		out[i] = alphabet[int(sum[i])%len(alphabet)]
	}
	return prefix + string(out)
}

func seedOf(s string) uint64 {
	sum := sha256.Sum256([]byte(s))
	var v uint64
	for _, c := range sum[:8] {
		v = v<<8 | uint64(c)
	}
	return v
}
