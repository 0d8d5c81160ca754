// Package audit holds the audit trail's domain types: an entry records one change or one sensitive
// read (who, when, which entity, which fields changed), and a filter selects entries for a list.
// It is pure: storage converts entries to documents, the services write them.
package audit

import (
	"time"

	"github.com/anju-cn/anju/internal/page"
)

// Entry records one change or one sensitive read: who, when, what entity, and which fields changed
// with their values before and after (ID numbers masked by the service).
type Entry struct {
	ID         string
	At         time.Time
	UserID     string
	Username   string
	Action     string // create, update, move-out, view-id, login...
	Entity     string // site, household, member, user, employer, position, placement
	EntityID   string
	CountyCode string
	SiteID     string
	Changes    []Change
	Note       string
}

// Change is one field's value before and after.
type Change struct {
	Field  string
	Before string
	After  string
}

// Filter selects audit entries, newest first. Empty fields select everything.
type Filter struct {
	Entity, EntityID, CountyCode string
	UserID, SiteID               string
	From, To                     time.Time // entries at or after From and before To, when set
	Archived                     bool      // search the archive (entries moved out by `anju audit archive`) instead
	Page                         page.Request
}
