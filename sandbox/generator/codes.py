"""Product and recording codes with valid check digits: UPC-A, EAN-13 and ISRC."""

import random
import re

ISRC_PATTERN = re.compile(r"^[A-Z]{2}[A-Z0-9]{3}[0-9]{2}[0-9]{5}$")
_REGISTRANT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def gtin_check_digit(body: str) -> str:
    """The GS1 check digit of a code without it (UPC-A, EAN-13 and GTIN-14 alike).

    From the right, digits are weighted 3, 1, 3, 1...; the check digit brings the
    weighted sum up to a multiple of ten.
    """
    total = sum(int(digit) * (3 if i % 2 == 0 else 1) for i, digit in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def is_valid_gtin(code: str) -> bool:
    """True for a UPC-A (12), EAN-13 or GTIN-14 whose last digit checks out."""
    return code.isdigit() and len(code) in (12, 13, 14) and gtin_check_digit(code[:-1]) == code[-1]


def make_gtin(rng: random.Random, prefix: str, length: int) -> str:
    """A code of `length` digits: the company prefix, a random item number, the check."""
    digits = length - 1 - len(prefix)
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(digits))
    return body + gtin_check_digit(body)


def make_registrant(rng: random.Random) -> str:
    """An ISRC registrant code: three letters or digits, starting with a letter."""
    return rng.choice(_REGISTRANT_ALPHABET[:26]) + "".join(
        rng.choice(_REGISTRANT_ALPHABET) for _ in range(2)
    )


def make_isrc(country: str, registrant: str, year: int, designation: int) -> str:
    """ "GB" "URZ" 2011 858 -> "GBURZ1100858" (as the API returns it: no dashes)."""
    return f"{country}{registrant}{year % 100:02d}{designation % 100_000:05d}"


def is_valid_isrc(code: str) -> bool:
    return bool(ISRC_PATTERN.match(code))
