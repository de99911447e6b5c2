output "web_acl_arn" {
  description = "ARN of the web ACL; the Ingress names it (alb.ingress.kubernetes.io/wafv2-acl-arn) and the AWS Load Balancer Controller associates it with the ALB."
  value       = aws_wafv2_web_acl.this.arn
}
