#!/usr/bin/env bash
# Install what the app needs and start it on the embedded default (SQLite file under data/).
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
install_requirements requirements.txt
exec .venv/bin/streamlit run server.py --server.headless true "$@"
