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
    # Credit repair: the determining department's review (paused while materials
    # are awaited), and the minimum publication period per severity before a
    # record may be repaired, in months from its determination (国办发〔2025〕22号).
    "repair_review_working_days": 10,
    "repair_min_publication_months_minor": 0,
    "repair_min_publication_months_general": 3,
    "repair_min_publication_months_serious": 12,
    # Rectification: the time limit a supervisor office sets when it gives none.
    "rectification_default_working_days": 20,
}


def limit(name: str) -> int:
    return getattr(settings, "CASEWORK_LIMITS", {}).get(name, DEFAULTS[name])
