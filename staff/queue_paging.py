"""Paging a queue and building its links without a `reverse()` per row.

A queue is sorted in Python (its rows come from several case kinds and
tables), so it is paged as a list: every row is cheap to build, what costs is
rendering. Filters (search, kind, urgency) narrow `rows` before `queue_page`.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.paginator import Page, Paginator

# Placeholders reversed into a URL once, then replaced by each row's values.
# Digits, so they pass `<int:…>` converters; long enough not to occur otherwise.
_SLOTS = ("9000000001", "9000000002")


def queue_page(rows: list, *, page: str | None) -> Page:
    """The page `page` (1-based, from the query string) of `rows`; the last page if past the end."""
    paged = Paginator(rows, getattr(settings, "WORKFLOWS_QUEUE_PAGE_SIZE", 50)).get_page(page)
    # The links around this page, for the template (which cannot pass it an argument).
    paged.links = list(paged.paginator.get_elided_page_range(paged.number))
    return paged


class UrlFormat:
    """A URL reversed once with placeholders; `format(a, b)` puts one row's values in.

    `reverse_with(*slots)` is called once with the placeholders (as ints or strings,
    as the URL's converters expect).
    """

    def __init__(self, reverse_with, slots: int, *, as_int: bool = False):
        args = [int(s) if as_int else s for s in _SLOTS[:slots]]
        self.pattern = reverse_with(*args)
        self.slots = _SLOTS[:slots]

    def format(self, *values) -> str:
        url = self.pattern
        for slot, value in zip(self.slots, values):
            url = url.replace(slot, quote(str(value)))
        return url
