"""Two promises of the built email and web archive, read from the files:

* no email*.html holds `%%` at all: merge fields (`%%name%%`) are filled
  per recipient by `kirje send`; a sample or a web copy must never show one
  raw, nor a stray `%%` left by a template;
* when the project has a base_url, the email (every language) and every web
  edition page (web/**/index.html except the archive's own index pages)
  link the newsletter's PDF: an <a href> ending in `.pdf`.

Usage: check_pdf_links.py OUT [--base-url]
  OUT         a folder written by `kirje build`
  --base-url  the project sets base_url, so the PDF links are required
Exits 1 and lists every miss.
"""

import re
import sys
from html.parser import HTMLParser
from pathlib import Path


class Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def pdf_links(path: Path) -> list[str]:
    p = Hrefs()
    p.feed(path.read_text(encoding="utf-8"))
    return [h for h in p.hrefs if re.search(r"\.pdf$", h.split("#")[0].split("?")[0], re.I)]


def main() -> int:
    args = sys.argv[1:]
    if not args or not Path(args[0]).is_dir():
        print(__doc__)
        return 2
    out = Path(args[0])
    need_pdf = "--base-url" in args
    problems: list[str] = []

    emails = sorted(out.glob("email*.html"))
    if not emails:
        problems.append(f"{out}: no email*.html")
    for f in emails:
        text = f.read_text(encoding="utf-8")
        n = text.count("%%")
        if n:
            lines = [str(i + 1) for i, l in enumerate(text.splitlines()) if "%%" in l]
            problems.append(f"{f.name}: {n} × '%%' (lines {', '.join(lines[:10])})")
    print(f"'%%': checked {len(emails)} email HTML file(s)")

    if need_pdf:
        pages = [f for f in emails]
        web = out / "web"
        editions = []
        if web.is_dir():
            for f in sorted(web.rglob("index.html")):
                # The archive's own index pages (web/index.html, web/sv/index.html)
                # list the editions; the edition pages are one folder deeper.
                rel = f.relative_to(web).parts
                if len(rel) == 1 or (len(rel) == 2 and re.fullmatch(r"[a-z]{2}", rel[0])):
                    continue
                editions.append(f)
        else:
            problems.append(f"{out}: no web/ folder")
        pages += editions
        for f in pages:
            links = pdf_links(f)
            if not links:
                problems.append(f"{f.relative_to(out)}: no link to a .pdf")
        print(f".pdf links: checked {len(emails)} email(s) and {len(editions)} web edition page(s)")

    if problems:
        for p in problems:
            print(f"FAIL {p}")
        return 1
    print("no '%%' in the email" + ("; every email and edition page links its PDF" if need_pdf else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
