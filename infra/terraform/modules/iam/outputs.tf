output "role_arns" {
  description = "IAM role ARNs by service account key (ms-auth, ms-video, video-worker, ms-notify, cloudwatch-exporter, otel-collector, external-secrets, keda-operator, aws-load-balancer-controller, cluster-autoscaler)."
  value       = { for key, role in aws_iam_role.this : key => role.arn }
}
