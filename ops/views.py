"""/healthz: is this process alive? /readyz: may it take traffic?"""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from health_check.views import HealthCheckView


@never_cache
@require_GET
def healthz(request):
    """200 while the process answers: liveness only. A database outage must not make a
    supervisor restart every healthy web process; /readyz (ops/views.py) checks the parts."""
    return JsonResponse({"status": "ok"})


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
