package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"runtime/debug"
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

// command is one sub-command: its flags and what it runs.
type command struct {
	name, usage, summary string
	flags                func(fs *flag.FlagSet, cfg *config, getenv func(string) string) func() error
	run                  func(ctx context.Context, cfg config, args []string, env env) error
}

// env is what a command reaches outside itself.
type env struct {
	log    *slog.Logger
	stderr io.Writer
	getenv func(string) string
}

var commands = []command{
	{name: "serve", usage: "anju [serve] [flags]", summary: "运行服务(默认命令) / run the service", flags: serveFlags, run: serve},
	{name: "seed", usage: "anju seed --demo [flags]", summary: "载入沙上头演示安置点 / load the 沙上头 demo site", flags: seedFlags, run: seed},
	{name: "export", usage: "anju export statistics|notice [flags]", summary: "导出县级统计报表或公示名单(Excel) / export the county workbook or a site's public notice", flags: exportFlags, run: export},
	{name: "import", usage: "anju import --site ID [flags] 花名册.xlsx", summary: "离线导入花名册(须先停止服务) / import a roster offline", flags: importFlags, run: importRoster},
	{name: "history", usage: "anju history --years N", summary: "为已有住户生成多年的历史记录(演示与压测) / add years of synthetic history", flags: historyFlags, run: history},
	{name: "audit", usage: "anju audit archive --before DAY", summary: "归档早于某日的审计记录(须先停止服务) / move older audit entries to the archive", flags: auditFlags, run: auditCmd},
	{name: "backup", usage: "anju backup -o FILE", summary: "备份内置数据库(服务运行时也可) / back up the embedded database, also while serving", flags: backupFlags, run: backup},
	{name: "restore", usage: "anju restore [-data DIR] FILE", summary: "从备份恢复到空的数据目录 / restore a backup into an empty data directory", flags: restoreFlags, run: restore},
	{name: "migrate", usage: "anju migrate --to mongodb://...", summary: "把内置数据库迁移到MongoDB并校验(须先停止服务) / copy the embedded database to MongoDB and verify", flags: migrateFlags, run: migrate},
	{name: "passwd", usage: "anju passwd [flags] USERNAME", summary: "离线重置账号密码(须先停止服务) / reset a password offline", flags: passwdFlags, run: passwd},
	{name: "version", usage: "anju version", summary: "显示版本 / print the version", run: version},
	{name: "help", usage: "anju help [command]", summary: "显示帮助 / list the commands", run: nil},
}

// storageFlags are the flags every command that opens storage takes.
func storageFlags(fs *flag.FlagSet, cfg *config, getenv func(string) string) {
	fs.StringVar(&cfg.DataDir, "data", envOr(getenv, "ANJU_DATA_DIR", "./data"), "embedded database directory (ANJU_DATA_DIR)")
	fs.StringVar(&cfg.MongoURI, "mongodb-uri", envOr(getenv, "ANJU_MONGODB_URI", ""), "MongoDB URI; empty runs the embedded database (ANJU_MONGODB_URI)")
	fs.StringVar(&cfg.DBName, "db", envOr(getenv, "ANJU_DB_NAME", "anju"), "database name (ANJU_DB_NAME)")
}

func serveFlags(fs *flag.FlagSet, cfg *config, getenv func(string) string) func() error {
	storageFlags(fs, cfg, getenv)
	var cors, ttl, proxies string
	fs.StringVar(&cfg.Addr, "addr", envOr(getenv, "ANJU_ADDR", "127.0.0.1:8080"), "listen address (ANJU_ADDR)")
	fs.StringVar(&cors, "cors-origins", envOr(getenv, "ANJU_CORS_ORIGINS", ""), "comma-separated browser origins allowed by CORS; empty closes CORS (ANJU_CORS_ORIGINS)")
	fs.StringVar(&proxies, "trusted-proxies", envOr(getenv, "ANJU_TRUSTED_PROXIES", ""), "comma-separated reverse-proxy addresses whose X-Forwarded-For is trusted (ANJU_TRUSTED_PROXIES)")
	fs.StringVar(&ttl, "token-ttl", envOr(getenv, "ANJU_TOKEN_TTL", "12h"), "session lifetime (ANJU_TOKEN_TTL)")
	return func() error {
		d, err := time.ParseDuration(ttl)
		if err != nil || d < time.Minute || d > 30*24*time.Hour {
			return fmt.Errorf("token-ttl %q: want a duration between 1m and 720h", ttl)
		}
		cfg.TokenTTL = d
		cfg.CORSOrigins, cfg.TrustedProxies = splitList(cors), splitList(proxies)
		cfg.AdminPassword = getenv("ANJU_ADMIN_PASSWORD")
		return nil
	}
}

