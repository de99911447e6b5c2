output "cluster_name" {
  description = "EKS cluster name (aws eks update-kubeconfig --name ...)."
  value       = module.framesmith.cluster_name
}

output "region" {
  description = "AWS region."
  value       = module.framesmith.region
}

output "vpc_id" {
  description = "VPC ID, for the AWS Load Balancer Controller."
  value       = module.framesmith.vpc_id
}

output "ecr_registry" {
  description = "ECR registry host (GitHub variable ECR_REGISTRY)."
  value       = module.framesmith.ecr_registry
}

output "ecr_repository_urls" {
  description = "ECR repositories by name."
  value       = module.framesmith.ecr_repository_urls
}

output "role_arns" {
  description = "IRSA roles by service account, including the add-ons' roles used at helm install time."
  value       = module.framesmith.role_arns
}

output "auth_db_app_secret_arn" {
  description = "Secret to store ms-auth's own database login in (username, password)."
  value       = module.framesmith.auth_db_app_secret_arn
}

output "token_signing_key_secret_arn" {
  description = "Secret to store ms-auth's signing key in."
  value       = module.framesmith.token_signing_key_secret_arn
}

output "ses_dns_records" {
  description = "DNS records of the mail domain (when not managed in Route 53)."
  value       = module.framesmith.ses_dns_records
}

output "certificate_validation_records" {
  description = "DNS records validating the TLS certificate (when not managed in Route 53)."
  value       = module.framesmith.certificate_validation_records
}

output "k8s_overlay_env" {
  description = "Contents of infra/k8s/overlays/prod/aws-outputs/aws.env."
  value       = module.framesmith.k8s_overlay_env
}
