"""The publication periods: one table for repair and publication, and the day publication ends."""

import datetime

import pytest

from casework.publication import _last_ended_start, add_months, publication_period

D = datetime.date


def test_the_periods_by_severity_follow_order_no_36():
    assert (publication_period("minor").min_months, publication_period("minor").max_months) == (0, 3)
    assert (publication_period("general").min_months, publication_period("general").max_months) == (3, 12)
    assert (publication_period("serious").min_months, publication_period("serious").max_months) == (12, 36)


def test_both_bounds_are_settings(settings):
    settings.CASEWORK_LIMITS = {**settings.CASEWORK_LIMITS, "repair_min_publication_months_serious": 24,
                                "publication_max_months_serious": 30}
    assert (publication_period("serious").min_months, publication_period("serious").max_months) == (24, 30)


@pytest.mark.parametrize("months", [1, 3, 12, 36])
def test_the_query_cut_off_agrees_with_the_end_date_at_every_month_end(months):
    # Shown on `today` exactly when the period ends after it: published after the cut-off.
    start = D(2025, 12, 1)
    for offset in range(0, 800, 1):
        published = start + datetime.timedelta(days=offset)
        for today in (add_months(published, months) - datetime.timedelta(days=1), add_months(published, months)):
            shown = add_months(published, months) > today
            assert (published > _last_ended_start(today, months)) == shown, (published, today)
