"""The explorer's controls: presets, the two main sliders and 'Meer instellingen'; or, in presentation
mode, a one-line summary of the settings in large type instead.

Over 300 lines because 'Meer instellingen' holds every other setting of the model, each with its Dutch
label and help text; the widgets' keys and link parameters come from :mod:`opbouw.links`.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from opbouw import format as fmt
from opbouw import policy
from opbouw.indicators import INDICATORS, THEMES, indicators_in
from opbouw.links import VASTE_VOET_STEPS, WEIGHT_STEPS, theme_param, weight_param
from opbouw.settings import (
    BASELINES,
    LEVEL_LABELS,
    PRESETS,
    STRENGTH_STEPS,
    UNITS,
    VASTE_VOET_LABELS,
    YEAR_LABELS,
    Settings,
    snap_total,
    total_grid,
    total_label,
)
from opbouw.text import md

from . import scenarios, state

KEEP = "session"  # settings survive a switch to another page and back


def _load_preset(key: str) -> None:
    """Callback: apply a preset to the current settings and remember the result for 'Terug naar preset'."""
    loaded = PRESETS[key].apply(state.current())
    loaded = replace(loaded, total_fte=snap_total(loaded.total_fte, loaded.unit))
    st.session_state.ex_preset = (key, loaded)
    state.show(loaded)


def _back_to_preset() -> None:
    """Callback: show the loaded preset again, exactly as it was loaded."""
    state.show(st.session_state.ex_preset[1])


def _snap_total_to_unit() -> None:
    """When the rounding unit changes, move the total onto the new grid (a callback only moves a value)."""
    st.session_state.total_fte = snap_total(st.session_state.total_fte, st.session_state.unit)


ABOUT = (
    "Hoeveel opbouwwerk financiert Zwolle, en waar gaat het heen? Elk deel **presentie-inzet** wordt verdeeld "
    "naar inwonertal (aanwezig in elke wijk), elk deel **opgavegerichte inzet** naar inwoners × behoefte "
    "(waar de problemen het grootst zijn)."
)
PRESENTATION_HELP = "Verbergt de knoppen en maakt de cijfers groot, voor de beamer. Zet uit om weer te schuiven."
# Presentation mode: larger headline figures, table and text, no sidebar (Streamlit's own test ids).
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] {display: none;}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {font-size: 1.2rem;}
[data-testid="stTable"] table {font-size: 1.2rem;}
[data-testid="stMetricValue"] p {font-size: 3.6rem !important; line-height: 1.1; font-weight: 600;}
[data-testid="stMetricValue"] p,
[data-testid="stMetricValue"] > div {white-space: normal !important; overflow: visible;}
[data-testid="stMetricLabel"] p {font-size: 1.5rem !important;}
[data-testid="stMetricDelta"] p {font-size: 1.4rem !important;}
.st-key-ex_area_figures [data-testid="stMetricValue"] p {font-size: 2.2rem !important;}
.st-key-ex_area_figures [data-testid="stMetricLabel"] p {font-size: 1.15rem !important;}
.st-key-ex_area_figures [data-testid="stMetricDelta"] p {font-size: 1.1rem !important;}
h1 {font-size: 2.2rem !important; padding-top: 0 !important;}
[data-testid="stMainBlockContainer"] {padding-top: 3.5rem !important;}
</style>
"""


def summary(settings: Settings) -> str:
    """The settings in one Dutch sentence (Markdown): total, both parts in per cent, level, vaste voet."""
    presence = settings.presence_pct
    parts = (
        "alles presentie-inzet"
        if presence == 100
        else "alles opgavegericht"
        if presence == 0
        else f"{presence} % presentie-inzet en {100 - presence} % opgavegericht"
    )
    floor = (
        f", vaste voet {fmt.fte(settings.min_fte_per_area, 1)} {VASTE_VOET_LABELS[settings.min_fte_per]}"
        if settings.min_fte_per_area
        else ""
    )
    return (
        f"**{fmt.fte(settings.total_fte, 1)}**: **{parts}**, verdeeld over de "
        f"{LEVEL_LABELS[settings.level].split()[0].lower()}{floor}."
    )


def presentation() -> Settings:
    """Presentation mode: the settings as they are (the controls hidden), a one-line summary, large type."""
    settings = state.settings_from_link()
    st.html(PRESENTATION_CSS)  # styles only: Streamlit puts them out of the page flow
    st.markdown(summary(settings))
    return settings


