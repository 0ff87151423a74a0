"""Verification codes: 12 characters of Crockford's base32 (60 random bits).

Printed in groups of four (K7PX-3QM9-TD2A); read back forgivingly: case,
dashes and spaces do not matter, O reads as 0 and I or L as 1.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
_READ = str.maketrans({"O": "0", "I": "1", "L": "1"})


def code_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def code_normalise(text: str) -> str | None:
    """The canonical form of a typed code, or None when it cannot be one."""
    code = "".join(ch for ch in (text or "").upper() if ch not in "- \t").translate(_READ)
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code
