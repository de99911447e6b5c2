output "cluster_name" {
  description = "EKS cluster name."
  value       = module.eks.cluster_name
}

output "region" {
  description = "AWS region of the environment."
  value       = data.aws_region.current.name
}

output "ecr_repository_urls" {
  description = "ECR repository URLs by repository name (framesmith/<service>)."
  value       = module.ecr.repository_urls
}

output "ecr_registry" {
  description = "ECR registry host the images are pushed to."
  value       = module.ecr.registry
}

output "role_arns" {
  description = "IAM roles of the service accounts, including the cluster add-ons (aws-load-balancer-controller, keda-operator)."
  value       = module.iam.role_arns
}

output "vpc_id" {
  description = "VPC ID (the AWS Load Balancer Controller's vpcId value)."
  value       = module.vpc.vpc_id
}

output "auth_db_app_secret_arn" {
  description = "Secrets Manager secret to put ms-auth's database login into (username, password)."
  value       = aws_secretsmanager_secret.auth_db_app.arn
}

output "token_signing_key_secret_arn" {
  description = "Secrets Manager secret to put ms-auth's signing key into."
  value       = aws_secretsmanager_secret.token_signing_key.arn
}

output "ses_dns_records" {
  description = "DNS records verifying the mail domain (publish them when route53_zone_id is empty)."
  value       = module.ses.dns_records
}

output "certificate_validation_records" {
  description = "DNS records validating the TLS certificate (publish them when route53_zone_id is empty)."
  value = [for option in aws_acm_certificate.public.domain_validation_options : {
    name  = option.resource_record_name
    type  = option.resource_record_type
    value = option.resource_record_value
  }]
}

# infra/k8s/overlays/<prod|aws-dev>/aws-outputs/aws.env: the only place the manifests learn about this account.
output "k8s_overlay_env" {
  description = "Contents of infra/k8s/overlays/<prod or aws-dev>/aws-outputs/aws.env (terraform output -raw k8s_overlay_env > ...)."
  value = join("\n", [
    "# Generated: terraform -chdir=infra/terraform/environments/${var.environment} output -raw k8s_overlay_env > infra/k8s/overlays/${local.overlay}/aws-outputs/aws.env",
    "# Commit the result; Argo CD renders the overlays from git.",
    "AWS_REGION=${data.aws_region.current.name}",
    "BUCKET=${module.s3.bucket_name}",
    "PROCESSING_QUEUE_URL=${module.sqs.queue_urls["processing"]}",
    "DB_JDBC_URL=${module.rds.jdbc_url}",
    "DB_SECRET_ARN=${module.rds.master_user_secret_arn}",
    "DB_APP_SECRET_ARN=${aws_secretsmanager_secret.auth_db_app.arn}",
    "TOKEN_SECRET_ARN=${aws_secretsmanager_secret.token_signing_key.arn}",
    "SES_SENDER=${module.ses.sender_address}",
    "SES_CONFIGURATION_SET=${module.ses.configuration_set_name}",
    "APP_URL=https://${var.public_host}",
    "PUBLIC_HOST=${var.public_host}",
    "CERTIFICATE_ARN=${aws_acm_certificate.public.arn}",
    "WAF_ACL_ARN=${module.waf.web_acl_arn}",
    "VPC_CIDR=${module.vpc.vpc_cidr}",
    "ALB_SUBNETS_CIDR=${module.vpc.public_subnets_cidr}",
    "MS_AUTH_ROLE_ARN=${module.iam.role_arns["ms-auth"]}",
    "MS_VIDEO_ROLE_ARN=${module.iam.role_arns["ms-video"]}",
    "VIDEO_WORKER_ROLE_ARN=${module.iam.role_arns["video-worker"]}",
    "MS_NOTIFY_ROLE_ARN=${module.iam.role_arns["ms-notify"]}",
    "CLOUDWATCH_EXPORTER_ROLE_ARN=${module.iam.role_arns["cloudwatch-exporter"]}",
    "OTEL_COLLECTOR_ROLE_ARN=${module.iam.role_arns["otel-collector"]}",
    "EXTERNAL_SECRETS_ROLE_ARN=${module.iam.role_arns["external-secrets"]}",
    "",
  ])
}
