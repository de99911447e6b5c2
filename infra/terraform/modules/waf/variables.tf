variable "name" {
  description = "Name of the web ACL and prefix of its CloudWatch metrics."
  type        = string
}

variable "auth_requests_per_ip" {
  description = "Requests to /auth/ one client IP may make in five minutes before the load balancer answers 429."
  type        = number
  default     = 300

  validation {
    condition     = var.auth_requests_per_ip >= 10
    error_message = "AWS WAF rate-based rules need a limit of at least 10."
  }
}

variable "requests_per_ip" {
  description = "Requests one client IP may make in five minutes before the load balancer answers 429."
  type        = number
  default     = 3000

  validation {
    condition     = var.requests_per_ip >= 10
    error_message = "AWS WAF rate-based rules need a limit of at least 10."
  }
}

variable "tags" {
  description = "Tags of the web ACL."
  type        = map(string)
  default     = {}
}
