import pytest


@pytest.fixture
def demo_data(db):
    """The same demo data `manage.py seed_demo` gives a developer."""
    from django.core.management import call_command

    call_command("seed_demo", stdout=open("/dev/null", "w"))
