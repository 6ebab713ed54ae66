"""Fonts of the design families: the bundled DejaVu subsets, a symbol subset for check-mark
bullets and header icons, and a synthesised small-caps font.

The small-caps font is DejaVu Sans Bold whose lowercase letters are drawn as uppercase
outlines scaled by `SMALL_CAPS_SCALE`, while keeping their lowercase code points: the page
shows capitals of two sizes, the text layer keeps the case the designer typed (extractors
then report mixed case such as "cibles Odd cOncernées"). It is built with fontTools (an
fpdf2 dependency) once into a cache folder keyed by the source font's hash.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fpdf import FPDF

from ..designs import FONT_DIR, FONT_FILES, font_path

SYMBOL_FAMILY = "DejaVuSymbols"
SYMBOL_FILE = FONT_DIR / "DejaVuSans-Symbols.ttf"
SMALL_CAPS_FAMILY = "DejaVuSmallCaps"
SMALL_CAPS_SCALE = 0.78
# glyph-to-file tables that list every glyph by index and are optional: dropped from the copy
_PER_GLYPH_TABLES = ("hdmx", "LTSH", "VDMX", "kern", "FFTM")

# characters the symbol subset holds (check marks, arrows, icons)
SYMBOL_CHARS = frozenset("✓✔➢►➔➜⚑☰✪✦★☎⌂⌖◉◆•▪")


def small_caps_font(source: Path | None = None) -> Path:
    """Path of the small-caps font built from `source` (DejaVu Sans Bold by default)."""
    source = source or font_path("DejaVuSans", "B")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / "brochure-synth-fonts"
    target = folder / f"smallcaps-{digest}.ttf"
    if not target.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{id(target)}.tmp")
        _build_small_caps(source, partial)
        partial.replace(target)
    return target


def _build_small_caps(source: Path, target: Path) -> None:
    """Map every lowercase letter whose uppercase exists to a scaled copy of that capital."""
    font = TTFont(str(source))
    for tag in _PER_GLYPH_TABLES:
        if tag in font:
            del font[tag]
    cmap = font.getBestCmap()
    glyph_set = font.getGlyphSet()
    glyf, hmtx = font["glyf"], font["hmtx"]
    order = list(font.getGlyphOrder())
    remap: dict[int, str] = {}
    for code, name in sorted(cmap.items()):
        char = chr(code)
        upper = char.upper()
        if not char.islower() or len(upper) != 1 or ord(upper) not in cmap:
            continue
        upper_name = cmap[ord(upper)]
        new_name = f"{name}.sc"
        pen = TTGlyphPen(glyph_set)
        glyph_set[upper_name].draw(TransformPen(pen, (SMALL_CAPS_SCALE, 0, 0, SMALL_CAPS_SCALE, 0, 0)))
        glyf[new_name] = pen.glyph()
        advance, lsb = hmtx[upper_name]
        hmtx[new_name] = (round(advance * SMALL_CAPS_SCALE), round(lsb * SMALL_CAPS_SCALE))
        order.append(new_name)
        remap[code] = new_name
    font.setGlyphOrder(order)
    for table in font["cmap"].tables:
        if table.isUnicode():
            for code, name in remap.items():
                if code in table.cmap:
                    table.cmap[code] = name
    font["name"].setName("DejaVu Small Caps", 1, 3, 1, 0x409)
    font.save(str(target))


def register_fonts(pdf: FPDF, body_family: str) -> None:
    """Register (once per document) the body family, the symbol subset and the small caps."""
    for style in FONT_FILES[body_family]:
        if f"{body_family.lower()}{style}" not in pdf.fonts:
            pdf.add_font(body_family, style, str(font_path(body_family, style)))
    if SYMBOL_FAMILY.lower() not in pdf.fonts:
        pdf.add_font(SYMBOL_FAMILY, "", str(SYMBOL_FILE))
    if SMALL_CAPS_FAMILY.lower() not in pdf.fonts:
        pdf.add_font(SMALL_CAPS_FAMILY, "", str(small_caps_font()))


def is_symbol(text: str) -> bool:
    """Whether `text` is drawn with the symbol subset (every character is a symbol)."""
    return bool(text) and all(char in SYMBOL_CHARS for char in text)
