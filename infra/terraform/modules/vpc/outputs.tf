output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "Public subnets (internet-facing load balancers, NAT gateways)."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "Private subnets (EKS nodes, RDS, interface endpoints)."
  value       = aws_subnet.private[*].id
}

output "public_subnets_cidr" {
  description = "The range holding every public subnet and nothing else: the internet-facing load balancers' source addresses, which the network policies admit to the services."
  value       = local.public_range
}
