# Shared by run.sh and test.sh: make .venv with Python 3.11+ and install a requirements file.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
install_requirements() {
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$1"
}
