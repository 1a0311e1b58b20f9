variable "name" {
  type        = string
  description = "Name."
}

variable "size" {
  type        = number
  description = "Size, required."
}
