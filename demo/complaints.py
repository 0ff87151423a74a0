"""A complaint in 长春's office's queue, lodged through the public form's entry point.

Someone with a name and a telephone complains about 农安县人民政府 over an unpaid procurement
contract, with a document; 长春's office has accepted it and transferred it to 长春市财政局, whose
findings are due. A second, anonymous one waits for the office's acceptance review.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from calendars import clock
from casework.evidence import blank_pdf
from casework.models import ComplaintCase
from casework.services.complaints import complaint_lodge
from demo.organisations import handlers
from workflows.actions import act, start


def complaints_create(depts, subjects) -> None:
    """Once: none if any complaint exists."""
    if ComplaintCase.objects.exists():
        return
    office = handlers()["handler-ccxyb"]
    nongan = subjects["农安县人民政府"]
    today = clock.today()
    case = start(ComplaintCase, complaint_lodge, acting_user=None, subject=nongan,
                 facts="我公司2025年为农安县某乡镇政府供应办公设备，合同约定验收后30日内付款，验收已逾半年仍未付款，多次催要无果。",
                 occurred_on=today.replace(day=1), complainant_name="张某（演示）", complainant_contact="13800000000",
                 files=[SimpleUploadedFile("验收单.pdf", blank_pdf(), "application/pdf")])
    act(case=case, action="accept", acting_user=office, payload={"reason": "属于政务失信投诉，予以受理。"})
    case.refresh_from_db()
    act(case=case, action="transfer", acting_user=office,
        payload={"department_id": depts["长春市财政局"].pk, "requirements": "请核实合同履行和付款情况，书面报告调查结果。"})
    start(ComplaintCase, complaint_lodge, acting_user=None, subject=nongan,
          facts="农安县人民政府承诺对新落户企业三年内给予租金补贴，至今一次未兑现。", occurred_on=today.replace(day=1))
