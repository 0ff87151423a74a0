"""Sign a demo login in through the real login page (the browser tests' shared step)."""

from django.conf import settings


def sign_in_as(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", settings.DEMO_PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
