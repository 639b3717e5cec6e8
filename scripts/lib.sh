# Shared helpers for scripts/test.sh and scripts/suites/*.sh. Sourced, never run.
# Everything here is idempotent: a part already present is not installed again.

step() { printf '\n==> %s\n' "$*"; }

# The kirje binary the integration tests built (cargo run would resolve
# features differently and rebuild typst).
# KIRJE_BIN in the environment wins (a release build, when running a suite by hand).
KIRJE_BIN="${KIRJE_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/debug/kirje}"

# need_apt PKG...: install Debian packages that are missing.
need_apt() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# The Python venv the suites share (pinned packages from scripts/requirements.txt).
KIRJE_VENV="${KIRJE_VENV:-$HOME/.cache/kirje/venv}"
need_venv() {
  [ -x "$KIRJE_VENV/bin/python" ] || python3 -m venv "$KIRJE_VENV"
  local stamp="$KIRJE_VENV/.requirements"
  if ! cmp -s scripts/requirements.txt "$stamp"; then
    "$KIRJE_VENV/bin/pip" install -q --disable-pip-version-check -r scripts/requirements.txt
    cp scripts/requirements.txt "$stamp"
  fi
}
PY() { "$KIRJE_VENV/bin/python" "$@"; }

# npm packages of the browser tests (tests/browser/package.json, lock file committed).
need_node_modules() {
  local dir="$1"
  command -v node >/dev/null 2>&1 || need_apt nodejs npm
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.stamp" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.stamp)
  fi
}
