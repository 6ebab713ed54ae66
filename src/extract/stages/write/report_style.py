"""The inline stylesheet of report.html: readable on screen, and in print (A4, no cut tables or charts)."""

STYLE = """
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
       background: #fff; margin: 0 auto; max-width: 1000px; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: 1.8rem 0 .6rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
nav h2 { margin-top: 1rem; }
nav ol { columns: 2; margin: 0; padding-left: 1.4rem; }
.summary { color: #444; margin: 0; }
.empty { color: #666; font-style: italic; }
svg { max-width: 100%; height: auto; display: block; }
svg a { fill: #1a4f8b; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { border: 1px solid #ccc; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
tbody tr:nth-child(even) { background: #fafafa; }
tr:target { background: #fff3c4; }
td:first-child a { white-space: nowrap; }
a { color: #1a4f8b; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav ol { columns: 3; }
  section { break-inside: auto; }
  svg, h2, tr { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""
