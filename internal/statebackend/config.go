// Package statebackend reads an environment's S3 backend configuration and
// talks to the state bucket and the lock table directly, with aws-sdk-go-v2:
// who holds a lock, the state object's versions, restoring one of them, and
// the checks of `cfctl doctor`. Endpoints can be overridden (backend
// `endpoints` block or AWS_ENDPOINT_URL_*), so tests point it at loopback.
package statebackend

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Config is the S3 backend configuration of one root module: the settings of
// its `backend "s3"` block merged with the -backend-config file.
type Config struct {
	// File is the -backend-config file ("" when the block holds everything).
	File string
	// Type is the backend type of the root module ("s3", "local", ... or "" when it declares none).
	Type string

	Bucket             string
	Key                string
	Region             string
	DynamoDBTable      string
	UseLockfile        bool
	Encrypt            bool
	KMSKeyID           string
	WorkspaceKeyPrefix string
	UsePathStyle       bool
	Profile            string
	AccessKey          string
	SecretKey          string
	Token              string
	Endpoints          Endpoints

	// Raw holds every attribute as written, for hashing and for reports.
	Raw map[string]cty.Value
}

// Endpoints are custom service endpoints ("" means AWS's own or AWS_ENDPOINT_URL_*).
type Endpoints struct {
	S3, DynamoDB, STS string
}

// LockPath is the DynamoDB LockID of the state (Terraform's "<bucket>/<key>").
func (c *Config) LockPath() string { return c.Bucket + "/" + c.Key }

// LockfileKey is the S3 key of the lock file Terraform >= 1.10 / OpenTofu >= 1.9
// write when use_lockfile is set.
func (c *Config) LockfileKey() string { return c.Key + ".tflock" }

