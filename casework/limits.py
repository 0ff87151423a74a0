"""Legal time limits and upload limits, read from settings.CASEWORK_LIMITS.

The values are settings (defaults from the seed: 15 working days to reply,
5 to report, …), never literals in the services.
"""

from django.conf import settings

DEFAULTS = {
    "objection_reply_working_days": 15,
    "materials_working_days": 10,
    "provincial_report_working_days": 5,
    "measure_lifting_working_days": 5,
    "evidence_max_bytes": 10 * 1024 * 1024,
    "evidence_max_files": 10,
}


def limit(name: str) -> int:
    return getattr(settings, "CASEWORK_LIMITS", {}).get(name, DEFAULTS[name])
