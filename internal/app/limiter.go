package app

import (
	"sync"
	"time"
)

// LoginLimiter counts failed logins per key (username and client address) and locks a key out for
// the window after max failures. It is in-process: behind several instances each limits on its own.
type LoginLimiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	fails  map[string][]time.Time
}

// NewLoginLimiter returns a limiter allowing max failures per window.
func NewLoginLimiter(max int, window time.Duration) *LoginLimiter {
	return &LoginLimiter{max: max, window: window, fails: map[string][]time.Time{}}
}

// Locked reports whether key is locked out at now, and until when.
func (l *LoginLimiter) Locked(key string, now time.Time) (bool, time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.prune(key, now)
	if len(f) >= l.max {
		return true, f[0].Add(l.window)
	}
	return false, time.Time{}
}

// Fail records a failure of key at now.
func (l *LoginLimiter) Fail(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fails[key] = append(l.prune(key, now), now)
}

// Reset forgets the failures of key (after a successful login).
func (l *LoginLimiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, key)
}

func (l *LoginLimiter) prune(key string, now time.Time) []time.Time {
	f := l.fails[key]
	i := 0
	for i < len(f) && now.Sub(f[i]) >= l.window {
		i++
	}
	f = f[i:]
	if len(f) == 0 {
		delete(l.fails, key)
		return nil
	}
	l.fails[key] = f
	return f
}
