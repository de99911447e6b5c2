variable "tables" {
  description = "Tables by key: name, partition key, optional sort key, string/number/binary attribute types of every key, and global secondary indexes (all attributes projected), and the attribute holding the expiry time (epoch seconds) when DynamoDB should delete expired items."
  type = map(object({
    name       = string
    hash_key   = string
    range_key  = optional(string)
    attributes = map(string)
    global_secondary_indexes = optional(list(object({
      name      = string
      hash_key  = string
      range_key = optional(string)
    })), [])
    ttl_attribute = optional(string)
  }))
}

variable "deletion_protection" {
  description = "Refuse to delete the tables (prod)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
