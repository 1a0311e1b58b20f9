// Command schemagen generates the embedded AWS provider schema
// (internal/schema/aws-provider-<version>.json.gz) from the jsii assembly of
// the npm package @cdktn/provider-aws.
//
//	schemagen -jsii path/to/package/.jsii -out internal/schema/aws-provider-6.66.0.json.gz
//	schemagen -tgz cdktn-provider-aws-25.7.0.tgz -out internal/schema/aws-provider-6.66.0.json.gz
package main

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/candlefish-ai/infrastructure/internal/schema"
)

func main() {
	jsiiPath := flag.String("jsii", "", "path to the .jsii assembly of @cdktn/provider-aws")
	tgzPath := flag.String("tgz", "", "path to the npm tarball of @cdktn/provider-aws (reads package/.jsii); alternative to -jsii")
	out := flag.String("out", "internal/schema/"+schema.EmbeddedFile, "output file (gzip-compressed JSON)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: schemagen (-jsii FILE | -tgz FILE) [-out FILE]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 0 || (*jsiiPath == "") == (*tgzPath == "") || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*jsiiPath, *tgzPath, *out); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}

func run(jsiiPath, tgzPath, out string) error {
	var (
		s   *schema.Schema
		err error
		src string
	)
	if jsiiPath != "" {
		src = jsiiPath
		s, err = fromJSII(jsiiPath)
	} else {
		src = tgzPath + ":package/.jsii"
		s, err = fromTarball(tgzPath)
	}
	if err != nil {
		return err
	}
	if err := writeAtomic(out, s); err != nil {
		return err
	}
	st, err := os.Stat(out)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "schemagen: %s: %s %s, %d resources, %d data sources, %d ephemeral resources -> %s (%d bytes)\n",
		src, s.ProviderSource, s.ProviderVersion, len(s.Resources), len(s.DataSources), len(s.EphemeralResources), out, st.Size())
	return nil
}

func fromJSII(path string) (*schema.Schema, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := schema.Generate(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

func fromTarball(path string) (*schema.Schema, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: no package/.jsii in the tarball", path)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if h.Name != "package/.jsii" || h.Typeflag != tar.TypeReg {
			continue
		}
		s, err := schema.Generate(tr)
		if err != nil {
			return nil, fmt.Errorf("%s: package/.jsii: %w", path, err)
		}
		return s, nil
	}
}

// writeAtomic encodes s to a temporary file next to out and renames it.
func writeAtomic(out string, s *schema.Schema) (err error) {
	dir := filepath.Dir(out)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(out)+".tmp-*")
	if err != nil {
		return fmt.Errorf("create temporary file for %s: %w", out, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = schema.Encode(tmp, s); err != nil {
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("chmod %s: %w", tmp.Name(), err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp.Name(), err)
	}
	// Check the result decodes before replacing the old file.
	f, err := os.Open(tmp.Name())
	if err != nil {
		return err
	}
	_, derr := schema.Decode(f)
	f.Close()
	if derr != nil {
		err = fmt.Errorf("generated %s does not decode: %w", tmp.Name(), derr)
		return err
	}
	if err = os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("rename %s to %s: %w", tmp.Name(), out, err)
	}
	return nil
}
