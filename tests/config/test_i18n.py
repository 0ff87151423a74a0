"""English: the catalog is complete, and the pages speak it when a visitor asks.

The UI is written in Simplified Chinese; locale/en/LC_MESSAGES/django.po holds
its English. The .mo next to it is build output (bin/setup compiles it with
msgfmt, and it is gitignored), so the rendering tests compile it themselves
when it is missing or older than the .po.
"""

import os
import pathlib
import re
import shutil
import subprocess
import tempfile

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import CreditRecordFactory, UserFactory

pytestmark = pytest.mark.django_db

PO = pathlib.Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[A-Za-z_][A-Za-z_0-9]*\}")


@pytest.fixture(scope="module")
def english_catalog():
    """A compiled English catalog, as bin/setup would build it, loaded afresh."""
    if not MO.exists() or MO.stat().st_mtime < PO.stat().st_mtime:
        msgfmt = shutil.which("msgfmt")
        if msgfmt is None:
            pytest.fail(
                "msgfmt (Debian package gettext) is needed to compile the English catalog; run bin/setup"
            )
        # Compile beside the target and rename, so a reader never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=MO.parent, prefix=".django-", suffix=".mo")
        os.close(fd)
        try:
            subprocess.run([msgfmt, "--check-format", "-o", tmp, str(PO)], check=True, capture_output=True)
            os.chmod(tmp, 0o644)
            os.replace(tmp, MO)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    # Django keeps each language's catalog per process; one loaded before the
    # .mo existed would hold no English, so load it again.
    from django.utils.translation import trans_real

    trans_real._translations = {}
    trans_real._default = None
    yield MO


@pytest.fixture(autouse=True)
def default_language_afterwards():
    """LocaleMiddleware activates a request's language for the thread and leaves it
    active after the response; English must not outlive these tests."""
    yield
    translation.deactivate()


@pytest.fixture
def officer(client):
    record = CreditRecordFactory()
    user = UserFactory(subject_officer=True, subject=record.subject)
    client.force_login(user)
    return user


# --- the portal and the login page in each language ---------------------------


def test_login_page_is_chinese_by_default(client, english_catalog):
    page = client.get(reverse("login")).content.decode()
    assert "登录" in page
    assert "政务诚信异议、整改与信用修复系统" in page
    assert "Log in" not in page


def test_login_page_is_english_when_the_browser_asks(client, english_catalog):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert "Log in" in page
    assert "Government Integrity Objection, Rectification and Credit Repair System" in page
    assert "政务诚信异议、整改与信用修复系统" not in page


def test_portal_home_is_chinese_by_default(client, officer, english_catalog):
    page = client.get(reverse("portal:home")).content.decode()
    assert 'lang="zh-hans"' in page
    assert "<h2>信用记录</h2>" in page
    assert "政务失信记录" in page and "有效" in page
    assert "Credit record" not in page


def test_portal_home_is_english_with_the_language_cookie(client, officer, english_catalog):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("portal:home")).content.decode()
    assert 'lang="en"' in page
    assert "<h2>Credit record</h2>" in page
    assert "<h2>信用记录</h2>" not in page
    # Model choices come through the catalog as well as template strings.
    assert "Government dishonesty record" in page and "In effect" in page
    assert "Government subject portal" in page and "Log out" in page
    assert "政务主体门户" not in page


def test_portal_home_is_english_when_the_browser_asks(client, officer, english_catalog):
    page = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h2>Credit record</h2>" in page
    assert "<h2>信用记录</h2>" not in page


def test_the_headers_language_switch_turns_the_portal_english(client, officer, english_catalog):
    home = reverse("portal:home")
    response = client.post(reverse("set_language"), {"language": "en", "next": home})
    assert response.status_code == 302 and response.url == home
    page = client.get(home).content.decode()
    assert "<h2>Credit record</h2>" in page
    # The switch back to Chinese is offered in Chinese.
    assert 'value="zh-hans"' in page and "简体中文" in page


def test_portal_record_page_in_english(client, officer, english_catalog):
    record = officer.subject.records.get()
    page = client.get(
        reverse("portal:record_detail", args=[record.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert f"Credit record {record.number}" in page
    assert "Determining department" in page and "Punishment measures" in page
    assert "该记录没有惩戒措施。" not in page and "This record carries no punishment measures." in page


# --- the catalog itself --------------------------------------------------------


def _unquote(s: str) -> str:
    body = s.strip()
    assert body.startswith('"') and body.endswith('"'), body
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), body[1:-1])


def po_entries(path=PO):
    """The catalog's live entries as dicts: msgid, msgid_plural, msgstr (list), flags, line.

    A small reader of the gettext PO format (the project does not depend on
    polib); obsolete "#~" entries are left out.
    """
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if entry is not None and "msgid" in entry:
                finish()
                entry = None
            entry = entry or {"flags": set(), "msgstr": {}, "line": number}
            if line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(","))
            continue
        if line.startswith('"'):
            text = _unquote(line)
            if isinstance(field, tuple):
                entry["msgstr"][field[1]] += text
            else:
                entry[field] += text
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and entry is not None and "msgid" in entry:
            finish()
            entry = None
        entry = entry or {"flags": set(), "msgstr": {}, "line": number}
        match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
        if keyword == "msgstr" or match:
            field = ("msgstr", int(match.group(1)) if match else 0)
            entry["msgstr"][field[1]] = _unquote(rest)
        else:
            assert keyword in ("msgctxt", "msgid", "msgid_plural"), f"{path}:{number}: {raw}"
            field = keyword
            entry[keyword] = _unquote(rest)
    finish()
    return entries


def test_every_english_entry_is_translated():
    entries = po_entries()
    header = [e for e in entries if e["msgid"] == "" and "msgctxt" not in e]
    assert len(header) == 1 and "Language: en" in header[0]["msgstr"][0]
    messages = [e for e in entries if e["msgid"] != ""]
    assert len(messages) > 300, "the English catalog looks truncated"
    untranslated = [
        f'line {e["line"]}: {e["msgid"]}'
        for e in messages
        if not e["msgstr"]
        or not all(e["msgstr"].values())
        or (e.get("msgid_plural") and len(e["msgstr"]) < 2)
    ]
    assert untranslated == []


def test_no_english_entry_is_fuzzy_and_placeholders_are_kept():
    messages = [e for e in po_entries() if e["msgid"] != ""]
    assert [e["msgid"] for e in messages if "fuzzy" in e["flags"]] == []
    broken = []
    for e in messages:
        wanted = set(PLACEHOLDER.findall(e["msgid"] + e.get("msgid_plural", "")))
        for text in e["msgstr"].values():
            if set(PLACEHOLDER.findall(text)) != wanted:
                broken.append((e["msgid"], text))
    assert broken == []
