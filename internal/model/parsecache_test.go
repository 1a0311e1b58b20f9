package model

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

var fixedTime = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// A file edited between two loads in one process is evaluated with its new
// content, even when its size and modification time are unchanged.
func TestParseCacheSeesEditedFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "main.tf")
	write := func(body string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		// Same time for both versions: only the content tells them apart.
		if err := os.Chtimes(path, fixedTime, fixedTime); err != nil {
			t.Fatal(err)
		}
	}
	write("resource \"aws_sqs_queue\" \"a\" {}\n")
	if _, ok := load(t, dir, Options{}).Dirs[dir].Resources["aws_sqs_queue.a"]; !ok {
		t.Fatal("aws_sqs_queue.a is not in the parsed configuration")
	}
	write("resource \"aws_sqs_queue\" \"b\" {}\n")
	m := load(t, dir, Options{})
	if _, ok := m.Dirs[dir].Resources["aws_sqs_queue.b"]; !ok {
		t.Fatalf("after the edit, the parsed configuration has %v, want aws_sqs_queue.b (a stale parse was reused)", m.Dirs[dir].Resources)
	}
}

// Loads of several root modules sharing a module run concurrently (cfctl
// preview --all); `go test -race` checks the shared parse cache.
func TestConcurrentLoadsShareModules(t *testing.T) {
	dir := t.TempDir()
	mod := filepath.Join(dir, "modules", "queue")
	files := map[string]string{
		filepath.Join(mod, "main.tf"): "variable \"name\" {\n  type = string\n}\n\nresource \"aws_sqs_queue\" \"this\" {\n  name = var.name\n}\n",
	}
	envs := []string{"a", "b", "c"}
	for _, env := range envs {
		files[filepath.Join(dir, env, "main.tf")] = "module \"queue\" {\n  source = \"../modules/queue\"\n  name   = \"" + env + "\"\n}\n"
	}
	for p, body := range files {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	models := make([]*Model, len(envs))
	errs := make([]error, len(envs))
	var wg sync.WaitGroup
	for i, env := range envs {
		wg.Go(func() { models[i], errs[i] = Load(context.Background(), filepath.Join(dir, env), Options{}) })
	}
	wg.Wait()
	for i, env := range envs {
		if errs[i] != nil {
			t.Fatalf("%s: %v", env, errs[i])
		}
		if got := find(t, models[i], "module.queue.aws_sqs_queue.this").Values["name"]; got != env {
			t.Errorf("%s: queue name = %v, want %s", env, got, env)
		}
	}
}

// A module instance carries its evaluated inputs, without source and
// providers.
func TestModuleInstanceInputs(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"mod/main.tf":  "variable \"names\" {\n  type = list(string)\n}\n",
		"root/main.tf": "locals {\n  env = \"dev\"\n}\n\nmodule \"m\" {\n  source = \"../mod\"\n  names  = [for s in [\"web\", \"api\"] : \"/ecs/${local.env}/${s}\"]\n}\n",
	}
	for p, body := range files {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m := load(t, filepath.Join(dir, "root"), Options{})
	if len(m.Modules) != 1 {
		t.Fatalf("modules: %+v", m.Modules)
	}
	in := m.Modules[0].Inputs
	names, _ := in["names"].([]any)
	if len(names) != 2 || names[0] != "/ecs/dev/web" || names[1] != "/ecs/dev/api" {
		t.Errorf("inputs[names] = %#v, want [/ecs/dev/web /ecs/dev/api]", in["names"])
	}
	if _, ok := in["source"]; ok {
		t.Error("source is not an input")
	}
}
