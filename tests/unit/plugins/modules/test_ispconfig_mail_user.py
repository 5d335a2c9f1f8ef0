# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
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
    assert result['diff']['before']['quota'] == '2147483648 (2 GiB)'
    assert result['diff']['after']['quota'] == '524288000 (500 MiB)'
    assert result['mail_user']['quota'] == 500 * 1024 ** 2
    assert result['diff']['after']['imap'] is False
    row = stored(sim)
    assert (row['quota'], row['disableimap']) == (str(500 * 1024 ** 2), 'y')
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
    # the id the panel gave it, which check mode cannot know
    assert real['mail_user'].pop('mailuser_id') == real['diff']['after'].pop('mailuser_id') == 1
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
    assert result['failed'] and result['msg'] == (
        'quota and password are required to create bob@example.com (quota 0 or "unlimited" for no limit): the panel '
        'saves no mailbox without them')
    result = run_module(ispconfig_mail_user, dict(sim.conn, email='bob@example.com', quota='1G'))
    assert result['failed'] and result['msg'] == (
        'password is required to create bob@example.com: the panel saves no mailbox without one')
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


MIB = 1024 ** 2


@pytest.mark.parametrize('quota, stored_bytes', [
    ('500 MB', 500 * MIB), ('500', 500 * MIB), (' 500 MiB ', 500 * MIB), ('1.5 GB', 1536 * MIB),
    ('2 GiB', 2048 * MIB), ('0', 0), ('unlimited', 0),
])
def test_quota_means_what_the_panel_shows(sim, quota, stored_bytes):
    """The panel's quota field is MB of 1024 x 1024 bytes: `500 MB` and a bare 500 are what it shows as 500."""
    result = run_module(ispconfig_mail_user, mailbox(sim, quota=quota))
    assert result['changed'] is True and result['mail_user']['quota'] == stored_bytes
    assert stored(sim)['quota'] == str(stored_bytes)
    assert stored_bytes // MIB == int(stored(sim)['quota']) / MIB  # what the panel's form shows
    assert run_module(ispconfig_mail_user, mailbox(sim, quota=quota))['changed'] is False


@pytest.mark.parametrize('quota, message', [
    ('1000 KiB', "'1000 KiB' is 1024000 bytes, not a whole number of MB (1 MB = 1048576 bytes), which is all the "
                 "panel can show and save"),
    ('0.5', "'0.5' is 524288 bytes, not a whole number of MB"),
    ('9999999 TiB', "'9999999 TiB' is more than the API can store: at most 8796093022207 MB"),
    ('-1', "cannot read '-1' as a size"),
])
def test_quota_the_panel_could_not_show_is_refused_before_any_request(sim, quota, message):
    result = run_module(ispconfig_mail_user, mailbox(sim, quota=quota))
    assert result['failed'] is True
    assert result['msg'].startswith('quota: ' + message), result['msg']
    assert sim.simulator.stats()['requests'] == 0


def test_a_quota_stored_in_decimal_units_is_put_right_once(sim):
    """Mailboxes made when "500 MB" meant 500,000,000 bytes are moved to what the panel can show."""
    run_module(ispconfig_mail_user, mailbox(sim, quota='500 MB'))
    sim.simulator.control('set_row', {'table': 'mail_user', 'id': 1, 'values': {'quota': 500 * 10 ** 6}})
    result = run_module(ispconfig_mail_user, mailbox(sim, quota='500 MB'), diff=True)
    assert result['changed'] is True and result['diff']['before']['quota'] == '500000000 bytes'
    assert stored(sim)['quota'] == str(500 * MIB)
    assert run_module(ispconfig_mail_user, mailbox(sim, quota='500 MB'))['changed'] is False


def test_imap_and_deliver_off_switch_what_the_api_can_and_warn_about_the_rest(sim):
    result = run_module(ispconfig_mail_user, mailbox(sim, imap=False, deliver=False))
    assert result['changed'] is True
    row = stored(sim)
    assert (row['disableimap'], row['disabledeliver']) == ('y', 'y')
    # the panel's edit page would also set these; the API has no field for them
    assert (row['disablesieve'], row['disablesieve-filter'], row['disablelda'], row['disablelmtp']) == ('n',) * 4
    assert len(result['warnings']) == 2
    assert 'imap=false is written, but ISPConfig\'s API cannot switch off Sieve filters' in result['warnings'][0]
    assert 'deliver=false is written' in result['warnings'][1] and 'local delivery' in result['warnings'][1]
    sim.simulator.reset_stats()
    again = run_module(ispconfig_mail_user, mailbox(sim, imap=False, deliver=False))
    assert again['changed'] is False and not again.get('warnings')
    assert sim.simulator.stats()['writes'] == []


