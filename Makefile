# Candlefish infrastructure: every task a developer or CI runs.
# The first two targets are the README's quick start.

ENV ?= dev
BIN := $(CURDIR)/bin
TF_DIRS := $(wildcard terraform/modules/*) $(wildcard terraform/modules/*/examples/*) $(wildcard terraform/environments/*) terraform/backend

.PHONY: preview test tools build validate fmt lint docs diagram schema bench lambda clean help

## preview: build cfctl and show what ENV (dev, staging, production) will contain, offline
preview: build
	$(BIN)/cfctl preview $(ENV)

## test: install the pinned tools and run the whole test suite (the gate included)
test: tools
	go vet ./...
	go vet -tags aws ./...
	CI=$${CI:-true} go test ./...

## tools: install tofu, tflint and terraform-docs at their pinned versions into ./bin
tools:
	scripts/tools.sh

## build: build cfctl into ./bin
build:
	go build -o $(BIN)/cfctl ./cmd/cfctl

## validate: run the offline gate on every environment and the backend
validate: build tools
	$(BIN)/cfctl validate --all
	$(BIN)/cfctl validate ./terraform/backend

## fmt: format every Terraform file in place
fmt: tools
	$(BIN)/tofu fmt -recursive terraform

## lint: tflint every module, environment and the backend
lint: tools
	@for d in $(TF_DIRS); do echo "tflint $$d"; $(BIN)/tflint --chdir=$$d --config=$(CURDIR)/.tflint.hcl || exit 1; done

## docs: regenerate the inputs/outputs tables of every README.md with terraform-docs
docs: tools
	@for d in $(TF_DIRS); do $(BIN)/terraform-docs --config=$(CURDIR)/.terraform-docs.yml $$d >/dev/null || exit 1; done

## lambda: build the Lambda functions into dist/<name>.zip (Go: linux/arm64, provided.al2023; Node.js Lambda@Edge: index.js)
lambda:
	go run ./cmd/lambdazip -out dist ./lambda/deploycheck ./lambda/edge-webgl

## diagram: redraw the architecture diagram in terraform/docs/architecture.md with cfctl graph
diagram: build
	@awk -v graph="$$($(BIN)/cfctl graph --format mermaid --modules-only production)" \
	  'BEGIN{skip=0} /<!-- BEGIN_CFCTL_GRAPH -->/{print; print "```mermaid"; print graph; print "```"; skip=1; next} /<!-- END_CFCTL_GRAPH -->/{skip=0} !skip{print}' \
	  terraform/docs/architecture.md > terraform/docs/.architecture.md.tmp && mv terraform/docs/.architecture.md.tmp terraform/docs/architecture.md

## schema: regenerate internal/schema from the npm package @cdktn/provider-aws (needs npm)
schema:
	scripts/schema.sh

## bench: benchmarks of evaluation, preview with cost, pricing and the whole gate over the three environments
bench: tools
	go test -run '^$$' -bench . -benchmem ./internal/gate/ ./internal/cli/ ./internal/cost/

clean:
	rm -rf $(BIN)/cfctl

help:
	@grep -E '^## ' Makefile | sed 's/^## /  /'
