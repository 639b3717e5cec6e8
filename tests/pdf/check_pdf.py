"""Accessibility and archiving checks of kirje's PDFs with pikepdf (not our code).

Usage: check_pdf.py DIR   — checks every *.pdf in DIR and exits non-zero on the first
file that breaks a rule, printing what is wrong. The language of a file comes from
its name: newsletter.pdf is the first language (fi in the examples), newsletter.sv.pdf
is Swedish and so on.
"""

import sys
from pathlib import Path

import pikepdf

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}"
DC = "{http://purl.org/dc/elements/1.1/}"


def struct_elements(node):
    """The structure elements below node in document (reading) order."""
    if isinstance(node, pikepdf.Array):
        for kid in node:
            yield from struct_elements(kid)
        return
    if not isinstance(node, pikepdf.Dictionary):
        return
    if "/S" in node:
        yield node
    kids = node.get("/K")
    if kids is not None:
        yield from struct_elements(kids)


def outline_titles(item):
    while item is not None:
        yield str(item.get("/Title"))
        if "/First" in item:
            yield from outline_titles(item.First)
        item = item.get("/Next")


def check(path: Path, default_lang: str) -> list[str]:
    problems = []
    parts = path.name.split(".")
    lang = parts[1] if len(parts) == 3 else default_lang
    pdf = pikepdf.open(path)
    root = pdf.Root

    with pdf.open_metadata() as meta:
        if str(meta.get(PDFUAID + "part")) != "1":
            problems.append("XMP has no pdfuaid:part=1 (PDF/UA-1)")
        if str(meta.get(PDFAID + "part")) != "2" or str(meta.get(PDFAID + "conformance")) != "A":
            problems.append("XMP does not declare PDF/A-2a")
        title = str(meta.get(DC + "title") or "")
        if not title.strip():
            problems.append("no dc:title")

    if str(root.get("/Lang")) != lang:
        problems.append(f"/Lang is {root.get('/Lang')}, expected {lang}")
    if not bool(root.get("/MarkInfo", {}).get("/Marked", False)):
        problems.append("/MarkInfo /Marked is not true")
    if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
        problems.append("/DisplayDocTitle is not true")
    if "/StructTreeRoot" not in root:
        return problems + ["no structure tree"]

    elements = list(struct_elements(root.StructTreeRoot))
    kinds = [str(e.S) for e in elements]
    if "/Document" not in kinds:
        problems.append("structure tree has no /Document element")
    if kinds.count("/H1") < 1:
        problems.append("no H1 heading")

    level = 0
    for kind in kinds:
        if len(kind) == 3 and kind.startswith("/H") and kind[2].isdigit():
            new = int(kind[2])
            if new > level + 1:
                problems.append(f"heading level jumps from H{level} to H{new}")
            level = new
        elif kind == "/H":
            problems.append("untyped /H heading")

    for e in elements:
        if str(e.S) == "/Figure":
            alt = str(e.get("/Alt") or "").strip()
            if not alt and "/ActualText" not in e:
                problems.append("a Figure without alt text")

    tables = [e for e in elements if str(e.S) == "/Table"]
    for table in tables:
        inner = [str(x.S) for x in struct_elements(table.get("/K"))]
        if "/TH" not in inner:
            problems.append("a table without header cells (TH)")

    if "/Outlines" not in root or "/First" not in root.Outlines:
        problems.append("no outline (bookmarks)")
    else:
        titles = list(outline_titles(root.Outlines.First))
        headings = sum(1 for k in kinds if k in ("/H1", "/H2"))
        if len(titles) < min(headings, 2):
            problems.append(f"outline has {len(titles)} entries for {headings} headings")

    return problems


def main() -> int:
    folder = Path(sys.argv[1])
    default_lang = sys.argv[2] if len(sys.argv) > 2 else "fi"
    files = sorted(folder.glob("*.pdf"))
    if not files:
        print(f"no PDFs in {folder}")
        return 1
    failed = 0
    for path in files:
        problems = check(path, default_lang)
        status = "ok" if not problems else "FAIL"
        print(f"{path.name}: {status}")
        for p in problems:
            print(f"  - {p}")
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
