# One IAM role per Kubernetes service account (IRSA), each allowed exactly what that workload does.

locals {
  service_accounts = {
    ms-auth                      = { namespace = var.namespace, name = "ms-auth" }
    ms-video                     = { namespace = var.namespace, name = "ms-video" }
    video-worker                 = { namespace = var.namespace, name = "video-worker" }
    ms-notify                    = { namespace = var.namespace, name = "ms-notify" }
    cloudwatch-exporter          = { namespace = var.namespace, name = "cloudwatch-exporter" }
    otel-collector               = { namespace = var.namespace, name = "otel-collector" }
    external-secrets             = { namespace = var.namespace, name = "external-secrets-reader" }
    keda-operator                = { namespace = "keda", name = "keda-operator" }
    aws-load-balancer-controller = { namespace = "kube-system", name = "aws-load-balancer-controller" }
    cluster-autoscaler           = { namespace = "kube-system", name = "cluster-autoscaler" }
  }

  raw_objects    = "${var.bucket_arn}/raw/*"
  frames_objects = "${var.bucket_arn}/frames/*"

  # What every SQS consumer does with its queue (long polling, acknowledging, visibility heartbeat). The services
  # never read queue attributes: only KEDA does, with its own role.
  consume_actions = [
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:ChangeMessageVisibility",
    "sqs:GetQueueUrl",
  ]
  send_actions = ["sqs:SendMessage", "sqs:GetQueueUrl"]

  table_item_actions = [
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:Query",
    "dynamodb:DescribeTable",
  ]

  policies = {
    ms-auth                      = data.aws_iam_policy_document.ms_auth.json
    ms-video                     = data.aws_iam_policy_document.ms_video.json
    video-worker                 = data.aws_iam_policy_document.video_worker.json
    ms-notify                    = data.aws_iam_policy_document.ms_notify.json
    cloudwatch-exporter          = data.aws_iam_policy_document.cloudwatch_exporter.json
    otel-collector               = data.aws_iam_policy_document.otel_collector.json
    external-secrets             = data.aws_iam_policy_document.external_secrets.json
    keda-operator                = data.aws_iam_policy_document.keda_operator.json
    aws-load-balancer-controller = data.aws_iam_policy_document.load_balancer_controller.json
    cluster-autoscaler           = data.aws_iam_policy_document.cluster_autoscaler.json
  }
}

