"""Rectangles, rules and images of a page through pdfium's page objects, as pdfminer sees them.

Paths come from the one walk over the page's objects (`pdfium_marks`: content order, into form
XObjects too, their matrices composed).
Each path is cut into subpaths at every move; a subpath becomes what pdfminer makes of it:
- one segment (`m l`, `m l h`): a rule (a line);
- four segments closed on an axis-aligned rectangle (`m l l l h`): a rectangle;
- anything else (curves, polygons): nothing the layout uses.
Fill and stroke come from the path's draw mode; colours from the object (0-255 per channel).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from itertools import repeat

import pypdfium2.raw as pdfium_c

from extract.geometry import Box

from .pdfium_fonts import bare
from .pdfium_marks import Handle, PageObjects, object_matrix
from .pdfium_space import Matrix, PageSpace, multiply

_CHANNEL_MAX = 255.0
_LINE_SHAPES = ("ml", "mlh")
_RECT_SHAPES = ("mlllh", "mllll")
_RECT_POINTS = 5
# The longest subpath that may be a line or a rectangle ("mllll", or "mllllh" back at its start);
# longer ones, and any with a curve, are curves: their points are not read.
_MAX_SEGMENTS = len("mllll")
_MOVE, _LINE = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO


# Called per path or path segment, so without ctypes' argument conversion (see `bare`).
_count_segments = bare(pdfium_c.FPDFPath_CountSegments, ctypes.c_int)
_segment = bare(pdfium_c.FPDFPath_GetPathSegment, Handle)
_segment_type = bare(pdfium_c.FPDFPathSegment_GetType, ctypes.c_int)
_segment_point = bare(pdfium_c.FPDFPathSegment_GetPoint, ctypes.c_int)
_segment_closes = bare(pdfium_c.FPDFPathSegment_GetClose, ctypes.c_int)
_draw_mode = bare(pdfium_c.FPDFPath_GetDrawMode, ctypes.c_int)
_fill_color = bare(pdfium_c.FPDFPageObj_GetFillColor, ctypes.c_int)
_stroke_color = bare(pdfium_c.FPDFPageObj_GetStrokeColor, ctypes.c_int)


def page_shapes(objects: PageObjects, space: PageSpace) -> tuple[list[Box], int]:
    """The page's rectangles then rules (pdfplumber's `rects` then `lines`), and its image count,
    from the paths and images `pdfium_marks.read_objects` found."""
    rects: list[Box] = []
    rules: list[Box] = []
    for obj, parent in objects.paths:
        candidates = _candidates(obj)
        if candidates:  # the path's matrix and draw mode are read only then (most paths: curves)
            _path_boxes(obj, multiply(object_matrix(obj, parent), space.rotation), candidates, space, rects, rules)
    return rects + rules, objects.images


def _candidates(obj: Handle) -> list[list[Handle]]:
    """The segments of each subpath that may be a line or a rectangle: a move then at most
    `_MAX_SEGMENTS` - 1 lines."""
    segments = list(map(_segment, repeat(obj), range(_count_segments(obj))))
    kinds = list(map(_segment_type, segments))
    starts = [i for i, kind in enumerate(kinds) if kind == _MOVE]
    return [
        segments[start:end]
        for start, end in zip(starts, [*starts[1:], len(kinds)])
        if end - start <= _MAX_SEGMENTS and kinds[start + 1 : end].count(_LINE) == end - start - 1
    ]


def _subpaths(candidates: list[list[Handle]], matrix: Matrix) -> Iterator[tuple[str, list[tuple[float, float]]]]:
    """(shape, points) per candidate subpath, points on the rotated page (pdfminer's y-up space).

    Shapes use pdfminer's letters: m (move), l (line), h (close, at the start point).
    """
    point = (ctypes.c_float(), ctypes.c_float())  # one for the path: a failed read keeps the last
    for segments in candidates:
        yield _subpath(segments, matrix, point)


def _subpath(
    segments: list[Handle], matrix: Matrix, point: tuple[ctypes.c_float, ctypes.c_float]
) -> tuple[str, list[tuple[float, float]]]:
    """A move then lines as (shape, points); a closing line adds the start point again."""
    a, b, c, d, e, f = matrix
    x, y = point
    px, py = ctypes.byref(x), ctypes.byref(y)
    shape, points = "m", list[tuple[float, float]]()
    for segment in segments:
        _segment_point(segment, px, py)
        sx, sy = x.value, y.value
        points.append((a * sx + c * sy + e, b * sx + d * sy + f))
        if len(points) > 1:
            shape += "l"
            if _segment_closes(segment):
                shape += "h"
                points.append(points[0])
    return shape, points


def classify(shape: str, points: list[tuple[float, float]]) -> str:
    """pdfminer's verdict on one subpath: "line", "rect" or "curve" (exact coordinates)."""
    if len(shape) > len("mlh") and shape.endswith("lh") and points[-2] == points[0]:
        shape, points = shape[:-2] + "h", points[:-2] + points[-1:]
    if shape in _LINE_SHAPES:
        return "line"
    if shape in _RECT_SHAPES and len(points) == _RECT_POINTS:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        closed = points[0] == points[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        return "rect" if closed and square else "curve"
    return "curve"


def _path_boxes(
    obj: Handle, matrix: Matrix, candidates: list[list[Handle]], space: PageSpace, rects: list[Box], rules: list[Box]
) -> None:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    _draw_mode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke))
    filled, stroked = fill_mode.value != pdfium_c.FPDF_FILLMODE_NONE, bool(stroke.value)
    for shape, points in _subpaths(candidates, matrix):
        verdict = classify(shape, points)
        if verdict == "curve":
            continue
        corners = points[:2] if verdict == "line" else [points[0], points[2]]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        x0, top, x1, bottom = space.box(min(xs), min(ys), max(xs), max(ys))
        if verdict == "rect":
            rects.append(Box(x0, x1, top, bottom, filled=filled, stroked=stroked, color=_color(obj, fill=True)))
        else:
            rules.append(Box(x0, x1, top, bottom, filled=False, stroked=True, color=_color(obj, fill=False)))


def _color(obj: Handle, fill: bool) -> tuple[float, float, float] | None:
    r, g, b, alpha = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    getter = _fill_color if fill else _stroke_color
    if not getter(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(alpha)):
        return None
    return (r.value / _CHANNEL_MAX, g.value / _CHANNEL_MAX, b.value / _CHANNEL_MAX)