STRENGTH_HELP = (
    "Zoveel meer behoefte-index krijgt een gebied dat één standaardafwijking boven het stadsgemiddelde "
    "zit (gemiddeld over de indicatoren). 0 = de opgavegerichte inzet gaat naar inwonertal; "
    "standaard 0,2: zie de pagina Methode en bronnen."
)


def _strength_label(value: float) -> str:
    return "0 (behoefte telt niet)" if value == 0 else f"{fmt.number(value, 2)} per standaardafwijking"


def _baseline_options() -> dict[str, str]:
    """The fixed baselines and every saved scenario; a saved baseline that is gone falls back to 'nu'."""
    options = {key: label for key, (_, label) in BASELINES.items()}
    options.update({scenarios.baseline_key(s): f"Bewaard: {s.label}" for s in scenarios.saved_list()})
    if st.session_state.get("baseline") not in options:
        st.session_state.baseline = state.DEFAULTS.baseline
    return options


def presets(row, note) -> None:
    """One button per preset, and 'Terug naar preset' once one is loaded and changed; while a loaded
    preset is on screen unchanged, ``note`` says what it means and what it leaves for opgavegericht."""
    st.session_state.setdefault("ex_preset", None)
    for preset in PRESETS.values():
        row.button(
            preset.label, key=f"ex_preset_{preset.key}", on_click=_load_preset, args=(preset.key,), help=preset.means
        )
    loaded = st.session_state.ex_preset
    if loaded is not None and loaded[1] == state.current():
        preset = PRESETS[loaded[0]]
        note.caption(f"**{preset.label}.** {preset.means} {preset.left_for_assignment()}")
    row.button(
        "Terug naar preset",
        key="ex_preset_back",
        on_click=_back_to_preset,
        disabled=loaded is None or loaded[1] == state.current(),
        help=f"Terug naar '{PRESETS[loaded[0]].label}' zoals geladen" if loaded else "Laad eerst een preset.",
    )


def _more_settings(more) -> None:
    """The settings under 'Meer instellingen'."""
    with more:
        c1, c2, c3 = st.columns(3)
        c1.radio(
            "Verdelen over",
            list(LEVEL_LABELS),
            format_func=LEVEL_LABELS.get,
            key="level",
            persist_state=KEEP,
            horizontal=True,
        )
        c1.radio(
            "Inwonertal van",
            list(YEAR_LABELS),
            format_func=YEAR_LABELS.get,
            key="year",
            persist_state=KEEP,
            horizontal=True,
        )
        c1.select_slider(
            "Vaste voet (uit de presentie-inzet)",
            options=VASTE_VOET_STEPS,
            format_func=lambda v: fmt.fte(v, 1),
            key="min_fte",
            persist_state=KEEP,
        )
        c1.radio(
            "Vaste voet geldt",
            list(VASTE_VOET_LABELS),
            format_func=VASTE_VOET_LABELS.get,
            key="min_fte_per",
            persist_state=KEEP,
            horizontal=True,
            help="Per stadsdeel: elk stadsdeel krijgt de vaste voet, verdeeld over zijn wijken naar inwonertal. "
            "Per wijk: elke wijk krijgt hem.",
        )
        c2.selectbox(
            "Afronden op",
            list(UNITS),
            format_func=lambda k: UNITS[k][1],
            key="unit",
            persist_state=KEEP,
            on_change=_snap_total_to_unit,
        )
        c2.number_input(
            f"Kosten per fte (euro per jaar, prijspeil {policy.PRICE_YEAR})",
            min_value=0.0,
            max_value=250_000.0,
            step=1_000.0,
            format="%.0f",
            key="cost_eur",
            persist_state=KEEP,
            help=policy.COST_HELP,
        )
        # Streamlit's number input cannot print Dutch thousands separators; say the amount once more.
        c2.caption(f"= {fmt.eur(st.session_state.cost_eur)} per fte per jaar")
        c2.number_input(
            "Prijspeil (jaar)",
            min_value=policy.PRICE_YEAR,
            max_value=policy.MAX_PRICE_YEAR,
            step=1,
            key="price_year",
            persist_state=KEEP,
            help=policy.INDEX_HELP,
        )
        c2.number_input(
            "Indexatie per jaar (%)",
            min_value=0.0,
            max_value=policy.MAX_INDEX_PCT,
            step=0.1,
            format="%.1f",
            key="index_pct",
            persist_state=KEEP,
            help=policy.INDEX_HELP,
        )
        c2.caption(f"= {fmt.number(st.session_state.index_pct, 1)} % per jaar")
        focus = c3.toggle(
            "Opgavegerichte inzet alleen naar de wijken met de hoogste behoefte", key="focus", persist_state=KEEP
        )
        c3.number_input(
            "Aantal wijken",
            min_value=1,
            max_value=15,
            step=1,
            key="focus_areas",
            persist_state=KEEP,
            disabled=not focus,
        )
        baselines = _baseline_options()
        c3.selectbox(
            "Vergelijk de kopcijfers met",
            list(baselines),
            format_func=baselines.get,
            key="baseline",
            persist_state=KEEP,
        )
        st.markdown(
            "**Wat telt mee in de behoefte-index.** Elk thema krijgt een gewicht; binnen een thema delen de "
            "indicatoren dat gewicht naar hun eigen gewicht (0 = telt niet mee)."
        )
        st.select_slider(
            "Hoe sterk tellen verschillen in behoefte?",
            options=STRENGTH_STEPS,
            format_func=_strength_label,
            key="need_strength",
            persist_state=KEEP,
            help=STRENGTH_HELP,
        )
        for theme, label in THEMES.items():
            row = st.columns(5)
            row[0].select_slider(
                f"**{label}**: gewicht van het thema",
                options=WEIGHT_STEPS,
                format_func=lambda v: fmt.number(v, 1),
                key=theme_param(theme),
                persist_state=KEEP,
                help="Het gewicht van het hele thema; 0 = het thema telt niet mee.",
            )
            for i, key in enumerate(indicators_in(theme), start=1):
                ind = INDICATORS[key]
                row[i].select_slider(
                    ind.label,
                    options=WEIGHT_STEPS,
                    format_func=lambda v: fmt.number(v, 1),
                    key=weight_param(key),
                    persist_state=KEEP,
                    help=(
                        f"Bron: {ind.source} ({ind.year}). {ind.reliability[0].upper()}{ind.reliability[1:]}. "
                        f"{'Hoger' if ind.more_need_when_higher else 'Lager'} = meer behoefte."
                    ),
                )


