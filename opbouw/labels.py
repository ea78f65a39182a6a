"""Where the name of each point in a scatter chart goes, so that names neither overlap each other nor
cover a point (plain functions; no Streamlit).

Vega-Lite has no label placement of its own: it puts every name at one fixed offset, and in a city
where several wijken have nearly the same figures the names pile up. Here each name has a list of
places around its point, in order of preference (right, left, above, below, the corners, then two
rows further out, with a thin line to the point), and takes the cheapest: free of other names and
points if it can. A name that finds no free place is left out (the chart's tooltip still has it).
The chart then draws each name at its own offset in pixels.

The browser's text widths are not known here; they are estimated per character, with a margin.
One job in one file, over 300 lines: the candidate places, their costs and the search belong together.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

# Widths of characters in ems, for a sans-serif font; other characters count as AVERAGE_EM.
NARROW_EM, AVERAGE_EM, WIDE_EM, CAPITAL_EM = 0.3, 0.56, 0.85, 0.68
NARROW, WIDE = set("iljtfr.,:;'!|()- *"), set("mwMW")
GAP_PX = 3  # between a point's edge and its name
POINT_MARGIN_PX = 3  # room kept free around other points
LINE_EM = 1.25
# A line to a name crossing another name costs as much as this many square pixels of overlap per pixel.
LEADER_WEIGHT = 12
# Part of a name outside the plot (over the axis labels, or cut off) costs this many times its area.
OUTSIDE_WEIGHT = 6
# Names that still clash after the first pass are placed again together, in groups of at most this many
# (every combination of their places is tried; for groups of MAX_GROUP, of their GROUP_PLACES cheapest).
MAX_GROUP, GROUP_PLACES = 4, 8


def text_width_px(text: str, font_size: float) -> float:
    """Estimated width of ``text`` in pixels, on the generous side.

    >>> text_width_px("Wipstrik", 13) < text_width_px("Kamperpoort-Veerallee", 13)
    True
    """
    ems = 0.0
    for char in text:
        if char in NARROW:
            ems += NARROW_EM
        elif char in WIDE:
            ems += WIDE_EM
        elif char.isupper():
            ems += CAPITAL_EM
        else:
            ems += AVERAGE_EM
    return ems * font_size + 2


@dataclass(frozen=True)
class Placement:
    """A name's offset from its point's centre in pixels (y downwards), and its horizontal anchor."""

    dx: float
    dy: float
    align: str  # "left", "center" or "right": which end of the text is at the offset
    shown: bool = True  # False: no free place; the name is left out (the tooltip still has it)


def _candidates(radius: float, line: float) -> list[Placement]:
    """The places to try, best first. Rows of names a line or more from the point are a line (plus a
    pixel) apart, so that names in neighbouring rows never touch."""
    side = radius + GAP_PX
    diagonal = radius * 0.71 + GAP_PX
    vertical = radius + GAP_PX + line / 2
    corner = max(diagonal + line / 2, line + 1)  # clears the row of a name beside a neighbouring point
    second = max(vertical, corner) + line + 1
    third = second + line + 1
    places = [
        Placement(side, 0, "left"),
        Placement(-side, 0, "right"),
        Placement(0, -vertical, "center"),
        Placement(0, vertical, "center"),
        Placement(diagonal, -corner, "left"),
        Placement(diagonal, corner, "left"),
        Placement(-diagonal, -corner, "right"),
        Placement(-diagonal, corner, "right"),
    ]
    for row in (second, third):  # further away, with a line to the point: centred on it, or starting at it
        places += [Placement(0, -row, "center"), Placement(0, row, "center")]
        for dy in (-row, row):
            places += [Placement(GAP_PX, dy, "left"), Placement(-GAP_PX, dy, "right")]
    return places


SHIFT = {"left": 0.0, "center": -0.5, "right": -1.0}  # where a name's left edge is, in name widths


Box = tuple[float, float, float, float]  # left, top, right, bottom, in pixels


def overlap_area(a: Box, b: Box) -> float:
    """The area two boxes share (plain Python: for boxes one at a time, numpy costs more per call).

    >>> overlap_area((0, 0, 10, 10), (5, 5, 20, 20)), overlap_area((0, 0, 1, 1), (1, 0, 2, 1))
    (25, 0.0)
    """
    al, at, ar, ab = a
    bl, bt, br, bb = b
    w = (ar if ar < br else br) - (al if al > bl else bl)
    if w <= 0:
        return 0.0
    h = (ab if ab < bb else bb) - (at if at > bt else bt)
    return w * h if h > 0 else 0.0


def _overlap_np(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``overlap_area`` for arrays of boxes (on the last axis), broadcast."""
    w = np.minimum(a[..., 2], b[..., 2]) - np.maximum(a[..., 0], b[..., 0])
    h = np.minimum(a[..., 3], b[..., 3]) - np.maximum(a[..., 1], b[..., 1])
    return np.maximum(w, 0.0) * np.maximum(h, 0.0)


