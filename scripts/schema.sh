#!/usr/bin/env bash
# Regenerates internal/schema/aws-provider-<version>.json.gz, the offline AWS
# provider schema embedded by package internal/schema, from the jsii assembly
# of the npm package @cdktn/provider-aws (prebuilt CDK for Terraform bindings
# of the hashicorp/aws provider). Called by `make schema`.
#
# Environment:
#   CDKTN_AWS_PACKAGE  npm package spec (default @cdktn/provider-aws@25.7.0,
#                      which describes hashicorp/aws 6.66.0)
#   SCHEMA_OUT         output file (default internal/schema/aws-provider-6.66.0.json.gz)
#   SCHEMA_TGZ         use this local tarball instead of running `npm pack`
set -euo pipefail

pkg="${CDKTN_AWS_PACKAGE:-@cdktn/provider-aws@25.7.0}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${SCHEMA_OUT:-internal/schema/aws-provider-6.66.0.json.gz}"

cd "$root"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if [[ -n "${SCHEMA_TGZ:-}" ]]; then
	tgz="$(cd "$(dirname "$SCHEMA_TGZ")" && pwd)/$(basename "$SCHEMA_TGZ")"
else
	command -v npm >/dev/null || { echo "schema.sh: npm not found (needed to fetch $pkg)" >&2; exit 1; }
	echo "schema.sh: npm pack $pkg" >&2
	name="$(npm pack --silent --pack-destination "$tmp" "$pkg" | tail -n 1)"
	tgz="$tmp/$name"
	[[ -f "$tgz" ]] || { echo "schema.sh: npm pack did not produce $tgz" >&2; exit 1; }
fi

# The package embeds the output file; it must exist for the generator to build.
[[ -e "$out" ]] || : >"$out"

go run ./cmd/schemagen -tgz "$tgz" -out "$out"
