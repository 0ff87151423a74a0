"""Over the whole demo data: every field the public pages and feeds show is one meant for publication."""

import csv
import io
import json
from django.urls import reverse

from calendars import clock
from casework.classification import find_resident_ids
from casework.models import CreditRecord, ObjectionCase, RectificationCase, RepairCase, Subject, SubjectKind, User
from letters.models import Letter
from public.records import FIELD_NAMES, PUBLISHED_FIELDS, published_records, published_row


def _all_pages(client):
    texts, url = [], reverse("public:records")
    page = 1
    while True:
        response = client.get(url, {"page": page})
        texts.append(response.content.decode())
        if f"page={page + 1}" not in texts[-1]:
            return "".join(texts)
        page += 1


def _never_shown():
    """Strings that must appear nowhere in public: unpublished records, cases, letters, people."""
    shown = set(published_records(today=clock.today()).values_list("pk", flat=True))
    strings = {r.number for r in CreditRecord.objects.exclude(pk__in=shown)}
    for model in (ObjectionCase, RepairCase, RectificationCase):
        strings |= set(model.objects.values_list("number", flat=True))
    strings |= set(Letter.objects.values_list("number", flat=True))
    strings |= set(ObjectionCase.objects.values_list("grounds", flat=True))
    strings |= set(RepairCase.objects.values_list("losses_recovered", flat=True))
    for user in User.objects.all():
        strings |= {user.username, user.first_name, user.last_name, user.email}
    strings |= set(Subject.objects.filter(kind=SubjectKind.CIVIL_SERVANT).values_list("name", flat=True))
    # Short strings (a one-character name) would match anywhere; what is left still names each object.
    return {s for s in strings if s and len(s) >= 4}


def test_every_shown_field_is_meant_for_publication_over_the_demo_data(client, demo_data):
    records = list(published_records(today=clock.today()))
    assert len(records) >= 3 and CreditRecord.objects.filter(is_published=False).exists()
    expected = {r.number: published_row(r) for r in records}

    feed = json.loads(client.get(reverse("public:records_json"), {"page_size": 1000}).content)
    assert [f["name"] for f in feed["fields"]] == list(FIELD_NAMES)
    assert feed["count"] == len(records)
    for row in feed["results"]:
        assert tuple(row) == FIELD_NAMES  # the allow-list, nothing more
        assert row == expected[row["number"]]

    response = client.get(reverse("public:records_csv"))
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert table[0] == [label for _key, label in PUBLISHED_FIELDS]
    assert {tuple(line) for line in table[1:]} == {tuple(row.values()) for row in expected.values()}

    page = _all_pages(client)
    assert all(number in page for number in expected)

    texts = {"page": page, "json": json.dumps([list(r.values()) for r in feed["results"]], ensure_ascii=False), "csv": "\n".join(map(",".join, table))}
    never = _never_shown()
    for where, text in texts.items():
        assert not find_resident_ids(text), where  # a valid resident ID number, unmasked
        leaked = sorted(s for s in never if s in text)
        assert not leaked, f"{where} shows {leaked[:5]}"
