#!/usr/bin/env python3
"""Check how LibreOffice read a chronomap timeline CSV.

Usage: check_lo.py SHEET.fods TIMELINE.csv [--expect-text PREFIX]...

SHEET.fods is what `soffice --headless --infilter="CSV:44,34,76,1" --convert-to fods`
made of TIMELINE.csv (flat OpenDocument: plain XML, read here with the standard
library). The checks: the sheet has the CSV's rows and columns; `start` and `end`
are date cells holding the CSV's dates; `lat`, `lon`, `offset`, `mentions` are
number cells with the CSV's values (negative longitudes too); the text columns are
text cells with the CSV's text unchanged; no cell anywhere is a formula; and, per
--expect-text, some `sentence` cell is text starting with PREFIX (an injected
`=1+1` must come back as the text `'=1+1 ...`). Prints one line per column with
the cell types seen; exits 1 on the first failed check.
"""

import csv
import sys
import xml.etree.ElementTree as ET
from collections import Counter

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
T = "{%s}" % NS["table"]
O = "{%s}" % NS["office"]

DATES = ["start", "end"]
NUMBERS = ["lat", "lon", "offset", "mentions"]
TEXTS = ["article", "precision", "certainty", "anchor", "sentence", "places", "place", "articles"]


def cells(row):
    """The cells of a table row, with repeats expanded (trailing empties dropped)."""
    out = []
    for c in row.findall("table:table-cell", NS):
        n = int(c.get(T + "number-columns-repeated", "1"))
        text = "\n".join("".join(p.itertext()) for p in c.findall("text:p", NS))
        cell = {
            "type": c.get(O + "value-type", ""),
            "date": c.get(O + "date-value"),
            "value": c.get(O + "value"),
            "formula": c.get(T + "formula"),
            "text": text,
        }
        out.extend([cell] * min(n, 64))
    while out and not out[-1]["type"] and not out[-1]["text"]:
        out.pop()
    return out


def main(argv):
    fods, csv_path = argv[1], argv[2]
    expect = [argv[i + 1] for i, a in enumerate(argv) if a == "--expect-text"]
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        want = list(csv.reader(f))
    table = ET.parse(fods).getroot().find(".//table:table", NS)
    got = [cells(r) for r in table.iter(T + "table-row")]
    got = [r for r in got if r]
    errors = []
    if len(got) != len(want):
        errors.append(f"{len(got)} rows in the sheet, {len(want)} in the CSV")
    header = [c["text"] for c in got[0]]
    if header != want[0]:
        errors.append(f"header {header} != {want[0]}")
    col = {name: i for i, name in enumerate(want[0])}
    seen = {name: Counter() for name in want[0]}
    formulas = 0
    found = {p: False for p in expect}
    for n, (g, w) in enumerate(zip(got[1:], want[1:]), start=2):
        g = g + [{"type": "", "date": None, "value": None, "formula": None, "text": ""}] * (
            len(w) - len(g)
        )
        for name, i in col.items():
            c, v = g[i], w[i]
            seen[name][c["type"] or "empty"] += 1
            if c["formula"]:
                formulas += 1
                errors.append(f"row {n} {name}: formula {c['formula']!r}")
            if v == "":
                continue
            if name in DATES and (c["type"] != "date" or c["date"] != v):
                errors.append(f"row {n} {name}: {v!r} read as {c['type']} {c['date'] or c['text']!r}")
            if name in NUMBERS and (c["type"] != "float" or float(c["value"]) != float(v)):
                errors.append(f"row {n} {name}: {v!r} read as {c['type']} {c['value'] or c['text']!r}")
            if name in TEXTS and (c["type"] != "string" or c["text"] != v):
                errors.append(f"row {n} {name}: {v!r} read as {c['type']} {c['text']!r}")
        for p in expect:
            c = g[col["sentence"]]
            if c["type"] == "string" and c["text"].startswith(p):
                found[p] = True
    for p, ok in found.items():
        if not ok:
            errors.append(f"no sentence cell is text starting with {p!r}")
    for name in want[0]:
        print(f"  {name:10} " + ", ".join(f"{k} {v}" for k, v in sorted(seen[name].items())))
    print(f"  rows {len(got) - 1}, formula cells {formulas}")
    for e in errors[:20]:
        print("  error: " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
