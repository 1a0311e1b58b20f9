//go:build aws

// Package aws holds the tests that need a real AWS account. They never run
// in CI (`go test ./...` skips them: they build only with -tags aws); CI
// compiles them with `go vet -tags aws ./...` so they stay correct.
//
// Run them with credentials for a sandbox account:
//
//	AWS_PROFILE=sandbox go test -tags aws -timeout 90m ./test/aws/
//
// They apply the dev environment under unique names with a local state file,
// check it through the AWS SDK, and destroy it.
package aws

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/gruntwork-io/terratest/modules/aws"
	http_helper "github.com/gruntwork-io/terratest/modules/http-helper"
	"github.com/gruntwork-io/terratest/modules/random"
	"github.com/gruntwork-io/terratest/modules/terraform"
	test_structure "github.com/gruntwork-io/terratest/modules/test-structure"
)

const region = "us-east-1"

func TestDevEnvironment(t *testing.T) {
	t.Parallel()

	// A copy of the whole tree, so ../../modules resolves, with the S3
	// backend replaced by a local one: the test must not touch real state.
	dir := test_structure.CopyTerraformFolderToTemp(t, "../../terraform", "environments/dev")
	override := "terraform {\n  backend \"local\" {}\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "backend_override.tf"), []byte(override), 0o644); err != nil {
		t.Fatal(err)
	}

	project := "cft" + strings.ToLower(random.UniqueId())
	opts := terraform.WithDefaultRetryableErrors(t, &terraform.Options{
		TerraformDir: dir,
		VarFiles:     []string{"terraform.tfvars"},
		Vars: map[string]any{
			"project":                     project,
			"kms_deletion_window_in_days": 7,
		},
		EnvVars: map[string]string{"AWS_DEFAULT_REGION": region},
	})
	defer terraform.Destroy(t, opts)
	terraform.InitAndApply(t, opts)

	t.Run("load balancer answers", func(t *testing.T) {
		url := "https://" + terraform.Output(t, opts, "alb_dns_name") + "/"
		// Without CloudFront's secret header the load balancer answers 403 by
		// design; any answer proves the listener, certificate and rules work.
		http_helper.HttpGetWithRetryWithCustomValidation(t, url, nil, 30, 10*time.Second, func(status int, _ string) bool {
			return status > 0 && status < 500
		})
	})

	t.Run("tasks run", func(t *testing.T) {
		cluster := terraform.Output(t, opts, "ecs_cluster_name")
		for _, name := range terraform.OutputList(t, opts, "ecs_service_names") {
			svc := aws.GetEcsService(t, region, cluster, name)
			if svc.RunningCount < 1 {
				t.Errorf("service %s runs no task", name)
			}
		}
	})

	t.Run("buckets are encrypted and private", func(t *testing.T) {
		cfg, err := config.LoadDefaultConfig(context.Background(), config.WithRegion(region))
		if err != nil {
			t.Fatal(err)
		}
		client := s3.NewFromConfig(cfg)
		for _, bucket := range terraform.OutputList(t, opts, "bucket_names") {
			enc, err := client.GetBucketEncryption(context.Background(), &s3.GetBucketEncryptionInput{Bucket: awssdk.String(bucket)})
			if err != nil {
				t.Errorf("%s: %v", bucket, err)
				continue
			}
			rule := enc.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault
			if rule == nil || (string(rule.SSEAlgorithm) != "aws:kms" && !strings.HasSuffix(bucket, "-logs")) {
				t.Errorf("%s is not encrypted with KMS: %+v", bucket, rule)
			}
			pab, err := client.GetPublicAccessBlock(context.Background(), &s3.GetPublicAccessBlockInput{Bucket: awssdk.String(bucket)})
			if err != nil {
				t.Errorf("%s: %v", bucket, err)
				continue
			}
			c := pab.PublicAccessBlockConfiguration
			if !awssdk.ToBool(c.BlockPublicAcls) || !awssdk.ToBool(c.BlockPublicPolicy) || !awssdk.ToBool(c.IgnorePublicAcls) || !awssdk.ToBool(c.RestrictPublicBuckets) {
				t.Errorf("%s is not fully private: %+v", bucket, c)
			}
		}
	})
	fmt.Println("dev environment checked:", project)
}
