"""The need indicators: what each one measures, where it comes from, which way is 'more need', and
the theme it belongs to (a weight per theme lets a user say "more weight to poverty")."""

from __future__ import annotations

from dataclasses import dataclass

# Theme key -> Dutch label. The four themes issue 16 names; every indicator belongs to one.
THEMES: dict[str, str] = {
    "income_work": "Inkomen en werk",
    "housing": "Wonen en leefbaarheid",
    "safety": "Veiligheid",
    "cohesion": "Sociale samenhang",
}
THEME_KEYS: tuple[str, ...] = tuple(THEMES)

_CBS_2022 = "CBS Kerncijfers wijken en buurten 2022"
_CBS_RELIABILITY = "registratie van het CBS, telling van alle inwoners of woningen"
_BVB = "Buurt-voor-Buurt 2014, gemeente Zwolle"
_BVB_RELIABILITY = (
    "enquête van de gemeente; per wijk het gemiddelde van de buurten met gepubliceerde indexcijfers; indicatief (2014)"
)
_INDEX_SOURCE = {
    "si": "Sociale Index, gemeente Zwolle (c. 2014)",
    "li": "Leefbaarheidsindex, gemeente Zwolle (c. 2014)",
    "vi": "Veiligheidsindex, gemeente Zwolle (c. 2014)",
}
_INDEX_RELIABILITY = (
    "index van de gemeente uit enquête en registraties; buurten zonder gepubliceerde waarde tellen niet mee; "
    "indicatief (c. 2014)"
)
_INDEX_UNIT = ""  # 100 = Zwolle: the city average beside it says so


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str  # Dutch, as shown in the app
    column: str  # column in data/wijken.csv
    more_need_when_higher: bool
    unit: str
    source: str
    indicative: bool  # True for the c. 2014 figures taken from buurten to wijk level
    short: str = ""  # in running text ("inkomen"); the label when empty
    theme: str = "income_work"
    year: str = ""  # the year the figure describes, as the source gives it
    reliability: str = ""  # how the figure was measured and how far to trust it (Dutch)

    def __post_init__(self) -> None:
        if not self.short:
            object.__setattr__(self, "short", self.label.lower())
        if self.theme not in THEMES:
            raise ValueError(f"unknown theme {self.theme!r}")


def _index(key: str, label: str, column: str, short: str, theme: str) -> Indicator:
    """One theme of the municipality's own indices: 100 = Zwolle average, higher = better."""
    return Indicator(
        key,
        label,
        column,
        False,
        _INDEX_UNIT,
        _INDEX_SOURCE[column.split("_")[0]],
        True,
        short,
        theme,
        "c. 2014",
        _INDEX_RELIABILITY,
    )


INDICATORS: dict[str, Indicator] = {
    i.key: i
    for i in [
        # Inkomen en werk
        Indicator(
            "income",
            "Gemiddeld inkomen per inwoner",
            "income_per_inhabitant_keur",
            False,
            "× € 1.000",
            _CBS_2022,
            False,
            "inkomen",
            "income_work",
            "2022",
            _CBS_RELIABILITY + "; CBS houdt het geheim in kleine wijken",
        ),
        Indicator(
            "labour_participation",
            "Netto arbeidsparticipatie",
            "labour_participation_pct",
            False,
            "%",
            _CBS_2022,
            False,
            "arbeidsparticipatie",
            "income_work",
            "2022",
            _CBS_RELIABILITY,
        ),
        Indicator(
            "welfare",
            "Bijstand (% tot de AOW-leeftijd)",
            "welfare_pct",
            True,
            "%",
            "Gemeente Zwolle, % WWB tot de AOW-leeftijd (c. 2014)",
            True,
            "bijstand",
            "income_work",
            "c. 2014",
            "registratie van de gemeente; buurten zonder gepubliceerde indexcijfers tellen niet mee; "
            "indicatief (c. 2014)",
        ),
        _index("si_work", "Werk (Sociale Index)", "si_work", "werk", "income_work"),
        # Wonen en leefbaarheid
        Indicator(
            "rented_homes",
            "Huurwoningen",
            "rented_homes_pct",
            True,
            "% van de woningen",
            _CBS_2022,
            False,
            "huurwoningen",
            "housing",
            "2022",
            _CBS_RELIABILITY,
        ),
        Indicator(
            "liveability",
            "Leefbaarheid (rapportcijfer)",
            "bvb_liveability",
            False,
            "cijfer 1-10",
            _BVB,
            True,
            "leefbaarheid",
            "housing",
            "2014",
            _BVB_RELIABILITY,
        ),
        Indicator(
            "dilapidation",
            "Verloedering",
            "bvb_dilapidation",
            True,
            "schaal 0-10",
            _BVB,
            True,
            "verloedering",
            "housing",
            "2014",
            _BVB_RELIABILITY,
        ),
        _index("si_living", "Woonomgeving en sociaal klimaat (Sociale Index)", "si_living", "woonomgeving", "housing"),
        # Veiligheid
        Indicator(
            "social_nuisance",
            "Sociale overlast",
            "bvb_social_nuisance",
            True,
            "schaal 0-10",
            _BVB,
            True,
            "sociale overlast",
            "safety",
            "2014",
            _BVB_RELIABILITY,
        ),
        _index("vi_nuisance", "Overlast, geregistreerd (Veiligheidsindex)", "vi_nuisance", "overlast", "safety"),
        _index(
            "vi_nuisance_felt",
            "Overlast, ervaren (Veiligheidsindex)",
            "vi_nuisance_felt",
            "ervaren overlast",
            "safety",
        ),
        _index("si_safety", "Veiligheid (Sociale Index)", "si_safety", "veiligheid", "safety"),
        # Sociale samenhang
        Indicator(
            "social_cohesion",
            "Sociale cohesie",
            "bvb_social_cohesion",
            False,
            "schaal 0-10",
            _BVB,
            True,
            "sociale cohesie",
            "cohesion",
            "2014",
            _BVB_RELIABILITY,
        ),
        _index("si_contacts", "Sociale contacten (Sociale Index)", "si_contacts", "sociale contacten", "cohesion"),
        _index("si_involvement", "Betrokkenheid (Sociale Index)", "si_involvement", "betrokkenheid", "cohesion"),
    ]
}

INDICATOR_KEYS: tuple[str, ...] = tuple(INDICATORS)


def theme_of(key: str) -> str:
    return INDICATORS[key].theme


def indicators_in(theme: str) -> list[str]:
    return [key for key in INDICATOR_KEYS if INDICATORS[key].theme == theme]


def effective_weights(indicator_weights: dict[str, float], theme_weights: dict[str, float]) -> dict[str, float]:
    """The weight each indicator has in the need index: its theme's weight, shared over the theme's
    indicators in proportion to their own weights (a theme with more indicators does not count more).

    >>> w = effective_weights({k: 1.0 for k in INDICATOR_KEYS}, {t: 1.0 for t in THEME_KEYS})
    >>> round(sum(w[k] for k in indicators_in("safety")), 9), round(w["income"], 2)
    (1.0, 0.25)
    """
    out = {}
    for theme in THEME_KEYS:
        keys = indicators_in(theme)
        total = sum(indicator_weights.get(k, 0.0) for k in keys)
        for key in keys:
            share = indicator_weights.get(key, 0.0) / total if total > 0 else 0.0
            out[key] = theme_weights.get(theme, 0.0) * share
    return out
