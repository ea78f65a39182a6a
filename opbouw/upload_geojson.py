"""Uploaded wijk polygons (GeoJSON) checked within fixed bounds, and rebuilt from what was checked.

Nothing of the file is passed on as it came: every polygon is rebuilt from its checked coordinates
(two finite numbers each, inside the Netherlands; an altitude is dropped), must be a valid shape
(shapely), and keeps only its ``code`` and a label point that lies inside it. The bounds keep one
upload from costing the server more than a moment: the nesting depth, the number of areas, rings and
vertices, and the length of a code.
"""

from __future__ import annotations

import json
import math

from shapely import is_valid_reason
from shapely.geometry import MultiPolygon, Point, Polygon, mapping

from . import format as fmt
from .text import echo
from .upload_table import size_problems

MAX_FEATURES = 500
MAX_RINGS = 100  # per area: the outer rings and holes of all its parts
MAX_VERTICES_PER_AREA = 20_000
MAX_VERTICES = 100_000  # in the whole file (the built-in 16 wijken have about 4,000)
MAX_CODE_CHARS = 40
# The Netherlands with a margin, in degrees (WGS 84): a polygon outside it is in another projection
# or another country.
LON_RANGE = (3.0, 7.5)
LAT_RANGE = (50.5, 53.8)
VALIDITY = {  # GEOS's reasons, in Dutch
    "Self-intersection": "de rand snijdt zichzelf",
    "Ring Self-intersection": "een ring snijdt zichzelf",
    "Too few points": "een ring heeft te weinig punten",
    "Hole lies outside shell": "een gat ligt buiten het vlak",
    "Nested shells": "vlakken liggen in elkaar",
    "Interior is disconnected": "het vlak valt in stukken uiteen",
    "Duplicate Rings": "een ring komt twee keer voor",
    "Nested holes": "gaten liggen in elkaar",
}


class Refused(ValueError):
    """One area's polygon cannot be used; the message is Dutch."""


def _refuse_constant(name: str) -> float:
    raise Refused(f"'{name}' staat waar een getal hoort")


def read_geojson(name: str, content: bytes) -> tuple[dict | None, list[str]]:
    """(FeatureCollection of checked polygons with ``code``, ``label_lon``, ``label_lat``, problems)."""
    problems = size_problems(name, content)
    if problems:
        return None, problems
    invalid = [f"{name} is geen geldige GeoJSON FeatureCollection."]
    try:
        collection = json.loads(content.decode("utf-8-sig"), parse_constant=_refuse_constant)
    except RecursionError:
        return None, [f"{name} is te diep genest om GeoJSON te zijn."]
    except Refused as exc:
        return None, [f"{name}: {exc}."]
    except (UnicodeDecodeError, ValueError):
        return None, invalid
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list) or not features:
        return None, invalid
    if len(features) > MAX_FEATURES:
        return None, [f"{name} heeft {fmt.integer(len(features))} vlakken; hooguit {fmt.integer(MAX_FEATURES)}."]
    out, total = [], 0
    for number, feature in enumerate(features, start=1):
        try:
            code, geometry = _code(feature), _geometry(feature)
            total += _vertices(geometry)
            if total > MAX_VERTICES:
                return None, [f"{name} heeft meer dan {fmt.integer(MAX_VERTICES)} hoekpunten; vereenvoudig de vlakken."]
            out.append(_feature(code, geometry, feature.get("properties") or {}))
        except Refused as exc:
            problems.append(f"{name}, vlak {number}: {exc}")
            if len(problems) >= 30:
                break
    codes = [f["properties"]["code"] for f in out]
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    problems += [f"{name}: code '{echo(c)}' heeft meer dan één vlak" for c in repeated]
    return (None if problems else {"type": "FeatureCollection", "features": out}), problems


def _code(feature: object) -> str:
    properties = feature.get("properties") if isinstance(feature, dict) else None
    code = properties.get("code") if isinstance(properties, dict) else None
    if isinstance(code, bool) or not isinstance(code, (str, int)) or not str(code).strip():
        raise Refused("geen polygoon met een eigenschap 'code'")
    code = str(code).strip()
    if len(code) > MAX_CODE_CHARS:
        raise Refused(f"de code '{echo(code)}' is langer dan {MAX_CODE_CHARS} tekens")
    return code


def _position(value: object) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) not in (2, 3):
        raise Refused("een hoekpunt is geen paar coördinaten")
    if any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in value):
        raise Refused("een coördinaat is geen getal")
    lon, lat = float(value[0]), float(value[1])  # an altitude is dropped
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise Refused("een coördinaat is geen eindig getal")
    if not (LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]):
        raise Refused(
            f"het punt ({fmt.number(lon, 4)}, {fmt.number(lat, 4)}) ligt niet in Nederland; "
            "gebruik lengte- en breedtegraden (WGS 84)"
        )
    return lon, lat


def _ring(value: object) -> list[tuple[float, float]]:
    if not isinstance(value, list) or len(value) < 4:
        raise Refused("een ring heeft minder dan vier hoekpunten")
    if len(value) > MAX_VERTICES_PER_AREA:
        raise Refused(f"meer dan {fmt.integer(MAX_VERTICES_PER_AREA)} hoekpunten; vereenvoudig het vlak")
    return [_position(p) for p in value]


def _polygon(value: object) -> Polygon:
    if not isinstance(value, list) or not value:
        raise Refused("een polygoon zonder ringen")
    if len(value) > MAX_RINGS:
        raise Refused(f"meer dan {MAX_RINGS} ringen")
    outer, *holes = (_ring(r) for r in value)
    return Polygon(outer, holes)


def _geometry(feature: dict) -> Polygon | MultiPolygon:
    geometry = feature.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if kind == "Polygon":
        shape = _polygon(coordinates)
    elif kind == "MultiPolygon" and isinstance(coordinates, list) and coordinates:
        if len(coordinates) > MAX_RINGS:
            raise Refused(f"meer dan {MAX_RINGS} delen")
        if sum(len(p) if isinstance(p, list) else 1 for p in coordinates) > MAX_RINGS:
            raise Refused(f"meer dan {MAX_RINGS} ringen")
        shape = MultiPolygon([_polygon(p) for p in coordinates])
    else:
        raise Refused("geen polygoon met een eigenschap 'code'")
    if _vertices(shape) > MAX_VERTICES_PER_AREA:
        raise Refused(f"meer dan {fmt.integer(MAX_VERTICES_PER_AREA)} hoekpunten; vereenvoudig het vlak")
    reason = is_valid_reason(shape)
    if reason != "Valid Geometry":
        kind_of_fault = reason.split("[")[0].strip()
        raise Refused(f"geen geldige vorm: {VALIDITY.get(kind_of_fault, 'de vorm klopt niet')}")
    return shape


def _vertices(shape: Polygon | MultiPolygon) -> int:
    parts = shape.geoms if isinstance(shape, MultiPolygon) else [shape]
    return sum(len(ring.coords) for part in parts for ring in (part.exterior, *part.interiors))


def _feature(code: str, shape: Polygon | MultiPolygon, properties: dict) -> dict:
    """The checked polygon as GeoJSON, with a label point inside it (the file's own, when it is one)."""
    lon, lat = properties.get("label_lon"), properties.get("label_lat")
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in (lon, lat))
    if not (numbers and shape.contains(Point(lon, lat))):
        point = shape.representative_point()
        lon, lat = round(point.x, 5), round(point.y, 5)
    return {
        "type": "Feature",
        "geometry": mapping(shape),
        "properties": {"code": code, "label_lon": float(lon), "label_lat": float(lat)},
    }
