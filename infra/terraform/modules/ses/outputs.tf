output "identity_arn" {
  description = "ARN of the domain identity (the resource of ses:SendEmail)."
  value       = aws_sesv2_email_identity.this.arn
}

output "sender_address" {
  description = "The From address ms-notify sends with (FRAMESMITH_NOTIFY_SENDER)."
  value       = "${var.sender_local_part}@${var.domain}"
}

output "configuration_set_name" {
  description = "Name of the configuration set."
  value       = aws_sesv2_configuration_set.this.configuration_set_name
}

output "configuration_set_arn" {
  description = "ARN of the configuration set (also a resource of ses:SendEmail)."
  value       = aws_sesv2_configuration_set.this.arn
}

output "feedback_topic_arn" {
  description = "ARN of the SNS topic SES publishes bounces and complaints to."
  value       = aws_sns_topic.feedback.arn
}

output "dns_records" {
  description = "DNS records that verify the domain, when route53_zone_id is empty: publish them at your DNS provider."
  value = concat(
    [for token in aws_sesv2_email_identity.this.dkim_signing_attributes[0].tokens : {
      name  = "${token}._domainkey.${var.domain}"
      type  = "CNAME"
      value = "${token}.dkim.amazonses.com"
    }],
    [
      { name = local.mail_from_domain, type = "MX", value = "10 feedback-smtp.${data.aws_region.current.name}.amazonses.com" },
      { name = local.mail_from_domain, type = "TXT", value = "v=spf1 include:amazonses.com ~all" },
      { name = "_dmarc.${var.domain}", type = "TXT", value = "v=DMARC1; p=quarantine; adkim=s; aspf=s" },
    ],
  )
}

output "recipient_identity_arns" {
  description = "ARNs of the sandbox recipients' identities (resources of ses:SendEmail while in the sandbox)."
  value       = [for identity in aws_sesv2_email_identity.recipient : identity.arn]
}
