variable "project" {
  type        = string
  description = "Project name used as the first part of resource names (3-20 lowercase letters, digits and hyphens)."
  default     = "candlefish"

  validation {
    condition     = can(regex("^[a-z0-9-]{3,20}$", var.project))
    error_message = "project must be 3-20 characters of lowercase letters, digits and hyphens."
  }
}

variable "environment" {
  type        = string
  description = "Deployment environment: one of dev, staging or production."

  validation {
    condition     = contains(["dev", "staging", "production"], var.environment)
    error_message = "environment must be one of: dev, staging, production."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags merged into the tags of every resource, on top of the provider default_tags."
  default     = {}
}

variable "capacity_provider_strategy" {
  type = map(object({
    base   = optional(number, 0)
    weight = number
  }))
  description = "Default capacity provider strategy of the cluster, keyed by capacity provider (FARGATE, FARGATE_SPOT). base: tasks always placed on that provider first (at most one provider may set it); weight: relative share of the remaining tasks."
  default = {
    FARGATE = {
      base   = 1
      weight = 1
    }
  }

  validation {
    condition     = length(var.capacity_provider_strategy) > 0 && alltrue([for name in keys(var.capacity_provider_strategy) : contains(["FARGATE", "FARGATE_SPOT"], name)])
    error_message = "capacity_provider_strategy must have at least one entry, and its keys must be FARGATE or FARGATE_SPOT."
  }

  validation {
    condition     = alltrue([for s in values(var.capacity_provider_strategy) : s.weight >= 0 && s.weight <= 1000 && s.base >= 0 && s.base <= 100000]) && anytrue([for s in values(var.capacity_provider_strategy) : s.weight > 0])
    error_message = "Each capacity provider needs a weight from 0 to 1000 (at least one above 0) and a base from 0 to 100000."
  }

  validation {
    condition     = length([for s in values(var.capacity_provider_strategy) : s if s.base > 0]) <= 1
    error_message = "Only one capacity provider in capacity_provider_strategy may have a base greater than 0."
  }
}