@lru_cache(maxsize=4096)
def _shape(radius: float, text: str, font_size: float) -> tuple[list[Placement], np.ndarray, np.ndarray, list[bool]]:
    """A name's places around a point at (0, 0): the placements; per place the name's box, the strip of
    the line to it (of zero size where there is none) and whether there is a line; the last row of the
    boxes is the hull of all of them and the point. Read-only."""
    line = font_size * LINE_EM
    w = text_width_px(text, font_size)
    places = _candidates(radius, line)
    names, lines, has_line = [], [], []
    for p in places:
        left, top = p.dx + SHIFT[p.align] * w, p.dy - line / 2
        names.append((left, top, left + w, top + line))
        end = leader_dy(p, radius, font_size)
        has_line.append(end != 0)
        rim = math.copysign(radius, p.dy)
        lines.append((-1.0, min(rim, end), 1.0, max(rim, end)) if end else (0.0, 0.0, 0.0, 0.0))
    every = names + [b for b, yes in zip(lines, has_line) if yes] + [(-radius, -radius, radius, radius)]
    hull = (min(b[0] for b in every), min(b[1] for b in every), max(b[2] for b in every), max(b[3] for b in every))
    names_px, lines_px = np.array(names + [hull]), np.array(lines)
    names_px.flags.writeable = lines_px.flags.writeable = False
    return places, names_px, lines_px, has_line


