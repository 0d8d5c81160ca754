// Package demo generates realistic, deterministic demonstration data for the 沙上头集中安置点
// (陵川县崇文镇), the site described in the 2018 晋城 poverty report: about 720 relocated
// households with about 3,050 people, of whom about 1,700 have labour capacity. The data is
// fictitious (names, ID numbers and phone numbers are made up) but every household passes
// household.Validate. It is pure: no database, no I/O.
package demo

import "github.com/anju-cn/anju/internal/household"

// The 沙上头 site as named in the source report.
const (
	// SiteName is the site's name.
	SiteName = "沙上头集中安置点"
	// SiteCounty is the site's county code (陵川县).
	SiteCounty = "140524"
	// SiteTownship is the site's township code (崇文镇).
	SiteTownship = "140524100"
	// SiteAddress is the site's address.
	SiteAddress = "陵川县崇文镇沙上头村"
	// SiteCapacityHouseholds is how many households the site can hold.
	SiteCapacityHouseholds = 760
	// SiteCapacityPeople is how many people the site can hold.
	SiteCapacityPeople = 3300
)

// Site returns the 沙上头 site without ID, version or timestamps (the store assigns them).
func Site() household.Site {
	return household.Site{
		Name:               SiteName,
		CountyCode:         SiteCounty,
		TownshipCode:       SiteTownship,
		Address:            SiteAddress,
		CapacityHouseholds: SiteCapacityHouseholds,
		CapacityPeople:     SiteCapacityPeople,
	}
}
