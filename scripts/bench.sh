#!/usr/bin/env bash
# kirje against the tools its users would otherwise use, side by side on this
# machine in this run; prints one Markdown table (stdout), progress on stderr.
#
#   scripts/bench.sh [--quick] [ROW ...]      rows 1–6; all by default
#
#   1  CPU of the whole `kirje build` vs typst-cli (same version) compiling the
#      same six documents one by one (less its start-up); 1b the wall time
#   2  rebuild after an edit: `kirje watch` vs `typst watch`
#   3  one personalised email: kirje vs MJML's mjml2html (npm)
#   4  sending to postfix's smtp-sink: `kirje send` vs a Python smtplib loop
#   5  peak memory: build, and send to 5 000 and 50 000 recipients
#   6  the wasm bundle and the browser's preview times (scripts/suites/web.sh)
#
# --quick: fewer rounds and smaller lists (a smoke run, not a measurement).
# What it compares against is installed once, idempotently, under
# $KIRJE_BENCH_CACHE (default ~/.cache/kirje/bench), never into the repository.
# Not part of CI: the numbers depend on the machine; read the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

QUICK=0
ROWS=()
for a in "$@"; do
  case "$a" in
    -q|--quick) QUICK=1 ;;
    [1-6]) ROWS+=("$a") ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: scripts/bench.sh [--quick] [ROW ...]   (ROW: 1–6)" >&2; exit 2 ;;
  esac
done
[ ${#ROWS[@]} -gt 0 ] || ROWS=(1 2 3 4 5 6)
wants() { local r; for r in "$@"; do [[ " ${ROWS[*]} " == *" $r "* ]] && return 0; done; return 1; }
say() { printf '\n==> %s\n' "$*" >&2; }

CACHE="${KIRJE_BENCH_CACHE:-$HOME/.cache/kirje/bench}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kirje-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$CACHE"
TARGET="${CARGO_TARGET_DIR:-$PWD/target}"

command -v python3 >/dev/null 2>&1 || need_apt python3 >&2

say "kirje (release build)"
cargo build --release --locked -p kirje-cli >&2
export KIRJE="$TARGET/release/kirje"

if wants 1 2 5; then
  # The standalone typst CLI of the version kirje links (from Cargo.lock).
  TYPST_VERSION=$(awk '/^name = "typst"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
  TYPST=""
  if command -v typst >/dev/null 2>&1 && [ "$(typst --version | awk '{print $2}')" = "$TYPST_VERSION" ]; then
    TYPST=$(command -v typst)
  else
    TYPST="$CACHE/typst-$TYPST_VERSION/bin/typst"
    if [ ! -x "$TYPST" ]; then
      say "typst-cli $TYPST_VERSION (cargo install, once)"
      cargo install --locked typst-cli --version "$TYPST_VERSION" --root "$CACHE/typst-$TYPST_VERSION" >&2
    fi
  fi
  export TYPST
  say "comparing against $("$TYPST" --version)"
fi

if wants 3; then
  say "kirje's personalisation (example of kirje-send) and MJML (npm)"
  cargo build --release --locked -p kirje-send --example personalise >&2
  export PERSONALISE="$TARGET/release/examples/personalise"
  command -v node >/dev/null 2>&1 || need_apt nodejs npm >&2
  export BENCH_NODE="$CACHE/node"
  mkdir -p "$BENCH_NODE"
  if ! cmp -s scripts/bench/package-lock.json "$BENCH_NODE/package-lock.json" || [ ! -d "$BENCH_NODE/node_modules/mjml" ]; then
    cp scripts/bench/package.json scripts/bench/package-lock.json "$BENCH_NODE/"
    (cd "$BENCH_NODE" && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
fi

if wants 4 5; then
  [ -x /usr/bin/time ] || need_apt time >&2
  export POSTFIX_ROOT="$CACHE/postfix/root"
  if [ ! -x "$POSTFIX_ROOT/usr/sbin/smtp-sink" ]; then
    say "postfix's smtp-sink (apt-get download, unpacked under $CACHE/postfix)"
    mkdir -p "$CACHE/postfix"
    (
      cd "$CACHE/postfix"
      rm -f postfix_*.deb
      if ! apt-get download postfix >&2; then
        sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq >&2
        apt-get download postfix >&2
      fi
      rm -rf root && dpkg -x postfix_*.deb root
    )
  fi
fi

export BENCH_WORK="$WORK" BENCH_QUICK="$QUICK"
RESULTS="$WORK/results.jsonl"
: >"$RESULTS"
for r in "${ROWS[@]}"; do
  say "row $r"
  python3 scripts/bench/rows.py "$r" "$RESULTS"
done

say "results (machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
python3 scripts/bench/rows.py table "$RESULTS"