def controls() -> Settings:
    """The presets, the two main sliders and the settings expander; returns what they are set to. (The
    page reads the link first: :func:`ui.state.open_link`.)"""
    st.markdown(
        "**Begin bij een voorbeeld**",
        help="Elk voorbeeld zet het totaal en de verdeling; daarna kunt u "
        "verder schuiven. 'Terug naar preset' zet het voorbeeld terug zoals geladen.",
    )
    preset_row = st.container(horizontal=True)
    preset_note = st.container()
    unit = st.session_state.unit
    slider_total, slider_share = st.columns(2)
    slider_total.select_slider(
        "Totaal aantal fte opbouwwerk",
        options=total_grid(unit),
        format_func=lambda v: total_label(v, unit),
        key="total_fte",
        persist_state=KEEP,
        help=policy.TOTAL_HELP,
    )
    slider_share.slider(
        "Aandeel presentie-inzet (de rest is opgavegericht)",
        min_value=0,
        max_value=100,
        step=5,
        format="%d %%",
        key="presence_pct",
        persist_state=KEEP,
        help="Presentie-inzet wordt verdeeld naar inwonertal, opgavegerichte inzet naar inwoners × behoefte.",
    )

    # Drawn only while open (the widgets keep their values when closed: persist_state), so a slider move
    # does not resend some twenty settings nobody is looking at.
    more = st.expander(
        "Meer instellingen: niveau, jaar, vaste voet, afronding, indicatoren, kosten", key="ex_more", on_change="rerun"
    )
    if more.open:
        _more_settings(more)
    settings = state.current()
    presets(preset_row, preset_note)
    state.write_link(settings)
    return settings


def share_link(settings: Settings) -> None:
    """'Bewaar scenario' and 'Kopieer link' side by side, and which saved scenario is on screen."""
    row = st.container(horizontal=True, vertical_alignment="center")
    with row:
        saved = scenarios.save_form(settings)
        if saved is not None:
            state.remember_saved(saved)  # its settings are the ones on screen
            state.write_link(settings)
        state.copy_link(state.full_link(settings), "Wie deze link opent, ziet precies dezelfde cijfers.")
    shown = state.last_saved()
    if saved is not None:
        st.success(
            f"Bewaard als '{md(saved.label)}' op {scenarios.when(saved)}. "
            f"De link naar dit scenario eindigt op {md('?scenario=' + saved.id)}."
        )
    elif shown is not None:
        label = md(shown.label)
        if shown.settings == settings:
            note = f" Toelichting: {md(shown.note)}" if shown.note else ""
            st.caption(f"Bewaard scenario '{label}', bewaard op {scenarios.when(shown)}.{note}")
        else:
            st.caption(f"Gewijzigd ten opzichte van het bewaarde scenario '{label}'.")
