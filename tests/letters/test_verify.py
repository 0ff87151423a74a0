
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from letters import samples
from letters.services import letter_draft_pdf, letter_void, verify_url
from letters.verification import pdf_verify

from .pdfs import letter_bytes


def _tampered(data: bytes) -> bytes:
    # Change one digit of the text stream's neighbourhood: any byte will do.
    i = len(data) // 2
    return data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1:]


def _upload(data: bytes, name="letter.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_the_printed_address_is_the_public_verify_page(issue, settings):
    letter = issue()
    assert verify_url(letter.verification_code) == (
        settings.LETTERS_PUBLIC_BASE_URL + reverse("letters:verify", args=[letter.verification_code]))


def test_an_original_is_genuine_and_a_tampered_copy_names_the_letter_it_claims_to_be(issue):
    letter = issue()
    original = letter_bytes(letter)
    verdict = pdf_verify(original)
    assert verdict.genuine and verdict.letter == letter
    forged = pdf_verify(_tampered(original))
    assert not forged.genuine and forged.letter == letter
    assert forged.sha256 != letter.sha256


def test_an_unknown_file_is_neither_genuine_nor_anyones(issue):
    issue()
    verdict = pdf_verify(b"%PDF-1.7 not a letter")
    assert (verdict.genuine, verdict.letter) == (False, None)


def test_a_draft_is_not_an_issued_letter(db, issuer):
    draft = letter_draft_pdf(issuer=issuer, kind="acceptance_notice", addressee="农安县人民政府",
                             context=samples.sample_context("acceptance_notice"))
    assert pdf_verify(draft).letter is None


def test_the_public_page_shows_issuer_number_date_and_hash_to_anyone(client, issue):
    letter = issue()
    response = client.get(f"/letters/verify/{letter.verification_code}")
    assert response.status_code == 200
    html = response.content.decode()
    for fact in (letter.issuer_name, letter.number, "2026年", letter.sha256, letter.verification_code_display,
                 "信用信息异议答复书", "系统中存有其电子原件"):
        assert fact in html
    assert letter.addressee not in html  # the addressee is not public


def test_a_loosely_typed_code_redirects_to_the_canonical_address(client, issue):
    letter = issue()
    typed = letter.verification_code_display.lower()
    response = client.get(f"/letters/verify/{typed}")
    assert response.status_code == 302
    assert response["Location"] == f"/letters/verify/{letter.verification_code}"


def test_an_unknown_code_is_a_404_with_an_explanation(client, db):
    response = client.get("/letters/verify/ZZZZZZZZZZZZ")
    assert response.status_code == 404
    assert "未找到核验码" in response.content.decode()


def test_uploading_the_original_says_it_is_unaltered(client, issue):
    letter = issue()
    response = client.post(f"/letters/verify/{letter.verification_code}", {"pdf": _upload(letter_bytes(letter))})
    assert "一致：您上传的文件与存档原件完全相同" in response.content.decode()


def test_uploading_a_tampered_copy_says_it_differs(client, issue):
    letter = issue()
    response = client.post(f"/letters/verify/{letter.verification_code}",
                           {"pdf": _upload(_tampered(letter_bytes(letter)))})
    html = response.content.decode()
    assert "不一致" in html and "一致：您上传的文件与存档原件完全相同" not in html


def test_the_start_page_finds_a_letter_by_its_file(client, issue):
    letter = issue()
    html = client.post(reverse("letters:verify_start"), {"pdf": _upload(letter_bytes(letter))}).content.decode()
    assert f"签发的{letter.number}的电子原件，未经改动" in html
    html = client.post(reverse("letters:verify_start"),
                       {"pdf": _upload(_tampered(letter_bytes(letter)))}).content.decode()
    assert f"该文件自称是{letter.number}" in html
    html = client.post(reverse("letters:verify_start"), {"pdf": _upload(b"%PDF-1.4 x")}).content.decode()
    assert "未找到：该文件不是本系统签发函件的电子原件" in html


def test_the_start_page_takes_a_code(client, issue):
    letter = issue()
    response = client.post(reverse("letters:verify_start"), {"code": letter.verification_code_display})
    assert response.status_code == 302 and response["Location"].endswith(letter.verification_code)
    response = client.post(reverse("letters:verify_start"), {"code": "123"})
    assert "核验码为12位字母或数字" in response.content.decode()


def test_a_voided_letter_says_so(client, issue):
    letter = issue()
    letter_void(letter=letter, reason="主送单位有误")
    replacement = issue(replaces=letter)
    html = client.get(f"/letters/verify/{letter.verification_code}").content.decode()
    assert "本函件已于" in html and "作废" in html and replacement.number in html
    assert "主送单位有误" not in html  # the reason stays internal


def test_markup_in_letters_comes_out_escaped_on_the_page(client, issue, db):
    from letters.services import Issuer

    odd = Issuer(key="department:66", name="<script>alert(1)</script>局", number_prefix="测信")
    letter = issue(issuer=odd)
    html = client.get(f"/letters/verify/{letter.verification_code}").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;局" in html


def test_a_letter_still_rendering_says_so(client, db, issuer, monkeypatch):
    from letters import services

    monkeypatch.setattr(services, "_enqueue_render", lambda letter_id: None)
    letter = services.letter_issue(issuer=issuer, kind="acceptance_notice", addressee="农安县人民政府",
                                   context=samples.sample_context("acceptance_notice"))
    html = client.get(f"/letters/verify/{letter.verification_code}").content.decode()
    assert "电子文件正在生成" in html