data "aws_iam_policy_document" "trust" {
  for_each = local.service_accounts

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:sub"
      values   = ["system:serviceaccount:${each.value.namespace}:${each.value.name}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  for_each = local.service_accounts

  name                 = "${var.name_prefix}-${each.key}"
  description          = "IRSA role of ${each.value.namespace}/${each.value.name}"
  assume_role_policy   = data.aws_iam_policy_document.trust[each.key].json
  max_session_duration = 3600

  tags = var.tags
}

resource "aws_iam_role_policy" "this" {
  for_each = local.service_accounts

  name   = each.key
  role   = aws_iam_role.this[each.key].id
  policy = local.policies[each.key]
}

# ms-video: accepts uploads into raw/, hands out downloads of frames/, deletes both for a deleted video; owns the
# videos table; dispatches jobs and notifications; consumes worker events and the dead letters of processing.
data "aws_iam_policy_document" "ms_video" {
  statement {
    sid = "UploadsAndDeletes"
    actions = [
      "s3:PutObject",
      "s3:GetObject",
      "s3:DeleteObject",
      "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts",
    ]
    resources = [local.raw_objects]
  }

  # Also aborts a ZIP upload that a killed worker left open.
  statement {
    sid       = "FrameDownloadsAndDeletes"
    actions   = ["s3:GetObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = [local.frames_objects]
  }

  # Health, and the orphan removal: objects and multipart uploads left under raw/ and frames/.
  statement {
    sid       = "ListBucket"
    actions   = ["s3:ListBucket", "s3:ListBucketMultipartUploads"]
    resources = [var.bucket_arn]
  }

  statement {
    sid       = "VideosTable"
    actions   = local.table_item_actions
    resources = [var.table_arns["videos"], "${var.table_arns["videos"]}/index/*"]
  }

  statement {
    sid       = "Dispatch"
    actions   = local.send_actions
    resources = [var.queue_arns["processing"], var.queue_arns["notifications"]]
  }

  statement {
    sid     = "WorkerEvents"
    actions = local.consume_actions
    resources = [
      var.queue_arns["events"],
      var.dead_letter_queue_arns["events"],
      var.dead_letter_queue_arns["processing"],
    ]
  }

  statement {
    sid       = "UnreadableEvents"
    actions   = ["sqs:SendMessage"]
    resources = [var.dead_letter_queue_arns["events"]]
  }
}

# video-worker: reads sources, writes archives, consumes jobs, reports events. Nothing else.
data "aws_iam_policy_document" "video_worker" {
  statement {
    sid       = "ReadSources"
    actions   = ["s3:GetObject"]
    resources = [local.raw_objects]
  }

  # GetObject: a redelivered job first looks for the archive it may already have written (HeadObject); without it
  # S3 answers 403 instead of 404 and the job fails.
  statement {
    sid       = "WriteArchives"
    actions   = ["s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload"]
    resources = [local.frames_objects]
  }

  statement {
    sid       = "BucketHealth"
    actions   = ["s3:ListBucket"]
    resources = [var.bucket_arn]
  }

  statement {
    sid       = "Jobs"
    actions   = local.consume_actions
    resources = [var.queue_arns["processing"]]
  }

  statement {
    sid       = "UnreadableJobs"
    actions   = ["sqs:SendMessage", "sqs:GetQueueUrl"]
    resources = [var.dead_letter_queue_arns["processing"]]
  }

  statement {
    sid       = "Events"
    actions   = local.send_actions
    resources = [var.queue_arns["events"]]
  }
}

# ms-notify: consumes notification requests (and their dead letters) and SES's bounces and complaints, keeps the
# delivery log and the suppressed addresses, sends e-mail from the one verified sender.
data "aws_iam_policy_document" "ms_notify" {
  statement {
    sid       = "Requests"
    actions   = local.consume_actions
    resources = [var.queue_arns["notifications"], var.dead_letter_queue_arns["notifications"]]
  }

  # An unreadable request goes to the dead-letter queue; a dead-lettered one that SES throttled goes back.
  statement {
    sid       = "UnreadableOrThrottledRequests"
    actions   = ["sqs:SendMessage"]
    resources = [var.queue_arns["notifications"], var.dead_letter_queue_arns["notifications"]]
  }

  # Bounces and complaints: received and deleted; a failed message comes back after the visibility timeout.
  statement {
    sid       = "MailFeedback"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueUrl"]
    resources = [var.queue_arns["feedback"]]
  }

  statement {
    sid       = "UnreadableFeedback"
    actions   = ["sqs:SendMessage", "sqs:GetQueueUrl"]
    resources = [var.dead_letter_queue_arns["feedback"]]
  }

  # The delivery log is kept: ms-notify writes and reads its records, never deletes one.
  statement {
    sid = "DeliveryLog"
    actions = [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:Query",
      "dynamodb:DescribeTable",
    ]
    resources = [var.table_arns["notifications"], "${var.table_arns["notifications"]}/index/*"]
  }

  # Whether SES has sending paused, asked while notifications are held on the queue.
  statement {
    sid       = "SendingStatus"
    actions   = ["ses:GetAccount"]
    resources = ["*"]
  }

  statement {
    sid       = "ConfigurationSetStatus"
    actions   = ["ses:GetConfigurationSet"]
    resources = [var.ses_configuration_set_arn]
  }

  statement {
    sid       = "SendMail"
    actions   = ["ses:SendEmail"]
    resources = concat([var.ses_identity_arn, var.ses_configuration_set_arn], var.ses_recipient_identity_arns)

    condition {
      test     = "StringEquals"
      variable = "ses:FromAddress"
      values   = [var.ses_sender_address]
    }
  }
}

data "aws_iam_policy_document" "cloudwatch_exporter" {
  statement {
    sid = "ReadMetrics"
    actions = [
      "cloudwatch:GetMetricData",
      "cloudwatch:GetMetricStatistics",
      "cloudwatch:ListMetrics",
    ]
    resources = ["*"]
  }
}

# The OpenTelemetry Collector writes the services' spans to X-Ray; X-Ray's write APIs have no resource-level
# permissions. It samples nothing: the services decide which requests are traced
# (management.tracing.sampling.probability), so it never reads X-Ray's sampling rules.
data "aws_iam_policy_document" "otel_collector" {
  statement {
    sid = "WriteTraces"
    actions = [
      "xray:PutTraceSegments",
      "xray:PutTelemetryRecords",
    ]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "external_secrets" {
  statement {
    sid       = "ReadNamespaceSecrets"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = var.secret_arns
  }
}

# KEDA scales video-worker on the processing queue's depth.
data "aws_iam_policy_document" "keda_operator" {
  statement {
    sid       = "QueueDepth"
    actions   = ["sqs:GetQueueAttributes", "sqs:GetQueueUrl"]
    resources = [var.queue_arns["processing"]]
  }
}

# The cluster autoscaler adds nodes when pods (KEDA's extra workers) do not fit, and removes idle ones; it may
# resize only this cluster's managed node groups (EKS tags their auto scaling groups).
data "aws_iam_policy_document" "cluster_autoscaler" {
  statement {
    sid = "Discover"
    actions = [
      "autoscaling:DescribeAutoScalingGroups",
      "autoscaling:DescribeAutoScalingInstances",
      "autoscaling:DescribeLaunchConfigurations",
      "autoscaling:DescribeScalingActivities",
      "autoscaling:DescribeTags",
      "ec2:DescribeImages",
      "ec2:DescribeInstanceTypes",
      "ec2:DescribeLaunchTemplateVersions",
      "ec2:GetInstanceTypesFromInstanceRequirements",
      "eks:DescribeNodegroup",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "ResizeOwnNodeGroups"
    actions   = ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/k8s.io/cluster-autoscaler/${var.cluster_name}"
      values   = ["owned"]
    }
  }
}
