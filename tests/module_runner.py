# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run a module in this process, as Ansible would, and return its JSON result, on either path a task takes:

- `module`: main(), as the module runs on a host; the real exit_json/fail_json run (with Ansible's no_log
  masking) and their output is captured;
- `in_process`: what the action plugin runs when the task runs on the controller (plugins/plugin_utils/in_process.py).

The `module_path` fixture runs each test of the module test matrix on the in-process path, the one a task on the
controller takes, or on both with HP_MODULE_PATHS=both (tests/matrix.sh sets it); tests/unit/reliability/
test_both_paths_agree.py runs every module's matrix on both paths in every run and compares the results.
"""

import contextlib
import io
import json
import os
from unittest import mock

import pytest
from ansible.module_utils import basic
from ansible.module_utils.common import warnings as ansible_warnings

from ansible_collections.hosting.provision.plugins.plugin_utils.in_process import run_in_process

try:  # ansible-core 2.19+: module_utils tell a module's own process from the controller's, which this one also is
    from ansible.module_utils import _internal as module_utils_internals
except ImportError:
    module_utils_internals = None

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core < 2.19
    @contextlib.contextmanager
    def patch_module_args(args):
        with mock.patch.object(basic, '_ANSIBLE_ARGS', json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode()):
            yield


PATHS = ('module', 'in_process')
TESTED_PATHS = PATHS if os.environ.get('HP_MODULE_PATHS') == 'both' else ('in_process',)
_path = ['in_process']  # the path run_module() takes: the `module_path` fixture sets it for its test


@pytest.fixture(params=TESTED_PATHS, autouse=True)
def module_path(request):
    """Runs the test on each tested path; run_module() takes it."""
    _path[0] = request.param
    yield request.param
    _path[0] = 'in_process'


def run_module(module, args, check=False, diff=False):
    """module: the imported module object; args: its options. Returns the result dict (with 'failed')."""
    name = module.__name__.rpartition('.')[2]
    if _path[0] == 'in_process':
        text = json.dumps(run_in_process(module, name, args, check, diff))
    else:
        text = _printed(module, dict(args, _ansible_check_mode=check, _ansible_diff=diff, _ansible_module_name=name))
    try:
        result = json.loads(text)
    except ValueError:
        raise AssertionError('module printed no JSON result: %r' % text)
    result['_raw'] = text
    result['warnings'] = [_warning_text(w) for w in result.get('warnings', [])]
    return result


def _printed(module, args):
    """What the module's main() prints."""
    # Ansible keeps warnings in a process-wide collection; each run here must report only its own
    ansible_warnings._global_warnings.clear()
    out = io.StringIO()
    with patch_module_args(args), contextlib.redirect_stdout(out), _in_a_module_process():
        try:
            module.main()
        except SystemExit:
            pass
    return out.getvalue()


def _in_a_module_process():
    """AnsibleModule as in the module's own process: on the controller, ansible-core 2.19 shows a module's warnings
    at once instead of returning them in its result."""
    if module_utils_internals is None:
        return contextlib.nullcontext()
    return mock.patch.object(module_utils_internals, 'is_controller', False)


def _warning_text(warning):
    """ansible-core 2.19 returns warnings as structured summaries, older versions as strings."""
    if isinstance(warning, dict):
        return warning.get('event', {}).get('msg', '') or warning.get('msg', '')
    return warning
