package household

import (
	"fmt"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/labor"
)

// Warnings returns the suspect data of a valid household that the county's data checks
// (数据比对疑点) would flag, to show the site manager without refusing the registration: an ID number
// whose county code no longer exists (abolished counties appear on valid cards), a healthy
// non-student aged 16-60 recorded as weak or without labour, and a member older than 100 recorded
// with labour capacity (usually a wrong birth date in the ID number or a wrong capacity).
func Warnings(h *Household, now time.Time) []apperr.FieldError {
	var out []apperr.FieldError
	for i, m := range h.Members {
		p := fmt.Sprintf("members[%d].", i)
		if id, err := idcard.Parse(m.IDNumber, now); err == nil && id.Warning != "" {
			out = append(out, apperr.FieldError{Field: p + "idNumber", Message: id.Warning + ",请核对"})
		}
		age := m.Age(now)
		if m.Health == "健康" && m.SchoolStatus == "" && age >= 16 && age <= 60 &&
			(m.LaborCapacity == labor.NoLabor || m.LaborCapacity == labor.Weak) {
			out = append(out, apperr.FieldError{Field: p + "laborCapacity",
				Message: fmt.Sprintf("健康的%d岁非在校成员登记为%s,请核对劳动技能", age, m.LaborCapacity)})
		}
		if age > 100 && m.LaborCapacity.HasCapacity() {
			out = append(out, apperr.FieldError{Field: p + "laborCapacity",
				Message: fmt.Sprintf("%d岁的成员登记为%s,请核对出生日期和劳动技能", age, m.LaborCapacity)})
		}
	}
	return out
}
