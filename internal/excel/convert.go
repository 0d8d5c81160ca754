package excel

import (
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/stats"
)

// IDFunc decides how an ID number is shown: idcard.Mask, or the number itself when the caller is
// allowed a full export.
type IDFunc func(number string) string

// DetailRows turns one household's snapshot (stats.Evaluate or Counter.Add, as of the workbook's day)
// into its rows of 就业明细 and 未就业劳动力, and its 零就业家庭 row when it is one (nil otherwise), with
// the same definitions as the summary. A household not living at the site that day gives nothing.
func DetailRows(s *stats.Snapshot, siteName string, id IDFunc) (placed []PlacementRow, unemployed []UnemployedRow, zero *ZeroRow) {
	if !s.Present {
		return nil, nil, nil
	}
	h := s.Household
	for _, m := range s.Members {
		if !m.LaborForce {
			continue
		}
		mem := m.Member
		if m.Employed() {
			p := m.Placement
			placed = append(placed, PlacementRow{SiteName: siteName, HouseholdNumber: h.Number, Name: mem.Name,
				IDNumber: id(mem.IDNumber), Sex: string(mem.Sex), Age: m.Age, LaborCapacity: string(mem.LaborCapacity),
				Channel: string(p.Channel), Place: p.Channel.Where(), EmployerName: p.EmployerName,
				PositionTitle: p.PositionTitle, StartDate: p.StartDate, MonthlyIncome: p.MonthlyIncome, WorkPlace: p.WorkPlace})
			continue
		}
		r := UnemployedRow{SiteName: siteName, HouseholdNumber: h.Number, Name: mem.Name, IDNumber: id(mem.IDNumber),
			Sex: string(mem.Sex), Age: m.Age, LaborCapacity: string(mem.LaborCapacity)}
		if u := mem.Unemployment; u != nil {
			r.Reason, r.NextStep, r.Referrals, r.Offers, r.Trainings = string(u.Reason), u.NextStep, u.Referrals, u.Offers, u.Trainings
		}
		unemployed = append(unemployed, r)
	}
	if s.Zero {
		zero = &ZeroRow{SiteName: siteName, HouseholdNumber: h.Number, HeadName: headName(h), Phone: h.Phone,
			Workers: s.LaborForce, Since: s.ZeroSince, Days: s.Days(), HelpDue: s.HelpDue(), ClearDue: s.ClearDue()}
	}
	return placed, unemployed, zero
}

// QualityRowOf turns a data-quality issue into its row.
func QualityRowOf(is stats.Issue, siteName string) QualityRow {
	return QualityRow{SiteName: siteName, HouseholdNumber: is.HouseholdNumber, MemberName: is.MemberName,
		RuleName: is.RuleName, Value: is.Value, Fix: is.Fix, Rule: is.Rule, HouseholdID: is.HouseholdID,
		MemberID: is.MemberID, PlacementID: is.PlacementID}
}

// NoticeHouseholdOf turns a snapshot into its 公示名单 entry: the head's name, the village of origin,
// the members present and each worker of the labour force with how they are employed (未就业 when
// not). It reads nothing else: no ID numbers, phones, health or bank data. ok is false for a household
// not living at the site that day.
func NoticeHouseholdOf(s *stats.Snapshot) (n NoticeHousehold, ok bool) {
	if !s.Present {
		return NoticeHousehold{}, false
	}
	h := s.Household
	n = NoticeHousehold{HouseholdNumber: h.Number, HeadName: headName(h), Village: h.Origin.Village, Members: len(s.Members)}
	for _, m := range s.Members {
		if !m.LaborForce {
			continue
		}
		w := NoticeWorker{Name: m.Member.Name, Channel: "未就业"}
		if m.Employed() {
			w.Channel, w.Employer = string(m.Placement.Channel), m.Placement.EmployerName
		}
		n.Workers = append(n.Workers, w)
	}
	return n, true
}

func headName(h *household.Household) string {
	if m := h.Head(); m != nil {
		return m.Name
	}
	return ""
}
