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
	HouseholdType  string // only this 户类型, when set
	IDs            []string
	// IDNumber selects households where a current or former member holds this exact ID number (a
	// search that still finds where someone lived after moving out).
	IDNumber string
	// Person selects households with a current member whose name contains Person.Name and whose ID
	// number ends with Person.IDSuffix (a site manager's "name and last 6 digits" look-up).
	Person *PersonMatch
	Page   page.Request
}

// PersonMatch is a name and the last characters of an ID number.
type PersonMatch struct {
	Name, IDSuffix string
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
