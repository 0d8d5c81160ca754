package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestHelpAndVersion: `anju help`, `anju -h` and `anju version` answer without starting anything;
// the help lists every command and no seed-only flag leaks into serve's flags.
func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}} {
		var out bytes.Buffer
		if err := run(context.Background(), args, func(string) string { return "" }, &out); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		for _, c := range []string{"serve", "seed", "passwd", "version", "help"} {
			if !strings.Contains(out.String(), "anju "+c) && !strings.Contains(out.String(), "anju ["+c+"]") {
				t.Errorf("%v does not list %s:\n%s", args, c, out.String())
			}
		}
		if strings.Contains(out.String(), "Usage of") {
			t.Errorf("%v prints the flag package's default usage:\n%s", args, out.String())
		}
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"help", "serve"}, func(string) string { return "" }, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "-addr") || strings.Contains(out.String(), "-demo") {
		t.Errorf("serve's flags:\n%s", out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"version"}, func(string) string { return "" }, &out); err != nil || !strings.HasPrefix(out.String(), "anju ") {
		t.Fatalf("version: %q %v", out.String(), err)
	}
}

// TestPasswdResetsOffline resets a forgotten password on the data directory: refused while the
// service holds the directory, then done with the service stopped, after which only the new
// password logs in.
func TestPasswdResetsOffline(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"ANJU_DATA_DIR": dir, "ANJU_ADMIN_PASSWORD": "First-Pass-2026"}
	getenv := func(k string) string { return env[k] }
	base, logs, stop := start(t, env)
	stdin = strings.NewReader("Second-Pass-2026\n")
	if err := run(context.Background(), []string{"passwd", "-password-stdin", "admin"}, getenv, &bytes.Buffer{}); err == nil {
		t.Fatal("passwd ran while the service held the data directory")
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	stdin = strings.NewReader("weak\n")
	if err := run(context.Background(), []string{"passwd", "-password-stdin", "admin"}, getenv, &bytes.Buffer{}); err == nil {
		t.Fatal("passwd accepted a weak password")
	}
	stdin = strings.NewReader("Second-Pass-2026\n")
	if err := run(context.Background(), []string{"passwd", "-password-stdin", "admin"}, getenv, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	base, logs, stop = start(t, env)
	defer func() { _ = stop() }()
	if !strings.Contains(logs.String(), "ANJU_ADMIN_PASSWORD is used only on the first start") {
		t.Errorf("the start-up log does not say that ANJU_ADMIN_PASSWORD is ignored:\n%s", logs)
	}
	if st, _ := call(t, "POST", base+"/api/v1/auth/login", "", map[string]string{"username": "admin", "password": "First-Pass-2026"}); st != 401 {
		t.Errorf("the old password still logs in: %d", st)
	}
	if st, b := call(t, "POST", base+"/api/v1/auth/login", "", map[string]string{"username": "admin", "password": "Second-Pass-2026"}); st != 200 {
		t.Errorf("the new password does not log in: %d %v", st, b)
	}
}

// TestWeakFirstPasswordRefusesToStart: a fresh directory with ANJU_ADMIN_PASSWORD=123 does not start.
func TestWeakFirstPasswordRefusesToStart(t *testing.T) {
	env := map[string]string{"ANJU_DATA_DIR": t.TempDir(), "ANJU_ADMIN_PASSWORD": "123", "ANJU_ADDR": "127.0.0.1:0"}
	var out bytes.Buffer
	err := run(context.Background(), nil, func(k string) string { return env[k] }, &out)
	if err == nil || !strings.Contains(err.Error(), "ANJU_ADMIN_PASSWORD") {
		t.Fatalf("started with a weak first password: %v", err)
	}
}
