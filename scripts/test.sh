#!/usr/bin/env bash
# Install what the tests need and run every check: lint, types, and all test layers
# (unit, integration on SQLite and a throw-away PostgreSQL and with LibreOffice Calc as a
# real client, Streamlit AppTest, browser).
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"

need_debian() {  # install Debian packages that are missing (root, or sudo)
  local missing=() pkg
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  # Wait for another apt or dpkg (an unattended upgrade, a second CI job) rather than fail.
  local wait=(-o DPkg::Lock::Timeout=900 -o Acquire::Retries=3)
  $sudo apt-get "${wait[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get "${wait[@]}" install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
}

need_debian postgresql chromium libreoffice-calc-nogui python3-uno
export SHORTLISTING_REQUIRE_POSTGRES=1 SHORTLISTING_REQUIRE_BROWSER=1 SHORTLISTING_REQUIRE_LIBREOFFICE=1

install_requirements requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m pytest -q -n 2 "$@"
