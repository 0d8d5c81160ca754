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
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/mongo"
)

// App holds the services' dependencies.
type App struct {
	DB       *mongo.DB
	Log      *slog.Logger
	Now      func() time.Time
	TokenTTL time.Duration
	// Limiter counts failed logins per username and client address: 5 in 15 minutes lock that pair for
	// 15 minutes (so that nobody elsewhere can lock an operator out).
	Limiter *LoginLimiter
	// AddrLimiter counts failed logins per client address, with a high limit (50 in 15 minutes) so that
	// one office behind a NAT does not lock itself out, while one address cannot try many accounts.
	AddrLimiter *LoginLimiter
}

// New returns an App with defaults: 12-hour tokens, login limits of 5 failures per username and client
// address, and 50 per client address, in 15 minutes.
func New(db *mongo.DB, log *slog.Logger) *App {
	if log == nil {
		log = slog.Default()
	}
	return &App{DB: db, Log: log, Now: func() time.Time { return time.Now().UTC() }, TokenTTL: 12 * time.Hour,
		Limiter: NewLoginLimiter(5, 15*time.Minute), AddrLimiter: NewLoginLimiter(50, 15*time.Minute)}
}

func (a *App) now() time.Time { return a.Now().UTC() }

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
func (a *App) scopeFilter(ctx context.Context, c auth.Caller, siteID, countyCode string) (siteIDs []string, county string, err error) {
	if siteID != "" {
		site, err := a.DB.GetSite(ctx, siteID)
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
func (a *App) audit(ctx context.Context, c auth.Caller, action, entity, id, county, site string, before, after any, note string) {
	e := mongo.AuditEntry{At: a.now(), UserID: c.UserID, Username: c.Username, Action: action, Entity: entity,
		EntityID: id, CountyCode: county, SiteID: site, Changes: diff(before, after), Note: note}
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if err = a.DB.AddAudit(ctx, &e); err == nil {
			return
		}
		time.Sleep(time.Duration(attempt+1) * 50 * time.Millisecond)
	}
	a.Log.Error("audit write failed; the entry follows", "err", err, "at", e.At, "user", e.Username, "action", action,
		"entity", entity, "id", id, "county", county, "site", site, "changes", e.Changes, "note", note)
}

// diff flattens before and after into dotted paths and lists the fields whose values differ.
// Values of fields named like ID numbers are masked; password hashes are never recorded.
func diff(before, after any) []mongo.Change {
	b, af := flatten(before), flatten(after)
	keys := map[string]bool{}
	for k := range b {
		keys[k] = true
	}
	for k := range af {
		keys[k] = true
	}
	var out []mongo.Change
	for k := range keys {
		if b[k] != af[k] {
			out = append(out, mongo.Change{Field: k, Before: b[k], After: af[k]})
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

// contains reports whether list holds s.
func contains(list []string, s string) bool { return slices.Contains(list, s) }
