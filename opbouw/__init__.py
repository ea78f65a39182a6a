"""Opbouwwerk Zwolle: the allocation of community development FTE over areas.

>>> from opbouw import Scenario, load_areas, allocate
>>> result = allocate(load_areas("stadsdeel", 2024), Scenario(total_fte=10.0))
>>> float(round(result.table["fte"].sum(), 6)), result.warnings
(10.0, ())
"""

from .data import DataError, load_areas, load_shapes
from .indicators import INDICATORS
from .model import Allocation, Scenario, allocate, need_index

__all__ = ["Allocation", "DataError", "INDICATORS", "Scenario", "allocate", "load_areas", "load_shapes", "need_index"]
