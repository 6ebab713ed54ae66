"""Rectangles, rules and images of a page through pdfium's page objects, as pdfminer sees them.

Page objects are walked in content order, into form XObjects too (their matrices composed).
Each path is cut into subpaths at every move; a subpath becomes what pdfminer makes of it:
- one segment (`m l`, `m l h`): a rule (a line);
- four segments closed on an axis-aligned rectangle (`m l l l h`): a rectangle;
- anything else (curves, polygons): nothing the layout uses.
Fill and stroke come from the path's draw mode; colours from the object (0-255 per channel).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pypdfium2.raw as pdfium_c

from extract.geometry import Box

from .pdfium_space import Matrix, PageSpace, multiply

_CHANNEL_MAX = 255.0
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_LINE_SHAPES = ("ml", "mlh")
_RECT_SHAPES = ("mlllh", "mllll")
_RECT_POINTS = 5


def page_shapes(page: Any, space: PageSpace) -> tuple[list[Box], int]:
    """The page's rectangles then rules (pdfplumber's `rects` then `lines`), and its image count."""
    rects: list[Box] = []
    rules: list[Box] = []
    images = 0
    for obj, kind, matrix in _walk(page):
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            _path_boxes(obj, multiply(matrix(), space.rotation), space, rects, rules)
    return rects + rules, images


def _walk(page: Any) -> Iterator[tuple[Any, int, Callable[[], Matrix]]]:
    """(object, type, its object-to-user-space matrix on demand) for every object but text,
    form contents in place."""
    count = pdfium_c.FPDFPage_CountObjects(page)
    yield from _walk_list([pdfium_c.FPDFPage_GetObject(page, i) for i in range(count)], _IDENTITY)


def _walk_list(objects: list[Any], parent: Matrix) -> Iterator[tuple[Any, int, Callable[[], Matrix]]]:
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue  # characters come from the text page
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            count = pdfium_c.FPDFFormObj_CountObjects(obj)
            yield from _walk_list([pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(count)], _matrix(obj, parent))
        else:
            yield obj, kind, partial(_matrix, obj, parent)


def _matrix(obj: Any, parent: Matrix) -> Matrix:
    raw = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, raw)
    return multiply((raw.a, raw.b, raw.c, raw.d, raw.e, raw.f), parent)


def _subpaths(obj: Any, matrix: Matrix) -> Iterator[tuple[str, list[tuple[float, float]]]]:
    """(shape, points) per subpath, points on the rotated page (pdfminer's y-up space).

    Shapes use pdfminer's letters: m (move), l (line), c (curve), h (close, at the start point).
    """
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    shape, points = "", list[tuple[float, float]]()
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if shape:
                yield shape, points
            shape, points = "m", [point]
            continue
        shape += "l" if kind == pdfium_c.FPDF_SEGMENT_LINETO else "c"
        points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            shape += "h"
            points.append(points[0])
    if shape:
        yield shape, points


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


def _path_boxes(obj: Any, matrix: Matrix, space: PageSpace, rects: list[Box], rules: list[Box]) -> None:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
    filled, stroked = fill_mode.value != pdfium_c.FPDF_FILLMODE_NONE, bool(stroke.value)
    for shape, points in _subpaths(obj, matrix):
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


def _color(obj: Any, fill: bool) -> tuple[float, float, float] | None:
    r, g, b, alpha = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    getter = pdfium_c.FPDFPageObj_GetFillColor if fill else pdfium_c.FPDFPageObj_GetStrokeColor
    if not getter(obj, r, g, b, alpha):
        return None
    return (r.value / _CHANNEL_MAX, g.value / _CHANNEL_MAX, b.value / _CHANNEL_MAX)
