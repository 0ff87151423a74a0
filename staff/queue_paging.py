"""Paging a queue and building its links without a `reverse()` per row.

A queue's rows are a query (`staff.queue_rows`: a UNION over the case kinds,
filtered and sorted by the database), paged here: the paginator counts it and
slices one page, and only that page becomes rows.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.paginator import Page, Paginator

# Placeholders reversed into a URL once, then replaced by each row's values.
# Digits, so they pass `<int:…>` converters; long enough not to occur otherwise.
_SLOTS = ("9000000001", "9000000002")


def queue_page(rows, *, page: str | None, query: str = "") -> Page:
    """The page `page` (1-based, from the query string) of `rows` (a list or an ordered query); the last
    page if past the end. `query` (the filters, urlencoded) is kept in the pager's links."""
    paged = Paginator(rows, getattr(settings, "WORKFLOWS_QUEUE_PAGE_SIZE", 50)).get_page(page)
    # The links around this page, for the template (which cannot pass it an argument).
    paged.links = list(paged.paginator.get_elided_page_range(paged.number))
    paged.query_prefix = f"{query}&" if query else ""
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
