package app

import (
	"context"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
)

// Health checks that storage answers within the context's deadline and names the backend
// ("embedded" or "mongodb"). Errors: unavailable when storage does not answer.
func (s *System) Health(ctx context.Context) (backend string, err error) {
	if err := s.store.Ping(ctx); err != nil {
		return s.store.Backend(), &apperr.Error{Code: apperr.Unavailable, Message: "数据库暂不可用", Err: err}
	}
	return s.store.Backend(), nil
}

// Backend names the storage backend: "embedded" or "mongodb".
func (s *System) Backend() string { return s.store.Backend() }

// Repair runs storage's repair pass: it finds and fixes what an interrupted multi-step write left
// behind (claims without a record, position counts, employment summaries). Errors: internal.
func (s *System) Repair(ctx context.Context) error { return s.store.Repair(ctx) }

// Sweep deletes expired sessions and forgets expired login failures. Errors: internal.
func (s *System) Sweep(ctx context.Context) error {
	now := s.now()
	s.accounts.limiter.Sweep(now)
	s.accounts.addrLimiter.Sweep(now)
	return s.store.DeleteExpiredSessions(ctx, now)
}

// RunSweeps calls Sweep at once and then every interval until ctx ends, logging failures.
func (s *System) RunSweeps(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := s.Sweep(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("sweep expired sessions", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
