"""ispconfig_mail_user against the ISPConfig simulator: the full module test matrix."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (ispconfig_mail_domain, ispconfig_mail_user)

PASSWORD = 'Corr3ct-Horse-Battery'


@pytest.fixture
def sim(ispconfig):
    result = run_module(ispconfig_mail_domain, dict(ispconfig.conn, domain='example.com'))
    assert result['changed'], result
    ispconfig.simulator.reset_stats()
    return ispconfig


def mailbox(sim, **options):
    return dict(sim.conn, **dict(dict(email='Alice@Example.com', password=PASSWORD, quota='2 GiB', name='Alice'),
                                 **options))


def stored(sim, email='alice@example.com'):
    rows = [r for r in sim.simulator.state()['tables']['mail_user'] if r['email'] == email]
    return rows[0] if rows else None


def test_create_sends_a_complete_record(sim):
    result = run_module(ispconfig_mail_user, mailbox(sim))
    assert result['changed'] is True
    row = stored(sim)
    assert row['quota'] == str(2 * 1024 ** 3)
    assert row['login'] == 'alice@example.com'
    assert row['maildir'] == '/var/vmail/example.com/alice'
    # the API would store postfix=n and disableimap... = n only if sent: the module sends the UI defaults
    assert (row['postfix'], row['disableimap'], row['disablesmtp']) == ('y', 'n', 'n')
    assert row['password'].startswith('$6$rounds=5000$')
    assert result['mail_user']['email'] == 'alice@example.com'
    assert 'password' not in result['mail_user']
    assert sim.simulator.stats()['writes'] == ['mail_user_add']


def test_second_run_is_a_no_op_with_a_fixed_request_count(sim):
    run_module(ispconfig_mail_user, mailbox(sim))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_mail_user, mailbox(sim))
    assert result['changed'] is False
    stats = sim.simulator.stats()
    assert stats['writes'] == []
    assert stats['calls'] == ['login', 'mail_user_get', 'logout']


def test_update_sends_only_the_changed_fields(sim):
    run_module(ispconfig_mail_user, mailbox(sim))
    hash_before = stored(sim)['password']
    sim.simulator.reset_stats()
    result = run_module(ispconfig_mail_user, mailbox(sim, quota='500 MB', imap=False), diff=True)
    assert result['changed'] is True
    assert result['diff']['before']['quota'] == 2 * 1024 ** 3
    assert result['diff']['after']['quota'] == 500 * 10 ** 6
    assert result['diff']['after']['imap'] is False
    row = stored(sim)
    assert (row['quota'], row['disableimap']) == ('500000000', 'y')
    assert row['password'] == hash_before, 'an unchanged password must not be sent again'
    assert sim.simulator.stats()['writes'] == ['mail_user_update']


def test_password_change_is_detected_and_masked_in_diff(sim):
    run_module(ispconfig_mail_user, mailbox(sim))
    result = run_module(ispconfig_mail_user, mailbox(sim, password='An0ther-Secret-Pass'), diff=True)
    assert result['changed'] is True
    assert result['diff']['before']['password'] == '<hidden>'
    assert result['diff']['after']['password'] == '<hidden, changed>'
    assert 'An0ther-Secret-Pass' not in result['_raw']
    assert '$6$' not in result['_raw']
    again = run_module(ispconfig_mail_user, mailbox(sim, password='An0ther-Secret-Pass'))
    assert again['changed'] is False


def test_update_password_on_create_ignores_a_different_password(sim):
    run_module(ispconfig_mail_user, mailbox(sim))
    result = run_module(ispconfig_mail_user, mailbox(sim, password='Different-Pass-123', update_password='on_create'))
    assert result['changed'] is False


def test_check_mode_sends_no_write_and_predicts_the_real_run(sim):
    options = mailbox(sim, cc=['archive@example.com'])
    predicted = run_module(ispconfig_mail_user, options, check=True, diff=True)
    assert sim.simulator.stats()['writes'] == []
    assert stored(sim) is None
    real = run_module(ispconfig_mail_user, options, diff=True)
    assert predicted['changed'] is real['changed'] is True
    assert predicted['diff'] == real['diff']
    assert predicted['mail_user'] == real['mail_user']
    predicted_update = run_module(ispconfig_mail_user, dict(options, quota='1G'), check=True, diff=True)
    assert sim.simulator.stats()['writes'] == ['mail_user_add']
    real_update = run_module(ispconfig_mail_user, dict(options, quota='1G'), diff=True)
    assert predicted_update['diff'] == real_update['diff']
    assert predicted_update['mail_user'] == real_update['mail_user']


def test_delete_then_delete_again(sim):
    run_module(ispconfig_mail_user, mailbox(sim))
    result = run_module(ispconfig_mail_user, dict(sim.conn, email='alice@example.com', state='absent'), diff=True)
    assert result['changed'] is True
    assert result['diff']['after'] == {}
    assert stored(sim) is None
    sim.simulator.reset_stats()
    again = run_module(ispconfig_mail_user, dict(sim.conn, email='alice@example.com', state='absent'))
    assert again['changed'] is False
    assert sim.simulator.stats()['writes'] == []


@pytest.mark.parametrize('options, message', [
    (dict(quota='lots'), "quota: cannot read 'lots' as a size"),
    (dict(email='not-an-address'), 'is not an e-mail address'),
    (dict(email='a+b@example.com'), 'rejects "+"'),
    (dict(cc=['nobody']), "'nobody' is not an e-mail address"),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(ispconfig_mail_user, mailbox(sim, **options))
    assert result['failed'] is True
    assert message in result['msg']
    assert sim.simulator.stats()['requests'] == 0


def test_missing_quota_and_missing_domain_fail_before_any_write(sim):
    result = run_module(ispconfig_mail_user, dict(sim.conn, email='bob@example.com'))
    assert result['failed'] and 'quota is required' in result['msg']
    result = run_module(ispconfig_mail_user, mailbox(sim, email='bob@unknown.example'))
    assert result['failed'] and 'mail domain unknown.example does not exist' in result['msg']
    assert sim.simulator.stats()['writes'] == []


def test_check_mode_warns_about_a_parent_an_earlier_task_may_create(sim):
    result = run_module(ispconfig_mail_user, mailbox(sim, email='bob@unknown.example'), check=True)
    assert result['changed'] is True
    assert any('mail domain unknown.example does not exist' in w and 'A real run fails' in w
               for w in result['warnings'])
    assert sim.simulator.stats()['writes'] == []


def test_weak_password_is_one_clear_sentence(sim):
    result = run_module(ispconfig_mail_user, mailbox(sim, password='short'))
    assert result['failed'] is True
    assert result['msg'].startswith('mail_user_add failed (remote_fault): The chosen password does not match')
    assert 'Traceback' not in result['_raw']


def test_session_expired_mid_run_is_renewed_once(sim):
    run_module(ispconfig_mail_user, mailbox(sim))
    # expire the session right after login, before the read
    sim.simulator.add_fault(kind='http', status=200, content_type='application/json; charset="utf-8"',
                            body='{"code":"remote_fault","message":"The Session is expired or does not exist.",'
                                 '"response":false}', call='mail_user_get')
    sim.simulator.reset_stats()
    result = run_module(ispconfig_mail_user, mailbox(sim, name='Alice A.'))
    assert result['changed'] is True, result
    assert sim.simulator.stats()['calls'] == ['login', 'mail_user_get', 'login', 'mail_user_get',
                                              'mail_user_update', 'logout']


def test_clock_expiry_between_calls_recovers(sim):
    run_module(ispconfig_mail_user, mailbox(sim))
    sim.simulator.control('expire_sessions', {})  # no open session: harmless
    sim.simulator.clock.advance(3600)
    result = run_module(ispconfig_mail_user, mailbox(sim))
    assert result['changed'] is False


def test_server_fault_is_a_clear_error_without_traceback(sim):
    sim.simulator.add_fault(status=500, body='', content_type='text/html; charset=utf-8', call='mail_user_add')
    result = run_module(ispconfig_mail_user, mailbox(sim))
    assert result['failed'] is True
    assert 'HTTP 500' in result['msg'] and 'database error' in result['msg']
    assert result['call'] == 'mail_user_add' and result['status'] == 500
    assert 'Traceback' not in result['_raw']


def test_lost_reply_of_a_create_is_resolved_by_reading_again(sim):
    sim.simulator.add_fault(kind='lost_reply', call='mail_user_add')
    result = run_module(ispconfig_mail_user, mailbox(sim))
    assert result['changed'] is True, result
    assert sim.simulator.stats()['writes'] == ['mail_user_add'], 'the create must not be sent twice'
    assert any('lost' in w for w in result.get('warnings', []))


def test_wrong_api_password_is_one_sentence(sim):
    result = run_module(ispconfig_mail_user, mailbox(sim, api_password='not-the-password'))
    assert result['failed'] is True
    assert result['msg'] == ("Login to ISPConfig at %s as 'demo' failed: The login failed. Username or password "
                             "wrong. Check api_username and api_password (a remote user under System > Remote "
                             "Users, not a panel login)." % sim.url)


def test_missing_permission_names_the_function_group(sim):
    sim.simulator.control('add_remote_user', {'username': 'domains-only', 'password': 'Limited-Pass-1',
                                              'functions': ['mail_domain']})
    result = run_module(ispconfig_mail_user, mailbox(sim, api_username='domains-only', api_password='Limited-Pass-1'))
    assert result['failed'] is True
    assert 'Tick "Mail user functions"' in result['msg']
