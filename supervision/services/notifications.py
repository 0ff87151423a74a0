"""Notifications: e-mail delivery and marking read."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import QuerySet

from calendars import clock
from supervision.models import Notification


def _from_email() -> str:
    return settings.SUPERVISION.get("from_email") or settings.DEFAULT_FROM_EMAIL


def notification_email_pending(*, limit: int = 500) -> int:
    """E-mail every notification not yet e-mailed to a recipient with an address; return how many.

    Each row is claimed by a conditional update before its mail goes out, so
    two workers never send the same one (at most once; a crash between the
    claim and the send loses that e-mail, the in-app notification remains).
    """
    sent = 0
    pending = (
        Notification.objects.filter(emailed_at__isnull=True, recipient__is_active=True)
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("id")[:limit]
    )
    for note in pending:
        claimed = Notification.objects.filter(pk=note.pk, emailed_at__isnull=True).update(emailed_at=clock.now())
        if not claimed:
            continue
        subject = f"【{note.get_kind_display()}】{note.case_label}"
        send_mail(subject, note.message, _from_email(), [note.recipient.email], fail_silently=False)
        sent += 1
    return sent


def notification_mark_read(*, user, ids: list[int] | None = None, when: datetime.datetime | None = None) -> int:
    """Mark the user's notifications read (all unread ones when `ids` is None); return how many."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=when or clock.now())


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
