"""Fixtures for the API tests: two subjects, two departments, token clients (the clock: `at`, tests/conftest.py)."""

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import (
    CreditRecordFactory,
    DepartmentFactory,
    PunishmentMeasureFactory,
    UserFactory,
    image_bytes,
    pdf_bytes,
)

# Real files: evidence is parsed (pypdf) and decoded (Pillow), not only sniffed.
PNG = image_bytes("PNG")
PDF = pdf_bytes()


def client_for(user) -> APIClient:
    """An API client that authenticates as `user` with its token, as an integrator would."""
    client = APIClient()
    _, token = AuthToken.objects.create(user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    client.user = user
    return client


class World:
    """One subject's record determined by 财政局 with measures from 财政局 and 人社厅; a second subject."""

    def __init__(self):
        self.record = CreditRecordFactory()
        self.finance = self.record.determined_by
        self.hr = DepartmentFactory(name="省人社厅")
        self.finance_measure = PunishmentMeasureFactory(record=self.record, imposed_by=self.finance)
        self.hr_measure = PunishmentMeasureFactory(record=self.record, imposed_by=self.hr)
        self.officer = client_for(UserFactory(subject_officer=True, subject=self.record.subject))
        self.handler = client_for(UserFactory(handler=True, department=self.finance))
        self.hr_handler = client_for(UserFactory(handler=True, department=self.hr))
        self.stranger_record = CreditRecordFactory()
        self.stranger = client_for(UserFactory(subject_officer=True, subject=self.stranger_record.subject))
        self.stranger_handler = client_for(
            UserFactory(handler=True, department=self.stranger_record.determined_by)
        )


@pytest.fixture
def world(db):
    return World()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)