func envOr(getenv func(string) string, k, d string) string {
	if v := getenv(k); v != "" {
		return v
	}
	return d
}

// run starts the service or a sub-command and returns when ctx is cancelled or on error.
func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	e := env{log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo})), stderr: stderr, getenv: getenv}
	name := "serve"
	switch {
	case len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help"):
		name, args = "help", nil
	case len(args) > 0 && !strings.HasPrefix(args[0], "-"):
		name, args = args[0], args[1:]
	}
	cmd, ok := lookup(name)
	if !ok {
		usage(stderr)
		return fmt.Errorf("unknown command %q (see `anju help`)", name)
	}
	if cmd.name == "help" {
		if len(args) > 0 {
			if c, ok := lookup(args[0]); ok && c.flags != nil {
				fs, _ := newFlags(c, &config{}, getenv, stderr)
				fs.Usage()
				return nil
			}
		}
		usage(stderr)
		return nil
	}
	var cfg config
	var rest []string
	if cmd.flags != nil {
		fs, finish := newFlags(cmd, &cfg, getenv, stderr)
		for { // flags and positional arguments may come in any order
			if err := fs.Parse(args); err != nil {
				if errors.Is(err, flag.ErrHelp) {
					return nil
				}
				return err
			}
			if fs.NArg() == 0 {
				break
			}
			rest, args = append(rest, fs.Arg(0)), fs.Args()[1:]
		}
		if err := finish(); err != nil {
			return err
		}
	}
	return cmd.run(ctx, cfg, rest, e)
}

func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func newFlags(c command, cfg *config, getenv func(string) string, stderr io.Writer) (*flag.FlagSet, func() error) {
	fs := flag.NewFlagSet("anju "+c.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	finish := c.flags(fs, cfg, getenv)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "用法 / usage: %s\n\n%s\n\n", c.usage, c.summary)
		fs.PrintDefaults()
	}
	return fs, finish
}

// usage lists the commands.
func usage(w io.Writer) {
	fmt.Fprintln(w, "anju: 易地扶贫搬迁安置点就业服务 / relocation-site employment service")
	fmt.Fprintln(w, "\n命令 / commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-33s %s\n", c.usage, c.summary)
	}
	fmt.Fprintln(w, "\n`anju help <command>` 显示该命令的参数 / shows a command's flags.")
}

// version prints the module version and VCS revision the binary was built from.
func version(_ context.Context, _ config, _ []string, e env) error {
	v, rev := "(devel)", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				rev = s.Value
			}
		}
	}
	fmt.Fprintf(e.stderr, "anju %s %s\n", v, rev)
	return nil
}

// openServices opens storage and returns the services over it, with the function that closes it.
func openServices(ctx context.Context, cfg config, log *slog.Logger) (*app.Services, func(), error) {
	db, err := mongo.Open(ctx, mongo.Config{URI: cfg.MongoURI, DataDir: cfg.DataDir, DBName: cfg.DBName, Logger: log})
	if err != nil {
		return nil, nil, err
	}
	closeDB := func() {
		cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := db.Close(cctx); err != nil {
			log.Error("close storage", "err", err)
		}
		log.Info("storage closed")
	}
	return app.New(db, log), closeDB, nil
}

func serve(ctx context.Context, cfg config, _ []string, e env) error {
	log := e.log
	svc, closeDB, err := openServices(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	svc.Accounts.TokenTTL = cfg.TokenTTL
	generated, created, err := svc.Accounts.Bootstrap(ctx, cfg.AdminPassword)
	if err != nil {
		return fmt.Errorf("bootstrap admin: %w", err)
	}
	switch {
	case generated != "":
		// Printed once, on the first start only; it is never logged again.
		log.Warn("created the first account: username admin; change this password after logging in", "password", generated)
	case created:
		log.Info("created the first account: username admin, with the password in ANJU_ADMIN_PASSWORD")
	default:
		log.Info("accounts exist: ANJU_ADMIN_PASSWORD is used only on the first start, when there is no account; "+
			"to reset a forgotten password, stop the service and run `anju passwd admin`", "adminPasswordSet", cfg.AdminPassword != "")
	}
	srv := anjuhttp.New(svc, log, anjuhttp.Options{CORSOrigins: cfg.CORSOrigins, TrustedProxies: cfg.TrustedProxies})
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", cfg.Addr, err)
	}
	log.Info("anju listening", "addr", "http://"+ln.Addr().String())
	go svc.System.RunSweeps(ctx, time.Hour)
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
