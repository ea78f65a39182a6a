"""Ten named scenarios still show and export exactly what they did before the restructuring (issue 15).

The expected figures are in ``tests/same_figures.json``, written by ``python -m tests.same_figures
write`` on main before the restructuring; see ``tests/same_figures.py`` for the scenarios. A change
of figures that is meant (issue 16) rewrites the file in the same commit and says why.
"""

from __future__ import annotations

import json
import shutil

import pytest

from tests.same_figures import FIXTURE, SCENARIOS, capture

EXPECTED = json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_the_fixture_covers_every_named_scenario():
    assert set(EXPECTED) == set(SCENARIOS)
    rows = {len(v["page"]["table"]) for v in EXPECTED.values()}
    assert rows == {5 + 1, 16 + 1}, "both levels (and their total row) are among the scenarios"


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_a_named_scenario_shows_and_exports_the_same_figures(name):
    now = capture(name)
    before = EXPECTED[name]
    assert now["page"] == before["page"], SCENARIOS[name][0]
    for kind in ("csv", "excel", "pdf_text"):
        assert now["exports"][kind] == before["exports"][kind], f"{SCENARIOS[name][0]}: {kind}"
