package household

import (
	"fmt"

	"github.com/anju-cn/anju/internal/page"
)

// Filter selects households for a list or a scan; storage answers it from the read model or with a
// query, with the same meaning.
type Filter struct {
	SiteIDs        []string // only these sites, when not nil
	CountyCode     string
	Status         string
	Q              string // part of the household number, unit, village or a member's name
	ZeroEmployment bool   // only zero-employment households
	IDs            []string
	Page           page.Request
}

// DuplicateIDError is the conflict storage returns when an ID number is registered already.
// HouseholdID names the holder; the service decides whether the caller may be told. Field is the
// request path of the member whose number is taken.
type DuplicateIDError struct {
	IDNumber    string
	HouseholdID string
	Field       string
}

func (e *DuplicateIDError) Error() string {
	return fmt.Sprintf("id number already registered in household %s", e.HouseholdID)
}
