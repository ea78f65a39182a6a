"""Dutch number formatting for everything the app shows (Babel, locale nl_NL).

>>> fte(8.5)
'8,5 fte'
>>> eur(170_000)
'€ 170.000'
>>> eur(-85_000, signed=True)
'−€ 85.000'
>>> integer(133_135)
'133.135'
"""

from __future__ import annotations

import math
import re

from babel import Locale
from babel.numbers import format_currency, format_decimal, format_percent

LOCALE = Locale.parse("nl_NL")  # parsed once, not on every call
MINUS = "\u2212"  # a real minus sign reads better on a projector than a hyphen
UNKNOWN = "onbekend"  # what a missing figure reads as, everywhere


def _sign(value: float, signed: bool) -> str:
    if value < 0:
        return MINUS
    return "+" if signed and value > 0 else ""


def number(value: float, decimals: int = 1, signed: bool = False) -> str:
    """``value`` with exactly ``decimals`` decimals, Dutch separators; 'onbekend' when unknown (None or NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return UNKNOWN
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    rounded = round(abs(value), decimals)
    sign = _sign(value, signed) if rounded != 0 else ""
    return sign + format_decimal(rounded, format=pattern, locale=LOCALE)


def fte(value: float, decimals: int = 1, signed: bool = False) -> str:
    """'8,5 fte'."""
    return f"{number(value, decimals, signed)} fte"


def eur(value: float, signed: bool = False) -> str:
    """Whole euros: '€ 170.000'; 'onbekend' when unknown."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return UNKNOWN
    rounded = round(abs(value))
    text = format_currency(rounded, "EUR", format="¤ #,##0", locale=LOCALE, currency_digits=False)
    return (_sign(value, signed) if rounded else "") + text


def integer(value: float) -> str:
    """'133.135'."""
    return number(value, 0)


def percent(share: float, decimals: int = 0) -> str:
    """A share 0..1 as '45 %' (Dutch style with a space)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + " %"
    return format_percent(share, format=pattern, locale=LOCALE)


def hours(fte_value: float, hours_per_fte: float) -> str:
    """'288 uur' for 8 fte at a 36-hour week (``hours_per_fte`` 36): the hours in a week."""
    return f"{number(fte_value * hours_per_fte, 0)} uur"


def names(items: list[str]) -> str:
    """'A', 'A en B', 'A, B en C'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


_TYPED_NUMBER = re.compile(r"^[-+]?\d+([.,]\d+)?$")


def parse_number(text: object) -> float | None:
    """A number as a person types it in a table, Dutch or English: '1,2', '1.2', ' 0,25 ', 3; None when
    it is not one (a thousands separator is not expected: these are FTE, not euros).

    >>> parse_number("1,2"), parse_number("1.25"), parse_number(" 3 "), parse_number("1,2,3"), parse_number("")
    (1.2, 1.25, 3.0, None, None)
    """
    if isinstance(text, int | float) and not isinstance(text, bool):
        return float(text) if math.isfinite(text) else None
    flat = str(text if text is not None else "").strip()
    if not _TYPED_NUMBER.match(flat):
        return None
    return float(flat.replace(",", "."))
