"""Method and sources: how the numbers are made, in plain Dutch, and where every figure comes from."""

from pathlib import Path

import streamlit as st

from opbouw import DataError
from opbouw.method import assumptions, indicator_table, method_markdown
from opbouw.text import md
from ui import data, page, state

page.start("Methode en bronnen")
st.title("Methode en bronnen")
state.settings_from_link()

st.markdown(method_markdown())

st.header("Bronnen")
st.caption("Elk cijfer in de app met zijn bron, jaar en licentie.")
own = data.own_data()
if own is not None:
    st.info(
        f"U rekent nu met eigen gegevens ({md(own.label)}): die cijfers per wijk komen niet uit de bronnen hieronder. "
        "De downloads van het scenario noemen uw bestand als bron."
    )
folder = data.data_dir()
try:
    sources = data.sources(folder)
    uncertain = assumptions(Path(folder) if folder else None)
except DataError as exc:
    st.error(md(exc))
    st.stop()
st.subheader("Indicatoren van de behoefte-index")
st.table(indicator_table(), hide_index=True)
st.subheader("Bestanden")
st.table(sources.files, hide_index=True)
st.subheader("Beleidsgetallen")
st.table(sources.policy, hide_index=True)
st.subheader("Hoe de cijfers zijn afgeleid, en de kanttekeningen")
st.markdown("\n".join(f"- {caveat}" for caveat in sources.caveats))
st.subheader("Indeling in stadsdelen: aannames en onzekerheden")
st.caption(
    "Bevestigde indelingen staan hier niet. 'Aanname' betekent: geen bron gevonden; de app markeert deze "
    "wijken met een * waar stadsdeelcijfers staan."
)
st.table(uncertain, hide_index=True)
st.subheader("De cijfers per wijk: betekenis en bron")
st.caption("De kolomnamen zijn die van het sjabloon op de pagina Gegevens.")
st.table(sources.columns, hide_index=True)
