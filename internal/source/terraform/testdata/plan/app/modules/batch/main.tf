variable "name" {
  type = string
}

resource "aws_ecs_task_definition" "this" {
  count  = 1
  family = var.name
  container_definitions = jsonencode([
    {
      name      = var.name
      image     = "busybox:latest"
      essential = true
      memory    = 128
    }
  ])
}

output "arn" {
  value = aws_ecs_task_definition.this[0].arn
}
