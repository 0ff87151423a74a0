from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the site: readiness checks, the consumers' heartbeat, request ids in the logs."""

    name = "ops"
    verbose_name = "运行"

    def ready(self):
        # The enqueue hook that carries a request's id into its tasks (ops/task_context.py),
        # and the heartbeat task, registered with huey in every process.
        from ops import task_context, tasks  # noqa: F401
