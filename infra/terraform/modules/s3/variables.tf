variable "bucket_name" {
  description = "Name of the bucket holding uploaded videos (raw/) and frame archives (frames/). Bucket names are global: set a unique one per account."
  type        = string
}

variable "raw_expiration_days" {
  description = "Days after which uploaded source videos under raw/ are deleted."
  type        = number
  default     = 7
}

variable "frames_expiration_days" {
  description = "Days after which frame archives under frames/ are deleted."
  type        = number
  default     = 30
}

variable "cors_allowed_origins" {
  description = "Web origins allowed to upload straight to the bucket with presigned URLs (e.g. https://framesmith.example.com)."
  type        = list(string)
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
