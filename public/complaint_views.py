"""The public complaint form and its receipt (no account needed).

The lookup code exists in plain text only in this browser's session, between the
lodging and the receipt page that shows it once; the database keeps its hash. The
receipt page and its PDF are reachable only from the session that lodged the
complaint, so nobody can read another's receipt by guessing numbers.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from casework.errors import DomainError, form_add_errors
from casework.limits import limit
from casework.models import ComplaintCase, Deadline
from casework.models.deadlines import DeadlineKind
from letters.selectors import letters_about
from letters.views import letter_file_response
from public.complaint_forms import ComplaintForm
from public.throttle import ComplaintThrottle, rate_allowed
from workflows.actions import start

_SESSION_KEY = "public_complaints"  # {number: lookup code, or "" once shown}


def _lodge(form, request):
    from casework.services.complaints import complaint_lodge

    data = form.cleaned_data
    return start(ComplaintCase, complaint_lodge, acting_user=None, subject=data["subject"], facts=data["facts"],
                 occurred_on=data["occurred_on"], complainant_name=data["complainant_name"],
                 complainant_contact=data["complainant_contact"], files=data["files"])


@require_http_methods(["GET", "POST"])
@never_cache
def complaint_new(request):
    """Anyone complains about a government body's dishonest conduct; anonymous allowed."""
    form = ComplaintForm(request.POST or None, request.FILES or None)
    wait = 0
    if request.method == "POST" and form.is_valid():
        allowed, wait = rate_allowed(request, ComplaintThrottle)
        if allowed:
            try:
                case = _lodge(form, request)
            except DomainError as exc:
                form_add_errors(form, exc)
            else:
                receipts = request.session.get(_SESSION_KEY, {})
                receipts[case.number] = case.lookup_code
                request.session[_SESSION_KEY] = receipts
                return HttpResponseRedirect(reverse("public:complaint_receipt", args=[case.number]))
    response = render(request, "public/complaint_new.html", {
        "form": form, "wait": wait, "acceptance_days": limit("complaint_acceptance_working_days"),
    }, status=429 if wait else 200)
    if wait:
        response["Retry-After"] = str(wait)
    return response


def _own_complaint(request, number: str) -> tuple[ComplaintCase, str]:
    receipts = request.session.get(_SESSION_KEY, {})
    if number not in receipts:
        raise Http404
    case = ComplaintCase.objects.select_related("subject", "handling_office").filter(number=number).first()
    if case is None:
        raise Http404
    return case, receipts[number]


@require_GET
@never_cache
def complaint_receipt(request, number: str):
    """The receipt: number, dates, the office handling it and the lookup code, shown this once."""
    case, code = _own_complaint(request, number)
    if code:
        receipts = request.session[_SESSION_KEY]
        receipts[number] = ""
        request.session[_SESSION_KEY] = receipts
    deadline = Deadline.objects.filter(owner_type=ContentType.objects.get_for_model(case), owner_id=case.pk,
                                       kind=DeadlineKind.COMPLAINT_ACCEPTANCE).first()
    return render(request, "public/complaint_receipt.html", {"case": case, "code": code, "deadline": deadline})


@require_GET
def complaint_receipt_pdf(request, number: str):
    """The printable receipt (受理回执) as issued and archived: it carries no lookup code."""
    case, _code = _own_complaint(request, number)
    letter = letters_about(case).filter(kind="receipt", voided_at__isnull=True).first()
    if letter is None:
        raise Http404
    return letter_file_response(letter, as_attachment=False)
