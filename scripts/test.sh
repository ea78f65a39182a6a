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

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is not installed and cannot be installed here: the browser tests will be skipped."
  fi
fi

# PostgreSQL for the store tests (they start a throwaway server on loopback; without it they skip).
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's postgresql for the store tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "PostgreSQL is not installed and cannot be installed here: the store tests run on SQLite only."
  fi
fi

# poppler-utils: the PDF tests render the scenarionotitie with pdftoppm and read it with pdftotext.
if ! command -v pdftoppm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's poppler-utils for the PDF tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
  else
    echo "poppler-utils is not installed and cannot be installed here: the PDF rendering tests will be skipped."
  fi
fi

.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
