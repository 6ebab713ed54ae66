"""Fonts of the pdfium reader: each font's name, descent and advance widths, as pdfminer uses them.

- descent: pdfminer's built-in AFM value for the standard fonts, whatever the file says (pdfium
  uses other built-in values: Helvetica-Bold -227, not -207); the font's own otherwise; always
  below the baseline (pdfminer: a positive descent is a typo);
- widths: `FPDFFont_GetGlyphWidth` per letter, a ligature being the sum of its letters.
Each fact is asked of pdfium once per font handle. A handle names a font only while its page is
open: pdfium loads a page's fonts again for each page (the same few fonts on 200 pages come back
under dozens of handles), so a later page's font may reuse a freed address. One `Fonts` serves
one page.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c

EM = 1000.0  # pdfium reports glyph widths and descents for this font size: font units, exact
_NAME_BYTES = 256
_UNMAPPED = "\U0010ffff"  # a noncharacter: no font's Unicode map has it
# Fonts pdfminer measures with its built-in AFM metrics, whatever the file says: their descent
# (per 1000 units of size).
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


def prototype(function: Any, restype: Any, *argtypes: Any) -> Any:
    """A private copy of a pdfium function taking and returning plain addresses (fast, hashable)."""
    copy = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
    copy.restype, copy.argtypes = restype, argtypes
    return copy


def bare(function: Any, restype: Any) -> Any:
    """A private copy of a pdfium function without argument conversion (fast): pointers must be
    passed as ctypes objects (c_void_p, byref), integers as int."""
    copy = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
    copy.restype = restype
    return copy


_P, _I = ctypes.c_void_p, ctypes.c_int
# Called per letter of each font (a hundred per page): bare, its float argument made once.
_glyph_width = bare(pdfium_c.FPDFFont_GetGlyphWidth, _I)
_EM_ARG = ctypes.c_float(EM)
_descent = prototype(pdfium_c.FPDFFont_GetDescent, _I, _P, ctypes.c_float, _P)
_base_name = prototype(pdfium_c.FPDFFont_GetBaseFontName, ctypes.c_size_t, _P, ctypes.c_char_p, ctypes.c_size_t)


class Fonts:
    """Per-font facts (name, descent, advance widths) of one page, asked of pdfium once each."""

    def __init__(self) -> None:
        self.names: dict[int, str] = {}
        self.descents: dict[int, float] = {}
        self.widths: dict[tuple[int, str], float] = {}
        self._float = ctypes.c_float()
        self._address = ctypes.addressof(self._float)
        self._at = ctypes.byref(self._float)

    def name(self, font: int) -> str:
        if font not in self.names:
            buffer = ctypes.create_string_buffer(_NAME_BYTES)
            length = _base_name(font, buffer, _NAME_BYTES)
            self.names[font] = buffer.value.decode("utf-8", "replace") if length else ""
        return self.names[font]

    def descent(self, font: int) -> float:
        """Descent per unit of font size (negative below the baseline)."""
        if font not in self.descents:
            ok = _descent(font, EM, self._address)
            descent = _AFM_DESCENTS.get(self.name(font), self._float.value if ok else 0.0)
            self.descents[font] = -abs(descent) / EM
        return self.descents[font]

    def maps(self, font: int, char: str) -> bool:
        """Whether the font has a code for `char` (one character): pdfium measures a character
        the font cannot encode with the width of an invalid code, that of `_UNMAPPED`."""
        return len(char) == 1 and bool(font) and self.width(font, char) != self.width(font, _UNMAPPED)

    def width(self, font: int, text: str) -> float:
        """Advance of `text` (one character or a ligature) per unit of font size."""
        key = (font, text)
        total = self.widths.get(key)
        if total is None:
            total = 0.0
            handle = ctypes.c_void_p(font)
            for char in text:
                ok = _glyph_width(handle, ord(char), _EM_ARG, self._at)
                total += self._float.value / EM if ok else 0.0
            self.widths[key] = total
        return total
