variable "repository_names" {
  description = "Repositories to create, e.g. framesmith/ms-auth; one per service image."
  type        = list(string)
}

variable "keep_tagged_images" {
  description = "How many tagged images each repository keeps; older ones expire (Argo CD rollbacks reach back this far)."
  type        = number
  default     = 50
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
