"""The notification bell's unread count, computed only when a template shows it."""


def notifications(request):
    from supervision.services.notifications import unread_count

    user = getattr(request, "user", None)
    return {"supervision_unread": (lambda: unread_count(user)) if user is not None else 0}
