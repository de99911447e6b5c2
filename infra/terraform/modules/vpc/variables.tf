variable "name" {
  description = "Name prefix for the VPC and everything in it, e.g. framesmith-prod."
  type        = string
}

variable "cidr" {
  description = "IPv4 CIDR block of the VPC; split into one public and one private subnet per availability zone."
  type        = string
  default     = "10.0.0.0/16"
}

variable "availability_zones" {
  description = "Availability zones to spread the subnets over (at least two: EKS and RDS require it)."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) >= 2
    error_message = "At least two availability zones are required."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all private subnets (cheaper, dev) instead of one per availability zone (prod)."
  type        = bool
  default     = false
}

variable "cluster_name" {
  description = "EKS cluster name, tagged on the subnets so the AWS Load Balancer Controller can discover them."
  type        = string
}

variable "interface_endpoints" {
  description = "AWS services reached through interface VPC endpoints instead of the NAT gateway (e.g. sqs, sts, ecr.api, ecr.dkr, secretsmanager). S3 and DynamoDB always get gateway endpoints."
  type        = list(string)
  default     = ["sqs", "sts", "ecr.api", "ecr.dkr", "secretsmanager"]
}

variable "flow_log_retention_days" {
  description = "Days to keep the VPC flow logs (rejected traffic) in CloudWatch Logs; 0 disables flow logs."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
