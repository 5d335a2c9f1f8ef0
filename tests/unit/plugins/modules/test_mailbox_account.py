# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""mailbox_account against the mailbox.org simulator: the full module test matrix.

Every test runs with the simulator's guessed error codes and with other codes (see test_mailbox_domain.py).
"""

import json

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import mailbox_account

PASSWORD = 'Mailbox-Secret-Pass-1'
OTHER_CODES = {'params': 9001, 'login': 9002, 'forbidden': 9003, 'not_found': 9004, 'exists': 9005}
READ_CALLS = ['auth', 'mail.get', 'deauth']  # an existing account is read directly


@pytest.fixture(params=['guessed codes', 'other codes'])
def sim(serve, request):
    options = dict(domains=['example.com', 'example.org'])
    if request.param == 'other codes':
        options['error_codes'] = OTHER_CODES
    running = serve('mailbox_org', **options)
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    return running


def task(sim, **options):
    defaults = dict(mail='Alice@Example.com', password=PASSWORD, update_password='on_create', plan='standard',
                    first_name='Alice', last_name='Example')
    # an option given as None means "leave it out", as in a task
    return dict(sim.conn, **dict((k, v) for k, v in dict(defaults, **options).items() if v is not None))


def stored(sim, address='alice@example.com'):
    return sim.simulator.state()['mails'].get(address)


def create(sim, **options):
    result = run_module(mailbox_account, task(sim, **options))
    assert result['changed'] is True, result
    sim.simulator.reset_stats()
    return result


def test_create_sends_the_required_fields(sim):
    result = run_module(mailbox_account, task(sim, forwards=['Archive@Example.org'], memo='Sales',
                                              skip_welcome_mail=True))
    assert result['changed'] is True, result
    mail = stored(sim)
    assert (mail['plan'], mail['first_name'], mail['inboxsave'], mail['forwards']) == (
        'standard', 'Alice', True, ['archive@example.org'])
    assert mail['password'] == PASSWORD and mail['extra'] == {'skip_welcome_mail': True}
    assert result['mail_account'] == dict(mail='alice@example.com', plan='standard', first_name='Alice',
                                          last_name='Example', inboxsave=True, forwards=['archive@example.org'],
                                          memo='Sales')
    assert PASSWORD not in result['_raw']
    # mail.get fails for an account that does not exist (the code is undocumented): mail.list decides
    assert sim.simulator.stats()['calls'] == ['auth', 'mail.get', 'mail.list', 'mail.add', 'deauth']


def test_settings_mail_add_does_not_take_follow_with_one_set(sim):
    result = run_module(mailbox_account, task(sim, aliases=['info@example.com', 'alice@example.org'],
                                              active=False))
    assert result['changed'] is True, result
    mail = stored(sim)
    assert mail['aliases'] == ['info@example.com', 'alice@example.org'] and mail['active'] is False
    assert sim.simulator.stats()['writes'] == ['mail.add', 'mail.set']


def test_failed_follow_up_set_is_reported_as_half_done(sim):
    result = run_module(mailbox_account, task(sim, aliases=['info@unknown.example']))
    assert result['failed'] is True
    assert result['msg'].startswith('mail account alice@example.com was created, but setting aliases failed: '
                                    'mail.set failed (')
    assert result['msg'].endswith('Run the task again to finish.')
    assert stored(sim) is not None


def test_second_run_is_a_no_op_with_a_fixed_request_count(sim):
    options = dict(aliases=['info@example.com'], forwards=['archive@example.org'], additional_mail_quota=5,
                   active=True, language='en_US')
    create(sim, **options)
    result = run_module(mailbox_account, task(sim, **options))
    assert result['changed'] is False, result
    assert sim.simulator.stats() == dict(requests=3, calls=READ_CALLS, writes=[])


def test_a_no_op_costs_the_same_however_many_accounts_the_domain_has(sim):
    for number in range(30):
        create(sim, mail='user%d@example.com' % number)
    result = run_module(mailbox_account, task(sim, mail='user7@example.com'))
    assert result['changed'] is False, result
    assert sim.simulator.stats() == dict(requests=3, calls=READ_CALLS, writes=[])


def test_plan_compares_case_insensitively(sim):
    create(sim)
    sim.simulator.mails['alice@example.com']['plan'] = 'Standard'
    assert run_module(mailbox_account, task(sim))['changed'] is False


def test_update_sends_only_the_changes(sim):
    create(sim, aliases=['info@example.com'])
    result = run_module(mailbox_account, task(sim, aliases=['sales@example.com', 'info@example.com'],
                                              last_name='Other'), diff=True)
    assert result['changed'] is True
    assert result['diff']['before']['aliases'] == ['info@example.com']
    assert result['diff']['after']['aliases'] == ['sales@example.com', 'info@example.com']
    assert stored(sim)['last_name'] == 'Other'
    assert stored(sim)['password'] == PASSWORD
    assert sim.simulator.stats()['calls'] == READ_CALLS[:-1] + ['mail.set', 'deauth']


def test_quota_change_sends_the_plan_along(sim):
    create(sim)
    result = run_module(mailbox_account, task(sim, additional_cloud_quota=10))
    assert result['changed'] is True, result
    assert stored(sim)['additional_cloud_quota'] == '10'


def test_password_always_is_sent_every_run_and_masked(sim):
    create(sim)
    result = run_module(mailbox_account, task(sim, password='Another-Secret-2', update_password='always'), diff=True)
    assert result['changed'] is True
    assert result['diff']['before']['password'] == '<hidden>'
    assert result['diff']['after']['password'] == '<hidden, changed>'
    assert 'Another-Secret-2' not in result['_raw']
    assert stored(sim)['password'] == 'Another-Secret-2'
    # the API never returns the password, so `always` cannot be idempotent (documented)
    again = run_module(mailbox_account, task(sim, password='Another-Secret-2', update_password='always'))
    assert again['changed'] is True


def test_password_hash_on_create(sim):
    result = run_module(mailbox_account, task(sim, password=None, password_hash='$6$salt$hash'))
    assert result.get('changed') is True, result
    assert stored(sim)['password_hash'] == '$6$salt$hash' and stored(sim)['password'] is None
    assert '$6$salt$hash' not in result['_raw']


def test_check_mode_sends_no_write_and_predicts_the_real_run(sim):
    options = task(sim, aliases=['info@example.com'])
    predicted = run_module(mailbox_account, options, check=True, diff=True)
    assert sim.simulator.stats()['writes'] == [] and stored(sim) is None
    real = run_module(mailbox_account, options, diff=True)
    assert (predicted['changed'], predicted['mail_account'], predicted['diff']) == (
        True, real['mail_account'], real['diff'])
    sim.simulator.reset_stats()
    predicted = run_module(mailbox_account, dict(options, active=False), check=True, diff=True)
    assert sim.simulator.stats()['writes'] == []
    real = run_module(mailbox_account, dict(options, active=False), diff=True)
    assert (predicted['changed'], predicted['mail_account'], predicted['diff']) == (
        True, real['mail_account'], real['diff'])
    assert stored(sim)['active'] is False


def test_delete_then_delete_again(sim):
    create(sim)
    result = run_module(mailbox_account, dict(sim.conn, mail='alice@example.com', state='absent'), diff=True)
    assert result['changed'] is True and result['diff']['after'] == {}
    assert stored(sim) is None
    sim.simulator.reset_stats()
    again = run_module(mailbox_account, dict(sim.conn, mail='alice@example.com', state='absent'))
    assert again['changed'] is False
    assert sim.simulator.stats() == dict(requests=4, calls=['auth', 'mail.get', 'mail.list', 'deauth'], writes=[])


def test_absent_on_a_missing_domain_is_a_no_op(sim):
    result = run_module(mailbox_account, dict(sim.conn, mail='bob@nowhere.example', state='absent'))
    assert result['changed'] is False, result


def test_create_on_a_missing_domain_says_so(sim):
    result = run_module(mailbox_account, task(sim, mail='bob@nowhere.example'))
    assert result['failed'] is True
    assert result['msg'] == ('The domain nowhere.example does not exist in account demo; add it first '
                             '(hosting.provision.mailbox_domain).')
    assert sim.simulator.stats()['writes'] == []


def test_check_mode_warns_about_a_domain_an_earlier_task_may_add(sim):
    result = run_module(mailbox_account, task(sim, mail='bob@nowhere.example'), check=True)
    assert result['changed'] is True
    assert result['warnings'] == ['The domain nowhere.example does not exist in account demo; add it first '
                                  '(hosting.provision.mailbox_domain). A real run fails unless an earlier task '
                                  'adds it.']
    assert sim.simulator.stats()['writes'] == []


@pytest.mark.parametrize('options, message', [
    (dict(mail='not-an-address'), "'not-an-address' is not an e-mail address"),
    (dict(mail='bob@exa mple.com'), "'exa mple.com' is not a valid domain name"),
    (dict(forwards=['nobody']), "forwards: 'nobody' is not an e-mail address"),
    (dict(inboxsave=False, forwards=[]), 'inboxsave=false needs at least one address in forwards'),
    (dict(additional_mail_quota=-1), 'additional_mail_quota must be a whole number from 0 to 9223372036854775807'),
    (dict(additional_cloud_quota=2 ** 63), 'additional_cloud_quota must be a whole number from 0 to '
                                           '9223372036854775807'),
    (dict(plan='huge'), 'value of plan must be one of'),
    (dict(password_hash='$6$x'), 'mutually exclusive'),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(mailbox_account, task(sim, **options))
    assert result['failed'] is True
    assert message in result['msg']
    assert sim.simulator.stats()['requests'] == 0


def test_missing_required_fields_fail_before_any_write(sim):
    result = run_module(mailbox_account, dict(sim.conn, mail='bob@example.com'), check=True)
    assert result['failed'] is True
    assert result['msg'] == ('plan, first_name, last_name, password or password_hash required to create mail '
                             'account bob@example.com')
    assert sim.simulator.stats()['writes'] == []


def test_auth_id_expired_between_calls_is_renewed_once(sim):
    create(sim)
    original = sim.simulator.handle

    def handle(request):
        response = original(request)
        if sim.simulator.call_name(request) == 'mail.get':
            sim.simulator.control('expire_auth', {})
        return response

    sim.simulator.handle = handle
    result = run_module(mailbox_account, task(sim, memo='after expiry'))
    assert result['changed'] is True, result
    assert sim.simulator.stats()['calls'] == ['auth', 'mail.get', 'mail.set', 'auth', 'mail.set', 'deauth']
    assert stored(sim)['memo'] == 'after expiry'


def test_server_fault_is_a_clear_error_without_traceback(sim):
    sim.simulator.add_fault(status=500, body='Internal Server Error', content_type='text/plain', call='mail.list',
                            times=4)
    result = run_module(mailbox_account, task(sim))
    assert result['failed'] is True
    assert result['msg'].startswith('mail.list failed: HTTP 500 from')
    assert result['call'] == 'mail.list' and 'Traceback' not in result['_raw']
    assert sim.simulator.stats()['writes'] == []


def test_lost_reply_of_a_create_is_resolved_by_reading_again(sim):
    sim.simulator.add_fault(kind='lost_reply', call='mail.add')
    result = run_module(mailbox_account, task(sim))
    assert result['changed'] is True, result
    assert sim.simulator.stats()['writes'] == ['mail.add'], 'the create must not be sent twice'
    assert any('lost' in w for w in result['warnings'])


def test_domain_login_may_manage_its_mailboxes(sim):
    sim.simulator.domains['example.com']['password'] = 'Domain-Pass-1'
    result = run_module(mailbox_account, task(sim, api_username='example.com', api_password='Domain-Pass-1'))
    assert result['changed'] is True, result


def test_a_mail_get_answer_for_another_account_is_an_error_never_a_create(sim):
    create(sim)
    original = sim.simulator.handle

    def handle(request):
        response = original(request)
        if sim.simulator.call_name(request) == 'mail.get':
            reply = json.loads(response.body)
            reply['result']['mail'] = 'bob@example.com'
            response.body = json.dumps(reply).encode('utf-8')
        return response

    sim.simulator.handle = handle
    result = run_module(mailbox_account, task(sim, memo='x'))
    assert result['failed'] is True and result['call'] == 'mail.get'
    assert 'unexpected shape' in result['msg'] and 'the object with mail alice@example.com' in result['msg']
    assert sim.simulator.stats()['writes'] == []


def test_mobile_is_the_name_of_the_other_apis_too(sim):
    result = run_module(mailbox_account, task(sim, mobile='+49 170 1234567'))
    assert result['changed'] is True, result
    assert stored(sim)['cell_phone'] == '+49 170 1234567'


# --- out-of-office notice, spam protection and capabilities (read only when the task sets them) ------------------

NOTICE = dict(subject='Out of office', body='Back on Monday.', start_date='2026-07-01', end_date='2026-07-14')


def test_vacation_is_set_compared_changed_and_deleted(sim):
    create(sim)
    result = run_module(mailbox_account, task(sim, vacation=NOTICE))
    assert result['changed'] is True and result['mail_account']['vacation'] == dict(NOTICE, state='present')
    assert stored(sim)['vacation'] == dict(NOTICE, additional_mail_addresses=[])
    sim.simulator.reset_stats()
    assert run_module(mailbox_account, task(sim, vacation=NOTICE))['changed'] is False
    assert sim.simulator.stats() == dict(requests=4, calls=['auth', 'mail.get', 'mail.vacation.get', 'deauth'],
                                         writes=[])
    assert run_module(mailbox_account, task(sim, vacation=dict(NOTICE, body='Back soon.')))['changed'] is True
    assert stored(sim)['vacation']['body'] == 'Back soon.'
    sim.simulator.reset_stats()
    result = run_module(mailbox_account, task(sim, vacation=dict(state='absent')), diff=True)
    assert result['changed'] is True and stored(sim)['vacation'] is None
    assert result['diff']['before']['vacation']['subject'] == 'Out of office'
    assert result['diff']['after']['vacation'] == dict(state='absent')
    assert sim.simulator.stats()['writes'] == ['mail.vacation.delete']
    assert run_module(mailbox_account, task(sim, vacation=dict(state='absent')))['changed'] is False


def test_a_changed_notice_keeps_the_addresses_it_also_answers_for(sim):
    create(sim)
    sim.simulator.mails['alice@example.com']['vacation'] = dict(NOTICE, additional_mail_addresses=['info@example.com'])
    assert run_module(mailbox_account, task(sim, vacation=dict(NOTICE, subject='Away')))['changed'] is True
    assert stored(sim)['vacation']['additional_mail_addresses'] == ['info@example.com']


def test_a_new_mailbox_gets_its_notice_and_no_delete(sim):
    result = run_module(mailbox_account, task(sim, vacation=NOTICE))
    assert result['changed'] is True and stored(sim)['vacation']['subject'] == 'Out of office'
    assert sim.simulator.stats()['writes'] == ['mail.add', 'mail.vacation.set']
    sim.simulator.reset_stats()
    assert run_module(mailbox_account, task(sim, mail='bob@example.com', vacation=dict(state='absent')))['changed']
    assert sim.simulator.stats()['writes'] == ['mail.add']


def test_spam_protection_is_compared_key_by_key_and_set_whole(sim):
    result = run_module(mailbox_account, task(sim, spam_protection=dict(greylisting=False, spam_score=6)))
    assert result['changed'] is True, result
    # the set call takes every setting: a new mailbox's are read first, the task's win
    assert sim.simulator.stats()['writes'] == ['mail.add', 'mail.spamprotect.set']
    assert 'mail.spamprotect.get' in sim.simulator.stats()['calls']
    assert stored(sim)['spamprotect'] == dict(greylist='0', smtp_plausibility='1', rbl='1', bypass_banned_checks='0',
                                              tag2level='6.0', killevel='route', route_to='Junk')
    sim.simulator.reset_stats()
    assert run_module(mailbox_account, task(sim, spam_protection=dict(greylisting=False)))['changed'] is False
    assert sim.simulator.stats()['calls'] == ['auth', 'mail.get', 'mail.spamprotect.get', 'deauth']
    result = run_module(mailbox_account, task(sim, spam_protection=dict(kill_level='reject')), diff=True)
    assert result['changed'] is True
    assert result['diff']['before']['spam_protection'] == dict(
        greylisting=False, rbl=True, smtp_plausibility=True, bypass_banned_checks=False, spam_score=6.0,
        kill_level='route', folder='Junk')
    assert result['diff']['after']['spam_protection']['kill_level'] == 'reject'
    assert stored(sim)['spamprotect']['killevel'] == 'reject' and stored(sim)['spamprotect']['greylist'] == '0'


def test_spam_protection_given_whole_on_create_needs_no_read(sim):
    settings = dict(greylisting=True, rbl=False, smtp_plausibility=True, bypass_banned_checks=True, spam_score=4.5,
                    kill_level='route', folder='Spam')
    assert run_module(mailbox_account, task(sim, spam_protection=settings))['changed'] is True
    assert 'mail.spamprotect.get' not in sim.simulator.stats()['calls']
    assert stored(sim)['spamprotect']['route_to'] == 'Spam'


def test_capabilities_come_with_mail_get_and_only_the_changed_are_set(sim):
    create(sim, capabilities={'MAIL_OTP': 'on', 'MAIL_BLACKLIST': 'on'})
    assert stored(sim)['capabilities'] == ['MAIL_OTP', 'MAIL_BLACKLIST']
    result = run_module(mailbox_account, task(sim, capabilities={'MAIL_OTP': 'on'}))
    assert result['changed'] is False, result
    assert sim.simulator.stats() == dict(requests=3, calls=READ_CALLS, writes=[])
    assert result['mail_account']['capabilities'] == dict(
        MAIL_SPAMPROTECTION='off', MAIL_OTP='on', MAIL_BLACKLIST='on', MAIL_BACKUPRECOVER='off',
        MAIL_PASSWORDRESET_SMS='off')
    sim.simulator.reset_stats()
    original = sim.simulator.handle
    sent = []

    def handle(request):
        if sim.simulator.call_name(request) == 'mail.capabilities.set':
            sent.append(json.loads(request.body)['params']['capabilities'])
        return original(request)

    sim.simulator.handle = handle
    assert run_module(mailbox_account, task(sim, capabilities={'MAIL_OTP': 'off', 'MAIL_BLACKLIST': 'on'}))['changed']
    assert sent == [{'MAIL_OTP': 'off'}] and stored(sim)['capabilities'] == ['MAIL_BLACKLIST']


def test_settings_in_check_mode_write_nothing_and_predict_the_real_run(sim):
    create(sim)
    options = task(sim, vacation=NOTICE, spam_protection=dict(rbl=False), capabilities={'MAIL_OTP': 'on'})
    predicted = run_module(mailbox_account, options, check=True, diff=True)
    assert sim.simulator.write_calls == []
    real = run_module(mailbox_account, options, diff=True)
    assert predicted['changed'] is real['changed'] is True
    assert predicted['mail_account'] == real['mail_account'] and predicted['diff'] == real['diff']
    assert sim.simulator.stats()['writes'] == ['mail.vacation.set', 'mail.spamprotect.set', 'mail.capabilities.set']


@pytest.mark.parametrize('options, message', [
    (dict(vacation=dict(NOTICE, start_date='1.7.2026')), "vacation: start_date: '1.7.2026' is not a date as YYYY-MM-DD"),
    (dict(vacation=dict(NOTICE, end_date='2026-02-30')), "vacation: end_date: '2026-02-30' is not a date as YYYY-MM-DD"),
    (dict(vacation=dict(NOTICE, end_date='2026-06-30')), 'vacation: end_date 2026-06-30 is before start_date 2026-07-01'),
    (dict(vacation=dict(body='Away')), 'vacation: a notice needs subject, start_date, end_date'),
    (dict(vacation=dict(state='absent', subject='Away')), 'vacation: state=absent deletes the notice and takes no subject'),
    (dict(vacation=dict(NOTICE, subject='Away\nBcc: x@example.org')), 'holds a control character'),
    (dict(spam_protection=dict(spam_score=5.55)), 'spam_protection: spam_score: 5.55 is not a number with at most one '
                                                  'decimal'),
    (dict(spam_protection=dict(spam_score='inf')),
     'spam_protection: spam_score: inf is not a number with at most one decimal'),
    (dict(spam_protection=dict(kill_level='drop')), 'value of kill_level must be one of: reject, route'),
    (dict(capabilities={'MAIL_OTP': 'inherit'}), 'capabilities: MAIL_OTP: inherit is not a capability'),
    (dict(capabilities={'MAIL_TELEPATHY': 'on'}), 'capabilities: MAIL_TELEPATHY: on is not a capability'),
])
def test_bad_settings_fail_before_any_request(sim, options, message):
    result = run_module(mailbox_account, task(sim, **options))
    assert result['failed'] is True
    assert message in result['msg'], result['msg']
    assert sim.simulator.stats()['requests'] == 0


def refuse(sim, call):
    """The next `call` gets a JSON-RPC error (the API refused it: nothing was applied)."""
    sim.simulator.add_fault(call=call, status=200, content_type='application/json',
                            body=json.dumps(dict(jsonrpc='2.0', id='0', error=dict(code=9009, message='Nein'))))


def test_a_setting_refused_after_the_account_changed_says_so(sim):
    create(sim)
    refuse(sim, 'mail.vacation.set')
    result = run_module(mailbox_account, task(sim, last_name='Other', vacation=NOTICE))
    assert result['failed'] is True and result['changed'] is True
    assert result['msg'] == ('mail account alice@example.com was updated (last_name), but setting vacation failed: '
                             'mail.vacation.set failed (9009: Nein). Run the task again to finish.')
    assert stored(sim)['last_name'] == 'Other' and stored(sim)['vacation'] is None


def test_a_setting_refused_after_a_create_says_so(sim):
    refuse(sim, 'mail.capabilities.set')
    result = run_module(mailbox_account, task(sim, capabilities={'MAIL_OTP': 'on'}))
    assert result['failed'] is True and result['changed'] is True
    assert result['msg'].startswith('mail account alice@example.com was created, but setting capabilities failed: ')
    assert run_module(mailbox_account, task(sim, capabilities={'MAIL_OTP': 'on'}))['changed'] is True
    assert stored(sim)['capabilities'] == ['MAIL_OTP']


def test_a_setting_whose_server_failed_after_the_account_changed_is_in_doubt_and_changed(sim):
    create(sim)
    sim.simulator.add_fault(status=500, body='Internal Server Error', content_type='text/plain',
                            call='mail.vacation.set')
    result = run_module(mailbox_account, task(sim, last_name='Other', vacation=NOTICE))
    assert result['failed'] is True and result['changed'] is True
    assert result['msg'].startswith('mail account alice@example.com was updated (last_name), but setting vacation '
                                    'failed: mail.vacation.set failed: HTTP 500')
    assert 'may have been applied in part' in result['msg']


def test_a_lost_answer_does_not_stop_the_writes_after_it(sim):
    create(sim)
    sim.simulator.add_fault(kind='lost_reply', call='mail.vacation.set')
    result = run_module(mailbox_account, task(sim, vacation=NOTICE, spam_protection=dict(rbl=False)))
    assert result['changed'] is True and not result.get('failed'), result
    assert sim.simulator.stats()['writes'] == ['mail.vacation.set', 'mail.spamprotect.set']
    assert any('lost' in w for w in result['warnings'])
    assert run_module(mailbox_account, task(sim, vacation=NOTICE, spam_protection=dict(rbl=False)))['changed'] is False
