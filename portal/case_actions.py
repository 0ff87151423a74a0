"""What a subject does the same way on every case kind: see the case it lodged, supply
materials, withdraw, download a letter or an evidence file.

Each case kind's views find the case (404 when it is not the subject's) and
pass it here; the step itself is `workflows.actions.act`.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse

from calendars import clock
from casework.errors import DomainError
from casework.evidence import evidence_response
from casework.services.followup import case_deadline
from portal.forms import SupplyForm, WithdrawForm
from workflows.actions import act


def lodged(request, case, *, what: str, due_kind: str, due_name: str, page: str):
    """After the subject lodged `case`: say its number and when its first deadline falls due,
    then show its page."""
    due = case_deadline(case, due_kind)
    messages.success(request, f"{what}已提交，编号 {case.number}。{due_name}：{due.due_date:%Y年%-m月%-d日}。")
    return HttpResponseRedirect(reverse(page, args=[case.number]))


def supply_materials(request, case, *, success: str, page: str):
    form = SupplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            act(case=case, action="supply-materials", acting_user=request.user,
                payload={"files": form.cleaned_data["evidence"], "note": form.cleaned_data["note"]})
        except DomainError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, success)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return HttpResponseRedirect(reverse(page, args=[case.number]))


def withdraw(request, case, *, success: str, page: str):
    form = WithdrawForm(request.POST)
    if not form.is_valid():  # e.g. a reason over its limit: say so, do not withdraw without it
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return HttpResponseRedirect(reverse(page, args=[case.number]))
    try:
        act(case=case, action="withdraw", acting_user=request.user,
            payload={"reason": form.cleaned_data.get("reason", "")})
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return HttpResponseRedirect(reverse(page, args=[case.number]))


def letter_download(request, case, letter_pk: int):
    """The subject downloads one of the case's letters; the first download is recorded."""
    from letters.selectors import letters_about
    from letters.services import letter_mark_downloaded
    from letters.views import letter_file_response

    letter = next((letter for letter in letters_about(case) if letter.pk == letter_pk and letter.file), None)
    if letter is None:
        raise Http404("没有找到该函件。")
    letter_mark_downloaded(letter=letter, when=clock.now())
    return letter_file_response(letter, as_attachment=request.GET.get("inline") != "1")


def evidence_download(case, evidence_pk: int):
    """One of the case's evidence files, always as an attachment typed by its content."""
    evidence = get_object_or_404(case.evidence.all(), pk=evidence_pk)
    try:
        return evidence_response(evidence)
    except FileNotFoundError:
        raise Http404("没有找到该文件。") from None
