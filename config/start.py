"""Where a login lands: each role on its own start page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from casework.models import Role


@login_required
def start(request):
    """Send each role to its own start page after login."""
    user = request.user
    if user.role == Role.SUBJECT_OFFICER:
        return redirect("portal:home")
    # Staff land on their queue: what waits for them, most urgent first.
    return redirect("/staff/work/queue/")
