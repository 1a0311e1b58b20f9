#!/usr/bin/env bash
# Installs the project's pinned tools into ./bin (git-ignored), idempotently:
# a tool already installed at its pinned version is left alone. Each comes
# from the Go module proxy, so this works on machines that reach nothing else.
set -euo pipefail

cd "$(dirname "$0")/.."
bin="$PWD/bin"
stamps="$bin/.versions"
mkdir -p "$stamps"

# name  package@version  method
# method "install" is `go install pkg@version`; "module" builds it inside a
# scratch module, for modules whose `go install` stops on the proxy's refusal
# to list versions (terraform-docs: only the exact version is served).
tools=(
  "tofu github.com/opentofu/opentofu/cmd/tofu@v1.6.2 install"
  "tflint github.com/terraform-linters/tflint@v0.64.0 install"
  "terraform-docs github.com/terraform-docs/terraform-docs@v0.20.0 module"
)

build() { # name pkg method
  local name=$1 pkg=$2 method=$3
  if [[ $method == install ]]; then
    # Outside the repository, so go install never touches our go.mod.
    (cd /tmp && GOBIN="$bin" go install "$pkg")
  else
    local scratch
    scratch=$(mktemp -d)
    (cd "$scratch" && go mod init scratch/"$name" && go get "$pkg" && go build -o "$bin/$name" "${pkg%@*}")
    rm -rf "$scratch"
  fi
}

pids=()
names=()
for entry in "${tools[@]}"; do
  read -r name pkg method <<<"$entry"
  stamp="$stamps/$name@${pkg##*@}"
  if [[ -x "$bin/$name" && -f "$stamp" ]]; then
    echo "tools: $name ${pkg##*@} already installed"
    continue
  fi
  echo "tools: installing $name ${pkg##*@} (a few minutes on a cold machine)"
  (build "$name" "$pkg" "$method" >"$stamps/$name.log" 2>&1 && rm -f "$stamps/$name"@* && touch "$stamp") &
  pids+=("$!")
  names+=("$name")
done

status=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    echo "tools: installing ${names[$i]} failed; its log follows" >&2
    cat "$stamps/${names[$i]}.log" >&2
    status=1
  fi
done
exit "$status"
