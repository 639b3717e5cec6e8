#!/usr/bin/env bash
# The trimmed copies under vendor/ as crates.io's releases plus our patches.
#
#   scripts/vendor.sh [check]   fail when vendor/<crate> differs from the
#                               release in Cargo.lock plus vendor/patches
#   scripts/vendor.sh rebuild   write vendor/<crate> afresh that way
#
# For each vendor/patches/<crate>.patch: the release named in Cargo.lock is
# downloaded from crates.io once (cached under ~/.cache/kirje/vendor,
# KIRJE_VENDOR_CACHE) and its checksum compared with the registry index;
# the files listed in <crate>.remove are deleted and the patch applied
# (`patch -p1`). Why each change: vendor/README.md. Needs curl, patch and
# the registry (as `cargo fetch` does); run by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE="${1:-check}"
case "$MODE" in
  check|rebuild) ;;
  *) echo "usage: scripts/vendor.sh [check|rebuild]" >&2; exit 2 ;;
esac
CACHE="${KIRJE_VENDOR_CACHE:-$HOME/.cache/kirje/vendor}"
mkdir -p "$CACHE"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kirje-vendor.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# The version of a crate in Cargo.lock.
locked_version() {
  awk -v n="$1" '$0 == "name = \"" n "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# The registry index's checksum of name@version.
index_checksum() {
  local name=$1 version=$2 path
  case ${#name} in
    1) path="1/$name" ;;
    2) path="2/$name" ;;
    3) path="3/${name:0:1}/$name" ;;
    *) path="${name:0:2}/${name:2:2}/$name" ;;
  esac
  curl -sfL "https://index.crates.io/$path" | python3 -c '
import json, sys
want = sys.argv[1]
for line in sys.stdin:
    entry = json.loads(line)
    if entry["vers"] == want:
        print(entry["cksum"])
        break
' "$version"
}

failed=0
for patch in vendor/patches/*.patch; do
  name=$(basename "$patch" .patch)
  version=$(locked_version "$name")
  [ -n "$version" ] || { echo "vendor: $name is not in Cargo.lock" >&2; exit 1; }
  crate="$CACHE/$name-$version.crate"
  want=$(index_checksum "$name" "$version")
  [ -n "$want" ] || { echo "vendor: $name $version is not in the crates.io index" >&2; exit 1; }
  if [ ! -f "$crate" ] || [ "$(sha256sum "$crate" | cut -d' ' -f1)" != "$want" ]; then
    curl -sfL "https://static.crates.io/crates/$name/$name-$version.crate" -o "$crate.part"
    mv "$crate.part" "$crate"
  fi
  got=$(sha256sum "$crate" | cut -d' ' -f1)
  if [ "$got" != "$want" ]; then
    echo "vendor: $name-$version.crate has checksum $got, the index says $want" >&2
    exit 1
  fi
  tar xzf "$crate" -C "$WORK"
  made="$WORK/$name-$version"
  if [ -f "vendor/patches/$name.remove" ]; then
    (cd "$made" && while IFS= read -r f; do [ -n "$f" ] && rm -f -- "$f"; done) < "vendor/patches/$name.remove"
    find "$made" -type d -empty -delete
  fi
  (cd "$made" && patch -p1 -s --no-backup-if-mismatch) < "$patch"
  if [ "$MODE" = rebuild ]; then
    rm -rf "vendor/$name"
    cp -r "$made" "vendor/$name"
    echo "vendor/$name: $name $version from crates.io with vendor/patches/$name.*"
  elif diff -r "$made" "vendor/$name" > "$WORK/$name.diff"; then
    echo "vendor/$name: crates.io's $name $version plus vendor/patches/$name.* exactly"
  else
    echo "vendor/$name differs from crates.io's $name $version plus vendor/patches/$name.*:" >&2
    head -40 "$WORK/$name.diff" >&2
    failed=1
  fi
done
if [ "$failed" = 1 ]; then
  echo "vendor: a change under vendor/ belongs in vendor/patches (diff against the release; scripts/vendor.sh rebuild to check)" >&2
  exit 1
fi
