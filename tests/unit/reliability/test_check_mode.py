# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The check-mode invariant, over every module and its option sets: --check sends no write call (the simulators
count every write request they receive, also one they refuse), and what it predicts (changed, diff, the returned
object and every other result key) is exactly what the real run returns."""

import pytest

from module_runner import run_module

from scenarios import INFO_SCENARIOS, WRITE_SCENARIOS

# the option sets, in an order that walks one object through its life
STEPS = ['create', 'create', 'update', 'update', 'absent', 'absent']
NOT_PREDICTED = ('_raw', 'invocation', 'warnings')  # check mode may warn about what a real run would meet


def outcome(result, assigned=()):
    """The result as check mode must predict it; `assigned` keys (ids the server picks) left out."""
    kept = dict((key, value) for key, value in result.items() if key not in NOT_PREDICTED)
    for key, value in kept.items():
        if isinstance(value, dict):
            kept[key] = dict((k, v) for k, v in value.items() if k not in assigned)
    if 'diff' in kept:
        kept['diff'] = dict((side, dict((k, v) for k, v in state.items() if k not in assigned))
                            for side, state in kept['diff'].items())
    return kept


@pytest.mark.parametrize('scenario', WRITE_SCENARIOS, ids=repr)
def test_check_mode_writes_nothing_and_predicts_the_real_run(serve, scenario):
    sim = scenario.start(serve)
    for step, which in enumerate(STEPS):
        # a repeat of the same step must predict (and do) nothing, whatever the password policy
        options = scenario.repeat_options(sim, which) if STEPS[step - 1:step] == [which] else \
            scenario.options(sim, which)
        sim.simulator.reset_stats()
        predicted = run_module(scenario.module, options, check=True, diff=True)
        assert sim.simulator.write_calls == [], '%s: check mode sent a write' % which
        real = run_module(scenario.module, options, diff=True)
        assert not real.get('failed'), real
        # the counter sees the writes of the real run: a change is sent, no change sends nothing
        assert bool(sim.simulator.write_calls) is real['changed'], which
        assigned = scenario.assigned if which == 'create' else ()
        assert outcome(predicted, assigned) == outcome(real, assigned), '%s (step %d)' % (which, step)
        assert real['changed'] is (STEPS[step - 1:step] != [which])


@pytest.mark.parametrize('scenario', INFO_SCENARIOS, ids=repr)
def test_info_module_in_check_mode_is_the_real_run(serve, scenario):
    sim = scenario.start(serve)
    predicted = run_module(scenario.module, scenario.options(sim, 'info'), check=True, diff=True)
    real = run_module(scenario.module, scenario.options(sim, 'info'), diff=True)
    assert outcome(predicted) == outcome(real) and real['changed'] is False
    assert sim.simulator.write_calls == []


@pytest.mark.parametrize('scenario', WRITE_SCENARIOS, ids=repr)
def test_a_refused_write_counts_as_sent(serve, scenario):
    """The counter the tests above rely on sees a write that the API refused."""
    sim = scenario.start(serve)
    sim.simulator.add_fault(call=scenario.writes['create'], kind='http', status=503, body='Service Unavailable',
                            content_type='text/plain')
    result = run_module(scenario.module, scenario.options(sim, 'create'))
    assert result.get('failed') is True, result
    assert sim.simulator.write_calls == [scenario.writes['create']]
    assert sim.simulator.stats()['writes'] == []
