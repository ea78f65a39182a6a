"""Sensitivity: how each area's FTE moves with the total and with the presence share."""

import streamlit as st

from opbouw import DataError
from opbouw import format as fmt
from opbouw.charts import fte_by_total_chart, share_heatmap
from opbouw.sensitivity import fte_by_share, fte_by_total
from opbouw.settings import LEVEL_LABELS
from opbouw.text import md
from ui import data, page, state

page.start("Gevoeligheid")
st.title("Gevoeligheid: wat verandert er als het totaal of de verdeling schuift?")

settings = state.settings_from_link()
st.caption(
    f"Huidige keuze: {fmt.fte(settings.total_fte, 2)}, {settings.presence_pct} % presentie-inzet, "
    f"{LEVEL_LABELS[settings.level].lower()}, inwoners {settings.year}. Wijzig dit op de hoofdpagina."
)

try:
    scenario = settings.scenario()
    areas = data.area_table(settings.level, settings.year)
    wijken = data.area_table("wijk", settings.year)
except (DataError, ValueError) as exc:
    st.error(md(exc))
    st.stop()

names = dict(zip(areas.index, areas["name"]))
st.vega_lite_chart(
    fte_by_total_chart(fte_by_total(wijken, scenario, level=settings.level), names, settings.total_fte).to_dict(),
    alt="Per gebied een lijn: de fte van dat gebied bij een totaal van 0 tot 20 fte, in afgeronde stappen; "
    "de stippellijn is het huidige totaal. Een lijn gaat nooit omlaag als het totaal groeit.",
)
st.vega_lite_chart(
    share_heatmap(fte_by_share(wijken, scenario, level=settings.level), names, settings.presence_pct).to_dict(),
    width="stretch",
    alt="Tabel als kleurvlak: per gebied en per aandeel presentie-inzet de fte bij het huidige totaal.",
)
