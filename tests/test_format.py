"""Dutch number formats as people read them."""

import pytest
from babel.numbers import format_currency, format_decimal, format_percent
from hypothesis import given
from hypothesis import strategies as st

from opbouw import format as fmt


@pytest.mark.parametrize(
    ("value", "expected"),
    [(8.5, "8,5 fte"), (10, "10,0 fte"), (0.04, "0,0 fte"), (1234.5, "1.234,5 fte")],
)
def test_fte(value, expected):
    assert fmt.fte(value) == expected


def test_signed_changes_use_plus_and_a_real_minus():
    assert fmt.fte(2, signed=True) == "+2,0 fte"
    assert fmt.fte(-2, signed=True) == "\u22122,0 fte"
    assert fmt.fte(0, signed=True) == "0,0 fte"
    assert fmt.eur(170_000, signed=True) == "+€ 170.000"
    assert fmt.eur(-85_000, signed=True) == "\u2212€ 85.000"


def test_euros_integers_and_unknowns():
    assert fmt.eur(170_000) == "€ 170.000"
    assert fmt.eur(680_000.4) == "€ 680.000"
    assert fmt.integer(133_135) == "133.135"
    assert fmt.number(float("nan")) == "onbekend"
    assert fmt.percent(0.45) == "45 %"
    assert fmt.hours(8, 36.0) == "288 uur"
    assert fmt.names(["A", "B", "C"]) == "A, B en C"


finite = st.floats(-1e9, 1e9, allow_nan=False)


@given(finite, st.integers(0, 3))
def test_numbers_are_what_babel_formats_in_dutch(value, decimals):
    # fmt keeps Babel's parsed locale and patterns; the text must be what Babel's own call gives.
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    expected = format_decimal(round(abs(value), decimals), format=pattern, locale="nl_NL")
    assert fmt.number(value, decimals).lstrip(fmt.MINUS) == expected


@given(finite, st.floats(0, 1), st.integers(0, 2))
def test_euros_and_percentages_are_what_babel_formats_in_dutch(value, share, decimals):
    euros = format_currency(round(abs(value)), "EUR", format="¤ #,##0", locale="nl_NL", currency_digits=False)
    assert fmt.eur(value).lstrip(fmt.MINUS) == euros
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + " %"
    assert fmt.percent(share, decimals) == format_percent(share, format=pattern, locale="nl_NL")
