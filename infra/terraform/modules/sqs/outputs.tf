output "queue_urls" {
  description = "Queue URLs by key."
  value       = { for key, queue in aws_sqs_queue.this : key => queue.url }
}

output "queue_arns" {
  description = "Queue ARNs by key."
  value       = { for key, queue in aws_sqs_queue.this : key => queue.arn }
}

output "dead_letter_queue_arns" {
  description = "Dead-letter queue ARNs by key of their source queue."
  value       = { for key, queue in aws_sqs_queue.dead_letter : key => queue.arn }
}

output "dead_letter_queue_urls" {
  description = "Dead-letter queue URLs by key of their source queue."
  value       = { for key, queue in aws_sqs_queue.dead_letter : key => queue.url }
}
