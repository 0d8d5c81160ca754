package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// stdin is where `anju passwd --password-stdin` reads the new password; tests replace it.
var stdin io.Reader = os.Stdin

var passwordFromStdin bool

func passwdFlags(fs *flag.FlagSet, cfg *config, getenv func(string) string) func() error {
	storageFlags(fs, cfg, getenv)
	fs.BoolVar(&passwordFromStdin, "password-stdin", false, "read the new password from the first line of standard input (default: generate one and print it)")
	return func() error { return nil }
}

// passwd resets an account's password on the data directory while no server holds it (the embedded
// database's lock refuses a second process), revoking the account's sessions.
func passwd(ctx context.Context, cfg config, args []string, e env) error {
	if len(args) != 1 {
		return errors.New("passwd: name one account, e.g. `anju passwd admin`")
	}
	password := ""
	if passwordFromStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("passwd: read password: %w", err)
		}
		if password = strings.TrimRight(line, "\r\n"); password == "" {
			return errors.New("passwd: standard input held no password")
		}
	}
	svc, closeDB, err := openServices(ctx, cfg, e.log)
	if err != nil {
		return fmt.Errorf("passwd: %w (is the service still running? stop it first)", err)
	}
	defer closeDB()
	generated, err := svc.Accounts.ResetPassword(ctx, args[0], password)
	if err != nil {
		return fmt.Errorf("passwd %s: %w", args[0], err)
	}
	if generated != "" {
		fmt.Fprintf(e.stderr, "新密码 / new password for %s: %s\n", args[0], generated)
	} else {
		fmt.Fprintf(e.stderr, "已重置 %s 的密码 / password reset\n", args[0])
	}
	return nil
}
