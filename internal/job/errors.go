package job

import "github.com/anju-cn/anju/internal/apperr"

// Errors storage and the services return about employers, positions and placements. Storage picks
// the error; the messages are written here, once.
var (
	ErrEmployerNotFound  = apperr.New(apperr.NotFound, "用人单位不存在")
	ErrPositionNotFound  = apperr.New(apperr.NotFound, "岗位不存在")
	ErrPlacementNotFound = apperr.New(apperr.NotFound, "就业记录不存在")
	ErrCreditCodeTaken   = &apperr.Error{Code: apperr.Conflict, Message: "该统一社会信用代码的单位已登记",
		Fields: []apperr.FieldError{{Field: "creditCode", Message: "该统一社会信用代码的单位已登记"}}}
	ErrPositionFull = &apperr.Error{Code: apperr.Conflict, Message: "该岗位已招满",
		Fields: []apperr.FieldError{{Field: "positionId", Message: "该岗位已无空缺名额"}}}
	ErrPositionBusy  = apperr.New(apperr.Conflict, "岗位正忙,请稍后重试")
	ErrSettingsStale = apperr.New(apperr.Conflict, "设置已被他人修改,请刷新后重试")
	ErrMemberPlaced  = &apperr.Error{Code: apperr.Conflict, Message: "该成员已有在岗就业记录,请先办理离岗",
		Fields: []apperr.FieldError{{Field: "memberId", Message: "该成员已有在岗就业记录"}}}
	ErrWelfareTaken = &apperr.Error{Code: apperr.Conflict, Message: "该户已有成员在公益性岗位,每户限一人",
		Fields: []apperr.FieldError{{Field: "memberId", Message: "该户已有成员在公益性岗位,每户限一人"}}}
	ErrHouseholdChanged = apperr.New(apperr.Conflict, "该户或该成员的情况已变化(迁出、无劳动能力或在校),请刷新后重试")
	ErrPlacementEnded   = apperr.New(apperr.Conflict, "该就业记录已结束")
)
