#!/bin/bash
# Creates what Terraform creates in AWS, inside LocalStack: the bucket (with CORS for direct uploads), the three
# queues (and the mail feedback queue) each with a dead-letter queue and a redrive policy, the two DynamoDB tables with their indexes, and the
# verified SES sender. LocalStack runs it once it is ready (/etc/localstack/init/ready.d); docker-compose.yml
# and overlays/dev both mount this file. Safe to run twice.
set -euo pipefail

REGION="${AWS_DEFAULT_REGION:-eu-west-1}"
BUCKET="${FRAMESMITH_BUCKET:-framesmith-videos}"
SENDER="${FRAMESMITH_NOTIFY_SENDER:-noreply@framesmith.local}"
MAX_RECEIVE_COUNT=5
aws() { awslocal --region "$REGION" "$@"; }

echo "framesmith: bucket $BUCKET"
aws s3api head-bucket --bucket "$BUCKET" 2>/dev/null \
  || aws s3api create-bucket --bucket "$BUCKET" --create-bucket-configuration "LocationConstraint=$REGION"
aws s3api put-bucket-cors --bucket "$BUCKET" --cors-configuration '{
  "CORSRules": [{
    "AllowedOrigins": ["*"],
    "AllowedMethods": ["GET", "PUT", "HEAD"],
    "AllowedHeaders": ["*"],
    "ExposeHeaders": ["ETag"],
    "MaxAgeSeconds": 3000
  }]
}'

# name, visibility timeout (s): the worker holds a job for 300 s and extends it with a heartbeat.
create_queue() {
  local name="$1" visibility="$2"
  echo "framesmith: queue $name (+ $name-dlq)"
  local dlq_url dlq_arn
  dlq_url=$(aws sqs create-queue --queue-name "$name-dlq" \
    --attributes MessageRetentionPeriod=1209600 --query QueueUrl --output text)
  dlq_arn=$(aws sqs get-queue-attributes --queue-url "$dlq_url" --attribute-names QueueArn \
    --query Attributes.QueueArn --output text)
  aws sqs create-queue --queue-name "$name" --attributes "{
    \"VisibilityTimeout\": \"$visibility\",
    \"MessageRetentionPeriod\": \"345600\",
    \"ReceiveMessageWaitTimeSeconds\": \"20\",
    \"RedrivePolicy\": \"{\\\"deadLetterTargetArn\\\":\\\"$dlq_arn\\\",\\\"maxReceiveCount\\\":\\\"$MAX_RECEIVE_COUNT\\\"}\"
  }" >/dev/null
}
create_queue framesmith-video-processing 300
create_queue framesmith-video-events 60
create_queue framesmith-notifications 60
create_queue framesmith-mail-feedback 60

table_exists() { aws dynamodb describe-table --table-name "$1" >/dev/null 2>&1; }

echo "framesmith: table framesmith-videos"
table_exists framesmith-videos || aws dynamodb create-table \
  --table-name framesmith-videos \
  --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=id,AttributeType=S AttributeName=userId,AttributeType=S \
    AttributeName=createdAt,AttributeType=S AttributeName=updatedAt,AttributeType=S AttributeName=status,AttributeType=S \
    AttributeName=pendingUserId,AttributeType=S \
  --key-schema AttributeName=id,KeyType=HASH \
  --global-secondary-indexes '[
    {"IndexName": "byUser", "Projection": {"ProjectionType": "ALL"},
     "KeySchema": [{"AttributeName": "userId", "KeyType": "HASH"}, {"AttributeName": "createdAt", "KeyType": "RANGE"}]},
    {"IndexName": "byStatus", "Projection": {"ProjectionType": "ALL"},
     "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}, {"AttributeName": "updatedAt", "KeyType": "RANGE"}]},
    {"IndexName": "byUserUpdated", "Projection": {"ProjectionType": "ALL"},
     "KeySchema": [{"AttributeName": "userId", "KeyType": "HASH"}, {"AttributeName": "updatedAt", "KeyType": "RANGE"}]},
    {"IndexName": "pendingByUser", "Projection": {"ProjectionType": "ALL"},
     "KeySchema": [{"AttributeName": "pendingUserId", "KeyType": "HASH"}, {"AttributeName": "createdAt", "KeyType": "RANGE"}]}
  ]' >/dev/null

# Deleted and abandoned videos carry purgeAt (epoch seconds); DynamoDB removes them after it, as in Terraform.
aws dynamodb update-time-to-live --table-name=framesmith-videos \
  --time-to-live-specification Enabled=true,AttributeName=purgeAt >/dev/null

echo "framesmith: table framesmith-notifications"
table_exists framesmith-notifications || aws dynamodb create-table \
  --table-name framesmith-notifications \
  --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=eventId,AttributeType=S AttributeName=videoId,AttributeType=S \
    AttributeName=createdAt,AttributeType=S \
  --key-schema AttributeName=eventId,KeyType=HASH \
  --global-secondary-indexes '[
    {"IndexName": "byVideo", "Projection": {"ProjectionType": "ALL"},
     "KeySchema": [{"AttributeName": "videoId", "KeyType": "HASH"}, {"AttributeName": "createdAt", "KeyType": "RANGE"}]}
  ]' >/dev/null

echo "framesmith: SES sender $SENDER"
aws ses verify-email-identity --email-address "$SENDER"

echo "framesmith: AWS resources ready"
