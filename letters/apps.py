from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = _("公文函件")

    def ready(self):
        from letters import checks  # noqa: F401  (registers the deployment checks)
