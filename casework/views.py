from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
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
    """200 when the database answers; 503 otherwise (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return JsonResponse({"status": "error", "database": str(exc)[:200]}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
