# ms-auth: hands the account e-mails (address verification, password reset) from its outbox to the notifications
# queue. Nothing else in AWS: its database password and signing key arrive as Kubernetes Secrets.
data "aws_iam_policy_document" "ms_auth" {
  statement {
    sid       = "AccountEmails"
    actions   = local.send_actions
    resources = [var.queue_arns["notifications"]]
  }
}
