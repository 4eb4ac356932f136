#!/usr/bin/env bash
# Install what the tests need and run every check: lint, types, and all test layers
# (unit, integration on SQLite and a throw-away PostgreSQL and with LibreOffice Calc as a
# real client, Streamlit AppTest, browser).
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"

apt_update() {  # apt-get update "$@", waiting up to 900 s for another update to finish
  # DPkg::Lock::Timeout makes apt-get wait for dpkg's lock, not for the package lists' lock
  # that an update takes (apt 2.6 fails at once), so wait for that one here: block on it as
  # apt takes it (an fcntl lock) until it is free, then try again.
  local sudo=$1 deadline=$((SECONDS + 900)) lists=/var/lib/apt/lists/ err
  shift
  eval "$(apt-config "$@" shell lists Dir::State::Lists/d)"
  until err=$($sudo env LC_ALL=C apt-get "$@" update -qq 2>&1 >/dev/null); do
    if [[ $err != *"Could not get lock ${lists}lock"* ]] || ((SECONDS >= deadline)); then
      echo "$err" >&2
      return 1
    fi
    echo "Waiting for another apt-get update to finish"
    $sudo timeout "$((deadline - SECONDS))" python3 -c \
      'import fcntl, sys; fcntl.lockf(open(sys.argv[1], "a"), fcntl.LOCK_EX)' "${lists}lock" ||
      true
  done
}

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
  apt_update "$sudo" "${wait[@]}"
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
