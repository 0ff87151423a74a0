"""Check the dashboard's running counts against a recount, or rebuild them.

    manage.py tallies            # exit 1 and list the keys that differ, if any
    manage.py tallies --rebuild  # recount from the cases and deadlines
    manage.py tallies --fold     # fold the delta rows now (the worker does it every minute)
"""

from django.core.management.base import BaseCommand, CommandError

from casework.services.tallies import tallies_differences, tallies_fold, tallies_rebuild


class Command(BaseCommand):
    help = "核对（或重建）监督看板使用的未办结案件和期限计数"

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="按案件和期限重新计数")
        parser.add_argument("--fold", action="store_true", help="立即合并增减记录")

    def handle(self, *args, rebuild=False, fold=False, **options):
        if rebuild:
            tallies_rebuild()
            self.stdout.write("已按案件和期限重新计数。")
        if fold:
            self.stdout.write(f"已合并{tallies_fold()}条增减记录。")
        differences = tallies_differences()
        if differences:
            for name, keys in differences.items():
                for key, (kept, counted) in sorted(keys.items(), key=str)[:50]:
                    self.stderr.write(f"{name} {key}: 计数{kept}，实有{counted}")
            raise CommandError("计数与实有数不一致，可用 --rebuild 重新计数。")
        self.stdout.write("计数与实有数一致。")
