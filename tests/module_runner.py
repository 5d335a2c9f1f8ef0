# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run a module's main() in this process, as Ansible would, and return its JSON result.

The real exit_json/fail_json run (with Ansible's no_log masking); their output is captured.
"""

import contextlib
import io
import json

from ansible.module_utils import basic
from ansible.module_utils.common import warnings as ansible_warnings

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core < 2.19
    from unittest import mock

    @contextlib.contextmanager
    def patch_module_args(args):
        with mock.patch.object(basic, '_ANSIBLE_ARGS', json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode()):
            yield


def run_module(module, args, check=False, diff=False):
    """module: the imported module object; args: its options. Returns the result dict (with 'failed')."""
    args = dict(args, _ansible_check_mode=check, _ansible_diff=diff)
    # Ansible keeps warnings in a process-wide collection; each run here must report only its own
    ansible_warnings._global_warnings.clear()
    out = io.StringIO()
    with patch_module_args(args), contextlib.redirect_stdout(out):
        try:
            module.main()
        except SystemExit:
            pass
    text = out.getvalue()
    try:
        result = json.loads(text)
    except ValueError:
        raise AssertionError('module printed no JSON result: %r' % text)
    result['_raw'] = text
    result['warnings'] = [_warning_text(w) for w in result.get('warnings', [])]
    return result


def _warning_text(warning):
    """ansible-core 2.19 returns warnings as structured summaries, older versions as strings."""
    if isinstance(warning, dict):
        return warning.get('event', {}).get('msg', '') or warning.get('msg', '')
    return warning
