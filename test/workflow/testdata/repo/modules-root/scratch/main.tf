# A root module outside the environments, with local state: cfctl takes a
# directory as well as an environment name.
resource "terraform_data" "scratch" {
  input = "scratch"
}
