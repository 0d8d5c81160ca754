package job

import (
	"fmt"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/check"
	"github.com/anju-cn/anju/internal/datefmt"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/labor"
)

// MaxIncome is the largest monthly income or wage accepted (yuan).
const MaxIncome = 100000

// HireInput is a request to place a member: into a position, or (without one) as self-employment,
// flexible or migrant work with a channel. Its fields are those of app.HireRequest, so that one
// converts to the other.
type HireInput struct {
	MemberID      string
	PositionID    string
	Channel       labor.Channel
	StartDate     time.Time
	MonthlyIncome int
	WorkPlace     string // 务工地点, required for migrant work
	EmployerName  string // optional for channel-only placements (e.g. the migrant employer)
}

// ValidateHire checks and cleans a hire request on its own (before anything is loaded): a member id
// (at most 60 characters), a position id of at most 40, a start date that is a real date, not in the
// future and not before 2001, an income of 0 to MaxIncome, a work place and employer name of at most
// 60 characters; without a position, a listed channel that is not position-based, and a work place
// for migrant work. Whether the member and position exist and may be placed is CheckHire's and
// CheckHireDates'. Errors: Invalid listing every field error.
func ValidateHire(in *HireInput, now time.Time) error {
	var f apperr.Fields
	if in.MemberID == "" {
		f.Add("memberId", "请选择就业成员")
	} else {
		check.Text(&f, "memberId", "成员id", &in.MemberID, 1, 60)
	}
	check.Text(&f, "positionId", "岗位id", &in.PositionID, 0, 40)
	check.PastDate(&f, "startDate", "上岗日期", in.StartDate, now)
	check.Int(&f, "monthlyIncome", "月收入", in.MonthlyIncome, 0, MaxIncome, "元")
	workPlaceOK := check.Text(&f, "workPlace", "务工地点", &in.WorkPlace, 0, 60)
	check.Text(&f, "employerName", "单位名称", &in.EmployerName, 0, 60)
	switch {
	case in.PositionID != "":
		if in.Channel != "" {
			check.Listed(&f, "channel", "就业渠道", &in.Channel, labor.Channels) // must match the position: the service's check
		}
	case in.Channel == "":
		f.Add("channel", "请选择岗位,或填写就业渠道: 自主创业、灵活就业、县外省内务工、省外务工")
	case !check.Listed(&f, "channel", "就业渠道", &in.Channel, labor.Channels):
	case in.Channel.PositionBased():
		f.Add("positionId", "县内企业就业、帮扶车间、公益性岗位须选择具体岗位")
	case (in.Channel == labor.MigrantProvince || in.Channel == labor.MigrantOutside) && workPlaceOK && in.WorkPlace == "":
		f.Add("workPlace", "外出务工须填写务工地点")
	}
	return f.Err()
}

// CheckHireDates checks a hire's start date against the household: work cannot start at the site
// before the household moved in. The message names both dates ("上岗日期2018-09-01早于入住日期
// 2018-10-01"). Errors: Invalid naming startDate, or nil.
func CheckHireDates(h *household.Household, start time.Time) error {
	var f apperr.Fields
	check.NotBefore(&f, "startDate", "上岗日期", start, "入住日期", h.MoveInDate)
	return f.Err()
}

// EndInput is a request to end a placement (the fields of the HTTP end request).
type EndInput struct {
	Version int // 0: not checked
	EndDate time.Time
	Reason  string
	Note    string
}

// ValidateEnd checks and cleans the end of placement p (p may be nil before it is loaded; then the
// date is not compared with the start): a version that is not negative, an end date that is a real
// date, not in the future and not before the start date (the message names both: "离岗日期
// 2026-01-05早于上岗日期2026-02-01"), a reason from EndReasons, a note of at most 200 characters.
// Whether p is still active and the version current is the service's check (conflict).
// Errors: Invalid listing every field error.
func ValidateEnd(p *Placement, in *EndInput, now time.Time) error {
	var f apperr.Fields
	check.OptionalVersion(&f, in.Version)
	if check.PastDate(&f, "endDate", "离岗日期", in.EndDate, now) && p != nil {
		check.NotBefore(&f, "endDate", "离岗日期", in.EndDate, "上岗日期", p.StartDate)
	}
	check.Listed(&f, "reason", "离岗原因", &in.Reason, EndReasons)
	check.Note(&f, "note", "备注", &in.Note, 0, 200)
	return f.Err()
}

