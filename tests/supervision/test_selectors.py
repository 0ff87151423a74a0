"""The dashboard's own counting of open cases: the same numbers as the tallies' recount, in one query."""

import pytest

from casework.models import Jurisdiction
from casework.services.tallies import open_case_counts
from supervision.selectors import _open_cases_counted

pytestmark = pytest.mark.django_db


def test_open_cases_of_every_kind_counted_in_one_query_equal_the_recount_for_every_scope(
        demo_data, django_assert_num_queries):
    scopes = [None, *Jurisdiction.objects.order_by("path").values_list("path", flat=True)]
    for scope in scopes:
        with django_assert_num_queries(1):
            counted = _open_cases_counted(scope)
        assert counted == open_case_counts(scope_path=scope), scope
    everything = _open_cases_counted(None)
    assert {code for code, _ in everything} == {"objection", "repair", "rectification", "complaint", "appeal"}
    assert any(_open_cases_counted(path) and _open_cases_counted(path) != everything for path in scopes[1:])
