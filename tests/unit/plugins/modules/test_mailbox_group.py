# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""mailbox_group and mailbox_group_info against the mailbox.org simulator: the module test matrix, and a customer
account with a team address made, converged and deleted by the modules."""

import json

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (mailbox_customer, mailbox_group,
                                                                   mailbox_group_info)

OTHER_CODES = {'params': 9001, 'login': 9002, 'forbidden': 9003, 'not_found': 9004, 'exists': 9005}
READ_CALLS = ['auth', 'group.list', 'group.get', 'deauth']


@pytest.fixture(params=['guessed codes', 'other codes'])
def sim(serve, request):
    options = {} if request.param == 'guessed codes' else dict(error_codes=OTHER_CODES)
    running = serve('mailbox_org', **options)
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    return running


def task(sim, **options):
    defaults = dict(name='sales', display_name='Sales team', members=['Ada@Example.com', 'partner@elsewhere.example'])
    return dict(sim.conn, **dict((k, v) for k, v in dict(defaults, **options).items() if v is not None))


def stored(sim):
    groups = list(sim.simulator.state()['groups'].values())
    return groups[0] if groups else None


def create(sim, **options):
    result = run_module(mailbox_group, task(sim, **options))
    assert result['changed'] is True, result
    sim.simulator.reset_stats()
    return result


def test_create_and_no_op(sim):
    result = run_module(mailbox_group, task(sim))
    assert result['changed'] is True, result
    assert stored(sim)['members'] == ['ada@example.com', 'partner@elsewhere.example']
    assert result['group'] == dict(name='sales', display_name='Sales team', group_id=stored(sim)['group_id'],
                                   members=['ada@example.com', 'partner@elsewhere.example'])
    sim.simulator.reset_stats()
    again = run_module(mailbox_group, task(sim, members=['partner@elsewhere.example', 'ada@example.com']))
    assert again['changed'] is False, again
    assert sim.simulator.stats() == dict(requests=4, calls=READ_CALLS, writes=[])


def test_members_are_added_and_removed_in_one_set(sim):
    create(sim)
    sent = []
    original = sim.simulator.handle

    def handle(request):
        if sim.simulator.call_name(request) == 'group.set':
            sent.append(request.json()['params'])
        return original(request)

    sim.simulator.handle = handle
    result = run_module(mailbox_group, task(sim, display_name=None, members=['ada@example.com', 'bob@example.com']),
                        diff=True)
    assert result['changed'] is True
    assert [(p['display_name'], p['mail_addresses_to_add'], p['mail_addresses_to_remove']) for p in sent] == [
        ('Sales team', ['bob@example.com'], ['partner@elsewhere.example'])]
    assert result['diff']['after']['members'] == ['ada@example.com', 'bob@example.com']
    assert sorted(stored(sim)['members']) == ['ada@example.com', 'bob@example.com']
    assert sim.simulator.stats()['writes'] == ['group.set']


def test_check_mode_predicts_and_writes_nothing(sim):
    create(sim)
    options = task(sim, display_name='Sales', members=[])
    predicted = run_module(mailbox_group, options, check=True, diff=True)
    assert sim.simulator.stats()['writes'] == [] and stored(sim)['display_name'] == 'Sales team'
    real = run_module(mailbox_group, options, diff=True)
    assert (predicted['changed'], predicted['group'], predicted['diff']) == (True, real['group'], real['diff'])
    assert stored(sim)['members'] == []


def test_delete_then_delete_again(sim):
    create(sim)
    assert run_module(mailbox_group, dict(sim.conn, name='sales', state='absent'))['changed'] is True
    assert stored(sim) is None
    sim.simulator.reset_stats()
    assert run_module(mailbox_group, dict(sim.conn, name='sales', state='absent'))['changed'] is False
    assert sim.simulator.stats() == dict(requests=3, calls=['auth', 'group.list', 'deauth'], writes=[])


@pytest.mark.parametrize('options, message', [
    (dict(members=['nobody']), "'nobody' is not an e-mail address"),
    (dict(name='sa\nles'), 'name: '),
    (dict(account='ac\nme'), 'account: '),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(mailbox_group, task(sim, **options))
    assert result['failed'] is True and message in result['msg'], result
    assert sim.simulator.stats()['requests'] == 0


def test_a_group_get_for_another_group_is_an_error_never_a_create(sim):
    create(sim)
    original = sim.simulator.handle

    def handle(request):
        response = original(request)
        if sim.simulator.call_name(request) == 'group.get':
            reply = json.loads(response.body)
            reply['result']['group_id'] = 99
            response.body = json.dumps(reply).encode('utf-8')
        return response

    sim.simulator.handle = handle
    result = run_module(mailbox_group, task(sim, display_name='x'))
    assert result['failed'] is True and result['call'] == 'group.get' and 'unexpected shape' in result['msg']
    assert sim.simulator.stats()['writes'] == []


def test_info_lists_groups_with_members(sim):
    create(sim)
    result = run_module(mailbox_group_info, dict(sim.conn))
    assert [(g['name'], g['members']) for g in result['groups']] == [
        ('sales', ['ada@example.com', 'partner@elsewhere.example'])]
    assert run_module(mailbox_group_info, dict(sim.conn, name='other'))['groups'] == []


def test_a_customer_account_with_a_team_address_from_create_to_delete(serve):
    """The reseller creates a customer account and its team address, both converge, check mode predicts a plan
    change exactly and writes nothing, and both are deleted; a second delete changes nothing."""
    sim = serve('mailbox_org')
    conn = dict(api_url=sim.url, api_username='demo-reseller', api_password='demo-password')
    customer = dict(conn, account='acme', password='Customer-Pass-1', plan='basic', company='ACME Ltd')
    group = dict(conn, account='acme', name='team', display_name='ACME team',
                 members=['jane@acme.example', 'partner@elsewhere.example'])
    assert run_module(mailbox_customer, customer)['changed'] is True
    assert run_module(mailbox_group, group)['changed'] is True
    assert run_module(mailbox_customer, customer)['changed'] is False
    assert run_module(mailbox_group, group)['changed'] is False
    sim.simulator.reset_stats()
    predicted = run_module(mailbox_customer, dict(customer, plan='profi'), check=True, diff=True)
    assert sim.simulator.stats()['writes'] == []
    assert (predicted['changed'], predicted['diff']['before']['plan'], predicted['diff']['after']['plan']) == (
        True, 'basic', 'profi')
    assert dict(predicted['diff']['before'], plan='profi') == predicted['diff']['after']
    assert run_module(mailbox_group, dict(group, state='absent'))['changed'] is True
    assert run_module(mailbox_customer, dict(customer, state='absent'))['changed'] is True
    assert run_module(mailbox_customer, dict(customer, state='absent'))['changed'] is False
    assert sim.simulator.state()['accounts'].get('acme') is None and sim.simulator.state()['groups'] == {}
