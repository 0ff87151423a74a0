"""The one place casework reads the current time.

Services call `clock.now()`; a test moves time by replacing this function
(e.g. to walk a case across National Day), with no global clock freezing.
"""

from django.utils import timezone


def now():
    return timezone.now()
