# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_mail_catchall against the ISPConfig simulator: the module test matrix."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (
    ispconfig_client, ispconfig_mail_catchall, ispconfig_mail_domain,
)


@pytest.fixture
def sim(ispconfig):
    """The simulator with the mail domain example.com."""
    assert run_module(ispconfig_mail_domain, dict(ispconfig.conn, domain='example.com'))['changed']
    ispconfig.simulator.reset_stats()
    return ispconfig


def rows(sim, **match):
    return [r for r in sim.simulator.state()['tables']['mail_forwarding']
            if all(r[k] == v for k, v in match.items())]


def catchall(sim, **options):
    return dict(sim.conn, **dict(dict(domain='Example.com', destination='Alice@Example.com'), **options))


def test_create_is_the_panels_row_and_a_second_run_reads_once(sim):
    created = run_module(ispconfig_mail_catchall, catchall(sim), diff=True)
    assert (created['changed'], created['action']) == (True, 'created')
    assert sim.simulator.stats()['calls'] == ['login', 'mail_catchall_get', 'mail_domain_get', 'mail_catchall_add',
                                              'logout']
    row = rows(sim)[0]
    # the type the panel's page sends in a hidden input (the API stores '' without it), the domain's server
    assert {k: row[k] for k in ('source', 'destination', 'type', 'active', 'server_id')} == {
        'source': '@example.com', 'destination': 'alice@example.com', 'type': 'catchall', 'active': 'y',
        'server_id': '1'}
    assert created['mail_catchall'] == dict(domain='example.com', destination='alice@example.com', type='catchall',
                                            server_id=1, active=True, forwarding_id=1)

    sim.simulator.reset_stats()
    again = run_module(ispconfig_mail_catchall, catchall(sim))
    assert (again['changed'], again['action']) == (False, 'none')
    assert sim.simulator.stats()['calls'] == ['login', 'mail_catchall_get', 'logout']


def test_update_and_delete(sim):
    run_module(ispconfig_mail_catchall, catchall(sim))
    sim.simulator.reset_stats()
    changed = run_module(ispconfig_mail_catchall, catchall(sim, destination='bob@example.com', active=False),
                         diff=True)
    assert (changed['changed'], changed['action']) == (True, 'updated')
    assert changed['diff']['before']['destination'] == 'alice@example.com'
    assert sim.simulator.stats()['writes'] == ['mail_catchall_update']
    assert (rows(sim)[0]['destination'], rows(sim)[0]['active']) == ('bob@example.com', 'n')

    sim.simulator.reset_stats()
    deleted = run_module(ispconfig_mail_catchall, dict(sim.conn, domain='example.com', state='absent'))
    assert (deleted['changed'], deleted['action']) == (True, 'deleted')
    assert sim.simulator.stats()['calls'] == ['login', 'mail_catchall_get', 'mail_catchall_delete', 'logout']
    assert rows(sim) == []
    assert run_module(ispconfig_mail_catchall, dict(sim.conn, domain='example.com', state='absent'))['changed'] is False


def test_check_mode_predicts_and_writes_nothing(sim):
    predicted = run_module(ispconfig_mail_catchall, catchall(sim), check=True, diff=True)
    assert sim.simulator.stats()['writes'] == [] and rows(sim) == []
    real = run_module(ispconfig_mail_catchall, catchall(sim), diff=True)
    assert real['mail_catchall'].pop('forwarding_id') == real['diff']['after'].pop('forwarding_id') == 1
    assert (predicted['changed'], predicted['diff']) == (real['changed'], real['diff'])
    sim.simulator.reset_stats()
    off = run_module(ispconfig_mail_catchall, catchall(sim, active=False), check=True)
    assert off['changed'] is True and off['mail_catchall']['active'] is False
    assert sim.simulator.stats()['writes'] == [] and rows(sim)[0]['active'] == 'y'


@pytest.mark.parametrize('destination, message', [
    ('a@example.com,b@example.com', 'lists several addresses'),
    ('a@example.com b@example.com', 'lists several addresses'),
    ("['a@example.com', 'b@example.com']", 'lists several addresses'),
    ('alice', 'is not an e-mail address'),
    ('alice@localhost', 'its domain needs a dot'),
])
def test_bad_destination_fails_before_any_request(ispconfig, destination, message):
    result = run_module(ispconfig_mail_catchall, dict(ispconfig.conn, domain='example.com', destination=destination))
    assert result['failed'] is True and message in result['msg'], result['msg']
    assert ispconfig.simulator.stats()['requests'] == 0


