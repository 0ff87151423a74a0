"""`manage.py platform_simulator --port 8765`: the provincial platform's stand-in on 127.0.0.1."""

import signal

from django.conf import settings
from django.core.management.base import BaseCommand

from exchange.simulator import PlatformSimulator


def _interrupt(signum, frame):
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Run the provincial credit platform simulator on 127.0.0.1 (development, tests, benchmark)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (0: any free port)")
        parser.add_argument("--db", default=str(settings.VAR_DIR / "platform_simulator.sqlite3"),
                            help="the simulator's own SQLite file (not the application's database)")
        parser.add_argument("--secret", default=None,
                            help="shared secret (default: settings.PLATFORM_SECRET)")
        parser.add_argument("--verbose", action="store_true", help="log every request")

    def handle(self, *args, port, db, secret, verbose, **options):
        sim = PlatformSimulator(secret=secret or settings.PLATFORM_SECRET, db_path=db, port=port,
                                verbose=verbose)
        # SIGTERM (bin/run's cleanup) stops it like Ctrl-C does.
        signal.signal(signal.SIGTERM, _interrupt)
        self.stdout.write(f"省级平台模拟器 / platform simulator: http://127.0.0.1:{sim.port}/  "
                          f"(reports: {sim.url}, store: {db})", ending="\n")
        self.stdout.flush()
        try:
            sim.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            sim.server.server_close()
            sim.store.close()
