variable "environment" {
  description = "Environment name (dev, prod): part of resource names and tags."
  type        = string
}

variable "availability_zones" {
  description = "Availability zones of the VPC, the EKS nodes and RDS (two or three)."
  type        = list(string)
}

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC."
  type        = string
  default     = "10.0.0.0/16"
}

variable "single_nat_gateway" {
  description = "One NAT gateway instead of one per availability zone (cheaper, less available)."
  type        = bool
  default     = false
}

variable "interface_endpoints" {
  description = "AWS services reached through interface VPC endpoints (see the vpc module)."
  type        = list(string)
  default     = ["sqs", "sts", "ecr.api", "ecr.dkr", "secretsmanager"]
}

variable "kubernetes_version" {
  description = "Kubernetes minor version of the EKS cluster."
  type        = string
  default     = "1.33"
}

variable "node_groups" {
  description = "EKS managed node groups (see the eks module)."
  type = map(object({
    instance_types = list(string)
    capacity_type  = optional(string, "ON_DEMAND")
    min_size       = number
    max_size       = number
    desired_size   = number
    disk_size_gib  = optional(number, 50)
    labels         = optional(map(string), {})
    taints = optional(list(object({
      key    = string
      value  = string
      effect = string
    })), [])
  }))
}

variable "cluster_admin_principal_arns" {
  description = "IAM principals that administer the cluster (operators' roles, the CI deploy role)."
  type        = list(string)
  default     = []
}

variable "api_public_access_cidrs" {
  description = "Addresses that may reach the public Kubernetes API endpoint; empty keeps it private."
  type        = list(string)
  default     = []
}

variable "db_instance_class" {
  description = "RDS instance class of ms-auth's PostgreSQL."
  type        = string
}

variable "db_multi_az" {
  description = "Run RDS with a standby in a second availability zone."
  type        = bool
  default     = false
}

variable "deletion_protection" {
  description = "Protect the database and the tables from deletion (prod)."
  type        = bool
  default     = true
}

variable "bucket_name" {
  description = "S3 bucket for videos and frame archives. The services default to framesmith-videos; bucket names are global, so another account may need a suffix (the overlay receives the name through k8s_overlay_env)."
  type        = string
  default     = "framesmith-videos"
}

variable "raw_expiration_days" {
  description = "Days before uploaded source videos expire."
  type        = number
  default     = 7
}

variable "frames_expiration_days" {
  description = "Days before frame archives expire."
  type        = number
  default     = 30
}

variable "public_host" {
  description = "Host name users reach, e.g. framesmith.example.com (Ingress rule, certificate, CORS origin)."
  type        = string
}

variable "mail_domain" {
  description = "Domain e-mail is sent from (SES identity), e.g. framesmith.example.com."
  type        = string
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone for public_host and mail_domain: certificate validation and SES records are created there when set."
  type        = string
  default     = ""
}

variable "waf_auth_requests_per_ip" {
  description = "Requests to /auth/ one client IP may make in five minutes at the load balancer (AWS WAF)."
  type        = number
  default     = 300
}

variable "waf_requests_per_ip" {
  description = "Requests one client IP may make in five minutes at the load balancer (AWS WAF)."
  type        = number
  default     = 3000
}

variable "tags" {
  description = "Tags added to every resource besides project and environment."
  type        = map(string)
  default     = {}
}

variable "ses_sandbox_recipients" {
  description = "Recipient addresses verified in SES while the account is in the SES sandbox: SES then authorizes ses:SendEmail on each recipient's identity too, so ms-notify's role is allowed them."
  type        = list(string)
  default     = []
}