def place_labels(
    xs: Sequence[float],
    ys: Sequence[float],
    radii: Sequence[float],
    texts: Sequence[str],
    width: float,
    height: float,
    font_size: float,
    keep: Sequence[Placement] | None = None,
    together: bool = True,
) -> list[Placement]:
    """A placement per point, for points at pixel positions (``xs``, ``ys``; y downwards) in a plot of
    ``width`` by ``height`` pixels.

    A place costs the area its name shares with other names, with other points and (OUTSIDE_WEIGHT
    times) with the outside of the plot; a line to a name further away must not cross another name
    either. Names are first placed one by one, the most crowded point first (it has the fewest free
    places), each at the first place in its list that costs least; then each name that still clashes
    is placed again together with its nearest neighbours (up to MAX_GROUP names), at the combination of
    places that costs least. A name that still covers another is left out (``shown`` False), the worst
    first, so that every name shown can be read. Equal input gives equal output.

    ``keep``: placements (say, for a narrower plot) that are returned as they are when every name in
    them is shown and free here too. ``together`` False skips placing clashing groups again (cheaper;
    more names may be left out).

    >>> place_labels([10, 200], [50, 50], [5, 5], ["Links", "Rechts"], 220, 100, 13)[1].align
    'right'
    """
    n = len(xs)
    if n == 0:
        return []
    shapes = [_shape(round(r, 1), text, font_size) for r, text in zip(radii, texts)]
    places = [shape[0] for shape in shapes]
    has_line = [shape[3] for shape in shapes]
    at = np.array([[[x, y, x, y]] for x, y in zip(xs, ys)], dtype=float)  # (points, 1, 4)
    boxes = np.stack([shape[1] for shape in shapes]) + at  # (points, places + hull, 4)
    boxes, hulls = boxes[:, :-1], boxes[:, -1]
    strips = np.stack([shape[2] for shape in shapes]) + at  # a strip of zero size stays empty
    near_matrix = _overlap_np(hulls[:, None, :], hulls[None, :, :]) > 0
    np.fill_diagonal(near_matrix, False)
    near = [np.nonzero(row)[0].tolist() for row in near_matrix]
    # What each place costs whatever the other names do, for all names and places at once: the part
    # outside the plot; the part on or right next to another point (a name there reads as that point's);
    # and a line to the name running over another point.
    r = np.asarray(radii, dtype=float)[:, None]
    squares = np.concatenate([at[:, 0, :2] - r - POINT_MARGIN_PX, at[:, 0, :2] + r + POINT_MARGIN_PX], axis=1)
    on_points = _overlap_np(boxes[:, :, None, :], squares[None, None, :, :])
    on_points += LEADER_WEIGHT * _overlap_np(strips[:, :, None, :], squares[None, None, :, :])
    on_points[np.arange(n), :, np.arange(n)] = 0.0
    area = (boxes[..., 2] - boxes[..., 0]) * (boxes[..., 3] - boxes[..., 1])
    outside = area - _overlap_np(boxes, np.array([0.0, 0.0, float(width), float(height)]))
    fixed = (OUTSIDE_WEIGHT * outside + on_points.sum(axis=2)).tolist()
    names, lines = boxes.tolist(), strips.tolist()  # plain lists: read one box at a time below

    def between(i: int, c: int, j: int, d: int) -> float:
        """What name i at place c and name j at place d cost together: their overlap, and a line of one
        crossing the other name."""
        box, other = names[i][c], names[j][d]
        total = overlap_area(box, other)
        if has_line[j][d]:
            total += LEADER_WEIGHT * overlap_area(box, lines[j][d])
        if has_line[i][c]:
            total += LEADER_WEIGHT * overlap_area(lines[i][c], other)
        return total

    chosen: list[int | None] = [None] * n

    def costs(i: int, only: int | None = None, stop_at_free: bool = False) -> list[float]:
        """Name i's cost at each of its places (or at place ``only``) against the names placed so far;
        with ``stop_at_free``, up to the first place that costs nothing. The same sum as ``between``
        over the neighbours, with the neighbours' boxes looked up once: this loop is where the time goes."""
        others = [
            (names[j][d], lines[j][d] if has_line[j][d] else None) for j in near[i] if (d := chosen[j]) is not None
        ]
        own = fixed[i]
        result = []
        for c in range(len(own)) if only is None else (only,):
            box, strip = names[i][c], lines[i][c] if has_line[i][c] else None
            total = own[c]
            for other, other_strip in others:
                total += overlap_area(box, other)
                if other_strip is not None:
                    total += LEADER_WEIGHT * overlap_area(box, other_strip)
                if strip is not None:
                    total += LEADER_WEIGHT * overlap_area(strip, other)
            result.append(total)
            if stop_at_free and total == 0:
                break
        return result

    def cost(i: int, c: int) -> float:
        return costs(i, only=c)[0]

    if keep is not None and all(place.shown for place in keep):
        chosen[:] = [options.index(place) for options, place in zip(places, keep)]
        if all(cost(i, chosen[i]) == 0 for i in range(n)):
            return list(keep)
        chosen[:] = [None] * n
    for i in sorted(range(n), key=lambda i: (-len(near[i]), i)):
        tried = costs(i, stop_at_free=True)
        chosen[i] = min(range(len(tried)), key=lambda c: (tried[c], c))
    clashing = [i for i in range(n) if cost(i, chosen[i]) > 0] if together else []
    while clashing:
        # A clashing name with its nearest neighbours, those it clashes with first: a neighbour that is
        # free itself may stand where the clash could be solved.
        seed = clashing[0]
        neighbours = sorted(
            near[seed],
            key=lambda j: (
                between(seed, chosen[seed], j, chosen[j]) == 0,
                abs(xs[j] - xs[seed]) + abs(ys[j] - ys[seed]),
                j,
            ),
        )
        group = [seed, *neighbours[: MAX_GROUP - 1]]
        for i in group:
            chosen[i] = None
        alone = [costs(i) for i in group]  # against the names staying
        limit = None if len(group) < MAX_GROUP else GROUP_PLACES
        options = [sorted(range(len(row)), key=lambda c, row=row: (row[c], c))[:limit] for row in alone]
        _, best_picks = _cheapest_together(
            alone, options, lambda k, c, m, d, group=group: between(group[k], c, group[m], d)
        )
        for i, c in zip(group, best_picks):
            chosen[i] = c
        clashing = [i for i in clashing[1:] if cost(i, chosen[i]) > 0]
    # Names that still cover another name (or its line) are left out, the worst first, until none do.
    hidden: set[int] = set()

    def clash(i: int) -> float:
        return sum(between(i, chosen[i], j, chosen[j]) for j in near[i] if j not in hidden)

    while True:
        worst = max((clash(i), i) for i in range(n) if i not in hidden) if len(hidden) < n else (0, -1)
        if worst[0] <= 0:
            break
        hidden.add(worst[1])
    return [replace(places[i][chosen[i]], shown=False) if i in hidden else places[i][chosen[i]] for i in range(n)]


