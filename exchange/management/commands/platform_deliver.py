"""`manage.py platform_deliver`: send the due reports now, as the worker's minute task does."""

from django.core.management.base import BaseCommand

from exchange.delivery import delivery_run_due


class Command(BaseCommand):
    help = "Send the reports due to the provincial platform now (one pass, oldest first per subject)."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=None,
                            help="stop after this long (default: PLATFORM_RUN_SECONDS)")
        parser.add_argument("--max-attempts", type=int, default=None)

    def handle(self, *args, seconds, max_attempts, **options):
        stats = delivery_run_due(budget_seconds=seconds, max_attempts=max_attempts)
        outcomes = ", ".join(f"{k}={v}" for k, v in sorted(stats.outcomes.items())) or "nothing due"
        self.stdout.write(f"adopted={stats.adopted} recovered={stats.recovered} attempts={stats.attempts} "
                          f"errors={stats.errors} {outcomes}")
