// Command deploycheck is the Lambda function ECS calls as the blue/green
// lifecycle hook of Candlefish services (see internal/deploycheck). Build it
// with `make lambda`: Linux on arm64, as the `bootstrap` of provided.al2023.
package main

import (
	"context"
	"log"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/candlefish-ai/infrastructure/internal/deploycheck"
)

func main() {
	cfg, err := deploycheck.EnvConfig()
	if err != nil {
		log.Fatalf("deploycheck: configuration: %v", err)
	}
	checker := deploycheck.New(cfg)
	lambda.Start(func(ctx context.Context, ev deploycheck.Event) (deploycheck.Response, error) {
		resp, err := checker.Handle(ctx, ev)
		log.Printf("deploycheck: %s %s -> %s: %s", ev.LifecycleStage, ev.ExecutionDetails.TargetServiceRevisionArn, resp.HookStatus, resp.Reason)
		return resp, err
	})
}
