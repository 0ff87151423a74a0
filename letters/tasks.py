"""Background work for letters (huey). Every task is idempotent."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, on_startup

from letters import services
from ops.task_context import db_task_with_request_id


@db_task_with_request_id(retries=3, retry_delay=30)
def letter_render_task(letter_id: int) -> None:
    """Render and archive a letter's PDF after the issuing transaction has committed."""
    services.letter_render(letter_id=letter_id)


@db_periodic_task(crontab(minute="*"))
def letters_render_pending_task() -> None:
    """Every minute: queue again the letters whose rendering worker is gone (lease run out, task lost)."""
    services.letter_render_pending()


@on_startup()
def letters_warm_up() -> None:
    """Load WeasyPrint, the fonts and the stylesheet before the worker's first letter."""
    from letters import rendering

    rendering.warm_up(render=True)
