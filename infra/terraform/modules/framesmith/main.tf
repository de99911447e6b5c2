# The whole Framesmith environment: network, cluster, registry, database, storage, queues, tables, mail and the
# IAM roles of the service accounts. The resource names the services use are fixed here.

locals {
  name = "framesmith-${var.environment}"
  tags = merge(var.tags, {
    Project     = "framesmith"
    Environment = var.environment
    ManagedBy   = "terraform"
  })

  services = ["ms-auth", "ms-video", "video-worker", "ms-notify"]

  # The Kustomize overlay that deploys this environment (infra/k8s/overlays/<overlay>).
  overlay = var.environment == "prod" ? "prod" : "aws-${var.environment}"

  # Queue names are the services' defaults (shared-contracts Queues); visibility timeouts match each consumer:
  # a frame-extraction job holds its message 300 s and extends it with a heartbeat while it runs.
  queues = {
    processing    = { name = "framesmith-video-processing", visibility_timeout_seconds = 300 }
    events        = { name = "framesmith-video-events", visibility_timeout_seconds = 60 }
    notifications = { name = "framesmith-notifications", visibility_timeout_seconds = 60 }
    feedback      = { name = "framesmith-mail-feedback", visibility_timeout_seconds = 60 }
  }

  tables = {
    videos = {
      name     = "framesmith-videos"
      hash_key = "id"
      # ms-video sets purgeAt on deleted and abandoned videos; DynamoDB removes them after that time.
      ttl_attribute = "purgeAt"
      attributes = {
        id            = "S"
        userId        = "S"
        createdAt     = "S"
        updatedAt     = "S"
        status        = "S"
        pendingUserId = "S"
      }
      global_secondary_indexes = [
        { name = "byUser", hash_key = "userId", range_key = "createdAt" },
        { name = "byStatus", hash_key = "status", range_key = "updatedAt" },
        { name = "byUserUpdated", hash_key = "userId", range_key = "updatedAt" },
        # Sparse: pendingUserId exists only while a video is UPLOADING or WAITING.
        { name = "pendingByUser", hash_key = "pendingUserId", range_key = "createdAt" },
      ]
    }
    notifications = {
      name     = "framesmith-notifications"
      hash_key = "eventId"
      attributes = {
        eventId   = "S"
        videoId   = "S"
        createdAt = "S"
      }
      global_secondary_indexes = [
        { name = "byVideo", hash_key = "videoId", range_key = "createdAt" },
      ]
    }
  }
}

data "aws_region" "current" {}

module "vpc" {
  source = "../vpc"

  name                = local.name
  cidr                = var.vpc_cidr
  availability_zones  = var.availability_zones
  single_nat_gateway  = var.single_nat_gateway
  cluster_name        = local.name
  interface_endpoints = var.interface_endpoints
  tags                = local.tags
}

module "eks" {
  source = "../eks"

  cluster_name                 = local.name
  kubernetes_version           = var.kubernetes_version
  subnet_ids                   = module.vpc.private_subnet_ids
  endpoint_public_access_cidrs = var.api_public_access_cidrs
  node_groups                  = var.node_groups
  admin_principal_arns         = var.cluster_admin_principal_arns
  tags                         = local.tags
}

module "ecr" {
  source = "../ecr"

  repository_names = [for service in local.services : "framesmith/${service}"]
  tags             = local.tags
}

module "rds" {
  source = "../rds"

  identifier                = "${local.name}-auth"
  vpc_id                    = module.vpc.vpc_id
  subnet_ids                = module.vpc.private_subnet_ids
  client_security_group_ids = [module.eks.cluster_security_group_id]
  instance_class            = var.db_instance_class
  multi_az                  = var.db_multi_az
  database_name             = "auth"
  deletion_protection       = var.deletion_protection
  tags                      = local.tags
}

module "s3" {
  source = "../s3"

  bucket_name            = var.bucket_name
  raw_expiration_days    = var.raw_expiration_days
  frames_expiration_days = var.frames_expiration_days
  cors_allowed_origins   = ["https://${var.public_host}"]
  tags                   = local.tags
}

