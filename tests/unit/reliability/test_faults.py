"""Every module under every fault: a recovery or one clear error, never a traceback, never a duplicate write,
and `changed` as it really is.

Faults are aimed at the module's first read and at its write. The transient ones (a dropped connection, a
timeout, HTTP 503, 429 with Retry-After, a lost answer to a read, a session that expires between two calls)
are recovered from; the ones that are not the API's answer at all (a malformed body, an HTML error page) are
one clear error. A write is never sent twice: after a write whose answer was lost the engine re-reads.
"""

import pytest

from module_runner import run_module

from scenarios import HTML_PAGE, INFO_SCENARIOS, WRITE_SCENARIOS

RETRY_AFTER = 7

# name -> (fault spec, module options it needs, recovered when aimed at a read, recovered when aimed at a write)
FAULTS = {
    'connection reset': (dict(kind='reset'), {}, True, False),
    'timeout': (dict(kind='timeout', delay=1.5), dict(timeout=1), True, False),
    'HTTP 503': (dict(kind='http', status=503, body='Service Unavailable', content_type='text/plain'), {},
                 True, False),
    'HTTP 429 Retry-After': (dict(kind='http', status=429, body='Too Many Requests', content_type='text/plain',
                                  headers={'Retry-After': str(RETRY_AFTER)}), {}, True, True),
    'malformed body': (dict(kind='http', status=200, body='{"code": "ok", "respo', content_type='application/json'),
                       {}, False, False),
    'HTML error page': (dict(kind='http', status=500, body=HTML_PAGE, content_type='text/html'), {}, False, False),
    'lost reply': (dict(kind='lost_reply'), {}, True, True),
    'session expired': (None, {}, True, True),  # the simulator's own expiry control, see fault_spec()
}


def fault_spec(scenario, fault):
    spec = FAULTS[fault][0]
    if spec is None:
        if scenario.session_control is None:
            pytest.skip('%s has no session to expire' % scenario.api)
        spec = dict(kind='control', control=scenario.session_control)
    return spec


def assert_clear_failure(result, call):
    assert result.get('failed') is True, result
    assert result['msg'] and call in result['msg'], result['msg']
    assert 'Traceback' not in result['_raw'] and 'exception' not in result, result
    assert not result.get('changed'), 'nothing was written, so nothing may be reported as changed'


def assert_recovered(result, sim, expected_writes):
    assert not result.get('failed'), result
    assert result['changed'] is True
    assert sim.simulator.stats()['writes'] == expected_writes, 'a write must never be sent twice'


@pytest.mark.parametrize('fault', FAULTS)
@pytest.mark.parametrize('scenario', WRITE_SCENARIOS, ids=repr)
@pytest.mark.parametrize('target', ['read', 'write'])
def test_create_under_fault(serve, sleeps, scenario, fault, target):
    sim = scenario.start(serve)
    call = scenario.read_call if target == 'read' else scenario.writes['create']
    spec, extra, recovers_read, recovers_write = (fault_spec(scenario, fault),) + FAULTS[fault][1:]
    sim.simulator.add_fault(call=call, **spec)
    result = run_module(scenario.module, scenario.options(sim, 'create', **extra))
    if recovers_read if target == 'read' else recovers_write:
        assert_recovered(result, sim, [scenario.writes['create']])
        if fault == 'lost reply' and target == 'write':
            assert any('lost' in warning for warning in result['warnings']), result
        if fault == 'HTTP 429 Retry-After':
            assert sleeps == [RETRY_AFTER]
    else:
        assert_clear_failure(result, call)
        assert sim.simulator.stats()['writes'] == []
    again = run_module(scenario.module, scenario.repeat_options(sim, 'create'))
    assert not again.get('failed'), again
    assert sim.simulator.stats()['writes'] == [scenario.writes['create']], 'one create, however the first run ended'
    assert again['changed'] is not (recovers_read if target == 'read' else recovers_write)


@pytest.mark.parametrize('scenario', WRITE_SCENARIOS, ids=repr)
@pytest.mark.parametrize('which', ['update', 'absent'])
def test_lost_reply_of_an_update_or_delete_is_resolved_by_reading_again(serve, scenario, which):
    sim = scenario.start(serve)
    assert run_module(scenario.module, scenario.options(sim, 'create'))['changed'] is True
    sim.simulator.reset_stats()
    sim.simulator.add_fault(kind='lost_reply', call=scenario.writes[which])
    result = run_module(scenario.module, scenario.options(sim, which))
    assert not result.get('failed'), result
    assert result['changed'] is True
    writes = sim.simulator.stats()['writes']
    # some deletes take two steps (Easy-WI marks the user first): each is sent once
    assert scenario.writes[which] in writes and len(writes) == len(set(writes)), writes
    assert any('lost' in warning for warning in result['warnings']), result
    sim.simulator.reset_stats()
    again = run_module(scenario.module, scenario.repeat_options(sim, which))
    assert again['changed'] is False, again
    assert sim.simulator.stats()['writes'] == []


@pytest.mark.parametrize('fault', FAULTS)
@pytest.mark.parametrize('scenario', INFO_SCENARIOS, ids=repr)
def test_info_module_under_fault(serve, scenario, fault):
    sim = scenario.start(serve)
    spec, extra, recovers = fault_spec(scenario, fault), FAULTS[fault][1], FAULTS[fault][2]
    expected = run_module(scenario.module, scenario.options(sim, 'info'))
    sim.simulator.add_fault(call=scenario.read_call, **spec)
    result = run_module(scenario.module, scenario.options(sim, 'info', **extra))
    if recovers:
        assert not result.get('failed'), result
        assert strip(result) == strip(expected)
    else:
        assert_clear_failure(result, scenario.read_call)
    assert sim.simulator.stats()['writes'] == []


def strip(result):
    return dict((k, v) for k, v in result.items() if k not in ('_raw', 'invocation'))
