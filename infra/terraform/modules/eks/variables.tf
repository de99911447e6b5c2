variable "cluster_name" {
  description = "Name of the EKS cluster."
  type        = string
}

variable "kubernetes_version" {
  description = "Kubernetes minor version of the control plane and the managed node groups, e.g. 1.33."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets for the control plane's network interfaces and the nodes."
  type        = list(string)
}

variable "endpoint_public_access_cidrs" {
  description = "Addresses allowed to reach the public Kubernetes API endpoint; an empty list makes the endpoint private only."
  type        = list(string)
  default     = []
}

variable "node_groups" {
  description = "Managed node groups by name: instance types, ON_DEMAND or SPOT, sizes (the cluster autoscaler moves between min and max), labels, taints (effect NO_SCHEDULE, NO_EXECUTE or PREFER_NO_SCHEDULE) and root disk size in GiB."
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

variable "admin_principal_arns" {
  description = "IAM roles or users granted cluster-admin through EKS access entries (operators, the CI deploy role). The IAM ARN of the role with its path, never an assumed-role session ARN; an IAM Identity Center role is arn:aws:iam::<account>:role/aws-reserved/sso.amazonaws.com/<region>/AWSReservedSSO_<permission set>_<id> (aws iam get-role --role-name AWSReservedSSO_... --query Role.Arn)."
  type        = list(string)
  default     = []

  validation {
    condition = alltrue([
      for arn in var.admin_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(user|role)/[A-Za-z0-9+=,.@_/-]+$", arn))
      && (!can(regex(":role/AWSReservedSSO_", arn)))
    ])
    error_message = "Each admin must be an IAM role or user ARN (arn:aws:iam::<account>:role/<path/><name>), not an sts assumed-role ARN; IAM Identity Center roles keep their path: arn:aws:iam::<account>:role/aws-reserved/sso.amazonaws.com/<region>/AWSReservedSSO_<name>."
  }
}

variable "log_retention_days" {
  description = "Days to keep the control plane logs (api, audit, authenticator) in CloudWatch Logs."
  type        = number
  default     = 90
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
