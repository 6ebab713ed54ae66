"""Coordinates of the pdfium reader: from PDF user space to pdfplumber's display coordinates.

pdfium reports positions in unrotated PDF user space, in float32. pdfplumber (pdfminer) first
applies the page's /Rotate as an initial transform, then measures `top` down from the height
of the MediaBox. `PageSpace` reproduces both steps, so a point lands where pdfplumber puts it.
"""

from __future__ import annotations

from dataclasses import dataclass

Matrix = tuple[float, float, float, float, float, float]
# Matrix terms this small are float noise (e.g. 4.6e-17 from a rotation): they would make an
# upright character look skewed, and a rectangle a curve.
MATRIX_NOISE = 1e-9
RIGHT_ANGLE = 90
FULL_TURN = 360


def clean(value: float) -> float:
    """0.0 for float noise, the value otherwise."""
    return 0.0 if -MATRIX_NOISE < value < MATRIX_NOISE else value


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """`m` then `n` (PDF row-vector convention), noise cleaned."""
    a, b, c, d, e, f = m
    na, nb, nc, nd, ne, nf = n
    return (
        clean(a * na + b * nc),
        clean(a * nb + b * nd),
        clean(c * na + d * nc),
        clean(c * nb + d * nd),
        e * na + f * nc + ne,
        e * nb + f * nd + nf,
    )


def rotation_matrix(rotate: int, mediabox: tuple[float, float, float, float]) -> Matrix:
    """pdfminer's initial transform for a page's /Rotate (degrees) and MediaBox (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = mediabox
    rotate %= FULL_TURN
    if rotate == RIGHT_ANGLE:
        return (0, -1, 1, 0, -y0, x1)
    if rotate == 2 * RIGHT_ANGLE:
        return (-1, 0, 0, -1, x1, y1)
    if rotate == 3 * RIGHT_ANGLE:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


@dataclass(frozen=True)
class PageSpace:
    """The displayed page: size, and the map from user space to (x, y-up) before flipping."""

    rotation: Matrix
    width: float
    height: float
    left: float  # pdfplumber adds the MediaBox's left edge back to x
    top_shift: float  # ... and shifts `top` by minus its bottom edge

    @classmethod
    def of(cls, rotate: int, mediabox: tuple[float, float, float, float]) -> PageSpace:
        x0, x1 = sorted(mediabox[0::2])
        y0, y1 = sorted(mediabox[1::2])
        turned = rotate % (2 * RIGHT_ANGLE) == RIGHT_ANGLE
        n0, n1, n2, n3 = (y0, x0, y1, x1) if turned else (x0, y0, x1, y1)
        return cls(rotation_matrix(rotate, (x0, y0, x1, y1)), n2 - n0, n3 - n1, n0, -n1)

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A user-space point as pdfminer's (x, y-up) on the rotated page."""
        a, b, c, d, e, f = self.rotation
        return a * x + c * y + e, b * x + d * y + f

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """A pdfminer (x0, y0, x1, y1) box as pdfplumber's (x0, top, x1, bottom)."""
        return x0 + self.left, self.height - y1 + self.top_shift, x1 + self.left, self.height - y0 + self.top_shift
