import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _default_language():
    """A test that asks for English must not leave English on for the next one."""
    yield
    translation.activate("zh-hans")
    translation.deactivate()


@pytest.fixture
def demo_data(db):
    """The same demo data `manage.py seed_demo` gives a developer."""
    from django.core.management import call_command

    call_command("seed_demo", stdout=open("/dev/null", "w"))
