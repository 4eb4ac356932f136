#!/usr/bin/env bash
# Install what the app needs and start the demo: its own database file (data/demo.db), with
# made-up vacancies, applications and accounts, and a "demo data" banner on every page.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
install_requirements requirements.txt
export SHORTLISTING_DEMO=1
unset DATABASE_URL
exec .venv/bin/streamlit run server.py --server.headless true "$@"
