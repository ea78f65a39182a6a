#!/usr/bin/env bash
# Install everything and run every test: the README's test command, and what .ci/run runs.
# Creates .venv (if missing), installs the pinned requirements, installs Debian's chromium for the
# browser tests and PostgreSQL for the store tests when they are missing and we may (root with apt-get),
# then runs ruff and pytest.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -m browser`.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt

# Debian packages some tests need, installed when missing and we may (root with apt-get); without
# them those tests skip with a message.
install_for_tests() {  # install_for_tests PACKAGE PURPOSE COMMAND...: installed when none of the commands exist
  local package=$1 purpose=$2
  shift 2
  for cmd in "$@"; do
    if command -v "$cmd" >/dev/null 2>&1 || ls $cmd >/dev/null 2>&1; then return 0; fi
  done
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's $package for $purpose..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  else
    echo "$package is not installed and cannot be installed here: $purpose will skip."
  fi
}

install_for_tests chromium "the browser tests" chromium
# The store tests start a throwaway PostgreSQL server on loopback (without it they run on SQLite only).
install_for_tests postgresql "the PostgreSQL store tests" initdb '/usr/lib/postgresql/*/bin/initdb'
# The PDF tests render the scenarionotitie with pdftoppm and read it with pdftotext.
install_for_tests poppler-utils "the PDF rendering tests" pdftoppm
# The proxy test runs the README's nginx configuration with two app processes.
install_for_tests nginx "the proxy test" nginx /usr/sbin/nginx

.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
