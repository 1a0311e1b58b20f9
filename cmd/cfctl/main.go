// Command cfctl previews, prices, checks and safely applies the Candlefish
// Terraform environments. See `cfctl help`.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/candlefish-ai/infrastructure/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	c := &cli.CLI{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin}
	os.Exit(c.Run(ctx, os.Args[1:]))
}
