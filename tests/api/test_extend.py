"""延长办理期限 (extend) through the API: refused while the province's setting is off, then once,
with the new due date in the answer and the notice among the case's letters."""

import pytest

from tests.api.test_objections import act, deadline, letter_kinds, lodge

pytestmark = pytest.mark.django_db
REASON = "所涉款项由三个部门分别支付，需逐一调取支付凭证核实。"


def test_the_schema_describes_extend_for_objections_and_repairs(client):
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    assert "post" in paths["/api/v1/objections/{number}/extend/"]
    assert "post" in paths["/api/v1/repairs/{number}/extend/"]


def test_refused_while_off_then_once_when_on(world, at, settings, extensions_on):
    number = lodge(world)["number"]
    at(2026, 9, 29)
    case = act(world.handler, number, "accept")
    assert "extend" in case["allowed_actions"]  # with the setting on (extensions_on)
    settings.CASEWORK_EXTENSIONS = {}  # the default: off
    refused = act(world.handler, number, "extend", {"days": 5, "reason": REASON}, expect=400)
    assert refused["detail"] == "书面答复期限按本省规定不能延长（未开启延期）。"
    settings.CASEWORK_EXTENSIONS = extensions_on
    assert act(world.handler, number, "extend", {"days": 16, "reason": REASON}, expect=400)
    case = act(world.handler, number, "extend", {"days": 5, "reason": REASON})
    assert deadline(case, "reply")["due_on"] == "2026-10-30"
    assert "extension_notice" in letter_kinds(case) and "extend" not in case["allowed_actions"]
    act(world.officer, number, "extend", {"days": 1, "reason": REASON}, expect=403)  # sees it, may not
    act(world.hr_handler, number, "extend", {"days": 1, "reason": REASON}, expect=404)  # outside its scope