// Hash is a digest of the effective settings, to notice a changed backend.
func (c *Config) Hash() string {
	keys := make([]string, 0, len(c.Raw))
	for k := range c.Raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	h := sha256.New()
	for _, k := range keys {
		fmt.Fprintf(h, "%s=%s\n", k, c.Raw[k].GoString())
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ErrNoBackendFile is returned (wrapped) when the -backend-config file is missing.
var ErrNoBackendFile = errors.New("backend configuration file not found")

// Load reads the backend of the root module in dir: the `backend` block of
// its .tf files, then file (a -backend-config file; "" for none) on top.
func Load(dir, file string) (*Config, error) {
	c := &Config{File: file, Raw: map[string]cty.Value{}}
	typ, block, err := backendBlock(dir)
	if err != nil {
		return nil, err
	}
	c.Type = typ
	for k, v := range block {
		c.Raw[k] = v
	}
	if file != "" {
		attrs, err := readAttributes(file)
		if err != nil {
			return nil, err
		}
		for k, v := range attrs {
			c.Raw[k] = v
		}
	}
	if err := c.decode(); err != nil {
		where := file
		if where == "" {
			where = dir
		}
		return nil, fmt.Errorf("%s: %v", where, err)
	}
	return c, nil
}

func (c *Config) decode() error {
	str := func(name string, dst *string) error {
		v, ok := c.Raw[name]
		if !ok || v.IsNull() {
			return nil
		}
		if v.Type() != cty.String {
			return fmt.Errorf("%s must be a string", name)
		}
		*dst = v.AsString()
		return nil
	}
	boolean := func(name string, dst *bool) error {
		v, ok := c.Raw[name]
		if !ok || v.IsNull() {
			return nil
		}
		if v.Type() != cty.Bool {
			return fmt.Errorf("%s must be true or false", name)
		}
		*dst = v.True()
		return nil
	}
	for name, dst := range map[string]*string{
		"bucket": &c.Bucket, "key": &c.Key, "region": &c.Region, "dynamodb_table": &c.DynamoDBTable,
		"kms_key_id": &c.KMSKeyID, "workspace_key_prefix": &c.WorkspaceKeyPrefix, "profile": &c.Profile,
		"access_key": &c.AccessKey, "secret_key": &c.SecretKey, "token": &c.Token,
		// deprecated spellings of the endpoints
		"endpoint": &c.Endpoints.S3, "dynamodb_endpoint": &c.Endpoints.DynamoDB, "sts_endpoint": &c.Endpoints.STS,
	} {
		if err := str(name, dst); err != nil {
			return err
		}
	}
	for name, dst := range map[string]*bool{
		"use_lockfile": &c.UseLockfile, "encrypt": &c.Encrypt, "force_path_style": &c.UsePathStyle,
	} {
		if err := boolean(name, dst); err != nil {
			return err
		}
	}
	if err := boolean("use_path_style", &c.UsePathStyle); err != nil {
		return err
	}
	if v, ok := c.Raw["endpoints"]; ok && !v.IsNull() {
		if !v.Type().IsObjectType() && !v.Type().IsMapType() {
			return errors.New("endpoints must be an object such as { s3 = \"https://...\" }")
		}
		for name, dst := range map[string]*string{"s3": &c.Endpoints.S3, "dynamodb": &c.Endpoints.DynamoDB, "sts": &c.Endpoints.STS} {
			var e cty.Value
			switch {
			case v.Type().IsObjectType() && v.Type().HasAttribute(name):
				e = v.GetAttr(name)
			case v.Type().IsMapType() && v.HasIndex(cty.StringVal(name)).True():
				e = v.Index(cty.StringVal(name))
			default:
				continue
			}
			if e.IsNull() {
				continue
			}
			if e.Type() != cty.String {
				return fmt.Errorf("endpoints.%s must be a string", name)
			}
			*dst = e.AsString()
		}
	}
	return nil
}

// Validate reports what an S3 backend configuration lacks, with the fix.
func (c *Config) Validate() error {
	var missing []string
	if c.Bucket == "" {
		missing = append(missing, "bucket")
	}
	if c.Key == "" {
		missing = append(missing, "key")
	}
	if c.Region == "" && os.Getenv("AWS_REGION") == "" && os.Getenv("AWS_DEFAULT_REGION") == "" {
		missing = append(missing, "region")
	}
	if len(missing) > 0 {
		if c.File == "" {
			return fmt.Errorf("the backend block does not set %s and there is no backend.hcl beside it: add one, or pass --backend-config FILE (terraform/backend's output backend_config has the values)", strings.Join(missing, ", "))
		}
		return fmt.Errorf("%s does not set %s: add them (terraform/backend's output backend_config has the values)", c.File, strings.Join(missing, ", "))
	}
	return nil
}

func readAttributes(file string) (map[string]cty.Value, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", file, ErrNoBackendFile)
		}
		return nil, fmt.Errorf("backend configuration %s is not readable: %v (fix its permissions, or pass another with --backend-config)", file, err)
	}
	f, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("backend configuration %s does not parse: %s", file, diags.Error())
	}
	attrs, diags := f.Body.JustAttributes()
	if diags.HasErrors() {
		return nil, fmt.Errorf("backend configuration %s: %s (it holds only `name = value` lines)", file, diags.Error())
	}
	out := map[string]cty.Value{}
	for name, a := range attrs {
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() {
			return nil, fmt.Errorf("backend configuration %s: %s: only literal values are allowed", file, diags.Error())
		}
		out[name] = v
	}
	return out, nil
}

// backendBlock finds `terraform { backend "<type>" { ... } }` in the .tf files
// of dir and returns the type and its literal attributes.
func backendBlock(dir string) (string, map[string]cty.Value, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return "", nil, err
	}
	sort.Strings(files)
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			return "", nil, err
		}
		f, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
		if diags.HasErrors() {
			return "", nil, fmt.Errorf("%s does not parse: %s (run `cfctl validate`)", file, diags.Error())
		}
		body, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		for _, tb := range body.Blocks {
			if tb.Type != "terraform" {
				continue
			}
			for _, b := range tb.Body.Blocks {
				if b.Type != "backend" || len(b.Labels) != 1 {
					continue
				}
				out := map[string]cty.Value{}
				for name, a := range b.Body.Attributes {
					if v, diags := a.Expr.Value(nil); !diags.HasErrors() {
						out[name] = v
					}
				}
				return b.Labels[0], out, nil
			}
		}
	}
	return "", nil, nil
}
