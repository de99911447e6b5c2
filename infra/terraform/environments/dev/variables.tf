variable "region" {
  description = "AWS region of the environment."
  type        = string
  default     = "eu-west-1"
}

variable "availability_zones" {
  description = "Availability zones used (two are enough for dev)."
  type        = list(string)
  default     = ["eu-west-1a", "eu-west-1b"]
}

variable "public_host" {
  description = "Host name of the service, e.g. framesmith.example.com."
  type        = string
}

variable "mail_domain" {
  description = "Domain the notification e-mails are sent from."
  type        = string
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone of public_host and mail_domain; empty to publish the DNS records elsewhere."
  type        = string
  default     = ""
}

variable "bucket_name" {
  description = "Globally unique name of the videos bucket."
  type        = string
  default     = "framesmith-videos"
}

variable "cluster_admin_principal_arns" {
  description = "IAM roles that administer the cluster, e.g. the operators' SSO role and the GitHub terraform-apply role."
  type        = list(string)
  default     = []
}

variable "api_public_access_cidrs" {
  description = "Addresses allowed to reach the Kubernetes API (operators, CI); empty keeps it private."
  type        = list(string)
  default     = []
}

variable "ses_sandbox_recipients" {
  description = "Recipient addresses verified in SES while the account is in the SES sandbox (ms-notify may send to them); empty after production access."
  type        = list(string)
  default     = []
}
