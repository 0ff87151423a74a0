"""/readyz: may this process take traffic? (/healthz, in casework/views.py, only says it is alive.)"""

from health_check.views import HealthCheckView


class ReadyView(HealthCheckView):
    """django-health-check's view (HTML, `?format=json` or `Accept: application/json`), answering
    503 rather than its 500 when a check fails, as load balancers and orchestrators expect."""

    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        "health_check.checks.Storage",
        "ops.checks.QueueDepth",
        "ops.checks.ConsumerHeartbeat",
    )

    async def get(self, request, *args, **kwargs):
        response = await super().get(request, *args, **kwargs)
        if response.status_code == 500:
            response.status_code = 503
        return response
