#!/usr/bin/env bash
# The email as mail clients see it, for examples/lumo and the fixture
# tests/email/fixtures/photo (an SVG logo, a 2000×1300 JPEG photo, a PNG
# funder logo), built with base_url and, for the fixture, also without (its
# images then travel as cid: parts of the .eml):
#   1. images and contrast in Debian's Chromium at 600/375 px, light and dark
#      (tests/browser/email-clients.test.mjs; screenshots to $KIRJE_SHOTS);
#   2. caniemail.com's data on the features the email uses in Gmail, Outlook
#      for Windows and Apple Mail (a report: only a crash fails);
#   3. the Nu HTML checker (vnu-jar) with an explicit allow-list of errors
#      HTML email needs on purpose;
#   4. SpamAssassin, local rules only, on the sample .eml and on a
#      personalised message of `kirje send --dry-run`: each below 0.5;
#   5. no `%%` in the email HTML, and with base_url a .pdf link in the email
#      and on every web edition page.
# Every check runs even when an earlier one failed; the suite fails at the
# end if any did, and a missing part (Chromium, Java, SpamAssassin, the npm
# packages) is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
need_apt chromium spamassassin openjdk-17-jre-headless
need_venv
need_node_modules tests/browser
for tool in /usr/bin/chromium java spamassassin node; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing"; exit 1; }
done
[ -x "$KIRJE_BIN" ] || { echo "FAIL: no kirje binary at $KIRJE_BIN"; exit 1; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
shots="${KIRJE_SHOTS:-$tmp/shots}"

failed=()
# check NAME COMMAND...: run one check, remember it when it fails, go on.
check() {
  local name="$1"; shift
  step "$name"
  if "$@"; then echo "-- ok: $name"; else echo "-- FAILED: $name"; failed+=("$name"); fi
}

step "build examples/lumo and tests/email/fixtures/photo (copies in $tmp)"
cp -r examples/lumo "$tmp/lumo"
cp -r tests/email/fixtures/photo "$tmp/photo"
cp -r tests/email/fixtures/photo "$tmp/photo-inline"
rm -rf "$tmp"/{lumo,photo,photo-inline}/dist
sed -i '/^base_url *=/d' "$tmp/photo-inline/kirje.toml"
"$KIRJE_BIN" check "$tmp/photo"
"$KIRJE_BIN" build "$tmp/lumo" -o "$tmp/out/lumo"
"$KIRJE_BIN" build "$tmp/photo" -o "$tmp/out/photo"
"$KIRJE_BIN" build "$tmp/photo-inline" -o "$tmp/out/photo-inline" --only email
"$KIRJE_BIN" send "$tmp/lumo" --recipients "$tmp/lumo/recipients.csv" --dry-run "$tmp/eml" --yes
sent="$(find "$tmp/eml" -name '*.eml' | sort | head -n 1)"
[ -n "$sent" ] || { echo "FAIL: kirje send --dry-run wrote no .eml into $tmp/eml"; exit 1; }
htmls=()
for out in lumo photo photo-inline; do
  for f in "$tmp/out/$out"/email*.html; do htmls+=("$f"); done
done
echo "email HTML files: ${htmls[*]#"$tmp/"}"
echo "dry-run message: ${sent#"$tmp/"}"

check "images and WCAG AA contrast in Chromium (600/375 px × light/dark)" \
  env KIRJE_SHOTS="$shots" node tests/browser/email-clients.test.mjs \
  lumo="$tmp/out/lumo" photo="$tmp/out/photo" photo-inline="$tmp/out/photo-inline"

check "caniemail report: Gmail, Outlook for Windows, Apple Mail (report only)" \
  node tests/browser/caniemail.mjs "$tmp/out/lumo/email.html" "$tmp/out/photo/email.html"

check "Nu HTML checker (vnu-jar) on ${#htmls[@]} email HTML files" \
  node tests/browser/vnu.mjs "${htmls[@]}"

check "SpamAssassin (local tests, Debian's rules): below 0.5" \
  PY tests/email/spamassassin.py --max 0.5 \
  "lumo sample email.eml=$tmp/out/lumo/email.eml" "lumo kirje send --dry-run $(basename "$sent")=$sent"

# With base_url the PDF links are required; the cid: build is checked for %% only.
merge_and_pdf_links() {
  local rc=0
  echo "[lumo]"; PY tests/email/check_pdf_links.py "$tmp/out/lumo" --base-url || rc=1
  echo "[photo]"; PY tests/email/check_pdf_links.py "$tmp/out/photo" --base-url || rc=1
  echo "[photo-inline]"; PY tests/email/check_pdf_links.py "$tmp/out/photo-inline" || rc=1
  return $rc
}
check "no %% in the email; the email and every web edition page link the PDF (base_url set)" \
  merge_and_pdf_links

echo
echo "screenshots: $shots$([ -z "${KIRJE_SHOTS:-}" ] && echo ' (removed on exit; set KIRJE_SHOTS to keep them)')"
if [ ${#failed[@]} -gt 0 ]; then
  printf 'email-clients: FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "email-clients: all checks passed"
