"""Errors to a Sentry-compatible server (Sentry, GlitchTip, …) when SENTRY_DSN is set."""

from collections.abc import Mapping


def sentry_init(environ: Mapping[str, str]) -> bool:
    """Start sentry-sdk from the environment; False (and nothing started) without SENTRY_DSN."""
    dsn = environ.get("SENTRY_DSN")
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.huey import HueyIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration(), HueyIntegration()],
        # Performance tracing off unless asked for: every traced request is an event to store.
        traces_sample_rate=float(environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        # No user names, addresses, cookies or bodies: cases name subjects and their officers.
        send_default_pii=False,
        environment=environ.get("SENTRY_ENVIRONMENT", "production"),
        release=environ.get("SENTRY_RELEASE") or None,
    )
    return True
