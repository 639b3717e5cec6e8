"""Checks of kirje's email, calendar and feed with tools that are not ours:
Python's email package (policy default), icalendar and feedparser.

Usage: check_outputs.py OUT VIEW.json [--inline-images]
  OUT        a folder written by `kirje build`
  VIEW.json  `kirje view` of the same project and edition: what the
             calendar must contain (every event, or every session of a
             multi-session event, at its local Helsinki time)
  --inline-images  the project has no base_url: the message must carry its
             images as related parts that the HTML references by cid:
Exits non-zero and says what is wrong when a check fails.
"""

import datetime as dt
import email
import email.policy
import json
import re
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import icalendar

HELSINKI = ZoneInfo("Europe/Helsinki")
problems: list[str] = []


def fail(msg: str) -> None:
    problems.append(msg)


def check_eml(path: Path, view: dict, inline: bool) -> None:
    msg = email.message_from_binary_file(path.open("rb"), policy=email.policy.default)
    for part in msg.walk():
        if part.defects:
            fail(f"{path.name}: defects in {part.get_content_type()}: {part.defects}")
    types = [p.get_content_type() for p in msg.walk()]
    for needed in ("multipart/alternative", "text/plain", "text/html"):
        if needed not in types:
            fail(f"{path.name}: no {needed} part (parts: {types})")
    for header in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
        if not msg[header]:
            fail(f"{path.name}: no {header} header")
    subject = str(msg["Subject"] or "")
    if view["edition"]["title"] not in subject:
        fail(f"{path.name}: subject {subject!r} lacks the edition title")
    if not re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", str(msg["Message-ID"] or "").strip()):
        fail(f"{path.name}: malformed Message-ID {msg['Message-ID']!r}")
    html_part = msg.get_body(preferencelist=("html",))
    text_part = msg.get_body(preferencelist=("plain",))
    if html_part is None or text_part is None:
        fail(f"{path.name}: get_body finds no html or plain body")
        return
    html = html_part.get_content()
    text = text_part.get_content()
    for fact in (view["edition"]["title"], view["project"]["name"]):
        if fact not in text:
            fail(f"{path.name}: plain text lacks {fact!r}")
    long = [l for l in text.splitlines() if len(l) > 72 and "://" not in l and "@" not in l]
    if long:
        fail(f"{path.name}: {len(long)} plain-text lines over 72 columns, e.g. {long[0]!r}")
    cids = set(re.findall(r'src="cid:([^"]+)"', html))
    parts = {str(p["Content-ID"] or "").strip("<>") for p in msg.walk() if p["Content-ID"]}
    if inline:
        if "multipart/related" not in types:
            fail(f"{path.name}: images should be inline but there is no multipart/related")
        if not cids:
            fail(f"{path.name}: the HTML references no cid: image")
        if cids - parts:
            fail(f"{path.name}: cid references without a part: {sorted(cids - parts)}")
    elif cids:
        fail(f"{path.name}: cid: images although base_url is set")


def local(value) -> dt.datetime | dt.date:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            fail(f"a floating time {value} (no TZID)")
            return value
        return value.astimezone(HELSINKI).replace(tzinfo=None)
    return value


def check_ics(path: Path, view: dict) -> None:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = list(cal.walk("VEVENT"))
    if not list(cal.walk("VTIMEZONE")):
        fail(f"{path.name}: no VTIMEZONE")
    uids = [str(e["UID"]) for e in events]
    if len(set(uids)) != len(uids):
        fail(f"{path.name}: UIDs repeat")
    found = {(local(e.decoded("DTSTART")), local(e.decoded("DTEND"))) for e in events}
    wanted = []
    for ev in view["edition"]["events"]:
        for item in ev["sessions"] or [ev]:
            start, end = item["start_iso"], item["end_iso"] or item["start_iso"]
            if "T" in start:
                s = dt.datetime.fromisoformat(start)
                e = dt.datetime.fromisoformat(end) if "T" in end else s
            else:
                s = dt.date.fromisoformat(start)
                e = dt.date.fromisoformat(end) + dt.timedelta(days=1)
            wanted.append((ev["title"], s, e))
    for title, s, e in wanted:
        if (s, e) not in found:
            fail(f"{path.name}: no event {title!r} from {s} to {e} (Helsinki time)")
    if len(events) != len(wanted):
        fail(f"{path.name}: {len(events)} events, expected {len(wanted)}")


def check_feed(path: Path, view: dict) -> None:
    feed = feedparser.parse(path.read_bytes())
    if feed.bozo:
        fail(f"{path.name}: not well-formed: {feed.bozo_exception}")
    if feed.version != "atom10":
        fail(f"{path.name}: version {feed.version!r}, expected Atom 1.0")
    if not feed.entries:
        fail(f"{path.name}: no entries")
    for entry in feed.entries:
        for key in ("title", "link", "id", "updated"):
            if not entry.get(key):
                fail(f"{path.name}: an entry without {key}")
    if not any(view["edition"]["title"] in e.get("title", "") for e in feed.entries):
        fail(f"{path.name}: no entry for {view['edition']['title']!r}")


def main() -> int:
    out, view_path = Path(sys.argv[1]), Path(sys.argv[2])
    inline = "--inline-images" in sys.argv[3:]
    view = json.loads(view_path.read_text(encoding="utf-8"))
    check_eml(out / "email.eml", view, inline)
    if not inline:
        check_ics(out / "events.ics", view)
        check_ics(out / "web" / "events.ics", view)
        check_feed(out / "web" / "feed.xml", view)
    for p in problems:
        print(f"FAIL {p}")
    print(f"{out}: {'ok' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
