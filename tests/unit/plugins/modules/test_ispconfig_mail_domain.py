# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_mail_domain against the ISPConfig simulator."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import ispconfig_client, ispconfig_mail_domain


@pytest.fixture
def sim(ispconfig):
    result = run_module(ispconfig_client, dict(ispconfig.conn, username='acme', contact_name='Jane',
                                               email='jane@acme.example'))
    assert result['changed'], result
    ispconfig.simulator.reset_stats()
    return ispconfig


def domain_row(sim, name='xn--bcher-kva.example'):
    rows = [r for r in sim.simulator.state()['tables']['mail_domain'] if r['domain'] == name]
    return rows[0] if rows else None


def test_create_noop_update_delete(sim):
    options = dict(sim.conn, domain='Bücher.Example', client='acme', relay_password='relay-Secret-9')
    created = run_module(ispconfig_mail_domain, options, diff=True)
    assert created['changed'] is True
    row = domain_row(sim)
    assert row['active'] == 'y' and row['server_id'] == '1' and row['relay_pass'] == 'relay-Secret-9'
    assert created['diff']['after']['relay_password'] == '<hidden, changed>'
    assert 'relay-Secret-9' not in created['_raw']

    sim.simulator.reset_stats()
    again = run_module(ispconfig_mail_domain, options)
    assert again['changed'] is False
    assert sim.simulator.stats()['calls'] == ['login', 'client_get_by_username', 'mail_domain_get', 'logout']

    updated = run_module(ispconfig_mail_domain, dict(options, active=False, dkim_selector='mail2026'), diff=True)
    assert updated['changed'] is True
    assert (updated['diff']['before']['active'], updated['diff']['after']['active']) == (True, False)
    assert domain_row(sim)['active'] == 'n' and domain_row(sim)['dkim_selector'] == 'mail2026'

    deleted = run_module(ispconfig_mail_domain, dict(sim.conn, domain='bücher.example', state='absent'))
    assert deleted['changed'] is True and domain_row(sim) is None
    sim.simulator.reset_stats()
    assert run_module(ispconfig_mail_domain, dict(sim.conn, domain='bücher.example', state='absent'))['changed'] is False
    assert sim.simulator.stats()['writes'] == []


def test_owner_change_moves_the_domain(sim):
    run_module(ispconfig_mail_domain, dict(sim.conn, domain='example.com'))
    assert domain_row(sim, 'example.com')['sys_groupid'] == '1'
    moved = run_module(ispconfig_mail_domain, dict(sim.conn, domain='example.com', client='acme'), diff=True)
    assert moved['changed'] is True
    assert moved['diff']['before']['client'] == '' and moved['diff']['after']['client'] == 'acme'
    assert domain_row(sim, 'example.com')['sys_groupid'] != '1'
    assert run_module(ispconfig_mail_domain, dict(sim.conn, domain='example.com', client='acme'))['changed'] is False


def test_check_mode_predicts_and_writes_nothing(sim):
    options = dict(sim.conn, domain='example.com', dkim=True)
    predicted = run_module(ispconfig_mail_domain, options, check=True, diff=True)
    assert sim.simulator.stats()['writes'] == [] and domain_row(sim, 'example.com') is None
    real = run_module(ispconfig_mail_domain, options, diff=True)
    # the id the panel gave it, which check mode cannot know
    assert real['mail_domain'].pop('domain_id') == real['diff']['after'].pop('domain_id') == 1
    assert (predicted['changed'], predicted['diff'], predicted['mail_domain']) == \
        (real['changed'], real['diff'], real['mail_domain'])


@pytest.mark.parametrize('options, message', [
    (dict(dkim_selector='Bad_Selector'), 'dkim_selector'),
    (dict(domain='exa mple..com'), 'not a valid domain name'),
    (dict(domain='a b.example'), 'not a valid domain name'),
    (dict(domain='localhost'), 'is not a domain name ISPConfig accepts'),
    # the error says the rule, not only that there is one
    (dict(domain='x.example'), "'x.example' is not a domain name ISPConfig accepts for mail: it needs at least two "
                               "letters, digits, _, - or . before its last dot and a top-level domain of 2 to 30"),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(ispconfig_mail_domain, dict(sim.conn, **dict(dict(domain='example.com'), **options)))
    assert result['failed'] is True and message in result['msg']
    assert sim.simulator.stats()['requests'] == 0


def test_unknown_client_fails_and_check_mode_warns(sim):
    result = run_module(ispconfig_mail_domain, dict(sim.conn, domain='example.com', client='nobody'))
    assert result['failed'] is True
    assert "There is no ISPConfig client with the username 'nobody'" in result['msg']
    assert sim.simulator.stats()['writes'] == []
    predicted = run_module(ispconfig_mail_domain, dict(sim.conn, domain='example.com', client='nobody'), check=True)
    assert predicted['changed'] is True
    assert any("username 'nobody'" in w for w in predicted['warnings'])


def test_session_expiry_between_tasks_and_server_fault(sim):
    run_module(ispconfig_mail_domain, dict(sim.conn, domain='example.com'))
    sim.simulator.add_fault(kind='http', status=200, content_type='application/json; charset="utf-8"',
                            body='{"code":"remote_fault","message":"The Session is expired or does not exist.",'
                                 '"response":false}', call='mail_domain_get')
    assert run_module(ispconfig_mail_domain, dict(sim.conn, domain='example.com'))['changed'] is False
    sim.simulator.add_fault(status=503, body='<html>Service Unavailable</html>', times=10)
    failed = run_module(ispconfig_mail_domain, dict(sim.conn, domain='example.com'))
    assert failed['failed'] is True and failed['msg'].startswith('login failed: HTTP 503')
    assert 'Traceback' not in failed['_raw']


def test_absent_does_not_need_the_owner_to_exist(sim):
    run_module(ispconfig_mail_domain, dict(sim.conn, domain='example.com', client='acme'))
    result = run_module(ispconfig_mail_domain, dict(sim.conn, domain='example.com', client='gone', state='absent'))
    assert result['changed'] is True and domain_row(sim, 'example.com') is None
    again = run_module(ispconfig_mail_domain, dict(sim.conn, domain='example.com', client='gone', state='absent'))
    assert again['changed'] is False
