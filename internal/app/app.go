// Package app is the service layer: it applies domain rules, the caller's scope and the audit trail
// to every operation, and calls storage. Handlers call only this package. Every exported method takes
// the caller from the context (auth.WithCaller) and checks it before touching data.
package app

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/audit"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/idcard"
)

// core is what every service shares: storage, the clock, the log, and the one scope-and-audit
// helper set (scopeFilter, visible*, audit) that every operation goes through.
type core struct {
	store Store
	log   *slog.Logger
	clock func() time.Time
	// fullPassForToday makes today's statistics read every placement, as earlier days do (tests
	// compare the two ways).
	fullPassForToday bool
}

// Services are the service layer, one service per area. Every front end (JSON API, web pages,
// Excel import, CLI) calls these and nothing below.
type Services struct {
	Registration *Registration // sites, households, members
	Jobs         *Jobs         // employers, positions, placements, unemployment records, county settings
	Matching     *Matching     // candidates, recommendations, site and county plans
	Accounts     *Accounts     // login, sessions, accounts
	Audit        *AuditLog     // the audit trail
	System       *System       // health, maintenance, demo data
	Reference    *Reference    // divisions and listed values
	Stats        *Stats        // statistics as of any day, the county workbook, the public notice, data quality
	Imports      *Imports      // roster import (花名册), its template and the roster export
	core         *core
}

// Registration registers and keeps sites, households and their members.
type Registration struct{ *core }

// Jobs keeps employers, positions, placements with their follow-ups, unemployment records and
// county settings.
type Jobs struct{ *core }

// Matching ranks candidates and plans placements; applying a plan goes through Jobs.Hire.
type Matching struct {
	*core
	jobs *Jobs
}

// Accounts logs people in and keeps accounts and sessions.
type Accounts struct {
	*core
	// TokenTTL is the lifetime of a session.
	TokenTTL time.Duration
	// limiter counts failed logins per username and client address: 5 in 15 minutes lock that pair
	// for 15 minutes (so that nobody elsewhere can lock an operator out).
	limiter *LoginLimiter
	// addrLimiter counts failed logins per client address, with a high limit (50 in 15 minutes) so
	// that one office behind a NAT does not lock itself out, while one address cannot try many accounts.
	addrLimiter *LoginLimiter
}

// AuditLog reads the audit trail.
type AuditLog struct{ *core }

// System answers health checks, runs maintenance and loads demo data.
type System struct {
	*core
	reg      *Registration
	jobs     *Jobs
	accounts *Accounts
}

// New returns the services over store, with 12-hour sessions and login limits of 5 failures per
// username and client address, and 50 per client address, in 15 minutes.
func New(store Store, log *slog.Logger) *Services {
	if log == nil {
		log = slog.Default()
	}
	c := &core{store: store, log: log, clock: time.Now}
	s := &Services{core: c, Registration: &Registration{c}, Jobs: &Jobs{c}, Audit: &AuditLog{c}, Reference: &Reference{c}, Stats: &Stats{c},
		Accounts: &Accounts{core: c, TokenTTL: 12 * time.Hour,
			limiter: NewLoginLimiter(5, 15*time.Minute), addrLimiter: NewLoginLimiter(50, 15*time.Minute)}}
	s.Matching = &Matching{core: c, jobs: s.Jobs}
	s.Imports = newImports(c, s.Registration)
	s.System = &System{core: c, reg: s.Registration, jobs: s.Jobs, accounts: s.Accounts}
	return s
}

// SetClock replaces the clock (tests and the demo seeder's fixed day).
func (s *Services) SetClock(now func() time.Time) { s.core.clock = now }

// Now is the services' current time, in UTC.
func (s *Services) Now() time.Time { return s.core.now() }

func (a *core) now() time.Time { return a.clock().UTC() }

// caller returns the context's caller; unauthenticated when there is none.
func caller(ctx context.Context) (auth.Caller, error) {
	c, ok := auth.CallerFrom(ctx)
	if !ok {
		return auth.Caller{}, apperr.New(apperr.Unauthenticated, "请先登录")
	}
	return c, nil
}

// require returns the caller when it holds permission p; forbidden otherwise.
func require(ctx context.Context, p auth.Permission) (auth.Caller, error) {
	c, err := caller(ctx)
	if err != nil {
		return c, err
	}
	if !c.Role.Allows(p) {
		return c, apperr.New(apperr.Forbidden, "当前账号无权进行此操作")
	}
	return c, nil
}

