"""Create the demo data: Jilin's jurisdictions, departments, subjects, records with measures from
several departments, cases in every state through the workflows facades, and one login per role.

Idempotent: running it again creates nothing twice (only `subject`'s records to try are topped up
once used, demo/tryouts.py) and prints the logins with what each can try now.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.appeals import appeals_create
from demo.complaints import complaints_create
from demo.logins import logins_markdown, logins_text
from demo.objections import objections_create
from demo.oversights import oversights_create
from demo.organisations import (
    departments_ensure,
    jurisdictions_ensure,
    story_in_one_step,
    subjects_ensure,
    users_ensure,
)
from demo.records import records_create
from demo.rectifications import rectifications_create
from demo.repairs import repairs_create
from demo.tryouts import tryouts_ensure


class Command(BaseCommand):
    help = "创建演示数据（可重复执行）并打印各角色的登录账号及可以尝试的操作。"

    def add_arguments(self, parser):
        parser.add_argument("--markdown", action="store_true", help="以 Markdown 表格打印登录账号（供 README 使用）。")

    @transaction.atomic
    def handle(self, *args, **options):
        places = jurisdictions_ensure()
        depts = departments_ensure(places)
        subjects = subjects_ensure(places)
        records_create(depts, subjects)
        users_ensure(places, depts, subjects)
        with story_in_one_step(depts):
            objections_create(depts, subjects)
            repairs_create(depts, subjects)
            rectifications_create(depts, subjects)
            complaints_create(depts, subjects)
            oversights_create(depts)
            appeals_create(depts, subjects)
        tryouts_ensure(subject=subjects["农安县人民政府"], determined_by=depts["长春市财政局"],
                       also_imposing=depts["长春市发展和改革委员会"])
        if options["markdown"]:
            self.stdout.write(logins_markdown())
        else:
            self.stdout.write(self.style.SUCCESS(logins_text()))
