#!/usr/bin/env bash
# The test command: unit, module, simulator, conformance and playbook tests, then ansible-test sanity,
# ansible-lint and the customer role's Molecule scenario. Sets up .venv (or $HP_VENV) with everything it needs
# on the first run.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/lib/venv.sh

python -m pytest
bash tests/sanity/run.sh
ansible-lint
bash docs/build.sh  # the documentation site, offline; fails on a warning or a broken internal link
(cd extensions && molecule test --all)
# smoke test of the benchmark (docs/performance.md): that it runs; its figures are printed, never checked
python tests/bench/run.py --quick
