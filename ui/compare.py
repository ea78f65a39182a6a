"""The compare page's choices: the current settings, the presets and the saved scenarios."""

from __future__ import annotations

from dataclasses import replace

from opbouw.settings import PRESETS, Settings, snap_total
from opbouw.store import SavedScenario

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
