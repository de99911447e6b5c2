variable "queues" {
  description = "Queues by key: name, visibility timeout (the consumer's job time; the worker extends it with a heartbeat) and retention. Each gets a dead-letter queue named <name>-dlq."
  type = map(object({
    name                       = string
    visibility_timeout_seconds = number
    message_retention_seconds  = optional(number, 345600)
  }))
}

variable "max_receive_count" {
  description = "Receives after which SQS moves a message to its dead-letter queue."
  type        = number
  default     = 5
}

variable "dead_letter_retention_seconds" {
  description = "How long dead-lettered messages are kept for inspection and redrive (the SQS maximum is 14 days)."
  type        = number
  default     = 1209600
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
