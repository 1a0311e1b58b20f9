// Command lambdazip builds the platform's Go Lambda functions into
// dist/<name>.zip (see `make lambda`).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/candlefish-ai/infrastructure/internal/lambdabuild"
)

func main() {
	out := flag.String("out", "dist", "directory for the zips")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "Usage: lambdazip [-out dist] ./lambda/<name>...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(1)
	}
	for _, pkg := range flag.Args() {
		zip := filepath.Join(*out, filepath.Base(pkg)+".zip")
		if err := lambdabuild.Build(context.Background(), ".", pkg, zip); err != nil {
			fmt.Fprintf(os.Stderr, "lambdazip: %v\n", err)
			os.Exit(1)
		}
		fmt.Println(zip)
	}
}
