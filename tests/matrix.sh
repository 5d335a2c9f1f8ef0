#!/usr/bin/env bash
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# The version matrix: the pytest suite, with the module tests on both paths of a task (HP_MODULE_PATHS=both), and
# the demo against the oldest ansible-core that meta/runtime.yml supports and the newest, each in its own virtualenv
# under .tmp/matrix/ (built on the first run; delete it to pick up a newer release).
#   bash tests/matrix.sh [oldest|newest|all]      default: all
#   oldest: ansible-core 2.16 on Python 3.11      newest: the latest ansible-core (2.21 or later) on Python 3.13
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# interpreter VERSION: the first pythonVERSION that runs, on PATH or among pyenv's installed versions
interpreter() {
  local candidate
  for candidate in "python$1" "$(pyenv root 2>/dev/null)/versions/$1".*/bin/"python$1"; do
    if "$candidate" -c '' 2>/dev/null; then
      echo "$candidate"
      return
    fi
  done
  echo "tests/matrix.sh: no python$1 found" >&2
  return 1
}

# run_line NAME PYTHON_VERSION ANSIBLE_CORE_REQUIREMENT
run_line() {
  local name=$1 venv=$root/.tmp/matrix/$1 start=$SECONDS python
  python=$(interpreter "$2")
  mkdir -p "$root/.tmp/matrix"
  printf -- '-r %s\n%s\n' "$root/tests/requirements-pytest.txt" "$3" > "$venv-requirements.txt"
  (
    export HP_VENV=$venv PYTHON=$python HP_REQUIREMENTS=$venv-requirements.txt
    # shellcheck source=tests/lib/venv.sh
    . tests/lib/venv.sh
    python -c 'import sys; from ansible.release import __version__ as core
print("=== %s: Python %s, ansible-core %s" % (sys.argv[1], sys.version.split()[0], core))' "$name"
    HP_MODULE_PATHS=both python -m pytest -n auto -q -p no:cacheprovider
    bash tests/demo/run.sh > "$venv-demo.log" 2>&1 || { cat "$venv-demo.log"; exit 1; }
    tail -1 "$venv-demo.log"
  )
  echo "=== $name passed in $((SECONDS - start)) s"
}

oldest() { run_line oldest 3.11 'ansible-core==2.16.*'; }
newest() { run_line newest 3.13 'ansible-core>=2.21'; }
case ${1:-all} in
  oldest) oldest ;;
  newest) newest ;;
  all) oldest; newest ;;
  *) echo "usage: bash tests/matrix.sh [oldest|newest|all]" >&2; exit 2 ;;
esac
