import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_counters():
    """The public pages' rate counters live in the cache: each test starts with none and leaves none."""
    cache.clear()
    yield
    cache.clear()