// FollowUpInput is a follow-up visit to record. StillWorking is required, hence a pointer.
type FollowUpInput struct {
	Date         time.Time
	StillWorking *bool
	Income       int
	Note         string
}

// ValidateFollowUp checks and cleans a follow-up visit on placement p (p may be nil before it is
// loaded; then the dates are not compared): a visit date that is a real date, not in the future and
// not before the start date, whether the person still works (required), an income of 0 to
// MaxIncome, a note of at most 500 characters; and, on an ended placement, no "still working" on or
// after the end date. Messages comparing dates name both. Errors: Invalid listing every field error.
func ValidateFollowUp(in *FollowUpInput, p *Placement, now time.Time) error {
	var f apperr.Fields
	dateOK := check.PastDate(&f, "date", "回访日期", in.Date, now)
	if dateOK && p != nil {
		dateOK = check.NotBefore(&f, "date", "回访日期", in.Date, "上岗日期", p.StartDate)
	}
	if in.StillWorking == nil {
		f.Add("stillWorking", "请填写是否仍在岗(stillWorking)")
	} else if *in.StillWorking && dateOK && p != nil && p.Status == PlacementEnded && !p.EndDate.IsZero() && !in.Date.Before(p.EndDate) {
		f.Add("stillWorking", fmt.Sprintf("回访日期%s不早于离岗日期%s,该就业已结束,不能记为仍在岗",
			datefmt.Format(in.Date), datefmt.Format(p.EndDate)))
	}
	check.Int(&f, "income", "月收入", in.Income, 0, MaxIncome, "元")
	check.Note(&f, "note", "回访记录", &in.Note, 0, 500)
	return f.Err()
}

// ValidatePlanScope checks the scope of a matching plan: a site id of at most 40 characters or a
// 6-digit county code, exactly one of them (cleaned in place). Whether they exist and the caller
// sees them is the service's check. Errors: Invalid naming siteId or countyCode.
func ValidatePlanScope(siteID, countyCode *string) error {
	var f apperr.Fields
	okSite := check.Text(&f, "siteId", "安置点id", siteID, 0, 40)
	okCounty := check.Digits(&f, "countyCode", "县级行政区划代码", countyCode, 6, false)
	if okSite && okCounty && (*siteID == "") == (*countyCode == "") {
		f.Add("siteId", "请指定安置点(siteId)或县(countyCode)其中之一")
	}
	return f.Err()
}

// MaxApplyRows is the most plan rows one apply request may hold.
const MaxApplyRows = 2000

// PlanPick is one plan row chosen to apply (the fields of app.ApplyRow, so that one converts to the
// other).
type PlanPick struct{ MemberID, PositionID string }

// ValidateApply checks a request to apply plan rows: a start date as for a hire, 1 to MaxApplyRows
// rows, each with a member id (at most 60 characters) and a position id (at most 40), cleaned in
// place (a member chosen twice fails on its second row, as a conflict, when applied). Errors: Invalid naming startDate, rows or rows[i].memberId / positionId.
func ValidateApply(start time.Time, picks []PlanPick, now time.Time) error {
	var f apperr.Fields
	check.PastDate(&f, "startDate", "上岗日期", start, now)
	if len(picks) == 0 || len(picks) > MaxApplyRows {
		f.Add("rows", fmt.Sprintf("请选择1到%d条匹配结果,当前%d条", MaxApplyRows, len(picks)))
		return f.Err()
	}
	for i := range picks {
		p := fmt.Sprintf("rows[%d].", i)
		check.Text(&f, p+"memberId", "成员id", &picks[i].MemberID, 1, 60)
		check.Text(&f, p+"positionId", "岗位id", &picks[i].PositionID, 1, 40)
	}
	return f.Err()
}
