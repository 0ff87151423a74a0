import pytest
from PIL import Image, ImageDraw

from letters import samples
from letters.services import Issuer, letter_issue


@pytest.fixture
def issuer():
    return Issuer(key="department:12", name="长春市财政局", number_prefix="长财信")


@pytest.fixture
def seal_png(tmp_path):
    """A red ring with a star: stands in for a department's seal."""
    im = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.ellipse((6, 6, 294, 294), outline=(220, 20, 30, 210), width=12)
    d.regular_polygon((150, 150, 60), 5, fill=(220, 20, 30, 210))
    path = tmp_path / "seal.png"
    im.save(path)
    return path


@pytest.fixture
def sealed_issuer(seal_png):
    return Issuer(key="department:12", name="长春市财政局", number_prefix="长财信", seal_path=str(seal_png))


@pytest.fixture
def about(db):
    """Any model instance with an integer pk will do: letters knows no case model."""
    from django.contrib.auth.models import Group

    return Group.objects.create(name="异议案件 YY-2026-000015")


@pytest.fixture
def staff(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("letters-officer", password="x")


@pytest.fixture
def issue(db, django_capture_on_commit_callbacks, issuer, about, staff, at):
    """Issue a letter (demo context unless given) and run the render the commit would queue.

    On the `at` fixture's day (28 September 2026) unless a test moves the clock: the tests read the
    year in the letters' numbers (〔2026〕), which the real clock would change every January."""

    def _issue(kind="objection_reply", *, context=None, addressee=None, **kwargs):
        kwargs.setdefault("issuer", issuer)
        kwargs.setdefault("about", about)
        kwargs.setdefault("acting_user", staff)
        with django_capture_on_commit_callbacks(execute=True):
            letter = letter_issue(
                kind=kind,
                addressee=addressee or samples.sample_addressee(kind),
                context=samples.sample_context(kind) if context is None else context,
                **kwargs,
            )
        letter.refresh_from_db()
        return type(letter).objects.get(pk=letter.pk)

    return _issue
