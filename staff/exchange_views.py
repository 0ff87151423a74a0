"""The operations page: reports on their way to the provincial platform, and the platform's state.

For administrators (everything) and supervisors (their jurisdiction and
below). Served at /exchange/ and, once wired, in the staff site; links
are reversed in whichever namespace the page was reached through.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from calendars import clock
from casework.errors import DomainError
from exchange import selectors
from exchange.services import delivery_retry_now


def _namespace(request) -> str:
    return request.resolver_match.namespace or "exchange"


def _case_url(case) -> str:
    """The case's page in the staff site, or "" where its kind has none."""
    from staff.kinds import kind_of

    try:
        return reverse(kind_of(case).url_name, args=[case.number])
    except (LookupError, NoReverseMatch):
        return ""


def _operator_required(request) -> None:
    if not selectors.user_may_see_operations(request.user):
        raise PermissionDenied("只有系统管理员和监督人员可以查看省级平台报送情况。")


@login_required
def operations(request):
    _operator_required(request)
    namespace = _namespace(request)
    sections = selectors.operations_rows(request.user)
    for rows in sections.values():
        for row in rows:
            row["retry_url"] = reverse(f"{namespace}:retry", args=[row["report"].pk])
            row["case_url"] = _case_url(row["case"]) if row["case"] else ""
    return render(request, "staff/exchange/operations.html", {
        "pending": sections["pending"],
        "delivering": sections["delivering"],
        "failed": sections["failed"],
        "delivered": selectors.recently_delivered(request.user),
        "platform": selectors.platform_state(now=clock.now()),
    })


@login_required
@require_POST
def retry(request, pk: int):
    _operator_required(request)
    report = get_object_or_404(selectors.reports_visible_to(request.user), pk=pk)
    try:
        delivery_retry_now(report=report, acting_user=request.user)
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request,
                         f"已安排立即重新报送：{report.get_change_display()} {report.record.number}。")
    return HttpResponseRedirect(reverse(f"{_namespace(request)}:index"))


