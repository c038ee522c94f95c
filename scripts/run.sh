#!/usr/bin/env bash
# Install the app and run the dashboard on the bundled dataset (the database is built on first run).
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q -e .
exec python -m streamlit run app.py "$@"
