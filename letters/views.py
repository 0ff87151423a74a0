"""The public verification pages, and the PDF response the case pages use.

Anyone may verify a letter: by its code (shows issuer, number, date and hash)
and by uploading the PDF (says whether it is the unaltered original).
"""

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from letters.codes import code_normalise
from letters.downloads import PDF, file_response
from letters.forms import CodeForm, UploadForm
from letters.kinds import title_for
from letters.models import Letter
from letters.selectors import letter_by_code
from letters.verification import pdf_verify


def letter_file_response(letter: Letter, *, as_attachment: bool = True) -> FileResponse:
    """The archived PDF as a response; the caller has checked permission.

    `as_attachment=False` opens it in the browser, to print it for post.
    Raises Http404 while the letter is still being generated.
    """
    if not letter.is_available:
        raise Http404("函件正在生成，请稍后再试。")
    filename = f"{letter.number}{title_for(kind=letter.kind, context=letter.context)}.pdf"
    try:
        return file_response(letter.file, filename=filename, allowed=(PDF,), inline=not as_attachment)
    except FileNotFoundError:
        raise Http404("没有找到该函件的文件。") from None


def _read_upload(form: UploadForm) -> bytes:
    f = form.cleaned_data["pdf"]
    return b"".join(f.chunks())


@require_http_methods(["GET", "POST"])
def verify_start(request):
    """Type a code, or upload a PDF to find out which letter it is."""
    code_form, upload_form, verdict = CodeForm(), UploadForm(), None
    if request.method == "POST":
        if "code" in request.POST:
            code_form = CodeForm(request.POST)
            if code_form.is_valid():
                return redirect("letters:verify", code=code_form.cleaned_data["code"])
        else:
            upload_form = UploadForm(request.POST, request.FILES)
            if upload_form.is_valid():
                verdict = pdf_verify(_read_upload(upload_form))
    return render(request, "letters/verify_start.html",
                  {"code_form": code_form, "upload_form": upload_form, "verdict": verdict})


@require_http_methods(["GET", "POST"])
def verify(request, code: str):
    """One letter's public facts; upload a file to compare it with the original."""
    canonical = code_normalise(code)
    if canonical and canonical != code:
        return redirect("letters:verify", code=canonical)
    letter = letter_by_code(code)
    if letter is None:
        return render(request, "letters/verify_unknown.html", {"code": code, "code_form": CodeForm()}, status=404)
    upload_form, verdict = UploadForm(), None
    if request.method == "POST":
        upload_form = UploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            verdict = pdf_verify(_read_upload(upload_form), expected=letter)
    return render(request, "letters/verify.html", {
        "letter": letter,
        "title": title_for(kind=letter.kind, context=letter.context),
        "upload_form": upload_form,
        "verdict": verdict,
    })
