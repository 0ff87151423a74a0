from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from casework.models import Role


@login_required
def start(request):
    """Send each role to its own start page after login."""
    user = request.user
    if user.role == Role.SUBJECT_OFFICER:
        return redirect("portal:home")
    # Staff land on their queue: what waits for them, most urgent first.
    return redirect("/staff/work/queue/")


@never_cache
@require_GET
def healthz(request):
    """200 while the process answers: liveness only. A database outage must not make a
    supervisor restart every healthy web process; /readyz (ops/views.py) checks the parts."""
    return JsonResponse({"status": "ok"})
