"""Polygons for the maps: the stadsdelen as the union of their wijken (shapely), as GeoJSON features.

One implementation for ``scripts/build_data.py`` (which writes ``data/stadsdelen.geojson``) and for the
app, which draws the stadsdelen of an own wijk -> stadsdeel assignment or of own wijk polygons the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

# Simplification tolerance and rounding, in degrees: 0.00003 deg is about 2-3 m here, 5 decimals
# about 1 m. The CBS source was already simplified at 0.0005 deg.
SIMPLIFY_DEG = 0.00003
DECIMALS = 5
# Closing the slivers between independently simplified wijk polygons before dissolving them into
# stadsdelen: about 15 m out and back in.
SLIVER_DEG = 0.00015


def rounded(geom: BaseGeometry, decimals: int = DECIMALS) -> dict:
    """GeoJSON mapping of ``geom`` with coordinates rounded to ``decimals``."""

    def walk(coords):
        if isinstance(coords[0], (int, float)):
            return [round(c, decimals) for c in coords]
        return [walk(c) for c in coords]

    g = mapping(geom)
    return {"type": g["type"], "coordinates": walk(g["coordinates"])}


def feature(geom: BaseGeometry, properties: dict[str, object]) -> dict[str, object]:
    """A GeoJSON feature with a label point inside the polygon (``label_lon``, ``label_lat``)."""
    point = geom.representative_point()
    props = dict(properties)
    props["label_lon"] = round(point.x, DECIMALS)
    props["label_lat"] = round(point.y, DECIMALS)
    return {"type": "Feature", "properties": props, "geometry": rounded(geom)}


def stadsdeel_features(geoms: dict[str, BaseGeometry], wijken: Iterable[tuple[str, str, str]]) -> list[dict]:
    """One feature per stadsdeel, sorted by name: the union of its wijken's polygons.

    ``geoms`` maps wijk codes to polygons; ``wijken`` gives (code, name, stadsdeel) in table order, which
    is also the order of the names in each feature's ``wijken`` property (as in the area table)."""
    rows = list(wijken)
    features = []
    for sd in sorted({stadsdeel for _, _, stadsdeel in rows}):
        members = [(code, name) for code, name, stadsdeel in rows if stadsdeel == sd]
        parts = [geoms[code].buffer(SLIVER_DEG) for code, _ in members]
        dissolved = unary_union(parts).buffer(-SLIVER_DEG).simplify(SIMPLIFY_DEG)
        names = ", ".join(name for _, name in members)
        features.append(feature(dissolved, {"code": sd, "name": sd, "wijken": names}))
    return features


def stadsdelen_from(wijk_shapes: dict, wijken: Iterable[tuple[str, str, str]], note: str) -> dict:
    """The stadsdeel FeatureCollection for wijk polygons (GeoJSON, features with a ``code``) and an
    assignment (code, name, stadsdeel) whose every wijk has a polygon."""
    geoms = {f["properties"]["code"]: shape(f["geometry"]) for f in wijk_shapes["features"]}
    return {"type": "FeatureCollection", "note": note, "features": stadsdeel_features(geoms, wijken)}
