#!/usr/bin/env bash
# Install what the tests need and run every check: lint, types, and all test layers.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
install_requirements requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m pytest -q "$@"
