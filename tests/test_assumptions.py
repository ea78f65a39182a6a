"""What a stadsdeel assumption moves (issue 16, point 7) is what the whole model gives when the wijk is
moved: ``opbouw.assumptions.effects`` regroups one allocation's shares instead of allocating again per
assumption, and must say exactly what a full allocation of the moved wijken says."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from opbouw import Scenario, allocate
from opbouw.assumptions import effects, sentence
from opbouw.data import areas_from_wijken, read_wijken
from tests.strategies import scenarios

WIJKEN = read_wijken()


def full_model(wijken, scenario, year):
    """The sentences from the stadsdeel table of a full allocation with each assumed wijk moved (the same
    sentence rule: what is compared is the change per stadsdeel)."""
    now = allocate(areas_from_wijken(wijken, "wijk", year), scenario, "stadsdeel").table["exact_fte"]
    said = []
    for code, row in wijken[wijken["stadsdeel_status"] == "aanname"].iterrows():
        moved = wijken.copy()
        moved.loc[code, "stadsdeel"] = row["stadsdeel_alternative"]
        then = allocate(areas_from_wijken(moved, "wijk", year), scenario, "stadsdeel").table["exact_fte"]
        said.append(sentence(row["name"], row["stadsdeel_alternative"], then.sub(now, fill_value=0.0)))
    return said


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios())
def test_each_assumption_moves_what_the_full_model_moves(scenario):
    for year in (2022, 2024):
        assert effects(WIJKEN, scenario, year) == full_model(WIJKEN, scenario, year)


def test_under_the_travers_advice_no_assumption_moves_anything():
    """10 fte, all presence, a vaste voet of 2 fte per stadsdeel: every stadsdeel gets its 2 fte whichever
    wijken it has, so moving a wijk moves nothing between stadsdelen (a regrouping that ignored the vaste
    voet would move Berkum's share of the presence)."""
    scenario = Scenario(total_fte=10.0, presence_share=1.0, min_fte_per_area=2.0)
    said = effects(WIJKEN, scenario, 2024)
    assert said == full_model(WIJKEN, scenario, 2024)
    assert "Als Berkum bij Oost hoort: geen verschil per stadsdeel." in said
