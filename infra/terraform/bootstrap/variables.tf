variable "region" {
  description = "AWS region of the state bucket and lock table (and of the environments)."
  type        = string
  default     = "eu-west-1"
}

variable "state_bucket_name" {
  description = "Globally unique name of the S3 bucket holding the Terraform state of every environment."
  type        = string
}

variable "github_repository" {
  description = "GitHub repository (owner/name) whose workflows may assume the CI roles."
  type        = string
}

variable "create_github_oidc_provider" {
  description = "Create the account's GitHub Actions OIDC provider; false when the account already has one."
  type        = bool
  default     = true
}

variable "github_apply_environment" {
  description = "GitHub environment whose jobs may apply Terraform in this account (production or development); give it required reviewers."
  type        = string
  default     = "production"
}
