"""Where the letters' fonts come from: fontconfig pointed at the Fandol folder.

WeasyPrint finds fonts through fontconfig, which reads its configuration once
per `FcInitLoadConfigAndFonts()` call from the file named by FONTCONFIG_FILE.
`configure_fontconfig()` writes a small configuration that includes the
system's (so Noto CJK stays available as the fallback) and adds
`settings.LETTERS_FONT_DIR`, with a cache folder this process may write. It
must run before WeasyPrint is imported: `letters.rendering` calls it first.

The Fandol Bold faces declare a regular weight (80) in their OS/2 table, so
fontconfig could not tell FandolSong Bold from FandolSong Regular; a scan rule
gives faces whose style is "Bold" the bold weight.
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings

# Families in CSS order: Fandol first, Noto CJK (Debian fonts-noto-cjk) for
# everything outside GB 2312 and where Fandol is absent, HanaMinB for CJK
# Extension B (𠀀 …), which Noto CJK SC does not cover.
FANG = ('"FandolFang"', '"Noto Serif CJK SC"', '"HanaMinB"', "serif")
SONG = ('"FandolSong"', '"Noto Serif CJK SC"', '"HanaMinB"', "serif")
HEI = ('"FandolHei"', '"Noto Sans CJK SC"', '"HanaMinB"', "sans-serif")
KAI = ('"FandolKai"', '"FandolFang"', '"Noto Serif CJK SC"', '"HanaMinB"', "serif")

SYSTEM_CONFIG = "/etc/fonts/fonts.conf"

_CONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<!-- Written by letters/fonts.py; rewritten at every start. -->
<fontconfig>
  <cachedir>{cache}</cachedir>
  <include ignore_missing="yes">{system}</include>
  <dir>{fonts}</dir>
  <match target="scan">
    <test name="family" compare="contains"><string>Fandol</string></test>
    <test name="style"><string>Bold</string></test>
    <edit name="weight" mode="assign"><const>bold</const></edit>
  </match>
</fontconfig>
"""

_configured: Path | None = None


def font_dir() -> Path:
    return Path(settings.LETTERS_FONT_DIR)


def fandol_available() -> bool:
    """Whether bin/setup has fetched the Fandol fonts on this machine."""
    return (font_dir() / "FandolFang-Regular.otf").is_file()


def _writable_dir(preferred: Path) -> Path:
    for candidate in (preferred, Path(tempfile.gettempdir()) / f"credit-letters-fontconfig-{os.getuid()}"):
        try:
            (candidate / "cache").mkdir(parents=True, exist_ok=True)
            probe = candidate / ".probe"
            probe.write_text("")
            probe.unlink()
            return candidate
        except OSError:
            continue
    raise RuntimeError("no writable folder for the fontconfig cache")


def configure_fontconfig() -> Path:
    """Write the fontconfig file and set FONTCONFIG_FILE to it; return its path.

    Idempotent. Call before WeasyPrint (and so fontconfig) loads.
    """
    global _configured
    if _configured is not None and os.environ.get("FONTCONFIG_FILE") == str(_configured):
        return _configured
    base = _writable_dir(Path(settings.LETTERS_FONTCONFIG_DIR))
    system = os.environ.get("CREDIT_SYSTEM_FONTCONFIG_FILE", SYSTEM_CONFIG)
    text = _CONFIG.format(cache=base / "cache", system=system, fonts=font_dir())
    path = base / "fonts.conf"
    if not path.is_file() or path.read_text() != text:
        # Several processes may start at once: write aside, then rename.
        tmp = base / f"fonts.conf.{os.getpid()}"
        tmp.write_text(text)
        tmp.replace(path)
    os.environ["FONTCONFIG_FILE"] = str(path)
    _configured = path
    return path
