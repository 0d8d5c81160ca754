package main

import (
	"context"
	"log/slog"
)

func seed(ctx context.Context, cfg config, log *slog.Logger) error {
	return nil
}
