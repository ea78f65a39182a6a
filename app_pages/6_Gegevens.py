"""Own data: download the template, upload own figures (CSV or Excel, optional GeoJSON), correct the
wijk -> stadsdeel assignment. Only for this session; nothing replaces the data in use until it is right."""

import streamlit as st

from opbouw import DataError
from opbouw import format as fmt
from opbouw.text import md
from opbouw.upload import (
    MAX_UPLOAD_BYTES,
    apply_upload,
    changes,
    changes_nothing,
    template_csv,
    template_xlsx,
    with_stadsdelen,
)
from ui import data, notices, page, state

page.start("Gegevens")
st.title("Eigen gegevens")
state.settings_from_link()

try:
    builtin = data.wijken(data.data_dir())
except DataError as exc:
    st.error(md(exc))
    st.stop()
own = data.own_data()
in_use = own.wijken if own is not None else builtin
st.write(
    "Rekenen met cijfers die nog niet openbaar zijn, zoals nieuwe Buurt-voor-Buurt-scores of een eigen sociale "
    "index: download het sjabloon met de cijfers die nu in gebruik zijn, pas het aan en upload het weer. "
    "De app gebruikt uw cijfers alleen in deze sessie; er wordt niets opgeslagen, behalve in een scenario dat u "
    "zelf bewaart."
)

st.header("1. Sjabloon")
row = st.container(horizontal=True)
row.download_button("Sjabloon (CSV)", template_csv(in_use), "opbouwwerk_wijken.csv", "text/csv", on_click="ignore")
row.download_button(
    "Sjabloon (Excel)",
    lambda: template_xlsx(in_use),
    "opbouwwerk_wijken.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
)
st.caption(
    "Wat elke kolom betekent en waar het cijfer vandaan komt: pagina 'Methode en bronnen', onder 'De cijfers per wijk'."
)

st.header("2. Uploaden")
done = st.session_state.pop("up_done", None)
if done:
    st.success(md(done[0]))
    for note in done[1:]:
        st.info(md(note))
limit = f"hooguit {MAX_UPLOAD_BYTES // (1024 * 1024)} MB"
table_file = st.file_uploader(f"Tabel met wijken (CSV of Excel, {limit})", type=["csv", "txt", "xlsx"], key="up_table")
geo_file = st.file_uploader(
    f"Kaartvlakken (GeoJSON, niet verplicht; nodig voor nieuwe wijkcodes; {limit})",
    type=["geojson", "json"],
    key="up_geo",
)
if st.button("Gebruik deze gegevens", type="primary", key="up_apply", disabled=table_file is None):
    result, problems, notes = apply_upload(
        own,
        (table_file.name, table_file.getvalue()),
        (geo_file.name, geo_file.getvalue()) if geo_file is not None else None,
        data.builtin_codes(),
    )
    if problems:
        notices.notice(
            "error", "Het bestand is niet gebruikt; de gegevens die in gebruik waren, blijven ongewijzigd.", problems
        )
        for note in notes:
            st.info(md(note))
    elif changes_nothing(result, own, builtin):
        st.info(
            f"{md(result.label)} heeft precies de cijfers die nu in gebruik zijn; er is niets veranderd"
            + (" en de app rekent nog steeds met de ingebouwde gegevens." if own is None else ".")
        )
    else:
        data.use_own_data(result)
        st.session_state.up_done = [
            f"Eigen gegevens in gebruik: {len(result.wijken)} wijken uit {result.label}.",
            *notes,
        ]
        st.rerun()  # every element above, the badge included, now shows the new data

if own is not None:
    against_builtin = changes(builtin, own.wijken)
    for doubt in against_builtin.doubts:
        st.warning(md(doubt))
    with st.expander(
        f"Wat de eigen gegevens veranderen t.o.v. de ingebouwde ({fmt.integer(len(against_builtin.lines))} "
        f"{'wijziging' if len(against_builtin.lines) == 1 else 'wijzigingen'})",
        expanded=bool(against_builtin.doubts),
    ):
        if against_builtin.none:
            st.write("Geen: dezelfde cijfers als de ingebouwde gegevens (alleen de kaartvlakken zijn eigen).")
        else:
            notices.notice("info", "", against_builtin.lines)

st.header("3. Indeling in stadsdelen corrigeren")
editor = in_use.reset_index()[["code", "name", "stadsdeel", "stadsdeel_status"]].rename(
    columns={"code": "Code", "name": "Wijk", "stadsdeel": "Stadsdeel", "stadsdeel_status": "Status"}
)
edited = st.data_editor(
    editor,
    hide_index=True,
    disabled=["Code", "Wijk", "Status"],
    key="up_stadsdelen",
    column_config={"Stadsdeel": st.column_config.TextColumn("Stadsdeel", required=True, max_chars=40)},
)
if st.button("Indeling toepassen", key="up_assign"):
    if edited["Stadsdeel"].tolist() == editor["Stadsdeel"].tolist():
        st.info("Er is niets gewijzigd.")
        st.stop()
    result, problems = with_stadsdelen(own, builtin, dict(zip(edited["Code"], edited["Stadsdeel"])))
    if problems:
        notices.notice("error", "De indeling is niet toegepast:", problems)
    else:
        data.use_own_data(result)
        st.session_state.up_done = ["De nieuwe indeling is in gebruik (alleen in deze sessie)."]
        st.rerun()
