// Command anju runs the anju service for relocation resettlement sites, and its sub-commands:
//
//	anju               serve the HTTP API (default)
//	anju seed --demo   load the 沙上头 demo site
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "anju:", err)
		os.Exit(1)
	}
}
