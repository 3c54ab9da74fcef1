#!/usr/bin/env bash
# One-step setup on a fresh machine: a virtual environment in .venv with every dependency
# (torch pinned to the CPU build that lies on this machine kind's disk), then the index.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# torch first and pinned: an unpinned sentence-transformers would pull several GB of CUDA builds.
.venv/bin/python -m pip install --quiet "torch==2.13.0"
.venv/bin/python -m pip install --quiet -e ".[st,dev]"
.venv/bin/python -m assistant build
