"""Every ``st.session_state`` key the app uses, with the one module that writes it.

Widgets write their own key; the owner is the module that draws the widget. Other modules may read
a key, never write it: a page that needs another's state changes it through the owner's function
(``state.show_saved``, ``data.use_own_data``) or through a link. ``tests/test_keys.py`` checks the
code against this list.
"""

from __future__ import annotations

from opbouw.links import PARAMS
from opbouw.settings import PATH_FIELDS

CONTROLS, STATE, RESULTS, PATH = "ui/controls.py", "ui/state.py", "ui/results.py", "ui/path.py"

# key (or key prefix ending in "_*") -> (the modules that write it, what it holds)
KEYS: dict[str, tuple[tuple[str, ...], str]] = {
    # The explorer's settings: one widget each, under its link parameter (opbouw.links.PARAMS); today's
    # deployment and the path's settings are drawn on the Ingroeipad page instead.
    **{
        param: (
            ((PATH, STATE), "today's deployment or the path's settings, set on the Ingroeipad page or from a link")
            if field in PATH_FIELDS
            else ((CONTROLS, STATE), "an explorer setting, drawn by controls, set from a link or a saved scenario")
        )
        for param, (field, *_) in PARAMS.items()
    },
    "ip_level": ((PATH,), "the level today's deployment is entered at"),
    "ip_editor": ((PATH,), "the table of today's deployment, as edited"),
    "ip_apply": ((PATH,), "'Gebruik deze huidige inzet'"),
    "ip_reset": ((PATH,), "'Terug naar de aanname'"),
    "ip_totals": ((PATH,), "the totals per year as typed"),
    "ip_totals_problem": ((PATH,), "why the typed totals were not used"),
    "ip_chart": ((PATH,), "the path chart and the area clicked on it"),
    "link_opened": ((STATE,), "the query parameters the session opened with"),
    "ex_saved": ((STATE,), "the saved scenario shown or saved last"),
    "ex_preset": ((CONTROLS,), "the preset loaded last and the settings it gave"),
    "ex_preset_*": ((CONTROLS,), "one button per preset"),
    "ex_preset_back": ((CONTROLS,), "'Terug naar preset'"),
    "ex_more": ((CONTROLS,), "whether 'Meer instellingen' is open"),
    "ex_present": (("app_pages/1_Verkennen.py",), "presentation mode"),
    "ex_save_open": (("ui/scenarios.py",), "whether 'Bewaar scenario' is open"),
    "ex_save_name": (("ui/scenarios.py",), "the name typed for 'Bewaar scenario'"),
    "ex_save_note": (("ui/scenarios.py",), "the note typed for 'Bewaar scenario'"),
    "ex_save_result": (("ui/scenarios.py",), "what the last 'Bewaar' did, shown once"),
    "ex_colour_by": ((RESULTS,), "what the map is coloured by"),
    "ex_map": ((RESULTS,), "the map and the area clicked on it"),
    "ex_clicked": ((RESULTS,), "the area clicked on the map last"),
    "ex_area_figures": ((RESULTS,), "the container of the per-area figures (styled by its key)"),
    "ex_area_table": ((RESULTS,), "the container of the per-area table and its scroll hint"),
    "ex_explain": ((RESULTS,), "the area 'Waarom dit aantal?' explains"),
    "ex_why": ((RESULTS,), "whether 'Waarom dit aantal?' is open (a click on the map opens it)"),
    "own_data": (("ui/data.py",), "the figures this session uploaded, if any"),
    "own_data_off": (("ui/data.py",), "'Terug naar de ingebouwde gegevens'"),
    "gate_ok": (("ui/gate.py",), "whether this session gave the password"),
    "gate_session": (("ui/gate.py",), "this session's key for counting wrong passwords"),
    "gate_attempt": (("ui/gate.py",), "the password field"),
    "cmp_choice": (("app_pages/4_Vergelijken.py",), "the scenarios compared"),
    "cmp_link_written": (("app_pages/4_Vergelijken.py",), "the choice the page last put in its link"),
    "cmp_map_other": (("app_pages/4_Vergelijken.py",), "the scenario the difference map shows"),
    "sv_choice": (("app_pages/3_Bewaarde_scenarios.py",), "the saved scenario chosen"),
    "sv_open": (("app_pages/3_Bewaarde_scenarios.py",), "'Openen op de hoofdpagina'"),
    "sv_compare": (("app_pages/3_Bewaarde_scenarios.py",), "'Vergelijken met de huidige instellingen'"),
    "sv_remove": (("app_pages/3_Bewaarde_scenarios.py",), "'Verwijderen'"),
    "sv_confirm": (("app_pages/3_Bewaarde_scenarios.py",), "the scenario whose removal awaits confirmation"),
    "sv_password": (("app_pages/3_Bewaarde_scenarios.py",), "the password asked before a removal"),
    "sv_remove_yes": (("app_pages/3_Bewaarde_scenarios.py",), "confirm the removal"),
    "sv_remove_no": (("app_pages/3_Bewaarde_scenarios.py",), "cancel the removal"),
    "up_table": (("app_pages/6_Gegevens.py",), "the uploaded table"),
    "up_geo": (("app_pages/6_Gegevens.py",), "the uploaded wijk borders"),
    "up_apply": (("app_pages/6_Gegevens.py",), "'Gebruik deze gegevens'"),
    "up_stadsdelen": (("app_pages/6_Gegevens.py",), "the stadsdeel of each wijk, as edited"),
    "up_assign": (("app_pages/6_Gegevens.py",), "'Gebruik deze indeling'"),
    "up_done": (("app_pages/6_Gegevens.py",), "what the last upload changed, said once after the rerun"),
}


def owners(key: str) -> tuple[str, ...] | None:
    """The modules that may write ``key``; None when the key is not in :data:`KEYS`."""
    if key in KEYS:
        return KEYS[key][0]
    for pattern, (modules, _) in KEYS.items():
        if pattern.endswith("_*") and key.startswith(pattern[:-1]):
            return modules
    return None
