"""Scores messages with Debian's SpamAssassin, local tests only (-L: no DNS
blocklists, no Razor/Pyzor, no network at all), with the rules the package
ships in /usr/share/spamassassin (sa-update is never run). Bayes and
auto-learning are off and SpamAssassin's home is a temporary folder, so a
run neither reads nor changes anything of the user's.

Usage: spamassassin.py [--max SCORE] LABEL=MESSAGE.eml [LABEL=MESSAGE.eml ...]
Prints each message's score and every rule that fired with its points;
exits 1 when a message scores SCORE (default 0.5) or more, or when
SpamAssassin cannot be run or its report cannot be read.
"""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def run(path: Path, home: Path) -> str:
    prefs = home / "user_prefs"
    env = dict(os.environ, HOME=str(home), LANG="C.UTF-8", LC_ALL="C.UTF-8")
    proc = subprocess.run(
        ["spamassassin", "-L", "-t", "-x", "-p", str(prefs)],
        stdin=path.open("rb"),
        capture_output=True,
        env=env,
        timeout=300,
    )
    if proc.returncode not in (0, 1):  # 1 would be "spam" with -e; -t exits 0
        raise RuntimeError(f"spamassassin exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-2000:]}")
    return proc.stdout.decode("utf-8", errors="replace")


def parse(report: str) -> tuple[float, list[tuple[float, str, str]]]:
    """The score and the rules (points, name, description) of the
    'Content analysis details' table that -t appends to the message."""
    m = re.search(r"Content analysis details:\s+\((-?\d+(?:\.\d+)?) points?, (-?\d+(?:\.\d+)?) required\)", report)
    if not m:
        raise RuntimeError("no 'Content analysis details' in the spamassassin -t output")
    score = float(m.group(1))
    table = report[m.end():]
    lines = table.splitlines()
    # Skip to the line of dashes under the header " pts rule name  description".
    start = next((i for i, l in enumerate(lines) if re.match(r"^-{4} -{10,}", l)), None)
    if start is None:
        raise RuntimeError("no rule table under 'Content analysis details'")
    rules: list[tuple[float, str, str]] = []
    for line in lines[start + 1:]:
        r = re.match(r"^\s*(-?\d+(?:\.\d+)?)\s+([A-Z0-9_]+)\s+(.*)$", line)
        if r:
            rules.append((float(r.group(1)), r.group(2), r.group(3).strip()))
        elif rules and re.match(r"^\s{20,}\S", line):
            pts, name, desc = rules[-1]
            rules[-1] = (pts, name, f"{desc} {line.strip()}")
        elif not line.strip() or not line.startswith(" "):
            break
    return score, rules


def main() -> int:
    args = sys.argv[1:]
    limit = 0.5
    if args[:1] == ["--max"]:
        limit = float(args[1])
        args = args[2:]
    if not args:
        print(__doc__)
        return 2
    failed = []
    with tempfile.TemporaryDirectory(prefix="kirje-sa-") as tmp:
        home = Path(tmp)
        (home / "user_prefs").write_text("use_bayes 0\nbayes_auto_learn 0\nuse_auto_whitelist 0\n")
        for arg in args:
            label, _, file = arg.partition("=")
            path = Path(file)
            if not path.is_file():
                print(f"FAIL {label}: no message at {path}")
                failed.append(label)
                continue
            score, rules = parse(run(path, home))
            verdict = "ok" if score < limit else "FAIL"
            print(f"SpamAssassin {label}: score {score:.1f} ({verdict}, must stay below {limit}) — {path}")
            for pts, name, desc in sorted(rules, key=lambda r: -abs(r[0])):
                print(f"  {pts:5.1f} {name:<26} {desc}")
            if score >= limit:
                failed.append(label)
    if failed:
        print(f"FAIL spam score {limit} or more: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