def _cheapest_together(
    alone: list[list[float]], options: list[list[int]], between: Callable[[int, int, int, int], float]
) -> tuple[float, list[int]]:
    """The places for a group of names that cost least together (branch and bound): ``alone[k][c]`` is
    what name k costs at place c against everything outside the group, ``options[k]`` its places in
    order of that cost, and ``between(k, c, m, d)`` what names k and m cost together at places c and d.
    Stops at the first combination that costs nothing.

    >>> _cheapest_together([[0, 1], [0, 0]], [[0, 1], [0, 1]], lambda k, c, m, d: 5.0 if c == d else 0.0)
    (0.0, [0, 1])
    """
    best: list = [math.inf, []]
    pairs: dict[tuple[int, int, int, int], float] = {}

    def visit(picks: list[int], so_far: float) -> None:
        k = len(picks)
        if k == len(alone):
            best[:] = [so_far, list(picks)]
            return
        for c in options[k]:
            here = so_far + alone[k][c]
            if here >= best[0]:
                break  # the options are in order of their own cost: the rest cost no less
            for m, d in enumerate(picks):
                if (k, c, m, d) not in pairs:
                    pairs[k, c, m, d] = between(k, c, m, d)
                here += pairs[k, c, m, d]
            if here < best[0]:
                picks.append(c)
                visit(picks, here)
                picks.pop()
                if best[0] == 0:
                    return

    visit([], 0.0)
    return best[0], best[1]


def leader_dy(place: Placement, radius: float, font_size: float) -> float:
    """Where a line from a point to its name ends (its y offset from the point's centre) when the name
    stands a line or more away from the point; 0 (no line) when it is next to it.

    >>> leader_dy(Placement(0, -40, "center"), 6, 13)
    -30.875
    >>> leader_dy(Placement(9, 0, "left"), 6, 13)
    0.0
    """
    line = font_size * LINE_EM
    if abs(place.dy) > radius + GAP_PX + line:
        return place.dy - math.copysign(line / 2 + 1, place.dy)
    return 0.0


def circle_radius_px(area_px2: float) -> float:
    """The radius of a Vega-Lite circle mark of ``size`` = ``area_px2`` square pixels."""
    return math.sqrt(max(area_px2, 0.0) / math.pi)
