#!/usr/bin/env bash
# kirje send against a real SMTP server: aiosmtpd (from the venv) with the
# fault-injecting handler in tests/smtp/; kirje inbox against a real IMAP
# server: Debian's Dovecot (tests/imap/server.py), with TLS from a test CA,
# a password user and XOAUTH2 checked by its oauth2 passdb. The tests are
# #[ignore]d in a plain cargo test; here they run, and a missing Python,
# aiosmtpd or Dovecot fails them.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
need_apt dovecot-imapd
need_venv
PY -c 'import aiosmtpd, trustme' # fail loudly, never skip
command -v dovecot >/dev/null # fail loudly, never skip
export KIRJE_VENV
# --workspace: the same feature resolution as the main test run, so nothing is rebuilt.
cargo test --workspace --locked --test send -- --include-ignored --test-threads 2
