# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""mailbox_customer and mailbox_customer_info against the mailbox.org simulator: the module test matrix."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import mailbox_customer, mailbox_customer_info

PASSWORD = 'Customer-Secret-Pass-1'
OTHER_CODES = {'params': 9001, 'login': 9002, 'forbidden': 9003, 'not_found': 9004, 'exists': 9005}
READ_CALLS = ['auth', 'account.list', 'account.get', 'deauth']


@pytest.fixture(params=['guessed codes', 'other codes'])
def sim(serve, request):
    options = {} if request.param == 'guessed codes' else dict(error_codes=OTHER_CODES)
    running = serve('mailbox_org', **options)
    running.conn = dict(api_url=running.url, api_username='demo-reseller', api_password='demo-password')
    return running


def task(sim, **options):
    defaults = dict(account='acme', password=PASSWORD, plan='basic', company='ACME Ltd')
    return dict(sim.conn, **dict((k, v) for k, v in dict(defaults, **options).items() if v is not None))


def stored(sim, name='acme'):
    return sim.simulator.state()['accounts'].get(name)


def create(sim, **options):
    result = run_module(mailbox_customer, task(sim, **options))
    assert result['changed'] is True, result
    sim.simulator.reset_stats()
    return result


def test_create_sends_flat_names_and_reports_the_account(sim):
    result = run_module(mailbox_customer, task(sim, language='en_US', contact=dict(mail='jane@acme.example'),
                                               address=dict(first_name='Jane', town='London'),
                                               tariff_limits=dict(standard=5)))
    assert result['changed'] is True, result
    account = stored(sim)
    assert (account['plan'], account['company'], account['language'], account['reseller']) == (
        'basic', 'ACME Ltd', 'en_US', 'demo-reseller')
    assert account['contact']['mail'] == 'jane@acme.example' and account['address_main']['town'] == 'London'
    assert account['tarifflimits'] == {'standard': 5} and account['password'] == PASSWORD
    assert result['customer']['address'] == dict(first_name='Jane', town='London')
    assert PASSWORD not in result['_raw']
    assert sim.simulator.stats()['calls'] == ['auth', 'account.list', 'account.add', 'deauth']


def test_second_run_is_a_no_op_with_a_fixed_request_count(sim):
    options = dict(address=dict(first_name='Jane'), contact=dict(phone='+44 1'), tariff_limits=dict(standard=5),
                   memo='Gold')
    create(sim, **options)
    result = run_module(mailbox_customer, task(sim, **options))
    assert result['changed'] is False, result
    assert sim.simulator.stats() == dict(requests=4, calls=READ_CALLS, writes=[])


def test_update_sends_only_the_changes_and_keeps_the_keys_not_given(sim):
    create(sim, address=dict(first_name='Jane', town='London'))
    result = run_module(mailbox_customer, task(sim, plan='profi', address=dict(town='Leeds')), diff=True)
    assert result['changed'] is True, result
    assert result['diff']['before']['plan'] == 'basic' and result['diff']['after']['plan'] == 'profi'
    assert stored(sim)['address_main']['first_name'] == 'Jane' and stored(sim)['address_main']['town'] == 'Leeds'
    assert sim.simulator.stats()['calls'] == READ_CALLS[:-1] + ['account.set', 'deauth']


def test_capabilities_are_converged_key_by_key(sim):
    create(sim, capabilities=dict(MAIL_OTP='off'))
    assert stored(sim)['capabilities']['MAIL_OTP'] == 'off'
    sent = []
    original = sim.simulator.handle

    def handle(request):
        if sim.simulator.call_name(request) == 'account.capabilities.set':
            sent.append(request.json()['params']['capabilities'])
        return original(request)

    sim.simulator.handle = handle
    result = run_module(mailbox_customer, task(sim, capabilities=dict(MAIL_OTP='off', MAIL_BLACKLIST='inherit')))
    assert result['changed'] is True and sent == [{'MAIL_BLACKLIST': 'inherit'}]
    assert result['customer']['capabilities']['MAIL_SPAMPROTECTION'] == 'on'
    sim.simulator.reset_stats()
    again = run_module(mailbox_customer, task(sim, capabilities=dict(MAIL_BLACKLIST='inherit')))
    assert again['changed'] is False
    assert sim.simulator.stats()['calls'] == READ_CALLS[:-1] + ['account.capabilities.get', 'deauth']


