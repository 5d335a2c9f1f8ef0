# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""mailbox_domain against the mailbox.org simulator: the module test matrix and the ownership (218) round trip.

Every test runs twice: with the simulator's own guesses for the undocumented error codes and with other
codes, to prove the module decides existence from lists, never from those codes.
"""

import json

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.module_utils import mailbox_org_resources as resources
from ansible_collections.hosting.provision.plugins.modules import mailbox_domain

DOMAIN_PASSWORD = 'Domain-Secret-Pass-1'
OTHER_CODES = {'params': 9001, 'login': 9002, 'forbidden': 9003, 'not_found': 9004, 'exists': 9005}
READ_CALLS = ['auth', 'domain.list', 'context.list', 'domain.get', 'deauth']


@pytest.fixture(params=['guessed codes', 'other codes'])
def sim(serve, request):
    options = dict(domains=['seeded.example'])
    if request.param == 'other codes':
        options['error_codes'] = OTHER_CODES
    running = serve('mailbox_org', **options)
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    return running


def task(sim, **options):
    return dict(sim.conn, **dict(dict(domain='Example.com', password=DOMAIN_PASSWORD, update_password='on_create',
                                      memo='Sales'), **options))


def stored(sim, name='example.com'):
    return sim.simulator.state()['domains'].get(name)


def add_verified(sim, **options):
    sim.simulator.publish_challenge('demo', 'example.com')
    result = run_module(mailbox_domain, task(sim, **options))
    assert result['changed'] is True, result
    sim.simulator.reset_stats()
    return result


def test_first_add_fails_naming_the_record_and_returns_it(sim):
    expected = sim.simulator.challenge('demo', 'example.com')
    result = run_module(mailbox_domain, task(sim))
    assert result['failed'] is True
    assert result['verification'] == expected
    assert result['code'] == 218 and result['call'] == 'domain.add'
    assert 'create a DNS TXT record at %s with the value %s' % (expected['host'], expected['txt']) in result['msg']
    assert 'Traceback' not in result['_raw'] and DOMAIN_PASSWORD not in result['_raw']
    assert stored(sim) is None
    assert sim.simulator.stats()['writes'] == []


def test_round_trip_publish_then_add_then_no_op(sim):
    first = run_module(mailbox_domain, task(sim))
    sim.simulator.control('dns', {'set': {first['verification']['host']: first['verification']['txt']}})
    second = run_module(mailbox_domain, task(sim))
    assert second['changed'] is True, second
    # count_mails and the context mailbox.org made for it, read back (domain.add does not answer it)
    assert second['domain'] == dict(domain='example.com', memo='Sales', count_mails=0,
                                    context_id=stored(sim)['context_id'])
    assert stored(sim)['password'] == DOMAIN_PASSWORD
    sim.simulator.reset_stats()
    third = run_module(mailbox_domain, task(sim))
    assert third['changed'] is False
    assert third['domain'] == dict(domain='example.com', memo='Sales', context_id=stored(sim)['context_id'],
                                   count_mails=0)
    assert sim.simulator.stats() == dict(requests=5, calls=READ_CALLS, writes=[])


def test_a_new_domain_gets_its_own_context_explicitly(sim):
    add_verified(sim)
    contexts = sim.simulator.state()['domains']
    assert contexts['example.com']['context_id'] != contexts['seeded.example']['context_id']


def test_wait_for_verification_retries_until_the_record_is_visible(serve, monkeypatch):
    running = serve('mailbox_org', dns_delay=30)
    sim = running.simulator
    record = sim.challenge('demo', 'example.com')
    sim.control('dns', {'set': {record['host']: record['txt']}})  # visible 30 s (simulator time) from now
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        sim.clock.advance(seconds)

    monkeypatch.setattr(resources, '_sleep', sleep)
    monkeypatch.setattr(resources, '_now', lambda: sum(sleeps))
    conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    result = run_module(mailbox_domain, dict(conn, domain='example.com', password=DOMAIN_PASSWORD,
                                             wait_for_verification=120))
    assert result['changed'] is True, result
    assert sleeps == [resources.VERIFICATION_POLL_SECONDS] * 3
    # the new domain's context is read back after the add
    assert sim.stats()['calls'] == ['auth', 'domain.list', 'context.list'] + ['domain.add'] * 4 + [
        'domain.list', 'context.list', 'domain.get', 'deauth']
    assert sim.stats()['writes'] == ['domain.add']


def test_wait_for_verification_gives_up_in_time(sim, monkeypatch):
    sleeps = []
    monkeypatch.setattr(resources, '_sleep', sleeps.append)
    monkeypatch.setattr(resources, '_now', lambda: sum(sleeps))
    result = run_module(mailbox_domain, task(sim, wait_for_verification=25))
    assert result['failed'] is True
    assert result['msg'].startswith('After 3 attempts in 25 seconds: mailbox.org needs proof that you own')
    assert result['verification'] == sim.simulator.challenge('demo', 'example.com')
    assert sleeps == [10, 10]


def test_auth_id_expiring_while_waiting_is_renewed(sim, monkeypatch):
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        sim.simulator.clock.advance(21 * 60)  # the auth id dies 20 minutes after its last use
        sim.simulator.publish_challenge('demo', 'example.com')

    monkeypatch.setattr(resources, '_sleep', sleep)
    monkeypatch.setattr(resources, '_now', lambda: sum(sleeps))
    result = run_module(mailbox_domain, task(sim, wait_for_verification=60))
    assert result['changed'] is True, result
    assert sim.simulator.stats()['calls'] == ['auth', 'domain.list', 'context.list', 'domain.add', 'domain.add',
                                              'auth', 'domain.add', 'domain.list', 'context.list', 'domain.get',
                                              'deauth']
    assert stored(sim) is not None


def test_check_mode_adds_nothing_and_says_what_it_cannot_know(sim):
    result = run_module(mailbox_domain, task(sim), check=True, diff=True)
    assert result['changed'] is True
    assert 'verification' not in result
    assert any('Check mode cannot tell whether mailbox.org will accept example.com' in w for w in result['warnings'])
    assert sim.simulator.stats()['calls'] == ['auth', 'domain.list', 'context.list', 'deauth']
    # with the record in place the real run does what check mode predicted
    sim.simulator.publish_challenge('demo', 'example.com')
    real = run_module(mailbox_domain, task(sim), diff=True)
    assert real['domain'].pop('context_id') == real['diff']['after'].pop('context_id') == stored(sim)['context_id']
    assert (real['changed'], real['domain'], real['diff']) == (True, result['domain'], result['diff'])


def test_check_mode_predicts_an_update(sim):
    add_verified(sim)
    predicted = run_module(mailbox_domain, task(sim, memo='Support'), check=True, diff=True)
    assert sim.simulator.stats()['writes'] == []
    assert stored(sim)['memo'] == 'Sales'
    real = run_module(mailbox_domain, task(sim, memo='Support'), diff=True)
    assert (predicted['changed'], predicted['domain'], predicted['diff']) == (True, real['domain'], real['diff'])
    assert real['diff']['before']['memo'] == 'Sales' and real['diff']['after']['memo'] == 'Support'
    assert sim.simulator.stats()['writes'] == ['domain.set']


def test_update_sends_only_the_change(sim):
    add_verified(sim)
    result = run_module(mailbox_domain, task(sim, memo=''))
    assert result['changed'] is True
    assert stored(sim)['memo'] == ''
    assert stored(sim)['password'] == DOMAIN_PASSWORD, 'on_create must not send the password again'
    assert sim.simulator.stats()['calls'] == READ_CALLS[:-1] + ['domain.set', 'deauth']


def test_password_always_is_sent_and_masked(sim):
    add_verified(sim)
    result = run_module(mailbox_domain, task(sim, password='New-Domain-Pass-2', update_password='always'), diff=True)
    assert result['changed'] is True
    assert result['diff']['before']['password'] == '<hidden>'
    assert result['diff']['after']['password'] == '<hidden, changed>'
    assert 'New-Domain-Pass-2' not in result['_raw']
    assert stored(sim)['password'] == 'New-Domain-Pass-2'


def test_share_context_with_another_domain(sim):
    add_verified(sim)
    seeded_context = stored(sim, 'seeded.example')['context_id']
    result = run_module(mailbox_domain, task(sim, share_context_with='Seeded.Example'), diff=True)
    assert result['changed'] is True
    assert result['diff']['after']['context_id'] == seeded_context
    assert stored(sim)['context_id'] == seeded_context
    again = run_module(mailbox_domain, task(sim, share_context_with='seeded.example'))
    assert again['changed'] is False
    by_id = run_module(mailbox_domain, task(sim, context_id=seeded_context))
    assert by_id['changed'] is False


def test_unknown_context_fails_before_any_write(sim):
    add_verified(sim)
    result = run_module(mailbox_domain, task(sim, context_id='424242'), check=True)
    assert result['failed'] is True
    assert result['msg'].startswith('context_id 424242 is not a context of account demo (known: ')
    result = run_module(mailbox_domain, task(sim, share_context_with='nowhere.example'))
    assert result['msg'] == 'share_context_with: nowhere.example is not a domain of account demo'
    assert sim.simulator.stats()['writes'] == []


def test_delete_then_delete_again(sim):
    add_verified(sim)
    result = run_module(mailbox_domain, dict(sim.conn, domain='example.com', state='absent'), diff=True)
    assert result['changed'] is True
    assert result['diff']['after'] == {} and result['diff']['before']['memo'] == 'Sales'
    assert stored(sim) is None
    sim.simulator.reset_stats()
    again = run_module(mailbox_domain, dict(sim.conn, domain='example.com', state='absent'))
    assert again['changed'] is False
    assert sim.simulator.stats() == dict(requests=3, calls=['auth', 'domain.list', 'deauth'], writes=[])


def test_check_mode_delete_writes_nothing(sim):
    add_verified(sim)
    result = run_module(mailbox_domain, dict(sim.conn, domain='example.com', state='absent'), check=True)
    assert result['changed'] is True
    assert stored(sim) is not None and sim.simulator.stats()['writes'] == []


@pytest.mark.parametrize('options, message', [
    (dict(domain='bad..example.com'), "'bad..example.com' is not a valid domain name"),
    (dict(domain='exa mple.com'), "'exa mple.com' is not a valid domain name"),
    (dict(share_context_with='example.com'), 'share_context_with names the domain itself (example.com)'),
    (dict(wait_for_verification=-5), 'wait_for_verification must be 0 or a number of seconds, not -5'),
    (dict(context_id='1', share_context_with='other.example'), 'mutually exclusive'),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(mailbox_domain, task(sim, **options))
    assert result['failed'] is True
    assert message in result['msg']
    assert sim.simulator.stats()['requests'] == 0


def test_missing_password_fails_before_any_write(sim):
    result = run_module(mailbox_domain, dict(sim.conn, domain='example.com'), check=True)
    assert result['failed'] is True
    assert result['msg'].startswith('password is required to add domain example.com')
    assert sim.simulator.stats()['writes'] == []


def test_auth_id_expired_between_calls_is_renewed_once(sim):
    add_verified(sim)
    original = sim.simulator.handle

    def handle(request):
        response = original(request)
        if sim.simulator.call_name(request) == 'context.list':
            sim.simulator.control('expire_auth', {})
        return response

    sim.simulator.handle = handle
    result = run_module(mailbox_domain, task(sim, memo='After expiry'))
    assert result['changed'] is True, result
    assert sim.simulator.stats()['calls'] == ['auth', 'domain.list', 'context.list', 'domain.get', 'auth',
                                              'domain.get', 'domain.set', 'deauth']


def test_clock_past_twenty_minutes_between_runs_is_harmless(sim):
    add_verified(sim)
    sim.simulator.clock.advance(25 * 60)
    assert run_module(mailbox_domain, task(sim))['changed'] is False


def test_server_fault_is_a_clear_error_without_traceback(sim):
    add_verified(sim)
    sim.simulator.add_fault(status=502, body='<html>Bad Gateway</html>', call='domain.set')
    result = run_module(mailbox_domain, task(sim, memo='Changed'))
    assert result['failed'] is True
    assert result['msg'].startswith('domain.set failed: HTTP 502 from %s with an HTML page "Bad Gateway". The API or '
                                    'a proxy before it failed; try again later.' % sim.url)
    assert 'may have been applied in part' in result['msg']
    assert result['status'] == 502 and 'Traceback' not in result['_raw']


def test_api_error_names_the_call_and_code(sim):
    add_verified(sim)
    body = {'jsonrpc': '2.0', 'id': '1', 'error': {'code': -32601, 'message': 'Method not found'}}
    sim.simulator.add_fault(status=200, body=json.dumps(body), content_type='application/json', call='domain.get')
    result = run_module(mailbox_domain, task(sim))
    assert result['failed'] is True
    assert result['msg'] == ('domain.get failed (-32601: Method not found). The API does not know this method; '
                             'check that api_url points at the mailbox.org API.')
    assert (result['code'], result['call']) == (-32601, 'domain.get')


def test_lost_reply_of_the_add_is_resolved_by_reading_again(sim):
    sim.simulator.publish_challenge('demo', 'example.com')
    sim.simulator.add_fault(kind='lost_reply', call='domain.add')
    result = run_module(mailbox_domain, task(sim))
    assert result['changed'] is True, result
    assert sim.simulator.stats()['writes'] == ['domain.add'], 'the add must not be sent twice'
    assert any('lost' in w for w in result['warnings'])


def test_login_level_too_low_fails_clearly(serve):
    running = serve('mailbox_org', users={'mailonly': {'pass': 'Mail-Pass-1', 'level': 'mail'}})
    result = run_module(mailbox_domain, dict(api_url=running.url, api_username='mailonly',
                                             api_password='Mail-Pass-1', domain='example.com', password='x'))
    assert result['failed'] is True
    assert result['msg'] == ("domain.list needs an auth level of admin, reseller, account, but 'mailonly' logged "
                             "in with level 'mail'. Use a login of the account that owns the object (or a "
                             "reseller/admin login).")
    assert running.simulator.stats()['calls'] == ['auth', 'deauth']


def test_reseller_names_the_account(serve):
    running = serve('mailbox_org', users={'res': {'pass': 'Reseller-Pass-1', 'level': 'admin'}})
    running.simulator.publish_challenge('demo', 'example.com')
    options = dict(api_url=running.url, api_username='res', api_password='Reseller-Pass-1', account='demo',
                   domain='example.com', password=DOMAIN_PASSWORD)
    assert run_module(mailbox_domain, options)['changed'] is True
    assert running.simulator.state()['domains']['example.com']['account'] == 'demo'


def test_wrong_api_password_is_one_sentence(sim):
    result = run_module(mailbox_domain, task(sim, api_password='Not-The-Password'))
    assert result['failed'] is True
    assert result['msg'].startswith("Login to mailbox.org at %s as 'demo' failed (" % sim.url)
    assert result['msg'].endswith('Check api_username and api_password.')
    assert 'Not-The-Password' not in result['_raw']


def test_connection_options_from_the_environment(sim, monkeypatch):
    monkeypatch.setenv('MAILBOX_ORG_URL', sim.url + '/v1/')
    monkeypatch.setenv('MAILBOX_ORG_USERNAME', 'demo')
    monkeypatch.setenv('MAILBOX_ORG_PASSWORD', 'demo-password')
    result = run_module(mailbox_domain, dict(domain='seeded.example'))
    assert result['changed'] is False, result
    assert result['domain']['domain'] == 'seeded.example'
