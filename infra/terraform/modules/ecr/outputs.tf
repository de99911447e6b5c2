output "repository_urls" {
  description = "Repository URLs by repository name (registry/name, without tag)."
  value       = { for name, repo in aws_ecr_repository.this : name => repo.repository_url }
}

output "repository_arns" {
  description = "Repository ARNs by repository name (for push permissions)."
  value       = { for name, repo in aws_ecr_repository.this : name => repo.arn }
}

output "registry" {
  description = "Registry host, <account>.dkr.ecr.<region>.amazonaws.com."
  value       = split("/", values(aws_ecr_repository.this)[0].repository_url)[0]
}