def test_bad_domain_and_missing_destination_fail_before_any_request(ispconfig):
    result = run_module(ispconfig_mail_catchall, dict(ispconfig.conn, domain='localhost', destination='a@example.com'))
    assert result['failed'] is True and 'is not a domain name ISPConfig accepts for mail' in result['msg']
    result = run_module(ispconfig_mail_catchall, dict(ispconfig.conn, domain='example.com'))
    assert result['failed'] is True and 'destination' in result['msg']
    assert ispconfig.simulator.stats()['requests'] == 0


def test_a_row_the_api_wrote_without_its_type_gets_it(sim):
    """mail_catchall_add without type stores '' (recording 17): the panel's list, which filters on the type, does
    not show it; the module finds it by its source and writes the type the panel's page writes."""
    run_module(ispconfig_mail_catchall, catchall(sim))
    sim.simulator.control('set_row', {'table': 'mail_forwarding', 'id': 1, 'values': {'type': ''}})
    sim.simulator.reset_stats()
    repaired = run_module(ispconfig_mail_catchall, catchall(sim), diff=True)
    assert repaired['changed'] is True
    assert (repaired['diff']['before']['type'], repaired['diff']['after']['type']) == ('', 'catchall')
    assert sim.simulator.stats()['writes'] == ['mail_catchall_update']
    assert rows(sim)[0]['type'] == 'catchall'


def test_a_domain_the_panel_does_not_host_fails_with_nothing_written(sim):
    options = catchall(sim, domain='unhosted.example')
    result = run_module(ispconfig_mail_catchall, options)
    assert result['failed'] is True
    assert result['msg'] == ('Cannot create mail catch-all of unhosted.example: the mail domain unhosted.example does '
                             'not exist in ISPConfig; create it first (hosting.provision.ispconfig_mail_domain).')
    assert sim.simulator.stats()['writes'] == [] and rows(sim) == []
    predicted = run_module(ispconfig_mail_catchall, options, check=True)
    assert predicted['changed'] is True
    assert any('A real run fails' in warning for warning in predicted['warnings'])


def test_an_alias_domain_holding_the_source_is_one_clear_error(sim):
    sim.simulator._insert('mail_forwarding', {  # as mail_aliasdomain_add stores it (not simulated)
        'sys_userid': '1', 'sys_groupid': '1', 'sys_perm_user': 'riud', 'sys_perm_group': 'riud', 'sys_perm_other': '',
        'server_id': '1', 'source': '@example.com', 'destination': '@example.org', 'type': 'aliasdomain',
        'active': 'y', 'allow_send_as': 'n', 'greylisting': 'n'})
    result = run_module(ispconfig_mail_catchall, catchall(sim))
    assert result['failed'] is True
    assert result['msg'] == ('@example.com is the source of a mail aliasdomain in ISPConfig, and a source can have one '
                             'row only; remove it before the domain gets a catch-all')
    assert sim.simulator.stats()['writes'] == []


def test_a_new_catchall_gets_the_owner_and_server_of_its_domain(sim):
    sim.simulator.control('add_server', {'server_name': 'mx2.example.com', 'mail_server': 1})
    assert run_module(ispconfig_client, dict(sim.conn, username='acme', password='Client-Pass-123',
                                             contact_name='A', email='a@acme.example'))['changed']
    run_module(ispconfig_mail_domain, dict(sim.conn, domain='example.org', server_id=2, client='acme'))
    run_module(ispconfig_mail_catchall, catchall(sim, domain='example.org'))
    domain = [r for r in sim.simulator.state()['tables']['mail_domain'] if r['domain'] == 'example.org'][0]
    row = rows(sim, source='@example.org')[0]
    assert (row['server_id'], row['sys_groupid']) == ('2', domain['sys_groupid'])


def test_expired_session_and_fault(sim):
    run_module(ispconfig_mail_catchall, catchall(sim))
    sim.simulator.clock.advance(1801)
    assert run_module(ispconfig_mail_catchall, catchall(sim))['changed'] is False
    sim.simulator.add_fault(status=500, body='', call='mail_catchall_update')
    failed = run_module(ispconfig_mail_catchall, catchall(sim, active=False))
    assert failed['failed'] is True and failed['status'] == 500
