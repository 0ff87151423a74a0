"""viewflow's bulk assign and unassign pages, drawn on the one confirm card (templates/viewflow/confirm_base.html)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("path", "title", "crumb"), [
    ("/staff/objection/queue/assign/", "认领所选任务", "/staff/objection/queue/"),
    ("/staff/objection/inbox/unassign/", "取消认领所选任务", "/staff/objection/inbox/"),
])
def test_the_bulk_pages_ask_first_with_their_title_breadcrumb_and_a_back_link_that_reloads(client, lodged, path, title, crumb):
    client.force_login(lodged[0])
    # The list posts the ticked rows here; without "_confirm" the page asks first.
    html = client.post(path, {"select_all": "1"}).content.decode()
    assert f'<h1 class="vf-card__title">{title}</h1>' in html
    assert f'href="{crumb}"' in html
    assert 'data-history-back="reload"' in html and 'type="submit" name="_confirm" value="确认"' in html
