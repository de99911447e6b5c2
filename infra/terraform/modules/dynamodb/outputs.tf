output "table_arns" {
  description = "Table ARNs by key (index ARNs are <table arn>/index/<name>)."
  value       = { for key, table in aws_dynamodb_table.this : key => table.arn }
}

output "table_names" {
  description = "Table names by key."
  value       = { for key, table in aws_dynamodb_table.this : key => table.name }
}
