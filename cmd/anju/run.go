package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/anju-cn/anju/internal/app"
	anjuhttp "github.com/anju-cn/anju/internal/http"
	"github.com/anju-cn/anju/internal/mongo"
)

// config is the process configuration: environment first, flags override.
type config struct {
	Addr, DataDir, MongoURI, DBName, AdminPassword string
	CORSOrigins, TrustedProxies                    []string
	TokenTTL                                       time.Duration
}

func parseConfig(name string, args []string, getenv func(string) string, stderr io.Writer) (config, *flag.FlagSet, error) {
	def := func(k, d string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return d
	}
	var cfg config
	var cors, ttl, proxies string
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Addr, "addr", def("ANJU_ADDR", "127.0.0.1:8080"), "listen address (ANJU_ADDR)")
	fs.StringVar(&cfg.DataDir, "data", def("ANJU_DATA_DIR", "./data"), "embedded database directory (ANJU_DATA_DIR)")
	fs.StringVar(&cfg.MongoURI, "mongodb-uri", def("ANJU_MONGODB_URI", ""), "MongoDB URI; empty runs the embedded database (ANJU_MONGODB_URI)")
	fs.StringVar(&cfg.DBName, "db", def("ANJU_DB_NAME", "anju"), "database name (ANJU_DB_NAME)")
	fs.StringVar(&cors, "cors-origins", def("ANJU_CORS_ORIGINS", ""), "comma-separated browser origins allowed by CORS; empty closes CORS (ANJU_CORS_ORIGINS)")
	fs.StringVar(&proxies, "trusted-proxies", def("ANJU_TRUSTED_PROXIES", ""), "comma-separated reverse-proxy addresses whose X-Forwarded-For is trusted (ANJU_TRUSTED_PROXIES)")
	fs.StringVar(&ttl, "token-ttl", def("ANJU_TOKEN_TTL", "12h"), "bearer token lifetime (ANJU_TOKEN_TTL)")
	demo := fs.Bool("demo", false, "seed: load the 沙上头 demo site")
	_ = demo
	if err := fs.Parse(args); err != nil {
		return cfg, fs, err
	}
	d, err := time.ParseDuration(ttl)
	if err != nil || d < time.Minute || d > 30*24*time.Hour {
		return cfg, fs, fmt.Errorf("token-ttl %q: want a duration between 1m and 720h", ttl)
	}
	cfg.TokenTTL = d
	cfg.CORSOrigins, cfg.TrustedProxies = splitList(cors), splitList(proxies)
	cfg.AdminPassword = getenv("ANJU_ADMIN_PASSWORD")
	return cfg, fs, nil
}

// run starts the service or a sub-command and returns when ctx is cancelled or on error.
func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	cfg, fs, err := parseConfig("anju "+cmd, args, getenv, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	switch cmd {
	case "serve":
		return serve(ctx, cfg, log)
	case "seed":
		if fs.Lookup("demo").Value.String() != "true" {
			return errors.New("seed: use `anju seed --demo` to load the demo site")
		}
		return seed(ctx, cfg, log)
	}
	return fmt.Errorf("unknown command %q (want serve or seed)", cmd)
}

func openDB(ctx context.Context, cfg config, log *slog.Logger) (*mongo.DB, error) {
	db, err := mongo.Open(ctx, mongo.Config{URI: cfg.MongoURI, DataDir: cfg.DataDir, DBName: cfg.DBName, Logger: log})
	if err != nil {
		return nil, err
	}
	if db.Kind() == "embedded" {
		log.Info("storage: embedded FerretDB on SQLite; serve it from this one process only", "dir", db.Where(), "db", cfg.DBName)
	} else {
		log.Info("storage: MongoDB server", "uri", db.Where(), "db", cfg.DBName)
	}
	return db, nil
}

func serve(ctx context.Context, cfg config, log *slog.Logger) error {
	db, err := openDB(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := db.Close(cctx); err != nil {
			log.Error("close storage", "err", err)
		}
		log.Info("storage closed")
	}()
	a := app.New(db, log)
	a.TokenTTL = cfg.TokenTTL
	generated, err := a.Bootstrap(ctx, cfg.AdminPassword)
	if err != nil {
		return fmt.Errorf("bootstrap admin: %w", err)
	}
	if generated != "" {
		// Printed once, on the first start only; it is never logged again.
		log.Warn("created the first account: username admin; change this password after logging in", "password", generated)
	}
	srv := anjuhttp.New(a, log, db.Kind, anjuhttp.Options{CORSOrigins: cfg.CORSOrigins, TrustedProxies: cfg.TrustedProxies})
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", cfg.Addr, err)
	}
	log.Info("anju listening", "addr", "http://"+ln.Addr().String())
	go sweepSessions(ctx, a, log)
	errc := make(chan error, 1)
	go func() { errc <- srv.Fiber.Listener(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	if err := srv.Fiber.ShutdownWithTimeout(20 * time.Second); err != nil {
		log.Error("shutdown", "err", err)
	}
	return nil
}

// sweepSessions deletes expired sessions and forgets expired login failures, at start and then
// hourly until ctx ends.
func sweepSessions(ctx context.Context, a *app.App, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if err := a.DB.DeleteExpiredSessions(ctx, a.Now()); err != nil && ctx.Err() == nil {
			log.Warn("sweep expired sessions", "err", err)
		}
		a.Limiter.Sweep(a.Now())
		a.AddrLimiter.Sweep(a.Now())
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// splitList splits a comma-separated setting, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, o := range strings.Split(s, ",") {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, o)
		}
	}
	return out
}
