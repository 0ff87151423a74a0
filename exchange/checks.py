"""`manage.py check --deploy`: the platform secret and timeouts are set for real use."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

DEV_SECRET = "dev-only-platform-secret"


@register(Tags.security, deploy=True)
def platform_secret_check(app_configs, **kwargs):
    problems = []
    if settings.PLATFORM_SECRET == DEV_SECRET or len(settings.PLATFORM_SECRET) < 32:
        problems.append(Error(
            "PLATFORM_SECRET is the development default or shorter than 32 characters.",
            hint="Set PLATFORM_SECRET in the environment to the key agreed with the provincial platform.",
            id="exchange.E001",
        ))
    return problems


@register()
def platform_timing_check(app_configs, **kwargs):
    if settings.PLATFORM_LEASE_SECONDS <= settings.PLATFORM_TIMEOUT * 2:
        return [Warning(
            "PLATFORM_LEASE_SECONDS should be well above PLATFORM_TIMEOUT: a worker still waiting for the "
            "platform's answer could lose its delivery to another worker (harmless, but a needless resend).",
            id="exchange.W001",
        )]
    return []
