output "address" {
  description = "Host name of the database endpoint."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "Port of the database endpoint."
  value       = aws_db_instance.this.port
}

output "jdbc_url" {
  description = "JDBC URL of ms-auth's database, TLS required."
  value       = "jdbc:postgresql://${aws_db_instance.this.address}:${aws_db_instance.this.port}/${var.database_name}?sslmode=require"
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret holding the master user's username and password (JSON)."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}
