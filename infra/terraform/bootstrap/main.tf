# Run once per AWS account with administrator credentials and local state (docs/deploy.md, step 2):
# the Terraform state bucket and lock table, and the roles GitHub Actions assumes through OIDC.

data "aws_caller_identity" "current" {}

locals {
  account_id   = data.aws_caller_identity.current.account_id
  github_oidc  = "token.actions.githubusercontent.com"
  provider_arn = var.create_github_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : "arn:aws:iam::${local.account_id}:oidc-provider/${local.github_oidc}"
}

resource "aws_s3_bucket" "state" {
  bucket = var.state_bucket_name

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket = aws_s3_bucket.state.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_dynamodb_table" "locks" {
  name         = "framesmith-terraform-locks"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "LockID"

  attribute {
    name = "LockID"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }
}

resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_github_oidc_provider ? 1 : 0

  url            = "https://${local.github_oidc}"
  client_id_list = ["sts.amazonaws.com"]
  # GitHub's certificate chain is trusted by AWS; the thumbprint is required by the API but not used.
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}

# Who may assume which role: pushes to main (build-push), jobs of the approved GitHub environment (terraform
# apply) and pull requests (terraform plan, read-only). One AWS account per environment: run this in each.
data "aws_iam_policy_document" "github_trust" {
  for_each = {
    ecr-push        = ["repo:${var.github_repository}:ref:refs/heads/main"]
    terraform-plan  = ["repo:${var.github_repository}:pull_request", "repo:${var.github_repository}:ref:refs/heads/main"]
    terraform-apply = ["repo:${var.github_repository}:environment:${var.github_apply_environment}"]
  }

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.github_oidc}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "${local.github_oidc}:sub"
      values   = each.value
    }
  }
}

resource "aws_iam_role" "github" {
  for_each = data.aws_iam_policy_document.github_trust

  name               = "framesmith-github-${each.key}"
  assume_role_policy = each.value.json
}

data "aws_iam_policy_document" "ecr_push" {
  statement {
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:CompleteLayerUpload",
      "ecr:DescribeImages",
      "ecr:InitiateLayerUpload",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
    ]
    resources = ["arn:aws:ecr:${var.region}:${local.account_id}:repository/framesmith/*"]
  }
}

resource "aws_iam_role_policy" "ecr_push" {
  name   = "push-framesmith-images"
  role   = aws_iam_role.github["ecr-push"].id
  policy = data.aws_iam_policy_document.ecr_push.json
}

# Apply: reads and writes the state, holds the lock.
data "aws_iam_policy_document" "state_access" {
  statement {
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.state.arn]
  }

  statement {
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${aws_s3_bucket.state.arn}/*"]
  }

  statement {
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable"]
    resources = [aws_dynamodb_table.locks.arn]
  }
}

resource "aws_iam_role_policy" "state_access" {
  name   = "terraform-state"
  role   = aws_iam_role.github["terraform-apply"].id
  policy = data.aws_iam_policy_document.state_access.json
}

# Plan (pull requests, from branches nobody has reviewed yet): reads the state and takes the lock, never writes
# the state, and never reads what users stored: objects of any bucket but the state's, items of any table but
# the lock's, queue messages, secret values, parameters, logs.
data "aws_iam_policy_document" "plan" {
  statement {
    sid       = "ReadState"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.state.arn]
  }

  statement {
    sid       = "ReadStateObjects"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.state.arn}/*"]
  }

  statement {
    sid       = "Lock"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable"]
    resources = [aws_dynamodb_table.locks.arn]
  }

  statement {
    sid    = "NoDataPlane"
    effect = "Deny"
    actions = [
      "s3:GetObject",
      "s3:GetObjectVersion",
      "s3:GetObjectAttributes",
      "s3:GetObjectTorrent",
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:Query",
      "dynamodb:Scan",
      "dynamodb:GetRecords",
      "dynamodb:ExportTableToPointInTime",
      "dynamodb:PartiQLSelect",
      "sqs:ReceiveMessage",
      "secretsmanager:GetSecretValue",
      "ssm:GetParameter",
      "ssm:GetParameters",
      "ssm:GetParametersByPath",
      "ssm:GetParameterHistory",
      "logs:GetLogEvents",
      "logs:GetLogRecord",
      "logs:FilterLogEvents",
      "logs:StartQuery",
      "logs:GetQueryResults",
      "rds-data:ExecuteStatement",
    ]
    not_resources = [
      "${aws_s3_bucket.state.arn}/*",
      aws_dynamodb_table.locks.arn,
    ]
  }

  # The state bucket's default encryption is SSE-KMS (the backend's encrypt = true writes SSE-S3, but any object
  # put without an encryption header gets the default). S3 decrypts an SSE-KMS object with the reader's own
  # kms:Decrypt, sending kms:ViaService and the encryption context aws:s3:arn: the bucket's ARN with an S3 Bucket
  # Key, as here, the object's ARN for objects written without one. Plan may decrypt that and nothing else.
  statement {
    sid       = "DecryptStateThroughS3"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:${var.region}:${local.account_id}:key/*"]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${var.region}.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:s3:arn"
      values   = [aws_s3_bucket.state.arn, "${aws_s3_bucket.state.arn}/*"]
    }
  }

  statement {
    sid       = "NoDecryptButTheState"
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    # An absent key makes StringNotLike true: decrypting for anything but S3 (secrets, parameters, ...) is denied.
    condition {
      test     = "StringNotLike"
      variable = "kms:EncryptionContext:aws:s3:arn"
      values   = [aws_s3_bucket.state.arn, "${aws_s3_bucket.state.arn}/*"]
    }
  }

  statement {
    sid       = "NoStateWrites"
    effect    = "Deny"
    actions   = ["s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutBucketPolicy", "s3:PutBucketVersioning"]
    resources = [aws_s3_bucket.state.arn, "${aws_s3_bucket.state.arn}/*"]
  }
}

resource "aws_iam_role_policy" "plan" {
  name   = "terraform-plan"
  role   = aws_iam_role.github["terraform-plan"].id
  policy = data.aws_iam_policy_document.plan.json
}

# Plans read the configuration of every resource (ReadOnlyAccess, less the denies above); applies change
# everything (behind the GitHub environment's required reviewers).
resource "aws_iam_role_policy_attachment" "plan" {
  role       = aws_iam_role.github["terraform-plan"].name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "apply" {
  role       = aws_iam_role.github["terraform-apply"].name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
