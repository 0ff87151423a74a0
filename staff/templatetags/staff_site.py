"""Template helpers of the staff site's layout: which applications the side menu lists, a case's flow page."""

from django import template
from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.filter
def in_menu_for(app, user) -> bool:
    """Whether the side menu lists `app` for `user` (`menu_for`); its pages stay reachable either way."""
    menu_for = getattr(app, "menu_for", None)
    return menu_for(user) if callable(menu_for) else True


FILE_KINDS = {  # the types casework.evidence accepts, as a clerk calls them
    "application/pdf": _("PDF 文件"),
    "image/jpeg": _("图片（JPEG）"),
    "image/png": _("图片（PNG）"),
}


@register.filter
def file_kind(content_type: str) -> str:
    """A file's type in words ("PDF 文件") instead of its MIME type; an unknown type as it is."""
    return FILE_KINDS.get(content_type, content_type)


@register.simple_tag
def flow_url(case) -> str:
    """The viewflow process page of `case` (its steps and tasks), or "" if no flow was started."""
    from workflows.case_flow import process_for

    process = process_for(case)
    if process is None:
        return ""
    try:
        return process.flow_class.instance.reverse("process_detail", kwargs={"process_pk": process.pk})
    except NoReverseMatch:
        return ""


@register.inclusion_tag("staff/_messages.html", takes_context=True)
def page_messages(context):
    """The messages, once, at the top of the page's content.

    viewflow's base also shows them in its snackbar, after the page: a flag on the
    request tells the snackbar (templates/viewflow/includes/snackbar.html) they are shown.
    """
    request = context.get("request")
    if request is not None:
        request.staff_messages_shown = True
    return {"messages": context.get("messages")}
