# TFLint configuration for the Terraform tree under terraform/.
# Run from the repo root, e.g.:
#   bin/tflint --chdir=terraform/modules/networking --config="$PWD/.tflint.hcl"
# The bundled terraform ruleset is used (no source/version), so it works offline.

config {
  # Also inspect the local modules (source = "../../modules/...") that the
  # environments call; remote modules are not downloaded.
  call_module_type = "local"
}

plugin "terraform" {
  enabled = true
  preset  = "recommended"
}

rule "terraform_documented_variables" {
  enabled = true
}

rule "terraform_documented_outputs" {
  enabled = true
}

rule "terraform_typed_variables" {
  enabled = true
}

rule "terraform_standard_module_structure" {
  enabled = true
}

rule "terraform_naming_convention" {
  enabled = true
  format  = "snake_case"
}
