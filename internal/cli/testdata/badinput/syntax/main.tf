variable "name" {
  type = string
  description = 
}
