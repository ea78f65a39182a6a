"""Compare two to four scenarios: per area, in totals, on a map, and which settings differ."""

import streamlit as st

from opbouw import DataError, allocate, compare, deployment
from opbouw import format as fmt
from opbouw.charts import difference_bars
from opbouw.compare import MAX_SCENARIOS, Comparison, change_text, path_table, settings_table, wide_table
from opbouw.maps import difference_map, legend_html
from opbouw.text import markdown_table, md
from ui import data, notices, page, scenarios, state

page.start("Vergelijken")
st.title("Scenario's vergelijken")

# The choice a link names: this page's own link (read before the settings rewrite it), else the one the
# session opened with, until this page has written a choice of its own.
link = st.query_params.get(compare.PARAM)
if link is None and "cmp_link_written" not in st.session_state:
    link = state.first_link().get(compare.PARAM)
current = state.settings_from_link()
saved, store_problem = scenarios.saved_scenarios()
if store_problem and scenarios.store()[0] is not None:  # opened, but unreadable (page.start names the rest)
    st.warning(md(store_problem))
options = compare.choices(current, saved)
if link is not None and link != st.session_state.get("cmp_link_written"):
    st.session_state.cmp_choice, problems = compare.from_link(link, options, store_problem)
    notices.link_problems(problems)
st.session_state.setdefault("cmp_choice", compare.DEFAULT_CHOICE)
st.session_state.cmp_choice = [c for c in st.session_state.cmp_choice if c in options]  # a removed one drops out
chosen = st.multiselect(
    "Kies twee tot vier scenario's; het eerste is het vertrekpunt van elk verschil",
    list(options),
    format_func=lambda k: options[k][0],
    max_selections=MAX_SCENARIOS,
    key="cmp_choice",
)
st.session_state.cmp_link_written = compare.to_link(chosen)
if chosen:
    st.query_params[compare.PARAM] = compare.to_link(chosen)  # the link shows this comparison
state.copy_link(
    state.full_link(current, {compare.PARAM: compare.to_link(chosen)}),
    "Wie deze link opent, ziet dezelfde vergelijking (bewaarde scenario's van deze omgeving).",
)
if len(chosen) < 2:
    st.info("Kies ten minste twee scenario's.")
    st.stop()

labels = {key: options[key][0] for key in chosen}
settings = {labels[key]: options[key][1] for key in chosen}
try:
    results = {
        label: allocate(data.area_table("wijk", s.year), s.scenario(), s.level, s.year) for label, s in settings.items()
    }
except (DataError, ValueError) as exc:
    st.error(md(exc))
    st.stop()
comparison = Comparison(results, settings)
first = comparison.reference

st.header("Totaal en kosten")
totals = comparison.totals()
cols = st.columns(len(totals))
for col, (label, row) in zip(cols, totals.iterrows()):
    change, arrow = change_text(row) if label != first else ("vertrekpunt", "off")
    col.metric(md(label), fmt.fte(row["fte"]), md(change), delta_color="off", delta_arrow=arrow)
    col.caption(f"{fmt.eur(row['cost_eur'])} per jaar")

others = [label for label in settings if label not in comparison.comparable]
if others:
    st.warning(
        md(
            f"{fmt.names(others)} {'verdeelt' if len(others) == 1 else 'verdelen'} over andere gebieden of een "
            f"ander jaar dan {first}; per gebied staan alleen de scenario's met dezelfde indeling naast elkaar."
        )
    )

per_area = comparison.per_area()
if len(comparison.comparable) > 1:
    st.header("Per gebied")
    st.vega_lite_chart(
        difference_bars(per_area, first).to_dict(),
        alt=f"Staafdiagram: per gebied hoeveel fte elk scenario meer of minder geeft dan {first}.",
    )
    # Map and table side by side for two scenarios; with more, the table needs the page's width.
    if len(comparison.comparable) <= 2:
        map_col, table_col = st.columns([3, 2])
    else:
        map_col = table_col = st.container()
    with map_col:
        against = (
            st.selectbox("Kaart: verschil van", comparison.comparable[1:], key="cmp_map_other")
            if len(comparison.comparable) > 2
            else comparison.comparable[1]
        )
        level = settings[first].level
        try:
            deck, legend = difference_map(results[first], results[against], data.area_shapes(level), first, against)
        except DataError as exc:
            st.info(md(exc))
        else:
            st.pydeck_chart(
                deck,
                height=480,
                alt=f"Kaart: per gebied het verschil in fte tussen {against} en {first}; "
                "de tabel ernaast geeft dezelfde cijfers.",
            )
            st.markdown(f"**{md(against)} t.o.v. {md(first)}**")
            st.html(legend_html(legend))  # swatches and the app's own bounds only (escaped; sanitised by st.html)
    with table_col:
        fte_tab, per10k_tab, cost_tab = st.tabs(["Fte", "Per 10.000 inwoners", "Kosten per jaar"])
        fte_tab.table(
            markdown_table(wide_table(per_area, "fte", lambda v, signed=False: fmt.fte(v, 1, signed))), hide_index=True
        )
        per10k_tab.table(
            markdown_table(wide_table(per_area, "fte_per_10k", lambda v, signed=False: fmt.number(v, 2, signed))),
            hide_index=True,
        )
        cost_tab.table(markdown_table(wide_table(per_area, "cost_eur", fmt.eur)), hide_index=True)

st.header("Ingroeipad: kosten per jaar")
wijken = data.area_table("wijk", settings[first].year)
reports = {label: deployment.report(wijken, s) for label, s in settings.items()}
st.table(markdown_table(path_table(reports)), hide_index=True)
st.caption(
    "Elk scenario vanaf dezelfde huidige inzet (zie de pagina Ingroeipad), in het prijspeil van elk jaar. "
    + (deployment.ASSUMED_NOTE if any(r is not None and r.assumed for r in reports.values()) else "")
)
for label, report in reports.items():
    short = [note for note in (report.notes if report is not None else ()) if "niet bereikt" in note]
    if short:
        st.warning(md(f"{label}: {short[0]}"))

st.header("Instellingen")
# What differs first, in a table that wraps its text (every setting can be read whole on a projector);
# what all chosen scenarios share folded away below it.
table = settings_table(settings)
differs = table["Verschilt"] == "ja"
if differs.any():
    st.markdown("**Wat verschilt**")
    st.table(markdown_table(table[differs].drop(columns="Verschilt")), hide_index=True)
else:
    st.info("De gekozen scenario's hebben dezelfde instellingen.")
with st.expander(f"Gelijk in alle gekozen scenario's ({int((~differs).sum())} instellingen)"):
    st.table(markdown_table(table[~differs].drop(columns="Verschilt")), hide_index=True)
