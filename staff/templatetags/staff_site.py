"""Template helpers of the staff site's layout: which applications the side menu lists, a case's flow page."""

from django import template
from django.urls import NoReverseMatch

register = template.Library()


@register.filter
def in_menu_for(app, user) -> bool:
    """Whether the side menu lists `app` for `user` (`menu_for`); its pages stay reachable either way."""
    menu_for = getattr(app, "menu_for", None)
    return menu_for(user) if callable(menu_for) else True


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
