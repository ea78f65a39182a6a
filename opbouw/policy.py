"""The policy numbers, each written once with its source: the model, the pages, the help texts and the
exports read them from here.

>>> policy_rows()[-1]["waarde"]
'€ 85.000 per jaar (2 fte kosten € 170.000; schaal 8 cao Welzijn, prijspeil 2018)'
"""

from __future__ import annotations

from . import format as fmt

MEMO_2018 = 'informatienota "Beantwoording moties opbouwwerk", gemeente Zwolle, 28 mei 2018'
MEMO_2018_SHORT = "informatienota opbouwwerk, gemeente Zwolle, 28 mei 2018"

BASELINE_FTE = 8.0  # the budget in 2018 (MEMO_2018)
BEFORE_2018_FTE = 6.0  # until 2017 (MEMO_2018)
TRAVERS_ADVICE_FTE = 10.0  # Travers Welzijn's advice: two per stadsdeel (MEMO_2018)
TRAVERS_PER_STADSDEEL_FTE = 2.0
# +2 FTE costs EUR 170,000 a year (MEMO_2018; schaal 8 cao Welzijn, 2018 prices): EUR 85,000 per FTE.
COST_PER_FTE_EUR = 85_000.0
PRICE_YEAR = 2018  # the price level of COST_PER_FTE_EUR
# Indexing to a later year: no wage or price index for opbouwwerk could be cited here, so the
# default is 0 % a year (costs stay at 2018 prices) and the app says so; the user can type one.
DEFAULT_INDEX_PCT = 0.0
MAX_INDEX_PCT = 10.0  # % a year; the setting's upper bound
MAX_PRICE_YEAR = 2035
# An assumption: the memo names no working week. 36 hours is the full-time week of the Dutch care and
# welfare cao's (e.g. cao Jeugdzorg art. 6.1: full time = 36 hours a week on average); the cao Sociaal
# Werk itself was not consulted here. Used only to turn FTE into hours and for the 4-hour unit.
HOURS_PER_FTE = 36.0

COST_TEXT = (
    f"{fmt.eur(COST_PER_FTE_EUR)} per jaar (2 fte kosten {fmt.eur(2 * COST_PER_FTE_EUR)}; "
    f"schaal 8 cao Welzijn, prijspeil {PRICE_YEAR})"
)
COST_HELP = (
    f"{fmt.eur(COST_PER_FTE_EUR)}: 2 fte kosten {fmt.eur(2 * COST_PER_FTE_EUR)} per jaar "
    f"(informatienota {PRICE_YEAR}, schaal 8 cao Welzijn), prijspeil {PRICE_YEAR}. Het bedrag is de prijs van de "
    "twee extra fte, doorgetrokken naar alle opbouwwerkers."
)
TOTAL_HELP = (
    f"Nu {fmt.fte(BASELINE_FTE, 0)} (informatienota 2018); Travers adviseert {fmt.fte(TRAVERS_ADVICE_FTE, 0)}, "
    "twee per stadsdeel."
)
HOURS_NOTE = f"bij een {fmt.number(HOURS_PER_FTE, 0)}-urige werkweek (aanname)"
INDEX_HELP = (
    f"De {fmt.eur(COST_PER_FTE_EUR)} per fte is het prijspeil van {PRICE_YEAR}. Er is geen loon- of prijsindex "
    "voor opbouwwerk geciteerd; standaard rekent de app daarom met 0 % per jaar. Vul een percentage in om de "
    "kosten naar een later jaar te indexeren."
)


def price_level(year: int, index_pct: float) -> str:
    """'prijspeil 2018', or 'prijspeil 2027 (2018 + 2,5 % per jaar)'."""
    if year == PRICE_YEAR:
        return f"prijspeil {PRICE_YEAR}"
    return f"prijspeil {year} ({PRICE_YEAR} + {fmt.number(index_pct, 1)} % per jaar)"


def index_factor(year: int, index_pct: float) -> float:
    """What 2018 prices are multiplied by to reach ``year`` at ``index_pct`` a year."""
    return (1 + index_pct / 100) ** (year - PRICE_YEAR)


METHOD_COST_LINE = (
    f"Kosten: {fmt.eur(COST_PER_FTE_EUR)} per fte per jaar, prijspeil {PRICE_YEAR} ({MEMO_2018_SHORT}), "
    "geïndexeerd zoals ingesteld."
)
SOURCES_CAPTION = (
    "Bronnen: inwoners, inkomen, arbeidsparticipatie en huurwoningen: Bron: CBS, Kerncijfers wijken en buurten "
    "2022/2024 (CC BY 4.0). Leefbaarheid, sociale cohesie, overlast en verloedering: Buurt-voor-Buurt-onderzoek "
    "gemeente Zwolle 2014; bijstand, Sociale Index en Veiligheidsindex: gemeente Zwolle, c. 2014 (indicatief). "
    f"Fte en kosten: {MEMO_2018_SHORT}. "
    "Alles over de bronnen staat op de pagina Methode en bronnen."
)


def policy_rows() -> list[dict[str, str]]:
    """The policy numbers as the method page and the exports list them: getal, waarde, bron."""
    return [
        {"getal": "huidige omvang opbouwwerk", "waarde": fmt.fte(BASELINE_FTE, 0), "bron": MEMO_2018},
        {"getal": "eerdere omvang", "waarde": fmt.fte(BEFORE_2018_FTE, 0), "bron": "idem"},
        {"getal": "advies Travers", "waarde": f"{fmt.fte(TRAVERS_ADVICE_FTE, 0)}, twee per stadsdeel", "bron": "idem"},
        {"getal": "kosten per fte", "waarde": COST_TEXT, "bron": "idem"},
    ]
