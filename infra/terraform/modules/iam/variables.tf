variable "name_prefix" {
  description = "Prefix of the role names, e.g. framesmith-prod (roles are <prefix>-<service account>)."
  type        = string
}

variable "cluster_name" {
  description = "EKS cluster name (the cluster autoscaler may only resize node groups tagged for it)."
  type        = string
}

variable "oidc_provider_arn" {
  description = "ARN of the EKS cluster's IAM OIDC provider."
  type        = string
}

variable "oidc_issuer" {
  description = "The cluster's OIDC issuer without https:// (prefix of the :sub and :aud condition keys)."
  type        = string
}

variable "namespace" {
  description = "Kubernetes namespace of the Framesmith service accounts."
  type        = string
  default     = "video-system"
}

variable "bucket_arn" {
  description = "ARN of the videos bucket."
  type        = string
}

variable "queue_arns" {
  description = "ARNs of the processing, events, notifications and mail feedback queues (keys: processing, events, notifications, feedback)."
  type        = map(string)
}

variable "dead_letter_queue_arns" {
  description = "ARNs of their dead-letter queues, same keys."
  type        = map(string)
}

variable "table_arns" {
  description = "ARNs of the DynamoDB tables (keys: videos, notifications)."
  type        = map(string)
}

variable "ses_identity_arn" {
  description = "ARN of the SES domain identity ms-notify sends from."
  type        = string
}

variable "ses_configuration_set_arn" {
  description = "ARN of the SES configuration set applied to ms-notify's mail."
  type        = string
}

variable "ses_sender_address" {
  description = "The only From address ms-notify may use."
  type        = string
}

variable "secret_arns" {
  description = "Secrets Manager secrets External Secrets may read for the namespace (database credentials, token-signing key)."
  type        = list(string)
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}

variable "ses_recipient_identity_arns" {
  description = "Identities of the recipients verified while SES is in the sandbox: SES checks ses:SendEmail on them too."
  type        = list(string)
  default     = []
}
