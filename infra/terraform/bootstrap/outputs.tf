output "state_bucket" {
  description = "Bucket to pass as -backend-config=bucket=... (GitHub variable TF_STATE_BUCKET)."
  value       = aws_s3_bucket.state.id
}

output "lock_table" {
  description = "DynamoDB table locking the state."
  value       = aws_dynamodb_table.locks.name
}

output "github_role_arns" {
  description = "Roles for the GitHub variables AWS_ECR_PUSH_ROLE_ARN, AWS_TERRAFORM_PLAN_ROLE_ARN and AWS_TERRAFORM_APPLY_ROLE_ARN."
  value       = { for key, role in aws_iam_role.github : key => role.arn }
}
