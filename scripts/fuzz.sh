#!/usr/bin/env bash
# Fuzzes kirje's parsers with cargo fuzz (libFuzzer), one target at a time
# (the machine has two cores). Not part of CI.
#
#   scripts/fuzz.sh [SECONDS] [TARGET ...]    default: 300 s each, every target
#
# Targets (fuzz/fuzz_targets/): load_project (YAML/TOML with spans, and the
# check), view (check → View → the JSON the templates read), recipients
# (the recipient and suppression lists), markdown (Markdown → Typst markup
# that must parse, HTML, text). The corpus starts from examples/ and
# tests/fixtures/ (made again each run under fuzz/corpus/, not committed);
# a crash is written to fuzz/artifacts/<target>/ and ends the run: turn it
# into a fixture under tests/fixtures/ once it is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

SECONDS_EACH="${1:-300}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(load_project view recipients markdown)

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
cargo +nightly fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --version 0.13.2 --locked

step "seed corpus from examples/ and tests/fixtures/"
python3 - <<'PY'
import os, pathlib
root = pathlib.Path(".")
projects = [p.parent for p in list(root.glob("examples/*/kirje.toml")) + list(root.glob("tests/fixtures/*/kirje.toml"))]
sep = b"\0\x01"
def read(p):
    return p.read_bytes() if p.exists() else b""
for target in ("load_project", "view"):
    out = root / "fuzz/corpus" / target
    out.mkdir(parents=True, exist_ok=True)
    for p in projects:
        editions = sorted((p / "editions").glob("*.yaml")) or [p / "none.yaml"]
        for i, e in enumerate(editions):
            (out / f"{p.name}-{i}").write_bytes(sep.join([read(p / "kirje.toml"), read(p / "project.yaml"), read(e)]))
md = root / "fuzz/corpus/markdown"
md.mkdir(parents=True, exist_ok=True)
import re
n = 0
for p in projects:
    for f in [p / "project.yaml", *sorted((p / "editions").glob("*.yaml"))]:
        text = read(f).decode("utf-8", "replace")
        for block in re.findall(r"\|\n((?:[ ]{4,}.*\n?)+)", text):
            (md / f"md-{n}").write_text("\n".join(l.strip() for l in block.splitlines()), encoding="utf-8")
            n += 1
rc = root / "fuzz/corpus/recipients"
rc.mkdir(parents=True, exist_ok=True)
for p in projects:
    if (p / "recipients.csv").exists():
        (rc / p.name).write_bytes(read(p / "recipients.csv"))
(rc / "small").write_bytes(b"email,name,language\na@example.fi,A,fi\nb@example.fi,B,sv\n")
PY

for t in "${TARGETS[@]}"; do
  step "fuzz $t for ${SECONDS_EACH} s"
  log="fuzz/last-$t.log"
  status=0
  cargo +nightly fuzz run "$t" "fuzz/corpus/$t" -- -max_total_time="$SECONDS_EACH" -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E "^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)|^#[0-9]+ +DONE" "$log" || true
  if [ "$status" != 0 ] || grep -qE "ERROR: libFuzzer|panicked at|SUMMARY: .*Sanitizer" "$log"; then
    echo "fuzz: $t found a crash (exit $status); see fuzz/artifacts/$t/ and $log" >&2
    grep -E "panicked at|ERROR:|SUMMARY" "$log" | head -5 >&2
    exit 1
  fi
  echo "fuzz: $t: no crash"
done
