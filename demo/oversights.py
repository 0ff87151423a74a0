"""A 督办 of 长春市's supervisor on 长春市财政局's most overdue deadline, so that `supervisor` finds
it on its list and dashboard and `handler` on the case page, with the 书面反馈 form."""

from calendars import clock
from casework.models import Deadline, User
from supervision.models import Oversight
from supervision.services.oversight import oversight_issue, oversight_refusal

REASONS = "该异议申请已超过十五个工作日仍未受理和答复，请立即依法受理、核查并作出书面答复，同时说明逾期原因。"


def oversights_create(depts) -> None:
    """Once: none if any 督办 exists, or when no deadline of the department may take one today."""
    if Oversight.objects.exists():
        return
    today = clock.today()
    candidates = Deadline.objects.filter(acting_department=depts["长春市财政局"], met_at__isnull=True,
                                         due_date__isnull=False).order_by("due_date", "pk")
    office = depts["长春市社会信用体系建设联席会议办公室"]
    deadline = next((d for d in candidates if not oversight_refusal(d, today=today, office=office)), None)
    if deadline is not None:
        oversight_issue(deadline=deadline, reasons=REASONS, acting_user=User.objects.get(username="supervisor"),
                        today=today)
