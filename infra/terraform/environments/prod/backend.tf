# State in S3 with a DynamoDB lock, both created once by infra/terraform/bootstrap. The bucket is per account:
# pass it at init time: terraform init -backend-config="bucket=<state bucket from bootstrap>".
terraform {
  backend "s3" {
    key            = "framesmith/prod/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "framesmith-terraform-locks"
    encrypt        = true
  }
}
