"""Links: URL -> settings -> URL, and tampered links that still open."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from opbouw.indicators import INDICATOR_KEYS, THEME_KEYS
from opbouw.links import PARAMS, REMOVED_BASIS, REMOVED_BASIS_NOTE, WEIGHT_STEPS, parse_query, to_query
from opbouw.settings import (
    BASELINES,
    LEVEL_LABELS,
    STRENGTH_STEPS,
    UNITS,
    VASTE_VOET_LABELS,
    YEAR_LABELS,
    Settings,
    total_grid,
)
from opbouw.text import echo


@st.composite
def settings(draw) -> Settings:
    unit = draw(st.sampled_from(list(UNITS)))
    return Settings(
        level=draw(st.sampled_from(list(LEVEL_LABELS))),
        year=draw(st.sampled_from(list(YEAR_LABELS))),
        total_fte=draw(st.sampled_from(total_grid(unit))),
        presence_pct=draw(st.integers(0, 20)) * 5,
        min_fte_per_area=draw(st.integers(0, 50)) / 10,
        unit=unit,
        min_fte_per=draw(st.sampled_from(list(VASTE_VOET_LABELS))),
        need_strength=draw(st.sampled_from(STRENGTH_STEPS)),
        cost_per_fte_eur=float(draw(st.integers(0, 250)) * 1000),
        focus=draw(st.booleans()),
        focus_areas=draw(st.integers(1, 15)),
        weights=tuple(draw(st.sampled_from(WEIGHT_STEPS)) for _ in INDICATOR_KEYS),
        baseline=draw(st.sampled_from(list(BASELINES))),
    )


@given(settings())
def test_url_to_settings_to_url_round_trip(original):
    query = to_query(original)
    parsed, problems = parse_query(query)
    assert problems == []
    assert parsed == original
    assert to_query(parsed) == query


def test_every_setting_has_exactly_one_parameter():
    from dataclasses import fields

    themes = [f"theme:{key}" for key in THEME_KEYS]
    covered = [field for field, *_ in PARAMS.values() if field not in INDICATOR_KEYS and field not in themes]
    assert sorted(covered) == sorted(f.name for f in fields(Settings) if f.name not in ("weights", "theme_weights"))
    assert sorted(f for f, *_ in PARAMS.values() if f in INDICATOR_KEYS) == sorted(INDICATOR_KEYS)
    assert sorted(f for f, *_ in PARAMS.values() if f in themes) == sorted(themes)


def test_defaults_stay_out_of_the_link():
    assert to_query(Settings()) == {}
    assert to_query(Settings(total_fte=10.0)) == {"total_fte": "10.0"}


def test_a_link_in_four_hour_units_keeps_every_decimal():
    original = Settings(unit="hours4", total_fte=total_grid("hours4")[73])
    parsed, problems = parse_query(to_query(original))
    assert problems == [] and parsed.total_fte == 73 / 9


junk = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "nan", "inf", "-1", "1e400", "10,5", "true", "None", "2023", "wijk", "<script>"]),
)


@given(st.dictionaries(st.one_of(st.sampled_from(list(PARAMS)), st.text(max_size=12)), junk, max_size=12))
def test_any_query_opens_with_valid_settings_and_names_what_it_skipped(query):
    parsed, problems = parse_query(query)
    parsed.scenario()  # a valid scenario, never an exception
    assert parsed.total_fte in total_grid(parsed.unit)
    for param in query:
        if param == REMOVED_BASIS:  # its own note, when it asks for what is gone
            assert query[param] == "population_x_need" or REMOVED_BASIS_NOTE in problems
        elif param not in PARAMS:
            assert any(f"'{echo(param)}'" in p for p in problems)


@given(st.sampled_from(list(PARAMS)), junk)
def test_a_bad_value_falls_back_to_the_default_and_says_so(param, value):
    parsed, problems = parse_query({param: value})
    if problems:
        assert param in problems[0] or "afronding" in problems[0]
    clean, _ = parse_query({})
    field = PARAMS[param][0]
    if any(param in p for p in problems) and field in Settings.__dataclass_fields__:
        assert getattr(parsed, field) == getattr(clean, field)


def test_a_link_from_before_issue_16_keeps_its_vaste_voet_per_wijk():
    # Then the vaste voet applied to each area of the level shown; a wijk link meant per wijk.
    settings, problems = parse_query({"level": "wijk", "min_fte": "0.3"})
    assert problems == [] and settings.min_fte_per == "wijk"
    settings, problems = parse_query({"min_fte": "0.3"})
    assert problems == [] and settings.min_fte_per == "stadsdeel"
    assert to_query(Settings(level="wijk", min_fte_per_area=0.3))["min_fte_per"] == "stadsdeel"


def test_a_link_to_need_alone_says_that_it_is_gone():
    settings, problems = parse_query({"basis": "need_only", "total_fte": "9.0"})
    assert settings == Settings(total_fte=9.0)
    assert len(problems) == 1 and "alleen de behoefte-index" in problems[0]
    assert parse_query({"basis": "population_x_need"}) == (Settings(), [])
