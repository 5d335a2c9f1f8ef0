# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What every ISPConfig module does with the facts its objects state (plugins/module_utils/ispconfig.py,
PanelObject), checked over every ISPConfig module so that an object added without one of them fails here:

- refused its first read by the API's permission error, it names the panel's function group to tick;
- answered rows without their id column, it fails with one sentence naming the column;
- unable to read the panel's settings (no "Server functions"), it creates with the stock name prefix and a
  warning that names it (objects without a prefix are created as usual).
(tests/unit/test_drift.py checks that every object states every fact.)
"""

import json
import re

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from scenarios import SCENARIOS, WRITE_SCENARIOS, answer_wrong_shape
from simulators.ispconfig import FUNCTION_GROUPS

ISPCONFIG = [scenario for scenario in SCENARIOS if scenario.api == 'ispconfig']
ISPCONFIG_WRITES = [scenario for scenario in WRITE_SCENARIOS if scenario.api == 'ispconfig']


def panel_object_of(scenario):
    """The one PanelObject class a write module imports (the one it runs)."""
    classes = [value for value in vars(scenario.module).values()
               if isinstance(value, type) and issubclass(value, ispconfig.PanelObject)]
    assert len(classes) == 1, (scenario, classes)
    return classes[0]


def which(scenario):
    return 'info' if scenario.info is not None else 'create'


def sentences(text):
    return len(re.findall(r'[.!?](?:\s|$)', text))


def group_name(simulator, function):
    """The name System > Remote Users shows for the group that allows `function` (the simulator's panel)."""
    wanted = simulator.PERMISSION_OF.get(function, function)
    names = [group.name for group in FUNCTION_GROUPS.values() if wanted in group.functions]
    assert len(names) == 1, (function, names)
    return names[0]


@pytest.mark.parametrize('scenario', ISPCONFIG, ids=repr)
def test_a_refused_first_read_names_the_panels_function_group(serve, scenario):
    sim = scenario.start(serve)
    sim.simulator.control('add_remote_user', {'username': 'nothing', 'password': 'Nothing-Pass-1', 'functions': []})
    result = run_module(scenario.module, scenario.options(sim, which(scenario), api_username='nothing',
                                                          api_password='Nothing-Pass-1'))
    refused = [call for call in sim.simulator.stats()['calls'] if call not in ('login', 'logout')][0]
    assert result.get('failed') is True, result
    assert 'Tick "%s" for it under System > Remote Users.' % group_name(sim.simulator, refused) in result['msg'], \
        result['msg']


def _without_id_column(column):
    def rewrite(response):
        reply = json.loads(response.body)
        rows = reply['response']
        for row in rows if isinstance(rows, list) else [rows]:
            row.pop(column, None)
        response.body = json.dumps(reply).encode('utf-8')
        return response
    return rewrite


@pytest.mark.parametrize('scenario', ISPCONFIG, ids=repr)
def test_rows_without_their_id_column_fail_with_one_sentence(serve, scenario):
    sim = scenario.start(serve)
    if scenario.info is None:
        assert run_module(scenario.module, scenario.options(sim, 'create'))['changed'] is True
        sim.simulator.reset_stats()
    column = sim.simulator._form(scenario.read_call).key  # the table's key as the simulated panel has it
    answer_wrong_shape(sim, scenario.read_call, _without_id_column(column))
    result = run_module(scenario.module, scenario.options(sim, which(scenario)))
    assert result.get('failed') is True, result
    assert 'Traceback' not in result['_raw'] and 'KeyError' not in result['msg']
    assert 'without its id column %s' % column in result['msg'] and sentences(result['msg']) == 1, result['msg']
    assert sim.simulator.stats()['writes'] == []


@pytest.mark.parametrize('scenario', ISPCONFIG_WRITES, ids=repr)
def test_without_the_panels_settings_a_new_name_gets_the_stock_prefix_with_a_warning(serve, scenario):
    sim = scenario.start(serve)
    every_group_but_server = [key for key in FUNCTION_GROUPS if key != 'server']
    sim.simulator.control('add_remote_user', {'username': 'noserver', 'password': 'No-Server-Pass-1',
                                              'functions': every_group_but_server})
    result = run_module(scenario.module, scenario.options(sim, 'create', api_username='noserver',
                                                          api_password='No-Server-Pass-1'))
    assert result.get('failed') is not True and result['changed'] is True, result
    named = panel_object_of(scenario)
    warned = [warning for warning in result.get('warnings', []) if 'stock prefix' in warning]
    if named.prefix_setting:
        # the serve fixture fails the test when the stored prefix is not the one the (stock) panel gives
        assert any('(%s %s)' % (named.prefix_setting, named.stock_prefix) in warning for warning in warned), result
    else:
        assert warned == [], result
