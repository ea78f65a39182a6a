"""Opbouwwerk Zwolle: the allocation of community development FTE over areas.

>>> from opbouw import Scenario, load_areas, allocate
>>> result = allocate(load_areas("wijk", 2024), Scenario(total_fte=10.0), level="stadsdeel")
>>> float(round(result.table["fte"].sum(), 6)), list(result.table.index)
(10.0, ['Midden', 'Noord', 'Oost', 'West', 'Zuid'])
"""

from .data import DataError, load_areas, load_shapes
from .indicators import INDICATORS
from .model import Allocation, Scenario, allocate
from .need import need_index

__all__ = ["Allocation", "DataError", "INDICATORS", "Scenario", "allocate", "load_areas", "load_shapes", "need_index"]
