"""Reads what the test server stored and prints one JSON summary: copies per
recipient, parsing defects (Python's email package, policy default), and
the messages whose headers or parts are missing."""

import collections
import email
import email.policy
import email.utils
import json
import os
import sys

out = sys.argv[1]
copies = collections.Counter()
defects, problems, ids = [], [], collections.Counter()
date_skew = 0.0
path = os.path.join(out, "deliveries.jsonl")
lines = open(path).read().splitlines() if os.path.exists(path) else []
for line in lines:
    d = json.loads(line)
    for r in d["rcpt"]:
        copies[r.lower()] += 1
    raw = open(os.path.join(out, "mail", d["file"]), "rb").read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    found = list(msg.defects)
    for part in msg.walk():
        found.extend(part.defects)
    if found:
        defects.append({"file": d["file"], "defects": [repr(x) for x in found]})
    to = str(msg["To"] or "")
    if d["rcpt"][0].lower() not in to.lower():
        problems.append(f"{d['file']}: To {to!r} is not {d['rcpt'][0]}")
    for h in ("From", "Subject", "Date", "Message-ID", "List-Unsubscribe", "MIME-Version"):
        if msg[h] is None:
            problems.append(f"{d['file']}: no {h}")
    lu = str(msg["List-Unsubscribe"] or "")
    if "<mailto:" not in lu:
        problems.append(f"{d['file']}: List-Unsubscribe without mailto: {lu!r}")
    ids[str(msg["Message-ID"])] += 1
    # Date is the moment the message was built for sending: compared with
    # when the server stored it.
    if msg["Date"] is not None:
        sent = email.utils.parsedate_to_datetime(str(msg["Date"])).timestamp()
        stored = os.path.getmtime(os.path.join(out, "mail", d["file"]))
        date_skew = max(date_skew, abs(stored - sent))
    types = [p.get_content_type() for p in msg.walk()]
    if "text/plain" not in types or "text/html" not in types:
        problems.append(f"{d['file']}: parts {types}")
    html = msg.get_body(("html",))
    if html is not None and "%%UNSUBSCRIBE_URL%%" in html.get_content():
        problems.append(f"{d['file']}: unsubscribe placeholder left in the HTML")
    lang = str(msg["Content-Language"] or "")
    local = d["rcpt"][0].split("@")[0]
    if "." in local and local.rsplit(".", 1)[1] in ("fi", "sv", "en") and lang != local.rsplit(".", 1)[1]:
        problems.append(f"{d['file']}: Content-Language {lang} for {local}")
dup_ids = [i for i, n in ids.items() if n > 1]
print(json.dumps({
    "messages": len(lines),
    "recipients": len(copies),
    "max_copies": max(copies.values()) if copies else 0,
    "copies": dict(copies),
    "defects": defects[:5],
    "problems": problems[:10],
    "duplicate_message_ids": dup_ids[:5],
    "max_date_skew_s": round(date_skew, 1),
}))
