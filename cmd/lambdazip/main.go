// Command lambdazip builds the platform's Lambda functions into
// dist/<name>.zip (see `make lambda`): Go functions (a main package) for
// provided.al2023 on arm64, Node.js functions (a directory holding index.js,
// the Lambda@Edge ones) as a zip of that one file.
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
		fmt.Fprintln(os.Stderr, "Usage: lambdazip [-out dist] ./lambda/<name>...  (Go main package, or a directory with index.js for Node.js)")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(1)
	}
	for _, pkg := range flag.Args() {
		zip := filepath.Join(*out, filepath.Base(pkg)+".zip")
		build := func() error { return lambdabuild.Build(context.Background(), ".", pkg, zip) }
		if lambdabuild.IsNode(".", pkg) {
			build = func() error { return lambdabuild.BuildNode(".", pkg, zip) }
		}
		if err := build(); err != nil {
			fmt.Fprintf(os.Stderr, "lambdazip: %v\n", err)
			os.Exit(1)
		}
		fmt.Println(zip)
	}
}
