#!/usr/bin/env bash
# Installs what the workflow integration tests (test/workflow) start on
# loopback, idempotently: dynalite (DynamoDB, npm) into ./bin/node, which is
# git-ignored like the rest of ./bin. The S3 side (gofakes3) is a Go module and
# tofu comes from scripts/tools.sh. The tests start and stop the servers
# themselves; nothing here keeps running.
set -euo pipefail

cd "$(dirname "$0")/.."
prefix="$PWD/bin/node"
dynalite_version=4.0.0
stamp="$prefix/.dynalite@$dynalite_version"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) == 0 ]]; then
    echo "services: installing node and npm (Debian packages)"
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "services: node and npm are needed for dynalite; install Node.js >= 18" >&2
    exit 1
  fi
fi

if [[ -f $stamp && -f $prefix/node_modules/dynalite/cli.js ]]; then
  echo "services: dynalite $dynalite_version already installed"
  exit 0
fi

echo "services: installing dynalite $dynalite_version into bin/node"
mkdir -p "$prefix"
rm -f "$prefix"/.dynalite@*
# Its native LevelDB binding ships prebuilt; in-memory use needs no build step.
npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error "dynalite@$dynalite_version"
touch "$stamp"
echo "services: dynalite ready: node bin/node/node_modules/dynalite/cli.js --port PORT"
