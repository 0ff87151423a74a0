from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = _("省级平台报送")

    def ready(self):
        from exchange import checks  # noqa: F401  (registers the deploy check)
