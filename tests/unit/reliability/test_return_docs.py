# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""RETURN tells the truth: every dict a module returns (or list of dicts) documents its keys under `contains`, and
every key a module really returns, over its scenario (create, repeat, update; or one info read), is documented."""

import ast
import os

import pytest
import yaml

from module_runner import run_module
from project_paths import MODULES_DIR, module_names

from scenarios import INFO_SCENARIOS, WRITE_SCENARIOS

MODULES = [os.path.join(MODULES_DIR, name + '.py') for name in module_names()]
# dicts whose keys the provider defines, so no fixed list can document them: (module, return value path) -> why
FREE_FORM = {
    ('subaccount', 'subaccount.fields'): 'the provider-specific fields the API defines',
    ('ispconfig_client', 'client.limits'): 'the limit_* fields that the task\'s limits option names',
    ('mailbox_customer', 'customer.tariff_limits'): 'the limits mailbox.org defines per plan',
    ('mailbox_customer', 'customer.capabilities'): 'the capability names mailbox.org defines',
    ('mailbox_account', 'mail_account.capabilities'): 'the capability names mailbox.org defines',
    ('mailbox_customer_info', 'customers.tariff_limits'): 'the limits mailbox.org defines per plan',
}
RESULT_NOISE = ('changed', 'failed', 'msg', 'diff', 'warnings', 'invocation', '_raw')


def module_doc(path, name):
    with open(path) as source:
        for node in ast.parse(source.read()).body:
            if isinstance(node, ast.Assign) and [target.id for target in node.targets] == [name]:
                return yaml.safe_load(node.value.value) or {}
    raise AssertionError('%s has no %s' % (path, name))


def holds_dicts(entry):
    return entry.get('type') == 'dict' or (entry.get('type') == 'list' and entry.get('elements') == 'dict')


def undocumented_dicts(entries, prefix=''):
    """Paths of dict (or list of dict) return values without `contains`."""
    found = []
    for key, entry in (entries or {}).items():
        if holds_dicts(entry) and 'contains' not in entry:
            found.append(prefix + key)
        found += undocumented_dicts(entry.get('contains'), prefix + key + '.')
    return found


@pytest.mark.parametrize('path', MODULES, ids=lambda path: os.path.basename(path)[:-3])
def test_every_returned_dict_documents_its_keys(path):
    name = os.path.basename(path)[:-3]
    missing = [where for where in undocumented_dicts(module_doc(path, 'RETURN')) if (name, where) not in FREE_FORM]
    assert not missing, '%s: RETURN entries of type dict without contains: %s' % (name, ', '.join(missing))


def undocumented_keys(value, entry, path, free_form):
    """Keys of a returned value that its RETURN entry does not document (free-form dicts not looked into)."""
    if path in free_form or not holds_dicts(entry) or entry.get('contains') is None:
        return []
    items = value if isinstance(value, list) else [value]
    found = []
    for item in items:
        if not isinstance(item, dict):
            continue
        for key, sub_value in item.items():
            if key not in entry['contains']:
                found.append('%s.%s' % (path, key))
            else:
                found += undocumented_keys(sub_value, entry['contains'][key], '%s.%s' % (path, key), free_form)
    return found


@pytest.mark.parametrize('scenario', WRITE_SCENARIOS + INFO_SCENARIOS, ids=repr)
def test_every_key_a_module_returns_is_documented(scenario, serve):
    running = scenario.start(serve)
    if scenario.info is not None:
        runs = [lambda: dict(running.conn, **scenario.info)]
    else:  # each run's options are made right before it (a repeat lets the server settle first)
        runs = [lambda: scenario.options(running, 'create'), lambda: scenario.repeat_options(running, 'create'),
                lambda: scenario.options(running, 'update')]
    documented = module_doc(scenario.module.__file__, 'RETURN')
    free_form = {where for module, where in FREE_FORM if module == scenario.name}
    for options in runs:
        result = run_module(scenario.module, options())
        assert not result.get('failed'), result
        returned = sorted(key for key in result if key not in RESULT_NOISE)
        assert not set(returned) - set(documented), '%s returns undocumented %s' % (
            scenario.name, ', '.join(sorted(set(returned) - set(documented))))
        missing = sum((undocumented_keys(result[key], documented[key], key, free_form) for key in returned), [])
        assert not missing, '%s returns keys its RETURN does not document: %s' % (
            scenario.name, ', '.join(sorted(set(missing))))
