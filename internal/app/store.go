package app

import (
	"context"
	"time"

	"github.com/anju-cn/anju/internal/audit"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/page"
)

// The storage the services need, one small interface per area; internal/mongo implements them all.
// Storage errors carry apperr codes: not_found, conflict (a duplicate, a stale version, or one of the
// domain packages' conflicts such as job.ErrPositionFull), internal.

// SiteStore keeps sites.
type SiteStore interface {
	CreateSite(ctx context.Context, s *household.Site) error
	GetSite(ctx context.Context, id string) (household.Site, error)
	// ListSites returns the sites of a county ("" for all), or of the given ids when ids is not nil.
	ListSites(ctx context.Context, countyCode string, ids []string) ([]household.Site, error)
	UpdateSite(ctx context.Context, s *household.Site) error
	// Occupancy sums resident households and people per site (all sites when siteIDs is nil).
	Occupancy(ctx context.Context, siteIDs []string) (map[string]household.Occupancy, error)
}

// HouseholdStore writes households and reads them by id. Every write is a compare-and-set on the
// household's version; ID numbers are claimed system-wide.
type HouseholdStore interface {
	CreateHousehold(ctx context.Context, h *household.Household, numberPrefix string) error
	GetHousehold(ctx context.Context, id string) (*household.Household, error)
	// PersonHousehold returns the household and member holding an ID number.
	PersonHousehold(ctx context.Context, idNumber string) (householdID, memberID string, err error)
	SaveHousehold(ctx context.Context, h *household.Household, claims []household.Member, releases []string, fieldOf func(i int) string) error
	MutateHousehold(ctx context.Context, id string, fn func(h *household.Household) error) (*household.Household, error)
}

// HouseholdReader lists and scans households. Storage answers it from the in-memory read model on
// the embedded database and with indexed queries on MongoDB, with the same meaning. EachHousehold's
// fn may change the household's top-level fields but must not change its members or anything they
// point to: on the embedded database they are the read model's own (copying them for every
// household of a county made a member list page cost 25 ms).
type HouseholdReader interface {
	ListHouseholds(ctx context.Context, f household.Filter) (page.Of[*household.Household], error)
	EachHousehold(ctx context.Context, f household.Filter, fn func(*household.Household) error) error
}

// EmployerStore keeps employers.
type EmployerStore interface {
	CreateEmployer(ctx context.Context, e *job.Employer) error
	GetEmployer(ctx context.Context, id string) (job.Employer, error)
	ListEmployers(ctx context.Context, f job.EmployerFilter) (page.Of[job.Employer], error)
	UpdateEmployer(ctx context.Context, e *job.Employer) error
}

// PositionStore keeps positions; their filled counts change only through placements.
type PositionStore interface {
	CreatePosition(ctx context.Context, p *job.Position) error
	GetPosition(ctx context.Context, id string) (job.Position, error)
	ListPositions(ctx context.Context, f job.PositionFilter) (page.Of[job.Position], error)
	EachPosition(ctx context.Context, f job.PositionFilter, fn func(job.Position) error) error
	UpdatePosition(ctx context.Context, p *job.Position) error
}

// PlacementStore keeps placements. Hire and EndPlacement order their steps so that a crash leaves
// something the repair pass fixes; openings are never overfilled.
type PlacementStore interface {
	Hire(ctx context.Context, p *job.Placement, welfareCap bool) error
	GetPlacement(ctx context.Context, id string) (job.Placement, error)
	ListPlacements(ctx context.Context, f job.PlacementFilter) (page.Of[job.Placement], error)
	EachPlacement(ctx context.Context, f job.PlacementFilter, fn func(job.Placement) error) error
	// AddPlacementsBulk stores ended placements of the past as they are (history generation); ones
	// stored already are left as they are. Active placements go through Hire only.
	AddPlacementsBulk(ctx context.Context, ps []job.Placement) error
	SavePlacement(ctx context.Context, p *job.Placement) error
	EndPlacement(ctx context.Context, p *job.Placement, end time.Time, reason, note string, now time.Time) error
}

// SettingsStore keeps county settings.
type SettingsStore interface {
	GetSettings(ctx context.Context, county string) (job.Settings, error)
	PutSettings(ctx context.Context, s *job.Settings) error
}

// UserStore keeps accounts.
type UserStore interface {
	CreateUser(ctx context.Context, u *auth.User) error
	GetUser(ctx context.Context, id string) (auth.User, error)
	GetUserByName(ctx context.Context, username string) (auth.User, error)
	CountUsers(ctx context.Context) (int, error)
	ListUsers(ctx context.Context, r page.Request) (page.Of[auth.User], error)
	UpdateUser(ctx context.Context, u *auth.User) error
}

// SessionStore keeps sessions.
type SessionStore interface {
	CreateSession(ctx context.Context, s auth.Session) error
	GetSession(ctx context.Context, id string) (auth.Session, error)
	DeleteSession(ctx context.Context, id string) error
	DeleteUserSessions(ctx context.Context, userID string) error
	DeleteExpiredSessions(ctx context.Context, now time.Time) error
}

// AuditStore keeps the audit trail. AddAudit is idempotent for an entry with an id. Entries are
// never deleted: ArchiveAudit moves those older than a time into the archive, which ListAudit
// searches when the filter says Archived; it is safe to interrupt and to run again.
type AuditStore interface {
	AddAudit(ctx context.Context, e *audit.Entry) error
	AddAuditBulk(ctx context.Context, es []audit.Entry) error
	ListAudit(ctx context.Context, f audit.Filter) (page.Of[audit.Entry], error)
	ArchiveAudit(ctx context.Context, before time.Time, progress func(moved int)) (int, error)
}

// ImportStore keeps roster import jobs as opaque records, so that their outcome survives a restart.
type ImportStore interface {
	// PutImport stores the record of job id, replacing the one before.
	PutImport(ctx context.Context, id string, data []byte) error
	// GetImport returns the record of job id; not_found when there is none.
	GetImport(ctx context.Context, id string) ([]byte, error)
}

// Maintenance is what health checks and start-up need.
type Maintenance interface {
	Ping(ctx context.Context) error
	// Backend names the backend: "embedded" or "mongodb".
	Backend() string
	// Repair finds and fixes what an interrupted multi-step write left behind.
	Repair(ctx context.Context) error
}

// Store is every storage area together.
type Store interface {
	SiteStore
	HouseholdStore
	HouseholdReader
	EmployerStore
	PositionStore
	PlacementStore
	SettingsStore
	UserStore
	SessionStore
	AuditStore
	ImportStore
	Maintenance
}
