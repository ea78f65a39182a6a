"""What the Excel and PDF downloads show about one scenario (:mod:`opbouw.export` makes the files).

Apart from ``export`` so that a page can prepare the downloads without loading the PDF and Excel
libraries: they load when a file is asked for, not with the first page after a server start.
"""

from __future__ import annotations

from dataclasses import dataclass

from .deployment import PathReport
from .model import Allocation
from .present import Headline
from .sources import Sources


@dataclass(frozen=True)
class Memo:
    """Everything the exports show about one scenario."""

    result: Allocation
    settings: object  # opbouw.settings.Settings
    headline: Headline
    link: str
    sources: Sources
    title: str = ""  # e.g. the name of a saved scenario
    warnings: tuple[str, ...] = ()
    path: PathReport | None = None  # the ingroeipad from today's deployment (issue 17)
    own_data: str = ""  # the file(s) of own figures the scenario was computed with ("" for the built-in ones)
