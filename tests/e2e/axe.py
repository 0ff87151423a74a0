"""axe-core, the accessibility engine, run in the browser tests' pages.

axe-core comes from npm, pinned in package.json, installed into var/node/ by `bin/setup --test`.
"""

import collections
import os
from pathlib import Path

import pytest
from django.conf import settings

AXE = Path(os.environ.get("AXE_CORE_PATH", Path(settings.BASE_DIR) / "var/node/node_modules/axe-core/axe.min.js"))
BLOCKING = {"serious", "critical"}
IMPACTS = ("critical", "serious", "moderate", "minor")


@pytest.fixture
def audited_page(browser):
    """A page in a context of its own that ignores the Content-Security-Policy.

    The site allows only scripts that carry the response's nonce, so the <script> Playwright
    injects for axe-core would be refused. Only this context bypasses the policy: every other
    browser test (test_csp.py above all) runs with it in force.
    """
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run bin/setup --test, which installs it")
    context = browser.browser.new_context(bypass_csp=True, locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def axe_violations(page):
    """Run axe-core on the page as it is now (its scripts settled) and return the violations."""
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    return page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]


def blocking_violations(found, label="axe"):
    """Print the counts by impact for each page in `found` ({name: violations}) and return the
    serious and critical ones, one line each, to assert on."""
    blocking = []
    for name, violations in found.items():
        counts = collections.Counter(v["impact"] for v in violations)
        print(f"{label} {name}: "
              + (", ".join(f"{impact} {counts[impact]}" for impact in IMPACTS if counts[impact]) or "no violations"))
        blocking += [
            f"{name}: {v['impact']} {v['id']} ({v['help']}) at "
            + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            for v in violations if v["impact"] in BLOCKING
        ]
    return blocking
