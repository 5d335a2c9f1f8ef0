#!/usr/bin/env bash
# The test command: unit, module, simulator, conformance and playbook tests, then ansible-test sanity and
# ansible-lint. Sets up .venv (or $HP_VENV) with everything it needs on the first run.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/lib/venv.sh

python -m pytest
bash tests/sanity/run.sh
ansible-lint
