"""Every kind of case gets its receipt (受理回执) when it is lodged, applied for or ordered."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from casework.models.deadlines import DeadlineKind
from casework.services.followup import case_deadline
from casework.services.rectifications import rectification_order
from letters.selectors import letters_about
from letters.services import letter_render
from tests.factories import ObjectionCaseFactory, RepairCaseFactory


def _receipt(case):
    (receipt,) = [letter for letter in letters_about(case) if letter.kind == "receipt"]
    return receipt


def test_an_objection_gets_a_receipt_with_its_due_date_basis_and_lookup_link(db, at, settings):
    settings.LETTERS_PUBLIC_BASE_URL = "https://xy.jl.gov.cn"
    case = ObjectionCaseFactory()  # received Monday 28 Sept 2026
    receipt = _receipt(case)
    reply = case_deadline(case, DeadlineKind.REPLY)
    assert receipt.issuer_name == case.handling_department.name and receipt.addressee == case.subject.name
    assert receipt.context["case_number"] == case.number
    assert receipt.context["received_on"] == "2026-09-28" and receipt.context["due_on"] == "2026-10-23"
    assert receipt.context["due_basis"].startswith("自2026年9月28日的次日起算15个工作日")
    assert receipt.context["lookup_url"] == f"https://xy.jl.gov.cn/public/lookup/?number={case.number}"
    assert reply.stated_in_letter  # told to the subject: never moved earlier from now on
    pdf = letter_render(letter_id=receipt.pk)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.file.read())).pages)
    assert "受理回执" in text and case.number in text and "2026年10月23日" in text
    assert len(PdfReader(io.BytesIO(pdf.file.open().read())).pages) == 1


def test_a_repair_application_gets_a_receipt_from_the_determining_department(db, at):
    case = RepairCaseFactory()
    receipt = _receipt(case)
    review = case_deadline(case, DeadlineKind.REPAIR_REVIEW)
    assert receipt.issuer_name == case.determining_department.name
    assert receipt.context["due_on"] == review.due_date.isoformat() and receipt.context["due_label"] == "审核决定"


def test_a_rectification_order_gets_a_receipt_with_the_limit(rectification_world, at):
    w = rectification_world
    case = rectification_order(subject=w["government"], records=[w["record"]], requirements="书面说明情况",
                               limit_working_days=10, acting_user=w["handler"])
    receipt = _receipt(case)
    assert receipt.issuer_name == w["office"].name and receipt.context["due_on"] == "2026-10-16"


@pytest.mark.parametrize("factory", [ObjectionCaseFactory, RepairCaseFactory], ids=["objection", "repair"])
def test_the_subject_finds_the_receipt_among_its_case_letters(client, db, at, factory):
    case = factory()
    client.force_login(case.lodged_by)
    name = "portal:objection" if factory is ObjectionCaseFactory else "portal:repair"
    page = client.get(reverse(name, args=[case.number])).content.decode()
    assert "受理回执" in page and _receipt(case).number in page