var errOutOfScope = apperr.New(apperr.Forbidden, "超出当前账号的数据范围")

// scopeFilter narrows a list query to the caller's scope: the sites of a site manager, the county of
// county and employment roles. Explicit siteId or countyCode outside the scope is forbidden.
func (a *core) scopeFilter(ctx context.Context, c auth.Caller, siteID, countyCode string) (siteIDs []string, county string, err error) {
	if siteID != "" {
		site, err := a.store.GetSite(ctx, siteID)
		if err != nil {
			if apperr.Is(err, apperr.NotFound) && !c.SeesAll() {
				return nil, "", errOutOfScope
			}
			return nil, "", err
		}
		if !c.SeesSite(site.ID, site.CountyCode) {
			return nil, "", errOutOfScope
		}
		if countyCode != "" && countyCode != site.CountyCode {
			return []string{}, "", nil
		}
		return []string{siteID}, "", nil
	}
	switch c.Role {
	case auth.Admin:
		return nil, countyCode, nil
	case auth.Site:
		if countyCode != "" {
			return nil, "", errOutOfScope
		}
		return append([]string{}, c.SiteIDs...), "", nil
	default:
		if countyCode != "" && countyCode != c.CountyCode {
			return nil, "", errOutOfScope
		}
		return nil, c.CountyCode, nil
	}
}

// audit records a change. The change is already made, so a failed write is retried, and if it still
// fails the whole entry (ID numbers masked) goes to the error log, so that the change stays traceable
// to a person.
func (a *core) audit(ctx context.Context, c auth.Caller, action, entity, id, county, site string, before, after any, note string) {
	e := audit.Entry{At: a.now(), UserID: c.UserID, Username: c.Username, Action: action, Entity: entity,
		EntityID: id, CountyCode: county, SiteID: site, Changes: diff(before, after), Note: note}
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if err = a.store.AddAudit(ctx, &e); err == nil {
			return
		}
		time.Sleep(time.Duration(attempt+1) * 50 * time.Millisecond)
	}
	a.log.Error("audit write failed; the entry follows", "err", err, "at", e.At, "user", e.Username, "action", action,
		"entity", entity, "id", id, "county", county, "site", site, "changes", e.Changes, "note", note)
}

// diff flattens before and after into dotted paths and lists the fields whose values differ.
// Values of fields named like ID numbers are masked; password hashes are never recorded.
func diff(before, after any) []audit.Change {
	b, af := flatten(before), flatten(after)
	keys := map[string]bool{}
	for k := range b {
		keys[k] = true
	}
	for k := range af {
		keys[k] = true
	}
	var out []audit.Change
	for k := range keys {
		if b[k] != af[k] {
			out = append(out, audit.Change{Field: k, Before: b[k], After: af[k]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

func flatten(v any) map[string]string {
	out := map[string]string{}
	if v == nil {
		return out
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return out
	}
	var tree any
	if err := json.Unmarshal(raw, &tree); err != nil {
		return out
	}
	var walk func(prefix string, x any)
	walk = func(prefix string, x any) {
		switch t := x.(type) {
		case map[string]any:
			for k, v := range t {
				key := lowerFirst(k)
				if prefix != "" {
					key = prefix + "." + key
				}
				walk(key, v)
			}
		case []any:
			for i, v := range t {
				walk(fmt.Sprintf("%s[%d]", prefix, i), v)
			}
		case nil:
		default:
			s := fmt.Sprint(t)
			name := strings.ToLower(prefix)
			switch {
			case strings.HasSuffix(name, "passwordhash"):
				return
			case strings.HasSuffix(name, "idnumber"):
				s = idcard.Mask(s)
			}
			if s == "0001-01-01T00:00:00Z" || s == "" || s == "false" || s == "0" {
				return
			}
			out[prefix] = s
		}
	}
	walk("", tree)
	return out
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	if strings.ToUpper(s) == s { // ID, URL
		return strings.ToLower(s)
	}
	if strings.HasPrefix(s, "ID") {
		return "id" + s[2:]
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// queryErr returns the Invalid error of a list's query parameters, or nil when f is empty.
func queryErr(f apperr.Fields) error {
	if len(f) == 0 {
		return nil
	}
	return &apperr.Error{Code: apperr.Invalid, Message: "查询参数错误", Fields: f}
}

// contains reports whether list holds s.
func contains(list []string, s string) bool { return slices.Contains(list, s) }
