"""Deployment checks (`manage.py check --deploy`) for letters."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.compatibility, deploy=True)
def letters_deploy_check(app_configs, **kwargs):
    from letters import fonts

    problems = []
    base = settings.LETTERS_PUBLIC_BASE_URL
    if "127.0.0.1" in base or "localhost" in base:
        problems.append(Warning(
            f"LETTERS_PUBLIC_BASE_URL is {base!r}: every letter's QR code would point at this machine.",
            hint="Set the environment variable LETTERS_PUBLIC_BASE_URL to the site's public address.",
            id="letters.W001",
        ))
    if not fonts.fandol_available():
        problems.append(Warning(
            f"No Fandol fonts in {fonts.font_dir()}: letters render in Noto CJK instead of FangSong.",
            hint="Run bin/setup as root (it fetches them from Debian's texlive-lang-chinese).",
            id="letters.W002",
        ))
    return problems
