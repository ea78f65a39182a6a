"""The compare page's choices: the current settings, the presets and the saved scenarios; and the choice
in the link (``?vergelijk=preset:fte8,current``), so that a link to the page shows the same comparison."""

from __future__ import annotations

from dataclasses import replace

from opbouw.compare import MAX_SCENARIOS
from opbouw.settings import PRESETS, Settings, snap_total
from opbouw.store import SavedScenario
from opbouw.text import echo

CURRENT = "current"
DEFAULT_CHOICE = ["preset:fte8", CURRENT]  # today's 8 fte first: every difference is against today


def choices(current: Settings, saved: list[SavedScenario]) -> dict[str, tuple[str, Settings]]:
    """Choice key -> (label, settings). Presets apply to the current settings, as on the main page."""
    options = {CURRENT: ("Huidige instellingen", current)}
    for preset in PRESETS.values():
        applied = preset.apply(current)
        options[f"preset:{preset.key}"] = (
            preset.label,
            replace(applied, total_fte=snap_total(applied.total_fte, applied.unit)),
        )
    for s in saved:
        options[f"saved:{s.id}"] = (f"Bewaard: {s.label}", s.settings)
    return options


PARAM = "vergelijk"


def to_link(chosen: list[str]) -> str:
    return ",".join(chosen)


def from_link(
    text: str, options: dict[str, tuple[str, Settings]], store_problem: str | None = None
) -> tuple[list[str], list[str]]:
    """The choice a link names, and in Dutch what in it could not be used (plain text). Unknown or
    repeated keys are left out; with fewer than two left, the default comparison is shown.
    ``store_problem`` says why saved scenarios cannot be read now, if they cannot."""
    chosen, problems = [], []
    for key in (part.strip() for part in text.split(",")[: 4 * MAX_SCENARIOS]):
        if key in chosen or not key:
            continue
        if key not in options:
            saved = echo(key.removeprefix("saved:"), 20)
            if key.startswith("saved:") and store_problem:
                problems.append(
                    f"Het bewaarde scenario '{saved}' uit de link kan nu niet worden geopend, want de opslag "
                    "is niet leesbaar; het is weggelaten."
                )
            elif key.startswith("saved:"):
                problems.append(f"Het bewaarde scenario '{saved}' uit de link bestaat niet meer; het is weggelaten.")
            else:
                problems.append(f"'{echo(key)}' in de link is geen scenario om te vergelijken; het is weggelaten.")
            continue
        chosen.append(key)
    if len(chosen) > MAX_SCENARIOS:
        problems.append(f"De link noemt meer dan {MAX_SCENARIOS} scenario's; de eerste {MAX_SCENARIOS} zijn gebruikt.")
        chosen = chosen[:MAX_SCENARIOS]
    if len(chosen) < 2:
        problems.append("De link noemt geen twee scenario's om te vergelijken; de standaardvergelijking is gebruikt.")
        chosen = list(DEFAULT_CHOICE)
    return chosen, problems
