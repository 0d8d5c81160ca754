package app

import (
	"context"
	"fmt"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
)

// ArchiveAudit moves the audit entries dated before the given day into the archive, where
// `GET /api/v1/audit?archived=true` still finds them, and records the move in the trail. Safe to
// interrupt and to run again. Errors: forbidden for anyone but an administrator or the system,
// invalid for a day in the future.
func (a *System) ArchiveAudit(ctx context.Context, before time.Time, progress func(moved int)) (int, error) {
	c, err := caller(ctx)
	if err != nil {
		return 0, err
	}
	if !c.SeesAll() || !c.Role.Allows(auth.ReadAudit) {
		return 0, apperr.New(apperr.Forbidden, "当前账号无权进行此操作")
	}
	if before.IsZero() || before.After(a.now()) {
		return 0, &apperr.Error{Code: apperr.Invalid, Message: "参数错误",
			Fields: apperr.Fields{{Field: "before", Message: "归档日期须早于今天"}}}
	}
	n, err := a.store.ArchiveAudit(ctx, before, progress)
	a.audit(ctx, c, "archive", "audit", "", "", "", nil, nil, fmt.Sprintf("moved %d entries dated before %s to the archive", n, before.Format(time.DateOnly)))
	return n, err
}
