"""The sources of every figure, read from ``data/SOURCES.md`` (so the app, the exports and the
method page say exactly what that file says, and cannot drift from it); the policy numbers with their
sources come from :mod:`opbouw.policy`, where the model reads them too.

>>> tables = read_sources()
>>> list(tables.files.columns)
['bestand', 'inhoud', 'bron', 'jaar', 'licentie']
>>> "inwoners_2024" in set(tables.columns["kolom"])  # as the template names it
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .data import DATA_DIR, DataError
from .policy import policy_rows
from .upload import heading

SECTION_FILES = "Bestanden"
SECTION_COLUMNS = "Kolommen van `wijken.csv`"
SECTION_CAVEATS = "Hoe de cijfers zijn afgeleid, en de kanttekeningen"


@dataclass(frozen=True)
class Sources:
    files: pd.DataFrame
    columns: pd.DataFrame
    policy: pd.DataFrame
    caveats: list[str]  # one Markdown bullet each, without the dash


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return {title.strip(): body for title, body in zip(parts[1::2], parts[2::2])}


def _table(body: str) -> pd.DataFrame:
    rows = [line.strip() for line in body.splitlines() if line.strip().startswith("|")]
    cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows]
    header, data = cells[0], [r for r in cells[2:] if len(r) == len(cells[0])]
    return pd.DataFrame(data, columns=header).map(lambda c: c.replace("`", ""))


def _bullets(body: str) -> list[str]:
    items, current = [], None
    for line in body.splitlines():
        if line.startswith("- "):
            current = line[2:].strip()
            items.append(current)
        elif line.startswith("  ") and items:
            items[-1] = f"{items[-1]} {line.strip()}"
    return items


def _with_headings(columns: pd.DataFrame) -> pd.DataFrame:
    """The column table with each column named as the template names it (in Dutch, see
    :data:`opbouw.upload.HEADINGS`): what staff who upload their own figures see."""
    return columns.assign(kolom=columns["kolom"].map(heading))


def read_sources(data_dir: Path | None = None) -> Sources:
    """The tables and caveats of SOURCES.md; a Dutch DataError if the file or a section is missing."""
    path = Path(data_dir or DATA_DIR) / "SOURCES.md"
    try:
        sections = _sections(path.read_text(encoding="utf-8"))
        return Sources(
            files=_table(sections[SECTION_FILES]),
            columns=_with_headings(_table(sections[SECTION_COLUMNS])),
            policy=pd.DataFrame(policy_rows()),
            caveats=_bullets(sections[SECTION_CAVEATS]),
        )
    except FileNotFoundError as exc:
        raise DataError(
            f"Het bronnenbestand {path.name} ontbreekt; de beheerder van de app kan het herstellen."
        ) from exc
    except (KeyError, IndexError, ValueError) as exc:
        raise DataError(
            f"Het bronnenbestand {path.name} mist een onderdeel of is anders opgebouwd dan verwacht."
        ) from exc


def for_own_data(sources: Sources, label: str, own_polygons: bool) -> Sources:
    """What the exports cite while a session computes with uploaded figures (``label``: the file names).

    The figures per wijk (inhabitants, indicators, stadsdeel) then come from the upload, whose origin,
    year and licence the app does not know; saying CBS there would be wrong. The policy figures (cost
    per FTE, today's FTE) stay, and so do the built-in polygons unless the upload brought its own; the
    stadsdeel borders are joined again from the wijk polygons in use (``ui/data.py``).

    >>> own = for_own_data(read_sources(), "buurtcijfers.xlsx", own_polygons=False)
    >>> own.files["bestand"].tolist()
    ['buurtcijfers.xlsx', 'wijken.geojson', 'stadsdelen.geojson']
    >>> "CBS" in " ".join(own.columns["bron"])
    False
    >>> own.files.set_index("bestand").loc["stadsdelen.geojson", "inhoud"]
    'stadsdeelgrenzen, in deze sessie samengevoegd uit wijken.geojson volgens de stadsdelen in buurtcijfers.xlsx'
    >>> for_own_data(read_sources(), "wijken.xlsx en vlakken.geojson", own_polygons=True).files["bestand"].tolist()
    ['wijken.xlsx en vlakken.geojson']
    """
    unknown = "onbekend (eigen gegevens)"
    upload = {
        "bestand": label,
        "inhoud": "eigen gegevens, in deze sessie geüpload: inwoners, indicatoren en indeling in stadsdelen per wijk",
        "bron": "aangeleverd door de gebruiker; herkomst niet bekend bij de app",
        "jaar": unknown,
        "licentie": unknown,
    }
    files = sources.files[sources.files["bestand"] != "wijken.csv"]
    # The stadsdeel borders are drawn again in the session, from the wijk borders in use, by the upload's stadsdelen.
    if own_polygons:
        files = files[~files["bestand"].isin(["wijken.geojson", "stadsdelen.geojson"])]
        upload["inhoud"] += "; wijkgrenzen, en daaruit samengevoegd de stadsdeelgrenzen"
    else:
        redrawn = f"stadsdeelgrenzen, in deze sessie samengevoegd uit wijken.geojson volgens de stadsdelen in {label}"
        files = files.assign(inhoud=files["inhoud"].where(files["bestand"] != "stadsdelen.geojson", redrawn))
    columns = sources.columns.assign(bron=f"eigen gegevens ({label})", jaar=unknown, licentie=unknown)
    return Sources(
        files=pd.concat([pd.DataFrame([upload]), files], ignore_index=True),
        columns=columns,
        policy=sources.policy,
        caveats=[
            f"**Eigen gegevens.** De cijfers per wijk komen uit {label}, niet uit de ingebouwde CBS- en "
            "Buurt-voor-Buurt-bestanden. Herkomst, peiljaar en licentie ervan kent de app niet; vermeld ze "
            "zelf als u deze cijfers deelt.",
        ],
    )


def plain(markdown: str) -> str:
    """Markdown emphasis and code marks removed, for Excel and PDF.

    >>> plain("**Aanname** (zie `wijken.csv`)")
    'Aanname (zie wijken.csv)'
    """
    return re.sub(r"[*`]", "", markdown)