module "sqs" {
  source = "../sqs"

  queues            = local.queues
  max_receive_count = 5
  tags              = local.tags
}

module "dynamodb" {
  source = "../dynamodb"

  tables              = local.tables
  deletion_protection = var.deletion_protection
  tags                = local.tags
}

module "ses" {
  source = "../ses"

  domain                 = var.mail_domain
  route53_zone_id        = var.route53_zone_id
  configuration_set_name = local.name
  sandbox_recipients     = var.ses_sandbox_recipients
  feedback_queue_arn     = module.sqs.queue_arns["feedback"]
  feedback_queue_url     = module.sqs.queue_urls["feedback"]
  tags                   = local.tags
}

# ms-auth's RS256 signing key: Terraform creates the secret, the operator puts the key in (docs/deploy.md), so
# the private key never passes through Terraform state. JSON: {"private-key": "<PKCS#8 PEM>", "key-id": "..."}.
resource "aws_secretsmanager_secret" "token_signing_key" {
  name                    = "${local.name}/ms-auth/token-signing-key"
  description             = "RS256 private key and key id ms-auth signs access tokens with"
  recovery_window_in_days = 7

  tags = local.tags
}

# ms-auth's own database login (not the RDS master): the operator puts {"username": ..., "password": ...} in
# (docs/deploy.md), and the bootstrap Job in overlays/<env>/ms-auth creates the user with only what Flyway and the
# service need. The password never passes through Terraform state.
resource "aws_secretsmanager_secret" "auth_db_app" {
  name                    = "${local.name}/ms-auth/db-app"
  description             = "Login of ms-auth's least-privilege PostgreSQL user"
  recovery_window_in_days = 7

  tags = local.tags
}

module "iam" {
  source = "../iam"

  name_prefix                 = local.name
  cluster_name                = module.eks.cluster_name
  oidc_provider_arn           = module.eks.oidc_provider_arn
  oidc_issuer                 = module.eks.oidc_issuer
  namespace                   = "video-system"
  bucket_arn                  = module.s3.bucket_arn
  queue_arns                  = module.sqs.queue_arns
  dead_letter_queue_arns      = module.sqs.dead_letter_queue_arns
  table_arns                  = module.dynamodb.table_arns
  ses_identity_arn            = module.ses.identity_arn
  ses_configuration_set_arn   = module.ses.configuration_set_arn
  ses_sender_address          = module.ses.sender_address
  ses_recipient_identity_arns = module.ses.recipient_identity_arns
  secret_arns                 = [module.rds.master_user_secret_arn, aws_secretsmanager_secret.auth_db_app.arn, aws_secretsmanager_secret.token_signing_key.arn]
  tags                        = local.tags
}

# Per-IP rate limits in front of the application; the AWS Load Balancer Controller associates the web ACL with the
# ALB it creates for the Ingress (the Ingress names it through aws.env).
module "waf" {
  source = "../waf"

  name                 = local.name
  auth_requests_per_ip = var.waf_auth_requests_per_ip
  requests_per_ip      = var.waf_requests_per_ip
  tags                 = local.tags
}

# The Ingress's TLS certificate, validated through DNS when the zone is managed here.
resource "aws_acm_certificate" "public" {
  domain_name       = var.public_host
  validation_method = "DNS"

  tags = local.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "certificate_validation" {
  for_each = var.route53_zone_id == "" ? {} : {
    for option in aws_acm_certificate.public.domain_validation_options : option.domain_name => option
  }

  zone_id         = var.route53_zone_id
  name            = each.value.resource_record_name
  type            = each.value.resource_record_type
  ttl             = 300
  records         = [each.value.resource_record_value]
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "public" {
  count = var.route53_zone_id == "" ? 0 : 1

  certificate_arn         = aws_acm_certificate.public.arn
  validation_record_fqdns = [for record in aws_route53_record.certificate_validation : record.fqdn]
}