def test_imap_switched_off_later_warns_once(sim):
    run_module(ispconfig_mail_user, mailbox(sim))
    predicted = run_module(ispconfig_mail_user, mailbox(sim, imap=False), check=True)
    assert predicted['changed'] is True and len(predicted['warnings']) == 1
    result = run_module(ispconfig_mail_user, mailbox(sim, imap=False))
    assert result['warnings'] == predicted['warnings']
    assert not run_module(ispconfig_mail_user, mailbox(sim, imap=False)).get('warnings')


FILTER_OPTIONS = dict(move_junk='n', purge_junk_days=7)


@pytest.fixture
def no_filter_tab(ispconfig):
    """A panel whose mailbox form hides the Mail Filter tab."""
    ispconfig.simulator.control('set_config', {'section': 'mail', 'key': 'mailbox_show_mail_filter_tab', 'value': 'n'})
    assert run_module(ispconfig_mail_domain, dict(ispconfig.conn, domain='example.com'))['changed']
    ispconfig.simulator.reset_stats()
    return ispconfig


def test_fields_of_a_hidden_tab_are_left_out_with_one_warning(no_filter_tab):
    sim = no_filter_tab
    predicted = run_module(ispconfig_mail_user, mailbox(sim, **FILTER_OPTIONS), check=True, diff=True)
    result = run_module(ispconfig_mail_user, mailbox(sim, **FILTER_OPTIONS), diff=True)
    assert result['changed'] is True and result['mail_user'].pop('mailuser_id') == result['diff']['after'].pop(
        'mailuser_id') == 1  # the id the panel gave it, which check mode cannot know
    assert result['warnings'] == predicted['warnings'] == [
        "move_junk, purge_junk_days left out: the panel's Mail Filter tab is switched off (System > Interface > Main "
        "Config > Mail), and ISPConfig ignores the fields of a hidden tab."]
    assert predicted['diff'] == result['diff'] and predicted['mail_user'] == result['mail_user']
    # the API left the column defaults, as it does for a hidden tab; the module predicted exactly that
    assert (stored(sim)['move_junk'], stored(sim)['purge_junk_days']) == ('y', '0')
    assert (result['mail_user']['move_junk'], result['mail_user']['purge_junk_days']) == ('y', 0)
    sim.simulator.reset_stats()
    again = run_module(ispconfig_mail_user, mailbox(sim, **FILTER_OPTIONS))
    assert again['changed'] is False and len(again['warnings']) == 1
    assert sim.simulator.stats()['writes'] == []


def test_ignored_fields_found_by_the_read_after_the_write_when_the_switch_is_unreadable(no_filter_tab):
    sim = no_filter_tab
    sim.simulator.control('add_remote_user', {'username': 'mail-only', 'password': 'Mail-Only-Pass-1',
                                              'functions': ['mail_domain', 'mail_user']})
    conn = dict(api_username='mail-only', api_password='Mail-Only-Pass-1')
    run_module(ispconfig_mail_user, mailbox(sim, **conn))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_mail_user, mailbox(sim, **dict(conn, **FILTER_OPTIONS)), diff=True)
    # the update is sent, the read after it shows nothing took: no change is reported, and why
    assert result['changed'] is False
    assert result['mail_user']['move_junk'] == 'y' and result['diff']['after']['move_junk'] == 'y'
    assert len(result['warnings']) == 1 and result['warnings'][0].startswith(
        'ISPConfig ignored move_junk, purge_junk_days: the panel hides the form tab of these fields')
    assert 'tick "Server functions"' in result['warnings'][0]
    assert sim.simulator.stats()['calls'] == ['login', 'mail_user_get', 'system_config_get', 'mail_user_update',
                                              'mail_user_get', 'logout']
    assert run_module(ispconfig_mail_user, mailbox(sim, **dict(conn, **FILTER_OPTIONS)))['changed'] is False


def test_fields_of_a_shown_tab_are_written_and_compared(sim):
    result = run_module(ispconfig_mail_user, mailbox(sim, **FILTER_OPTIONS))
    assert result['changed'] is True and not result.get('warnings')
    assert (stored(sim)['move_junk'], stored(sim)['purge_junk_days']) == ('n', '7')
    assert run_module(ispconfig_mail_user, mailbox(sim, **FILTER_OPTIONS))['changed'] is False
    assert run_module(ispconfig_mail_user, mailbox(sim, move_junk='a'))['changed'] is True
