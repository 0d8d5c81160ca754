package app

import (
	"testing"
	"time"
)

func TestLoginLimiter(t *testing.T) {
	l := NewLoginLimiter(3, 15*time.Minute)
	t0 := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	l.Fail("u", t0)
	l.Fail("u", t0.Add(10*time.Minute))
	if locked, _ := l.Locked("u", t0.Add(11*time.Minute)); locked {
		t.Fatal("locked before the limit")
	}
	l.Fail("u", t0.Add(14*time.Minute)) // the third failure within 15 minutes locks
	if locked, until := l.Locked("u", t0.Add(20*time.Minute)); !locked || !until.Equal(t0.Add(29*time.Minute)) {
		t.Fatalf("locked=%v until %v; want locked for a full window from the third failure", locked, until)
	}
	if locked, _ := l.Locked("u", t0.Add(29*time.Minute)); locked {
		t.Fatal("still locked after the window")
	}
	l.Fail("v", t0)
	l.Fail("v", t0.Add(16*time.Minute)) // the first failure has expired
	l.Fail("v", t0.Add(17*time.Minute))
	if locked, _ := l.Locked("v", t0.Add(18*time.Minute)); locked {
		t.Fatal("failures older than the window still count")
	}
	l.Reset("v")
	l.Fail("v", t0.Add(19*time.Minute))
	if locked, _ := l.Locked("v", t0.Add(19*time.Minute)); locked {
		t.Fatal("reset did not forget")
	}
}

func TestLoginLimiterSweep(t *testing.T) {
	l := NewLoginLimiter(2, time.Minute)
	t0 := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	for i := 0; i < 100; i++ {
		l.Fail(string(rune('a'+i%26))+string(rune('A'+i/26)), t0)
	}
	l.Fail("x", t0)
	l.Fail("x", t0) // locked until t0+1m
	l.Sweep(t0.Add(30 * time.Second))
	if len(l.fails) != 100 || len(l.until) != 1 {
		t.Fatalf("swept too early: %d failures, %d locks", len(l.fails), len(l.until))
	}
	l.Sweep(t0.Add(2 * time.Minute))
	if len(l.fails) != 0 || len(l.until) != 0 {
		t.Fatalf("not swept: %d failures, %d locks", len(l.fails), len(l.until))
	}
}
