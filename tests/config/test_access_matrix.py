"""Access matrix: every URL the resolver knows, as people of another scope, shows none of 长春's data.

The test walks `django.urls.get_resolver()` (the web site, /staff/, /portal/, /supervision/,
/exchange/, /letters/, /calendar/, /admin/, /api/ …), fills every parameter with a real value of
长春市's scope from the demo data (a case number, process, task, letter, evidence file, record,
report …) and requests each URL (GET and an empty POST) as people who must not see that scope:
anonymous, a subject officer of 延吉市人民政府, one of 长春市公共资源交易中心 (inside 长春: it may
see its own data, none of the other subjects'), handlers of 延边州财政局 and of 吉林市信用信息中心
(a platform operator of another city), and a supervisor of 延边州. A response passes when it
refuses (403/404/405/401, or a redirect to a login page) or shows none of the scope's case
numbers, record and letter numbers, subject names and credit codes. Admin pages must send every
one of them to the admin login. The owning handlers, supervisor and subject officer then request
the same URLs, to prove the values are real (else the matrix could pass vacuously).

A parameter the test cannot fill fails it with the pattern's name: a URL added later must say
here what its parameters are, which is the point.

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python -m pytest tests/config/test_access_matrix.py -q -s
"""

import json
import re
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from calendars import clock
from casework.models import (
    ComplaintCase,
    CreditRecord,
    Department,
    Jurisdiction,
    ObjectionCase,
    PlatformReport,
    PunishmentMeasure,
    RectificationCase,
    RepairAppeal,
    RepairCase,
    Role,
    Subject,
    SubmissionKind,
    User,
)
from letters.models import Letter
from public.records import published_records
from tests.factories import CreditRecordFactory, UserFactory, pdf_upload
from workflows.case_flow import process_for

pytestmark = pytest.mark.django_db

SCOPE_PATH = "220000/220100/"  # 长春市 and its districts and counties
OWN_SUBJECT = "长春市公共资源交易中心"  # inside 长春: its officer may see its own data only

# Parameters that carry no scoped data: free text a catch-all view answers 404 to.
# Keyed by (route, parameter); nothing else may be left unfilled.
FREE_TEXT = {
    ("api/^(?P<path>.*)$", "path"): "v1/no-such-endpoint/",  # the API's JSON 404 for unknown addresses
    ("admin/(?P<url>.*)$", "url"): "no-such-page/",  # the admin's catch-all (redirects to its login)
    ("public/guide/<slug:slug>.pdf", "slug"): "objection-form",  # a blank form of the guide, the same for all
    # The complaint form's captcha images and sound: a random key, no case data.
    ("captcha/image/(?P<key>\\w+)/$", "key"): "nosuchkey",
    ("captcha/image/(?P<key>\\w+)@2/$", "key"): "nosuchkey",
    ("captcha/audio/(?P<key>\\w+).wav$", "key"): "nosuchkey",
}

# A letter's verification code is the proof its holder shows: the public verification page
# (letters:verify) gives the letter's public facts to anyone who has the code, by design, so a
# 200 with the addressee is expected there. It must not enumerate: an unknown code is 404.
# Likewise the password-reset link mailed to one person: its token is the capability, and the
# page shows no case data. The matrix fills both with real values and still reads the bodies.
PUBLIC_BY_CODE = {"letters:verify", "password_reset_confirm"}

# The public pages (public/): published dishonesty records are shown to anyone, by design, on the
# page and in the open-data feeds. There the matrix allows exactly the strings of the records
# shown (their numbers, their subjects' names and codes) and reads the streamed CSV too: any other
# string of the scope (an unpublished record, a case, a letter) is a leak. The other public pages
# (lookup, guide, calculator) show nothing without a case number and its credit code, and are
# checked like every page.
PUBLISHED_RECORDS = {"public:records", "public:records_json", "public:records_csv"}

KINDS = {"objection": ObjectionCase, "repair": RepairCase, "rectification": RectificationCase,
         "complaint": ComplaintCase, "appeal": RepairAppeal}


@dataclass
class Leaf:
    route: str  # the full route, each level's pattern joined
    name: str  # namespaced name, or the route when the pattern has none
    parts: list = field(default_factory=list)  # each level's pattern object

    @property
    def params(self) -> list[str]:
        names = []
        for part in self.parts:
            names += list(part.regex.groupindex)
        return names


