"""The charts as a user reads them: the same order for the same figures, and large type on the projector."""

from __future__ import annotations

from dataclasses import replace

from opbouw import Scenario, allocate, load_areas
from opbouw.charts import FONT_SIZE, enlarged, per_10k_vs_need, stacked_fte


def order_of(result) -> list[str]:
    """The areas from top to bottom as the stacked bar chart draws them."""
    layer = stacked_fte(result).to_dict()
    rows = next(v for v in layer["datasets"].values() if "rang" in v[0] and "soort" not in v[0])
    return [row["gebied"] for row in sorted(rows, key=lambda row: row["rang"])]


def test_equal_fte_are_listed_by_name_whatever_order_the_table_has():
    # Issue 18: after a slider move Oost stood above Midden; the same link opened fresh, below it.
    result = allocate(load_areas("stadsdeel", 2024), Scenario(total_fte=8.0))
    fte = result.table["fte"].round(6)
    assert fte["Noord"] == fte["West"], "a tie to break"
    shuffled = replace(result, table=result.table.iloc[::-1])
    assert order_of(result) == order_of(shuffled)
    assert order_of(result).index("Noord*") < order_of(result).index("West")


def font_sizes(node) -> list[float]:
    if isinstance(node, dict):
        own = [v for k, v in node.items() if k.endswith("ontSize") and isinstance(v, int | float)]
        return own + [size for v in node.values() for size in font_sizes(v)]
    if isinstance(node, list):
        return [size for v in node for size in font_sizes(v)]
    return []


def test_on_the_projector_every_chart_text_is_larger_and_near_black():
    result = allocate(load_areas("wijk", 2024), Scenario())
    for chart in (stacked_fte(result), per_10k_vs_need(result)):
        spec = chart.to_dict()
        big = enlarged(spec)
        assert min(font_sizes(big)) >= 1.4 * min(font_sizes(spec)) - 0.1
        assert big["config"]["axis"]["labelFontSize"] >= 1.4 * FONT_SIZE - 0.1
        assert big["config"]["axis"]["labelColor"] == big["config"]["legend"]["labelColor"] == "#111111"
        assert spec == chart.to_dict(), "the cached spec itself is left as it was"
