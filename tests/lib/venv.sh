# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
# Sourced by tests/run.sh, tests/demo/run.sh and tests/matrix.sh: a project virtualenv with everything the project
# needs. PYTHON picks the interpreter (default python3); HP_VENV the folder (default .venv in the checkout);
# HP_REQUIREMENTS what to install (default tests/requirements.txt; tests/matrix.sh pins ansible-core with it).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
venv=${HP_VENV:-$root/.venv}
requirements=${HP_REQUIREMENTS:-$root/tests/requirements.txt}
# the set-up says what it does as it starts (the first one takes minutes), on stderr, beside the caller's output
venv_started=$SECONDS
if [ ! -x "$venv/bin/python" ]; then
  echo "venv: creating $venv with ${PYTHON:-python3}" >&2
  "${PYTHON:-python3}" -m venv "$venv"
fi
stamp=$venv/.requirements.sha
# the files it includes with -r count too
wanted=$(cat "$requirements" "$root"/tests/requirements*.txt "$root/requirements.txt" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "venv: installing ${requirements#"$root"/} into $venv (the first time about 3 minutes) ..." >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  echo "$wanted" > "$stamp"
  echo "venv: ready in $((SECONDS - venv_started)) s" >&2
fi
# molecule and ansible-lint call ansible-config & co.: the venv's bin first
export PATH=$venv/bin:$PATH
export ANSIBLE_COLLECTIONS_PATH=$root/.tmp/collections
mkdir -p "$root/.tmp/collections/ansible_collections/hosting"
[ -e "$root/.tmp/collections/ansible_collections/hosting/provision" ] || \
  ln -s "$root" "$root/.tmp/collections/ansible_collections/hosting/provision"
