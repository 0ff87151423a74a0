"""An appeal against a repair decision is followed on the public lookup page like every case:
its number and the subject's credit code, its status and decision deadline, no grounds."""

from django.urls import reverse

from casework.services.appeals import repair_appeal_lodge

GROUNDS = "拖欠款项已于2026年8月全部付清，决定书认定未挽回损失与事实不符。"


def test_an_appeal_is_found_by_its_number_and_the_subjects_credit_code(client, appeal_world):
    case = repair_appeal_lodge(repair=appeal_world["repair"], grounds=GROUNDS,
                               acting_user=appeal_world["officer"])
    page = client.post(reverse("public:lookup"), {"number": case.number,
                                                  "code": appeal_world["government"].uscc}).content.decode()
    assert case.number in page and "已收到，待受理审查" in page and "信用修复申诉处理" in page
    assert "2026年10月16日" in page and GROUNDS not in page