def test_check_mode_after_a_plan_change_predicts_it_and_writes_nothing(sim):
    create(sim)
    predicted = run_module(mailbox_customer, task(sim, plan='profixl'), check=True, diff=True)
    assert sim.simulator.stats()['writes'] == [] and stored(sim)['plan'] == 'basic'
    real = run_module(mailbox_customer, task(sim, plan='profixl'), diff=True)
    assert (predicted['changed'], predicted['customer'], predicted['diff']) == (True, real['customer'], real['diff'])
    assert predicted['diff']['before']['plan'] == 'basic' and predicted['diff']['after']['plan'] == 'profixl'


def test_password_always_is_sent_and_masked(sim):
    create(sim)
    result = run_module(mailbox_customer, task(sim, password='Another-Secret-2', update_password='always'), diff=True)
    assert result['changed'] is True and result['diff']['after']['password'] == '<hidden, changed>'
    assert 'Another-Secret-2' not in result['_raw'] and stored(sim)['password'] == 'Another-Secret-2'


def test_delete_then_delete_again(sim):
    create(sim)
    result = run_module(mailbox_customer, dict(sim.conn, account='acme', state='absent'))
    assert result['changed'] is True and stored(sim) is None
    sim.simulator.reset_stats()
    again = run_module(mailbox_customer, dict(sim.conn, account='acme', state='absent'))
    assert again['changed'] is False
    assert sim.simulator.stats() == dict(requests=3, calls=['auth', 'account.list', 'deauth'], writes=[])


def test_an_account_login_is_refused_before_anything_is_sent(sim):
    result = run_module(mailbox_customer, task(sim, api_username='demo', api_password='demo-password'))
    assert result['failed'] is True
    assert result['msg'].startswith("account.list needs an auth level of admin, reseller, but 'demo' logged in with "
                                    "level 'account'.")
    assert sim.simulator.stats()['calls'] == ['auth', 'deauth']


@pytest.mark.parametrize('options, message', [
    (dict(account='ac\nme'), 'account: '),
    (dict(plan='gold'), 'value of plan must be one of'),
    (dict(capabilities=dict(MAIL_OTP='yes')), 'capabilities: MAIL_OTP: yes is not a capability'),
    (dict(capabilities=dict(MAIL_FAX='on')), 'capabilities: MAIL_FAX: on is not a capability'),
    (dict(tariff_limits=dict(standard='many')), "tariff_limits: 'many' is not a whole number"),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(mailbox_customer, task(sim, **options))
    assert result['failed'] is True and message in result['msg'], result
    assert sim.simulator.stats()['requests'] == 0


def test_a_create_without_password_or_plan_fails_before_any_write(sim):
    result = run_module(mailbox_customer, dict(sim.conn, account='acme'))
    assert result['failed'] is True
    assert result['msg'] == 'password and plan required to create customer account acme'
    assert sim.simulator.stats()['writes'] == []


def test_server_fault_is_a_clear_error(sim):
    sim.simulator.add_fault(status=500, body='Internal Server Error', content_type='text/plain', call='account.list',
                            times=4)
    result = run_module(mailbox_customer, task(sim))
    assert result['failed'] is True and result['msg'].startswith('account.list failed: HTTP 500 from')
    assert sim.simulator.stats()['writes'] == []


def test_info_lists_the_accounts_of_the_reseller(sim):
    create(sim, memo='Gold')
    result = run_module(mailbox_customer_info, dict(sim.conn))
    assert [c['account'] for c in result['customers']] == ['acme', 'demo']
    one = run_module(mailbox_customer_info, dict(sim.conn, account='acme'))
    assert [(c['account'], c['memo'], c['company']) for c in one['customers']] == [('acme', 'Gold', 'ACME Ltd')]
    assert run_module(mailbox_customer_info, dict(sim.conn, account='nobody'))['customers'] == []
