module "framesmith" {
  source = "../../modules/framesmith"

  environment                  = "prod"
  availability_zones           = var.availability_zones
  vpc_cidr                     = "10.0.0.0/16"
  single_nat_gateway           = false
  kubernetes_version           = "1.33"
  cluster_admin_principal_arns = var.cluster_admin_principal_arns
  api_public_access_cidrs      = var.api_public_access_cidrs

  node_groups = {
    apps = {
      instance_types = ["m7i.large", "m6i.large"]
      min_size       = 3
      max_size       = 6
      desired_size   = 3
      labels         = { "framesmith.dev/pool" = "apps" }
    }
    # Frame extraction: CPU-bound, interruptible (a job returns to the queue), so Spot; tainted so that only the
    # worker (infra/k8s/aws/scheduling) runs there.
    workers = {
      instance_types = ["c7i.xlarge", "c6i.xlarge", "c5.xlarge"]
      capacity_type  = "SPOT"
      min_size       = 1
      max_size       = 10
      desired_size   = 1
      disk_size_gib  = 100
      labels         = { "framesmith.dev/pool" = "workers" }
      taints         = [{ key = "framesmith.dev/pool", value = "workers", effect = "NO_SCHEDULE" }]
    }
  }

  db_instance_class   = "db.m7g.large"
  db_multi_az         = true
  deletion_protection = true

  bucket_name            = var.bucket_name
  raw_expiration_days    = 7
  frames_expiration_days = 30

  public_host     = var.public_host
  mail_domain     = var.mail_domain
  route53_zone_id = var.route53_zone_id

  ses_sandbox_recipients = var.ses_sandbox_recipients
}
