"""The need indicators: what each one measures, where it comes from, which way is 'more need'."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str  # Dutch, as shown in the app
    column: str  # column in data/wijken.csv
    more_need_when_higher: bool
    unit: str
    source: str
    indicative: bool  # True for the 2014 survey figures taken to wijk level
    short: str = ""  # in running text ("inkomen"); the label when empty

    def __post_init__(self) -> None:
        if not self.short:
            object.__setattr__(self, "short", self.label.lower())


INDICATORS: dict[str, Indicator] = {
    i.key: i
    for i in [
        Indicator(
            "income",
            "Gemiddeld inkomen per inwoner",
            "income_per_inhabitant_keur",
            False,
            "× € 1.000",
            "CBS Kerncijfers wijken en buurten 2022",
            False,
            "inkomen",
        ),
        Indicator(
            "labour_participation",
            "Netto arbeidsparticipatie",
            "labour_participation_pct",
            False,
            "%",
            "CBS Kerncijfers wijken en buurten 2022",
            False,
            "arbeidsparticipatie",
        ),
        Indicator(
            "rented_homes",
            "Huurwoningen",
            "rented_homes_pct",
            True,
            "% van de woningen",
            "CBS Kerncijfers wijken en buurten 2022",
            False,
            "huurwoningen",
        ),
        Indicator(
            "liveability",
            "Leefbaarheid (rapportcijfer)",
            "bvb_liveability",
            False,
            "cijfer 1-10",
            "Buurt-voor-Buurt 2014, gemeente Zwolle",
            True,
            "leefbaarheid",
        ),
        Indicator(
            "social_cohesion",
            "Sociale cohesie",
            "bvb_social_cohesion",
            False,
            "schaal 0-10",
            "Buurt-voor-Buurt 2014, gemeente Zwolle",
            True,
            "sociale cohesie",
        ),
        Indicator(
            "social_nuisance",
            "Sociale overlast",
            "bvb_social_nuisance",
            True,
            "schaal 0-10",
            "Buurt-voor-Buurt 2014, gemeente Zwolle",
            True,
            "sociale overlast",
        ),
        Indicator(
            "dilapidation",
            "Verloedering",
            "bvb_dilapidation",
            True,
            "schaal 0-10",
            "Buurt-voor-Buurt 2014, gemeente Zwolle",
            True,
            "verloedering",
        ),
    ]
}

INDICATOR_KEYS: tuple[str, ...] = tuple(INDICATORS)
