"""The public pages: no account, nothing written, nothing unpublished.

Publication pages and feeds are not cached (here or, by their headers, in a
browser or proxy): a record that stops being published must vanish at once,
and a cache would have to be invalidated by every service that ends
publication.
"""

import csv
import math
from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from calendars import clock
from letters.blanks import BLANKS, blank_pdf
from public.forms import LookupForm, RecordSearchForm
from public.guide import guide_limits
from public.lookup import case_lookup
from public.records import FIELD_NAMES, PUBLISHED_FIELDS, published_records, published_row
from public.throttle import lookup_allowed

PAGE_SIZE = 20
FEED_PAGE_SIZE = 100
FEED_MAX_PAGE_SIZE = 1000


@require_GET
def home(request):
    return render(request, "public/home.html")


def _search(request):
    """The search form, the query it holds (empty if invalid) and the records it finds."""
    form = RecordSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    return form, query, published_records(today=clock.today(), query=query)


@require_GET
@never_cache
def records(request):
    form, query, records = _search(request)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "public/records.html", {
        "form": form, "query": query, "page": page, "rows": [published_row(r) for r in page.object_list],
        "fields": dict(PUBLISHED_FIELDS),
    })


def _positive(value, default: int, maximum: int | None = None) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    number = max(1, number)
    return min(number, maximum) if maximum else number


@require_GET
@never_cache
def records_json(request):
    """Open data for the provincial and national platforms: one page of rows, with the next page's address."""
    _form, _query, records = _search(request)
    size = _positive(request.GET.get("page_size"), FEED_PAGE_SIZE, FEED_MAX_PAGE_SIZE)
    count = records.count()
    pages = max(1, math.ceil(count / size))
    number = min(_positive(request.GET.get("page"), 1), pages)
    rows = records[(number - 1) * size: number * size]
    query = request.GET.copy()
    query["page"], query["page_size"] = number + 1, size
    return JsonResponse({
        "fields": [{"name": key, "label": label} for key, label in PUBLISHED_FIELDS],
        "count": count, "page": number, "pages": pages, "page_size": size,
        "next": f"{request.path}?{query.urlencode()}" if number < pages else None,
        "generated_on": clock.today().isoformat(),
        "results": [published_row(r) for r in rows],
    }, json_dumps_params={"ensure_ascii": False})


class _Echo:
    def write(self, value):
        return value


@require_GET
@never_cache
def records_csv(request):
    """Every published record as CSV, streamed (UTF-8 with BOM, so spreadsheet programs read the Chinese)."""
    _form, _query, records = _search(request)
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([label for _key, label in PUBLISHED_FIELDS])
        for record in records.iterator(chunk_size=500):
            row = published_row(record)
            yield writer.writerow([row[name] for name in FIELD_NAMES])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="dishonesty-records.csv"'
    return response


@require_http_methods(["GET", "POST"])
@never_cache
def lookup(request):
    """Look a case up by its number and the subject's credit code.

    A wrong pair and an unknown number get the very same answer, so the page
    tells nobody which case numbers exist. Each look-up counts against the
    address's rate.
    """
    result = None
    looked_up = False
    if request.method == "POST":
        allowed, wait = lookup_allowed(request)
        if not allowed:
            response = render(request, "public/lookup.html", {"form": LookupForm(request.POST), "wait": wait},
                              status=429)
            response["Retry-After"] = str(wait)
            return response
        form = LookupForm(request.POST)
        if form.is_valid():
            looked_up = True
            result = case_lookup(number=form.cleaned_data["number"], code=form.cleaned_data["code"])
    else:
        form = LookupForm(initial={"number": request.GET.get("number", "")[:32]})
    return render(request, "public/lookup.html", {"form": form, "result": result, "looked_up": looked_up})


@require_GET
def guide(request):
    return render(request, "public/guide.html", {"limits": guide_limits(), "blanks": BLANKS.values()})


@require_GET
def blank(request, slug):
    """A blank form of the guide as PDF (异议申请表, 信用修复申请书, 信用承诺书)."""
    if slug not in BLANKS:
        raise Http404
    response = HttpResponse(blank_pdf(slug), content_type="application/pdf")
    response["Content-Disposition"] = (
        f"attachment; filename=\"{slug}.pdf\"; filename*=UTF-8''{quote(BLANKS[slug].filename)}"
    )
    return response
