# A smaller copy of production for trying changes: one NAT gateway, no interface endpoints, two small Spot node groups,
# a single-AZ database, and everything deletable.
module "framesmith" {
  source = "../../modules/framesmith"

  environment                  = "dev"
  availability_zones           = var.availability_zones
  vpc_cidr                     = "10.0.0.0/16"
  single_nat_gateway           = true
  interface_endpoints          = []
  kubernetes_version           = "1.33"
  cluster_admin_principal_arns = var.cluster_admin_principal_arns
  api_public_access_cidrs      = var.api_public_access_cidrs

  node_groups = {
    apps = {
      instance_types = ["t3.large", "t3a.large"]
      capacity_type  = "SPOT"
      min_size       = 2
      max_size       = 4
      desired_size   = 2
      labels         = { "framesmith.dev/pool" = "apps" }
    }
    workers = {
      instance_types = ["c6i.large", "c5.large"]
      capacity_type  = "SPOT"
      min_size       = 1
      max_size       = 3
      desired_size   = 1
      labels         = { "framesmith.dev/pool" = "workers" }
      taints         = [{ key = "framesmith.dev/pool", value = "workers", effect = "NO_SCHEDULE" }]
    }
  }

  db_instance_class   = "db.t4g.micro"
  db_multi_az         = false
  deletion_protection = false

  bucket_name            = var.bucket_name
  raw_expiration_days    = 2
  frames_expiration_days = 7

  public_host     = var.public_host
  mail_domain     = var.mail_domain
  route53_zone_id = var.route53_zone_id

  ses_sandbox_recipients = var.ses_sandbox_recipients
}
