#!/usr/bin/env bash
# PDFs of examples/lumo checked with tools that are not ours: qpdf, poppler, pikepdf.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
need_apt poppler-utils qpdf
need_venv
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
"$KIRJE_BIN" build examples/lumo -o "$out" --only pdf,slides
for f in "$out"/*.pdf; do qpdf --check "$f" >/dev/null; done
PY tests/pdf/check_pdf.py "$out"
