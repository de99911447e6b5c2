# The load balancer's own rate limits, in front of the application's finer ones: per client IP, over a sliding
# five minutes, a ceiling on all requests and a lower one on /auth/ (logins, registrations, token and account-e-mail
# requests, each costing a bcrypt or an e-mail in the application). They stop floods before they reach a pod; the
# application keeps the limits that need to know the account (growing login delays, the per-account budget, the
# e-mails per account) and the exact per-address limits of registration and the token endpoint.

locals {
  too_many_requests = jsonencode({
    type   = "https://framesmith.dev/problems/too-many-requests"
    title  = "Too many requests"
    status = 429
    detail = "Too many requests from this address. Try again in a few minutes."
  })
}

resource "aws_wafv2_web_acl" "this" {
  name        = var.name
  description = "Per-IP rate limits of the Framesmith load balancer"
  scope       = "REGIONAL"

  default_action {
    allow {}
  }

  custom_response_body {
    key          = "too-many-requests"
    content_type = "APPLICATION_JSON"
    content      = local.too_many_requests
  }

  rule {
    name     = "auth-requests-per-ip"
    priority = 1

    action {
      block {
        custom_response {
          response_code            = 429
          custom_response_body_key = "too-many-requests"

          response_header {
            name  = "Retry-After"
            value = "300"
          }
        }
      }
    }

    statement {
      rate_based_statement {
        limit                 = var.auth_requests_per_ip
        evaluation_window_sec = 300
        aggregate_key_type    = "IP"

        scope_down_statement {
          byte_match_statement {
            search_string         = "/auth/"
            positional_constraint = "STARTS_WITH"

            field_to_match {
              uri_path {}
            }

            text_transformation {
              priority = 0
              type     = "LOWERCASE"
            }
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-auth-requests-per-ip"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "requests-per-ip"
    priority = 2

    action {
      block {
        custom_response {
          response_code            = 429
          custom_response_body_key = "too-many-requests"

          response_header {
            name  = "Retry-After"
            value = "300"
          }
        }
      }
    }

    statement {
      rate_based_statement {
        limit                 = var.requests_per_ip
        evaluation_window_sec = 300
        aggregate_key_type    = "IP"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-requests-per-ip"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = var.name
    sampled_requests_enabled   = true
  }

  tags = var.tags
}
