#!/usr/bin/env bash
# The email, web archive, feed and calendar of examples/lumo checked with tools
# that are not ours: Python's email package, icalendar and feedparser;
# html-validate on the web pages; axe-core and a sideways-overflow check in
# Debian's Chromium (playwright-core) at 600 px and 375 px.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
need_apt chromium
need_venv
need_node_modules tests/browser
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

# With base_url (images linked from the web archive).
"$KIRJE_BIN" build examples/lumo -o "$tmp/out" --only email,web,ics
"$KIRJE_BIN" view examples/lumo > "$tmp/view.json"
PY tests/email/check_outputs.py "$tmp/out" "$tmp/view.json"

# Without base_url: the message carries its images as cid: parts.
cp -r examples/lumo "$tmp/inline"
rm -rf "$tmp/inline/dist"
sed -i '/^base_url *=/d' "$tmp/inline/kirje.toml"
"$KIRJE_BIN" build "$tmp/inline" -o "$tmp/inline-out" --only email
"$KIRJE_BIN" view "$tmp/inline" > "$tmp/inline-view.json"
PY tests/email/check_outputs.py "$tmp/inline-out" "$tmp/inline-view.json" --inline-images

(cd tests/browser && node_modules/.bin/html-validate --config .htmlvalidate.json $(find "$tmp/out/web" -name '*.html' | sort))
echo "html-validate: $(find "$tmp/out/web" -name '*.html' | wc -l) web pages valid"

KIRJE_SHOTS="${KIRJE_SHOTS:-$tmp/shots}" node tests/browser/email.test.mjs "$tmp/out"
