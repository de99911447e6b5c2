variable "domain" {
  description = "Domain verified as the SES sending identity, e.g. framesmith.example.com."
  type        = string
}

variable "sender_local_part" {
  description = "Local part of the sender address ms-notify uses (<local part>@<domain>)."
  type        = string
  default     = "noreply"
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone of the domain: when set, the DKIM, MAIL FROM and DMARC records are created there; when empty, publish the records shown by the dns_records output yourself."
  type        = string
  default     = ""
}

variable "configuration_set_name" {
  description = "Name of the configuration set (reputation metrics, TLS required, bounce and complaint suppression, CloudWatch events)."
  type        = string
}

variable "feedback_queue_arn" {
  description = "ARN of the SQS queue that receives the bounce and complaint events (ms-notify consumes it)."
  type        = string
}

variable "feedback_queue_url" {
  description = "URL of that queue, for its policy."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}

variable "sandbox_recipients" {
  description = "E-mail addresses to verify as recipients while the account is in the SES sandbox (each receives a confirmation link)."
  type        = list(string)
  default     = []
}
