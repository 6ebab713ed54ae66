"""Characters of a page through pdfium's text API, as pdfminer would have measured them.

pdfium's own boxes and sizes differ from pdfminer's, so each character is rebuilt:
- size: `FPDFTextObj_GetFontSize` is the unscaled Tf size; the text matrix scales it;
- box: pdfminer's rule — from the origin, the advance (`FPDFFont_GetGlyphWidth`) and the font
  descent, one font size high — not pdfium's loose box, which uses the font bbox;
- text: generated spaces and line ends are dropped (they would split letter-spaced titles),
  ligatures split into letters at one origin are joined again, the line-end hyphen that pdfium
  reports as U+0002 (or U+FFFE) is a hyphen again;
- font, size and matrix are read once per text object (one text show), not per character.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c

from .pdfium_order import OBJECT_KEY
from .pdfium_space import Matrix, PageSpace, multiply

EM = 1000.0  # pdfium reports glyph widths and descents for this font size: font units, exact
_HYPHENS = {0x02: "-", 0xFFFE: "-"}
_MAYBE_GENERATED = frozenset({0x20, 0x0D, 0x0A})  # the only codes pdfium generates
_SURROGATES = (0xD800, 0xDFFF)  # a character beyond U+FFFF takes two UTF-16 units
# Ligatures pdfium splits into letters; pdfminer keeps the ligature character.
_LIGATURES = {"ff": "ﬀ", "fi": "ﬁ", "fl": "ﬂ", "ffi": "ﬃ", "ffl": "ﬄ", "st": "ﬆ", "ſt": "ﬅ"}
_NAME_BYTES = 256
_UNMAPPED = "\U0010ffff"  # a noncharacter: no font's Unicode map has it
# Fonts pdfminer measures with its built-in AFM metrics, whatever the file says: their descent
# (per 1000 units of size). pdfium uses other built-in values (Helvetica-Bold: -227, not -207).
_AFM_DESCENTS = {
    **dict.fromkeys(("Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique"), -194.0),
    **dict.fromkeys(("Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique"), -207.0),
    **dict.fromkeys(("Times-Bold", "Times-BoldItalic", "Times-Italic", "Times-Roman"), -217.0),
    **dict.fromkeys(("Arial", "Arial,Italic", "Arial,Bold", "Arial,BoldItalic"), -207.0),
    **dict.fromkeys(("CourierNew", "CourierNew,Italic", "CourierNew,Bold", "CourierNew,BoldItalic"), -194.0),
    **dict.fromkeys(
        ("TimesNewRoman", "TimesNewRoman,Italic", "TimesNewRoman,Bold", "TimesNewRoman,BoldItalic"), -217.0
    ),
    **dict.fromkeys(("Symbol", "ZapfDingbats"), 0.0),
}
# pdfium computes in float32: a size of 12.075 comes back as 12.0750003. Sizes are kept to this
# many decimals, so one font at one scale has one size (pdfplumber's grouping key) everywhere.
SIZE_DIGITS = 4


def _prototype(function: Any, restype: Any, *argtypes: Any) -> Any:
    """A private copy of a pdfium function taking and returning plain addresses (fast, hashable)."""
    copy = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
    copy.restype, copy.argtypes = restype, argtypes
    return copy


_P, _I = ctypes.c_void_p, ctypes.c_int
_text_object = _prototype(pdfium_c.FPDFText_GetTextObject, _P, _P, _I)
_is_generated = _prototype(pdfium_c.FPDFText_IsGenerated, _I, _P, _I)
_unicode = _prototype(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, _P, _I)
_origin = _prototype(
    pdfium_c.FPDFText_GetCharOrigin, _I, _P, _I, ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_double)
)
_char_matrix = _prototype(pdfium_c.FPDFText_GetMatrix, _I, _P, _I, ctypes.POINTER(pdfium_c.FS_MATRIX))
_object_font = _prototype(pdfium_c.FPDFTextObj_GetFont, _P, _P)
_font_size = _prototype(pdfium_c.FPDFTextObj_GetFontSize, _I, _P, ctypes.POINTER(ctypes.c_float))
_glyph_width = _prototype(
    pdfium_c.FPDFFont_GetGlyphWidth, _I, _P, ctypes.c_uint, ctypes.c_float, ctypes.POINTER(ctypes.c_float)
)
_descent = _prototype(pdfium_c.FPDFFont_GetDescent, _I, _P, ctypes.c_float, ctypes.POINTER(ctypes.c_float))
_base_name = _prototype(pdfium_c.FPDFFont_GetBaseFontName, ctypes.c_size_t, _P, ctypes.c_char_p, ctypes.c_size_t)


class _Fonts:
    """Per-font facts (name, descent, advance widths), asked of pdfium once each."""

    def __init__(self) -> None:
        self.names: dict[int, str] = {}
        self.descents: dict[int, float] = {}
        self.widths: dict[tuple[int, str], float] = {}
        self._float = ctypes.c_float()

    def name(self, font: int) -> str:
        if font not in self.names:
            buffer = ctypes.create_string_buffer(_NAME_BYTES)
            length = _base_name(font, buffer, _NAME_BYTES)
            self.names[font] = buffer.value.decode("utf-8", "replace") if length else ""
        return self.names[font]

    def descent(self, font: int) -> float:
        """Descent per unit of font size (negative below the baseline)."""
        if font not in self.descents:
            ok = _descent(font, EM, ctypes.byref(self._float))
            descent = _AFM_DESCENTS.get(self.name(font), self._float.value if ok else 0.0)
            self.descents[font] = -abs(descent) / EM  # pdfminer: a positive descent is a typo
        return self.descents[font]

    def maps(self, font: int, char: str) -> bool:
        """Whether the font has a code for `char` (one character): pdfium measures a character
        the font cannot encode with the width of an invalid code, that of `_UNMAPPED`."""
        return len(char) == 1 and bool(font) and self.width(font, char) != self.width(font, _UNMAPPED)

    def width(self, font: int, text: str) -> float:
        """Advance of `text` (one character or a ligature) per unit of font size."""
        key = (font, text)
        if key not in self.widths:
            total = 0.0
            for char in text:
                ok = _glyph_width(font, ord(char), EM, ctypes.byref(self._float))
                total += self._float.value / EM if ok else 0.0
            self.widths[key] = total
        return self.widths[key]


class _Facts:
    """(font, fontname, size, descent, matrix) per text object, asked of pdfium once each."""

    def __init__(self, text_page: int, space: PageSpace, fonts: _Fonts) -> None:
        self.text_page, self.space, self.fonts = text_page, space, fonts
        self.by_object: dict[int, tuple] = {}
        self.matrices: dict[tuple[float, ...], Matrix] = {}  # raw char matrix -> rotated
        self._size = ctypes.c_float()
        self._raw = pdfium_c.FS_MATRIX()

    def of(self, obj: int, index: int) -> tuple:
        """The facts of text object `obj`, whose character `index` is being read."""
        fact = self.by_object.get(obj)
        if fact is None:
            fact = self.by_object[obj] = self._read(obj, index)
        return fact

    def _read(self, obj: int, index: int) -> tuple:
        font = _object_font(obj) or 0
        _font_size(obj, ctypes.byref(self._size))
        raw = self._raw
        _char_matrix(self.text_page, index, ctypes.byref(raw))
        key = (raw.a, raw.b, raw.c, raw.d)
        matrix = self.matrices.get(key)
        if matrix is None:
            matrix = self.matrices[key] = multiply((*key, 0.0, 0.0), self.space.rotation)
        fonts = self.fonts
        name, descent = (fonts.name(font), fonts.descent(font)) if font else ("", 0.0)
        return font, name, float(self._size.value), descent, matrix


def _page_text(text_page: Any, handle: int, count: int) -> list[int]:
    """Every character's code, in one call; per character where UTF-16 needs two units."""
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(text_page, 0, count, buffer)
    codes = list(buffer[:count])
    return [_unicode(handle, i) if _SURROGATES[0] <= c <= _SURROGATES[1] else c for i, c in enumerate(codes)]


