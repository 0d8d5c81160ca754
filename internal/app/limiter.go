package app

import (
	"sync"
	"time"
)

// LoginLimiter counts failed logins per key within a window; the failure that reaches max locks the
// key for a full window from that moment. It is in-process: behind several instances each limits on
// its own.
type LoginLimiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	fails  map[string][]time.Time
	until  map[string]time.Time
}

// NewLoginLimiter returns a limiter allowing max failures per window.
func NewLoginLimiter(max int, window time.Duration) *LoginLimiter {
	return &LoginLimiter{max: max, window: window, fails: map[string][]time.Time{}, until: map[string]time.Time{}}
}

// Locked reports whether key is locked out at now, and until when.
func (l *LoginLimiter) Locked(key string, now time.Time) (bool, time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if u, ok := l.until[key]; ok {
		if now.Before(u) {
			return true, u
		}
		delete(l.until, key)
	}
	return false, time.Time{}
}

// Fail records a failure of key at now, locking the key when it reaches the limit.
func (l *LoginLimiter) Fail(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.fails[key]
	i := 0
	for i < len(f) && now.Sub(f[i]) >= l.window {
		i++
	}
	f = append(f[i:], now)
	if len(f) >= l.max {
		l.until[key] = now.Add(l.window)
		f = nil
	}
	if len(f) == 0 {
		delete(l.fails, key)
	} else {
		l.fails[key] = f
	}
}

// Reset forgets the failures of key (after a successful login).
func (l *LoginLimiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, key)
}

// Sweep forgets failures and locks that have expired at now, so that the limiter's memory stays
// bounded by recent traffic.
func (l *LoginLimiter) Sweep(now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k, f := range l.fails {
		if len(f) == 0 || now.Sub(f[len(f)-1]) >= l.window {
			delete(l.fails, k)
		}
	}
	for k, u := range l.until {
		if !now.Before(u) {
			delete(l.until, k)
		}
	}
}