def _leaves(patterns, parts=(), namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _leaves(entry.url_patterns, (*parts, entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            chain = [*parts, entry.pattern]
            route = "".join(str(p) for p in chain)
            yield Leaf(route=route, name=f"{namespace}{entry.name}" if entry.name else route, parts=chain)


_ROUTE_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def _render_regex(regex: str, values: dict) -> str:
    out, i = [], 0
    regex = regex.removeprefix("^").removesuffix("$")
    while i < len(regex):
        if regex.startswith("(?P<", i):
            name = regex[i + 4: regex.index(">", i)]
            depth, j = 0, i
            while True:  # to the group's closing parenthesis
                if regex[j] == "\\":
                    j += 2
                    continue
                depth += {"(": 1, ")": -1}.get(regex[j], 0)
                if depth == 0:
                    break
                j += 1
            out.append(str(values[name]))
            i = j + 1
        elif regex[i] == "\\":
            out.append(regex[i + 1])
            i += 2
        else:
            out.append(regex[i])
            i += 1
    return "".join(out)


def render(leaf: Leaf, values: dict) -> str:
    url = "/"
    for part in leaf.parts:
        text = str(part)
        if isinstance(part, RoutePattern):  # path(): <conv:name>; else re_path()
            url += _ROUTE_PARAM.sub(lambda m: str(values[m["name"]]), text)
        else:
            url += _render_regex(text, values)
    if re.search(r"[\[\]()*+?|^$]", url):
        raise CannotFill(leaf.name, f"route {leaf.route!r} renders as {url!r}")
    return url


class CannotFill(Exception):
    pass


class Scope:
    """长春's objects in the demo data, the strings that betray them, and who owns them."""

    def __init__(self):
        self.subjects = list(Subject.objects.filter(jurisdiction__path__startswith=SCOPE_PATH))
        # The officer of OWN_SUBJECT is one of the people outside the scope of the other subjects'
        # cases: fill addresses with its own cases only when no other case will do.
        self.cases = {
            kind: sorted(model.objects.filter(subject__jurisdiction__path__startswith=SCOPE_PATH),
                         key=lambda case: (case.subject.name == OWN_SUBJECT, case.pk))
            for kind, model in KINDS.items()
        }
        self.records = list(CreditRecord.objects.filter(subject__jurisdiction__path__startswith=SCOPE_PATH))
        all_cases = [case for cases in self.cases.values() for case in cases]
        self.letters = [letter for case in all_cases for letter in _letters_of(case)]
        # The strings that betray each subject's data: its name and code, its cases', records' and letters' numbers.
        by_subject = {s.pk: {s.name, *([s.uscc] if s.uscc else [])} for s in self.subjects}
        for case in all_cases:
            by_subject[case.subject_id] |= {case.number, *(letter.number for letter in _letters_of(case))}
        for record in self.records:
            by_subject[record.subject_id].add(record.number)
        # JsonResponse escapes non-ASCII: look for the escaped spelling too.
        self.by_subject = {pk: strings | {json.dumps(s)[1:-1] for s in strings} for pk, strings in by_subject.items()}
        self.strings = sorted(set().union(*self.by_subject.values()))
        shown = published_records(today=clock.today())
        published = {r.number for r in shown} | {r.subject.name for r in shown} | {
            r.subject.uscc for r in shown if r.subject.uscc}
        self.published = published | {json.dumps(s)[1:-1] for s in published}

    def found_in(self, text: str, user: User | None = None) -> list[str]:
        """The scope's strings in `text`, but those of `user`'s own subject (a subject officer's own data)."""
        own = self.by_subject.get(getattr(user, "subject_id", None), set())
        return [s for s in self.strings if s in text and s not in own]

    def case_for(self, leaf: Leaf, kind: str, needs: set[str]):
        node = _node_of(leaf)
        candidates = self.cases[kind]
        for strict in (True, False):
            for case in candidates:
                process = process_for(case)
                if "letter" in needs and not _letters_of(case):
                    continue
                if "evidence" in needs and not case.evidence.exists():
                    continue
                # A case's 督办 addresses: the case that has one (the demo's), else any case of the kind.
                if strict and "oversight" in needs and not _oversights_of(case).exists():
                    continue
                if needs & {"process", "task"} and process is None:
                    continue
                if strict and node and _task_of(process, node).flow_task.name != node:
                    continue
                return case
        raise CannotFill(leaf.name, f"no {kind} of 长春's scope has {sorted(needs)}")

    def owners(self, case) -> list[User]:
        """Who may see `case` (or, with none, the scope's supervisor and handlers)."""
        depts = []
        if case is not None:
            depts = [getattr(case, f"{name}_id") for name in
                     ("handling_department", "determining_department", "supervisor_office", "handling_office",
                      "transferred_to") if hasattr(case, name)]
        people = list(User.objects.filter(role=Role.HANDLER, department_id__in=depts).order_by("pk"))
        people.append(User.objects.get(username="supervisor"))
        if case is not None:
            people += list(User.objects.filter(role=Role.SUBJECT_OFFICER, subject_id=case.subject_id).order_by("pk"))
        else:
            people += list(User.objects.filter(
                role=Role.HANDLER, department__jurisdiction__path__startswith=SCOPE_PATH).order_by("pk"))
            people.append(User.objects.get(username="subject"))
        return people


def _letters_of(case) -> list[Letter]:
    return list(Letter.objects.filter(
        content_type=ContentType.objects.get_for_model(type(case)), object_id=case.pk).order_by("pk"))


def _oversights_of(case):
    from supervision.oversight_figures import oversights_of_case

    return oversights_of_case(case)


def _node_of(leaf: Leaf) -> str | None:
    """The flow node a task address names: `<process_pk>/review/<task_pk>/` → review."""
    found = re.search(r"/(\w+)/<int:task_pk>", leaf.route)
    return found[1] if found and "process_pk" in leaf.route else None


def _task_of(process, node: str | None):
    """A task of `process` at `node` if it has one, else its latest task."""
    tasks = list(process.task_set.order_by("-pk"))
    return next((task for task in tasks if task.flow_task.name == node), tasks[0])


def _kind_of(route: str) -> str:
    # Leftmost: "repairs/<number>/appeal/" is a repair case's page, "appeals/<number>/" an appeal's.
    found = re.search(r"(objection|repair|rectification|complaint|appeal)", route)
    return found[1] if found else "objection"


def _segment_before(leaf: Leaf, param: str) -> str:
    found = re.search(rf"(\w+)/[^/]*\b{param}\b", leaf.route)
    return found[1] if found else ""


def _admin_model(leaf: Leaf):
    from django.apps import apps

    found = re.match(r"admin/(\w+)/(\w+)/", leaf.route)
    return apps.get_model(found[1], found[2]) if found else None


def _scoped_object(model):
    for lookup in ("subject__jurisdiction__path__startswith", "record__subject__jurisdiction__path__startswith",
                   "jurisdiction__path__startswith"):
        try:
            found = model.objects.filter(**{lookup: SCOPE_PATH}).order_by("pk").first()
        except Exception:  # the model has no such relation: try the next way to the scope
            continue
        if found is not None:
            return found
    return model.objects.order_by("pk").first()


def fill(leaf: Leaf, scope: Scope):
    """Return (url, case used or None) for `leaf`, every parameter a real value of 长春's scope."""
    params = leaf.params
    if not params:
        return render(leaf, {}), None
    kind = _kind_of(leaf.route)
    model_pk_needs = {"letters": "letter", "evidence": "evidence"}
    needs = set()
    for param in params:
        if param in ("letter_pk", "evidence_pk"):
            needs.add(param.removesuffix("_pk"))
        elif param == "pk" and _segment_before(leaf, "pk") in model_pk_needs:
            needs.add(model_pk_needs[_segment_before(leaf, "pk")])
        elif param in ("process_pk", "task_pk"):
            needs.add(param.removesuffix("_pk"))
        elif param == "oversight_pk" and "number" in params:
            needs.add("oversight")
    case_params = {"number", "letter_pk", "evidence_pk", "process_pk", "task_pk"}
    case = scope.case_for(leaf, kind, needs) if needs or case_params & set(params) else None
    values = {}
    for param in params:
        values[param] = _value(leaf, param, scope, case)
    return render(leaf, values), case


def _value(leaf: Leaf, param: str, scope: Scope, case):
    before = _segment_before(leaf, param)
    if (leaf.route, param) in FREE_TEXT:
        return FREE_TEXT[(leaf.route, param)]
    if leaf.route.startswith("admin/"):
        return _admin_value(leaf, param, scope)
    if param == "number":
        return case.number
    if param == "process_pk":
        return process_for(case).pk
    if param == "task_pk":
        if case is None:  # the department queue's claim: an open task of 长春's scope
            case = scope.case_for(leaf, "objection", {"task"})
        return _task_of(process_for(case), _node_of(leaf)).pk
    if param == "letter_pk" or (param == "pk" and before == "letters"):
        return _letters_of(case)[0].pk
    if param == "evidence_pk" or (param == "pk" and before == "evidence"):
        return case.evidence.order_by("pk").first().pk
    if param == "pk":
        by_segment = {
            "records": CreditRecord, "creditrecord": CreditRecord, "punishmentmeasure": PunishmentMeasure,
            "subject": Subject,
        }
        if before in by_segment:
            return _scoped_object(by_segment[before]).pk
        if before in ("exchange", "oversight_app") or "exchange/" in leaf.route:
            return PlatformReport.objects.filter(
                record__subject__jurisdiction__path__startswith=SCOPE_PATH).order_by("pk").first().pk
        if before == "reports":
            from supervision.models import SupervisionReport

            return SupervisionReport.objects.filter(jurisdiction__path__startswith=SCOPE_PATH).first().pk
    if param == "oversight_pk":  # the demo's 督办 (of 长春's scope), or the case's own when it has one
        from supervision.models import Oversight

        own = _oversights_of(case).first() if case is not None else None
        return (own or Oversight.objects.filter(deadline__jurisdiction__path__startswith=SCOPE_PATH)
                .order_by("pk").first()).pk
    if param == "deadline_pk":  # the 督办 form: an open deadline of 长春's scope a department must meet
        from casework.models import Deadline

        return Deadline.objects.filter(jurisdiction__path__startswith=SCOPE_PATH, met_at__isnull=True,
                                       acting_department__isnull=False).order_by("due_date", "pk").first().pk
    if param == "lifting_pk":  # the queue's 确认解除: a lifting waiting in 长春's scope
        from casework.models import MeasureLifting

        return MeasureLifting.objects.filter(
            measure__record__subject__jurisdiction__path__startswith=SCOPE_PATH, confirmed_at__isnull=True,
        ).order_by("pk").first().pk
    if param == "kind" and "rectifications/" in leaf.route:
        return SubmissionKind.EXPLANATION.value
    if param == "fmt":
        return "csv"
    if param == "code":
        return next(letter.verification_code for letter in scope.letters if letter.verification_code)
    if param in ("uidb64", "token"):
        owner = User.objects.get(username="handler")
        return (urlsafe_base64_encode(force_bytes(owner.pk)) if param == "uidb64"
                else default_token_generator.make_token(owner))
    raise CannotFill(leaf.name, f"parameter {param!r} of {leaf.route!r}")


def _admin_value(leaf: Leaf, param: str, scope: Scope):
    if param == "app_label":
        return "casework"
    if param == "content_type_id":
        return ContentType.objects.get_for_model(ObjectionCase).pk
    if param == "object_id" and leaf.route.startswith("admin/r/"):
        return scope.cases["objection"][0].pk
    if param in ("object_id", "pk", "id"):
        model = _admin_model(leaf)
        if model is None:
            raise CannotFill(leaf.name, f"admin parameter {param!r} of {leaf.route!r} names no model")
        found = _scoped_object(model)
        # An empty table still gives a well-formed address: the admin refuses before looking.
        return found.pk if found is not None else 1
    raise CannotFill(leaf.name, f"admin parameter {param!r} of {leaf.route!r}")


@pytest.fixture
def matrix_data(demo_data):
    """The demo data, plus what it lacks for some addresses: an objection of 长春's scope with an
    evidence file (of 南关区住建局), a supervision report of 长春市, and a supervisor of 延边州."""
    from supervision.services.reports import report_request
    from workflows.objection_actions import objection_lodge

    bureau = Subject.objects.get(name="长春市南关区住房和城乡建设局")
    record = CreditRecordFactory(subject=bureau, determined_by=Department.objects.get(name="长春市财政局"))
    officer = User.objects.filter(subject=bureau).first()
    objection_lodge(record=record, channel="department", acting_user=officer, evidence=[pdf_upload("付款凭证.pdf")],
                    grounds="该笔款项已全额支付，记录所述逾期未付与事实不符，附付款凭证。")
    report_request(kind="quarterly", jurisdiction=Jurisdiction.objects.get(code="220100"), year=2026, part=3,
                   acting_user=User.objects.get(username="supervisor"))
    UserFactory(username="supervisor-yanbian", role=Role.SUPERVISOR,
                jurisdiction=Jurisdiction.objects.get(code="222400"))


FOREIGN = {
    "anonymous": None,
    "subject officer of 延吉市人民政府": lambda: User.objects.get(role=Role.SUBJECT_OFFICER, subject__name="延吉市人民政府"),
    # Inside 长春 but another subject: it may see its own repair application, none of the others' data.
    f"subject officer of {OWN_SUBJECT}": lambda: User.objects.filter(
        role=Role.SUBJECT_OFFICER, subject__name=OWN_SUBJECT).order_by("pk").first(),
    "handler of 延边州财政局": lambda: User.objects.get(username="handler-ybczj"),
    "handler of 吉林市信用信息中心 (platform)": lambda: User.objects.get(username="handler-jlsxy"),
    "supervisor of 延边州": lambda: User.objects.get(username="supervisor-yanbian"),
}
REFUSED = {401, 403, 404, 405}


def _to_login(response) -> bool:
    return response.status_code in (301, 302, 303) and "login" in response.get("Location", "")


def _to_admin_login(response) -> bool:
    return response.status_code == 302 and response.get("Location", "").startswith("/admin/login/")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Exports whose content the matrix reads like a page (a queue export is the actor's own
# queue: it may be sent, but must hold none of the scope's strings). Any other file is a leak.
READ_FILES = ("text/csv", XLSX)


def _text(response) -> str:
    streaming = getattr(response, "streaming", False)
    content_type = response.get("Content-Type", "")
    if streaming and not content_type.startswith(READ_FILES):
        body = b""
    else:
        body = b"".join(response.streaming_content) if streaming else response.content
    if content_type.startswith(XLSX):
        import io

        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return " ".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True)
                        for cell in row if cell is not None)
    return body.decode("utf-8", "ignore") + response.get("Location", "")


def _leak(leaf: Leaf, method: str, response, scope: Scope, scoped: bool, user: User | None) -> str | None:
    """Why `response` (to someone outside the scope) shows the scope's data, or None."""
    status = response.status_code
    if leaf.route.startswith("admin/") and leaf.name not in ("admin:login", "admin:logout"):
        return None if _to_admin_login(response) else f"admin answered {status}, not the admin login"
    if status in REFUSED or _to_login(response):
        return None
    if status >= 500:
        return f"server error {status}"
    if leaf.name in PUBLISHED_RECORDS:
        body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
        found = [s for s in scope.found_in(body.decode("utf-8", "ignore"), user) if s not in scope.published]
        return f"{status} shows unpublished {found[:3]}" if found else None
    found = scope.found_in(_text(response), user)
    if leaf.name in PUBLIC_BY_CODE:
        return None if leaf.name == "letters:verify" or not found else f"{status} shows {found[:3]}"
    if found:
        return f"{status} shows {found[:3]}"
    if scoped and 200 <= status < 300 and not response.get("Content-Type", "").startswith(
            ("text/html", "application/json", *READ_FILES)):
        return f"{status} sends a file ({response.get('Content-Type')})"
    if scoped and method == "POST" and 300 <= status < 400:
        return f"POST acted and redirected to {response.get('Location')}"
    return None


def test_nobody_outside_changchun_sees_changchun_data_on_any_url(matrix_data):
    scope = Scope()
    leaves = list(_leaves(get_resolver().url_patterns))
    cannot, filled = [], []
    for leaf in leaves:
        try:
            filled.append((leaf, *fill(leaf, scope)))
        except CannotFill as exc:
            cannot.append(f"{exc.args[0]}: {exc.args[1]}")
    assert not cannot, "patterns the matrix cannot fill (say here what their parameters are):\n" + "\n".join(cannot)

    leaks, requests = [], 0
    for actor, get_user in FOREIGN.items():
        user = get_user() if get_user else None
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        for leaf, url, case in filled:
            scoped = any((leaf.route, param) not in FREE_TEXT for param in leaf.params)
            for method in ("GET", "POST"):
                response = client.get(url) if method == "GET" else client.post(url)
                requests += 1
                why = _leak(leaf, method, response, scope, scoped, user)
                if why:
                    leaks.append(f"{actor} {method} {url} ({leaf.name}): {why}")
                if user is not None and "logout" in url:
                    client.force_login(user)  # a POST to a logout page ended the session

    # The values are real: the owning people get 200 on the scoped pages, and see the scope there.
    proven, shown, owner_requests, owner_404 = set(), 0, 0, set()
    client = Client(raise_request_exception=False)
    for leaf, url, case in filled:
        if not leaf.params or leaf.route.startswith("admin/") or leaf.name in PUBLIC_BY_CODE:
            continue
        statuses = set()
        for owner in scope.owners(case):
            client.force_login(owner)
            response = client.get(url)
            owner_requests += 1
            statuses.add(response.status_code)
            if response.status_code == 200:
                proven.add(leaf.name)
                shown += bool(scope.found_in(_text(response)))
                break
        if statuses == {404}:
            owner_404.add(leaf.name)
    unknown = client.get("/letters/verify/ZZZZZZZZZZZZ")

    scoped_patterns = sum(1 for leaf, *_ in filled if leaf.params)
    summary = (f"access matrix: {len(leaves)} patterns ({scoped_patterns} with scoped parameters) × "
               f"{len(FOREIGN)} actors × GET/POST = {requests} requests, {len(leaks)} leaks; "
               f"owners: {owner_requests} requests, {len(proven)} scoped patterns answered 200, "
               f"{shown} of them showing the scope's strings")
    unproven = sorted(leaf.name for leaf, *_ in filled if leaf.params and leaf.name not in proven
                      and not leaf.route.startswith("admin/") and leaf.name not in PUBLIC_BY_CODE)
    print("\n" + summary + "\nscoped patterns no owner got 200 on (POST-only, redirects, a letter not yet rendered):\n  "
          + " ".join(unproven))
    assert not leaks, summary + "\n" + "\n".join(leaks)
    assert len(leaves) >= 300 and requests == len(leaves) * len(FOREIGN) * 2
    assert unknown.status_code == 404
    must_be_proven = {
        "work:objections:case", "work:repairs:case", "work:rectifications:case", "work:objections:evidence",
        "work:repairs:evidence", "work:rectifications:evidence", "portal:objection", "portal:repair",
        "portal:rectification", "portal:record_detail", "api:objection-detail", "api:repair-detail",
        "api:rectification-detail", "objection:process_detail", "objection:review:detail", "repair:process_detail",
        "rectification:process_detail", "objection:process_chart", "files:creditrecord:detail",
        "files:subject:detail", "oversight_app:oversight:report_status",
        "oversight_app:oversight:oversight",
        "oversight_app:oversight:oversight_new",
        "work:appeals:case", "work:appeals:evidence", "portal:appeal", "portal:appeal_new",
        "portal:appeal_evidence",
    }
    assert must_be_proven <= proven, f"owners did not get 200 on {sorted(must_be_proven - proven)}"
    assert len(proven) >= 45 and shown >= 35, summary
    # Every owner answered 404 only where nothing is there yet: a letter's PDF is rendered after
    # the transaction commits (never inside a test), the report's files after it is generated.
    not_there_yet = {"api:not-found", "oversight_app:oversight:report_file"} | {
        leaf.name for leaf, *_ in filled if "letter" in leaf.route} | {
        # A complaint's receipt is shown only to the browser session that lodged it.
        "public:complaint_receipt", "public:complaint_receipt_pdf",
        # django-simple-captcha speaks the challenge only with the `flite` program, which this
        # deployment does not install: its audio address answers 404 for everyone.
        "captcha-audio"}
    assert owner_404 <= not_there_yet, f"no owner finds these values: {sorted(owner_404 - not_there_yet)}"