def page_chars(text_page: Any, space: PageSpace) -> list[dict[str, Any]]:
    """Every character of the page as a pdfplumber char dict, in content order."""
    handle = ctypes.cast(text_page, ctypes.c_void_p).value or 0
    fonts = _Fonts()
    facts = _Facts(handle, space, fonts)
    x, y = ctypes.c_double(), ctypes.c_double()
    px, py = ctypes.byref(x), ctypes.byref(y)
    chars: list[dict[str, Any]] = []
    last: tuple[int, float, float] | None = None  # (object, x, y) of the previous character
    count = pdfium_c.FPDFText_CountChars(text_page)
    for index, code in enumerate(_page_text(text_page, handle, count)):
        if code in _MAYBE_GENERATED and _is_generated(handle, index):
            last = None
            continue
        text = _HYPHENS.get(code) or chr(code)
        obj = _text_object(handle, index) or 0
        _origin(handle, index, px, py)
        here = (obj, x.value, y.value)
        if here == last:
            _join_ligature(chars[-1], text, facts.of(obj, index), fonts, space)
            continue
        last = here
        chars.append(_char(text, here[1], here[2], facts.of(obj, index), fonts, space))
        chars[-1][OBJECT_KEY] = obj
    return chars


def _char(text: str, ux: float, uy: float, fact: tuple, fonts: _Fonts, space: PageSpace) -> dict[str, Any]:
    """pdfminer's LTChar box: (0, descent) to (advance, descent + size) through the char matrix."""
    font, fontname, size, descent, matrix = fact
    a, b, c, d, _, _ = matrix
    ra, rb, rc, rd, re, rf = space.rotation
    ox, oy = ra * ux + rc * uy + re, rb * ux + rd * uy + rf
    advance = fonts.width(font, text) * size if font else 0.0
    v0 = descent * size
    v1 = v0 + size
    if b == 0.0 and c == 0.0:  # upright or mirrored text: two corners are enough
        xa, xb, ya, yb = ox, ox + a * advance, oy + d * v0, oy + d * v1
        x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
        y0, y1 = (ya, yb) if ya <= yb else (yb, ya)
    else:
        xs = (ox + c * v0, ox + c * v1, ox + a * advance + c * v0, ox + a * advance + c * v1)
        ys = (oy + d * v0, oy + d * v1, oy + b * advance + d * v0, oy + b * advance + d * v1)
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    top = space.height - y1 + space.top_shift
    return {
        "text": text,
        "x0": x0 + space.left,
        "x1": x1 + space.left,
        "top": top,
        "bottom": space.height - y0 + space.top_shift,
        "doctop": top,
        "size": round(y1 - y0, SIZE_DIGITS),
        "upright": a * d > 0 and b * c <= 0,
        "fontname": fontname,
        "matrix": (a, b, c, d, ox, oy),
        "_origin": (ux, uy),
    }


def _join_ligature(char: dict[str, Any], text: str, fact: tuple, fonts: _Fonts, space: PageSpace) -> None:
    """Add a letter pdfium split off a ligature to `char`, rebuilt as the ligature character."""
    letters = char.get("_letters", char["text"]) + text
    ligature = _LIGATURES.get(letters, letters)
    if not fonts.maps(fact[0], ligature):  # the font's Unicode map gives the letters (pdfminer too)
        ligature = letters
    ux, uy = char["_origin"]
    rebuilt = _char(ligature, ux, uy, fact, fonts, space)
    obj = char.get(OBJECT_KEY, 0)
    char.clear()
    char.update(rebuilt, _letters=letters)
    char[OBJECT_KEY] = obj
