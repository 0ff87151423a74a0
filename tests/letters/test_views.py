import pytest
from django.http import Http404

from letters import samples, services
from letters.services import letter_issue
from letters.views import letter_file_response

from .pdfs import letter_bytes


def test_file_response_serves_the_archived_pdf(issue):
    letter = issue()
    response = letter_file_response(letter)
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == letter_bytes(letter)
    inline = letter_file_response(letter, as_attachment=False)
    assert inline["Content-Disposition"].startswith("inline")


def test_file_response_is_404_while_rendering(db, issuer, monkeypatch):
    monkeypatch.setattr(services, "_enqueue_render", lambda letter_id: None)
    letter = letter_issue(issuer=issuer, kind="acceptance_notice", addressee="农安县人民政府",
                          context=samples.sample_context("acceptance_notice"))
    with pytest.raises(Http404):
        letter_file_response(letter)
