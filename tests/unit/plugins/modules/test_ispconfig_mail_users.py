# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_mail_users against the ISPConfig simulator: the full module test matrix, for a list."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (ispconfig_mail_domain, ispconfig_mail_user,
                                                                   ispconfig_mail_users)

PASSWORD = 'Corr3ct-Horse-Battery'


@pytest.fixture
def sim(ispconfig):
    for domain in ('example.com', 'example.org'):
        assert run_module(ispconfig_mail_domain, dict(ispconfig.conn, domain=domain))['changed']
    ispconfig.simulator.reset_stats()
    return ispconfig


def users(count=3, domain='example.com', **options):
    return [dict(dict(email='user%d@%s' % (i, domain), password=PASSWORD, quota='1 GiB'), **options)
            for i in range(count)]


def task(sim, items, **options):
    return dict(sim.conn, users=items, **options)


def stored(sim):
    return dict((row['email'], row) for row in sim.simulator.state()['tables']['mail_user'])


def stats(sim):
    return sim.simulator.stats()


def test_create_many_with_one_login_and_one_list_read(sim):
    result = run_module(ispconfig_mail_users, task(sim, users(3)))
    assert result['changed'] is True
    assert result['created'] == ['user0@example.com', 'user1@example.com', 'user2@example.com']
    assert result['updated'] == result['deleted'] == []
    # the panel's password rule (its mail and misc settings) is read once, before the first write
    assert stats(sim)['calls'] == ['login', 'mail_user_get', 'mail_domain_get'] + ['system_config_get'] * 2 + \
        ['mail_user_add'] * 3 + ['logout']
    row = stored(sim)['user1@example.com']
    # the same complete record as ispconfig_mail_user sends
    assert (row['quota'], row['postfix'], row['disableimap'], row['maildir']) == (
        str(1024 ** 3), 'y', 'n', '/var/vmail/example.com/user1')
    assert row['password'].startswith('$6$')


def test_no_op_run_over_many_mailboxes_makes_three_requests(sim):
    run_module(ispconfig_mail_users, task(sim, users(40)))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_mail_users, task(sim, users(40)))
    assert result['changed'] is False
    assert result['created'] == result['updated'] == result['deleted'] == []
    assert stats(sim)['calls'] == ['login', 'mail_user_get', 'logout']


def test_same_result_as_the_single_module(sim):
    run_module(ispconfig_mail_user, dict(sim.conn, email='single@example.com', password=PASSWORD, quota='1 GiB'))
    run_module(ispconfig_mail_users, task(sim, [dict(email='bulk@example.com', password=PASSWORD, quota='1 GiB')]))
    single, bulk = stored(sim)['single@example.com'], stored(sim)['bulk@example.com']
    own = ('mailuser_id', 'email', 'login', 'maildir', 'password')
    different = [k for k in single if single[k] != bulk[k] and k not in own]
    assert different == []
    # and each module sees the other's work as converged
    assert run_module(ispconfig_mail_users, task(sim, [dict(email='single@example.com', password=PASSWORD,
                                                            quota='1 GiB')]))['changed'] is False


def test_update_writes_only_what_differs(sim):
    run_module(ispconfig_mail_users, task(sim, users(3)))
    hashes = dict((email, row['password']) for email, row in stored(sim).items())
    sim.simulator.reset_stats()
    items = users(3)
    items[1]['quota'] = '2 GiB'
    items[2]['imap'] = False
    result = run_module(ispconfig_mail_users, task(sim, items), diff=True)
    assert result['updated'] == ['user1@example.com', 'user2@example.com']
    assert stats(sim)['writes'] == ['mail_user_update', 'mail_user_update']
    assert set(result['diff']['before']) == {'user1@example.com', 'user2@example.com'}
    assert result['diff']['after']['user1@example.com']['quota'] == '2147483648 (2 GiB)'
    assert result['diff']['after']['user2@example.com']['imap'] is False
    assert dict((email, row['password']) for email, row in stored(sim).items()) == hashes


def test_password_change_is_masked_in_diff_and_idempotent(sim):
    run_module(ispconfig_mail_users, task(sim, users(2)))
    items = users(2)
    items[0]['password'] = 'An0ther-Secret-Pass'
    result = run_module(ispconfig_mail_users, task(sim, items), diff=True)
    assert result['updated'] == ['user0@example.com']
    assert result['diff']['before']['user0@example.com']['password'] == '<hidden>'
    assert result['diff']['after']['user0@example.com']['password'] == '<hidden, changed>'
    assert 'An0ther-Secret-Pass' not in result['_raw'] and PASSWORD not in result['_raw']
    assert '$6$' not in result['_raw']
    assert run_module(ispconfig_mail_users, task(sim, items))['changed'] is False
    items[1]['password'] = 'Yet-An0ther-Pass'
    assert run_module(ispconfig_mail_users, task(sim, items, update_password='on_create'))['changed'] is False


def test_an_items_update_password_overrides_the_tasks(sim):
    run_module(ispconfig_mail_users, task(sim, users(3)))
    items = users(3, password='An0ther-Secret-Pass')
    items[1]['update_password'] = 'always'
    items[2]['update_password'] = 'on_create'
    result = run_module(ispconfig_mail_users, task(sim, items, update_password='on_create'))
    assert result['updated'] == ['user1@example.com']
    result = run_module(ispconfig_mail_users, task(sim, items, update_password='always'))
    assert result['updated'] == ['user0@example.com']


def test_check_mode_writes_nothing_and_predicts_the_real_run(sim):
    run_module(ispconfig_mail_users, task(sim, users(2)))
    items = users(4)
    items[0]['quota'] = '3 GiB'
    items.append(dict(email='user0@example.com'.replace('0', '9'), state='absent'))
    sim.simulator.reset_stats()
    predicted = run_module(ispconfig_mail_users, task(sim, items), check=True, diff=True)
    assert stats(sim)['writes'] == []
    assert len(stored(sim)) == 2
    real = run_module(ispconfig_mail_users, task(sim, items), diff=True)
    for key in ('changed', 'created', 'updated', 'deleted', 'diff'):
        assert predicted[key] == real[key], key
    assert real['created'] == ['user2@example.com', 'user3@example.com']
    assert real['updated'] == ['user0@example.com']


def test_delete_then_delete_again(sim):
    run_module(ispconfig_mail_users, task(sim, users(3)))
    gone = [dict(email='user1@example.com', state='absent'), dict(email='user2@example.com', state='absent')]
    result = run_module(ispconfig_mail_users, task(sim, gone), diff=True)
    assert result['deleted'] == ['user1@example.com', 'user2@example.com']
    assert result['diff']['after'] == {'user1@example.com': {}, 'user2@example.com': {}}
    assert sorted(stored(sim)) == ['user0@example.com']
    sim.simulator.reset_stats()
    again = run_module(ispconfig_mail_users, task(sim, gone))
    assert again['changed'] is False
    assert stats(sim)['writes'] == []


def test_purge_deletes_only_unlisted_mailboxes_of_the_listed_domains(sim):
    run_module(ispconfig_mail_users, task(sim, users(3) + users(2, domain='example.org')))
    kept = users(1)
    predicted = run_module(ispconfig_mail_users, task(sim, kept, purge=True), check=True)
    assert predicted['deleted'] == ['user1@example.com', 'user2@example.com']
    assert len(stored(sim)) == 5
    result = run_module(ispconfig_mail_users, task(sim, kept, purge=True))
    assert result['deleted'] == predicted['deleted']
    assert sorted(stored(sim)) == ['user0@example.com', 'user0@example.org', 'user1@example.org']
    # a domain with nothing to keep is named with an absent item
    result = run_module(ispconfig_mail_users, task(sim, [dict(email='nobody@example.org', state='absent')],
                                                   purge=True))
    assert result['deleted'] == ['user0@example.org', 'user1@example.org']
    assert run_module(ispconfig_mail_users, task(sim, kept, purge=True))['changed'] is False


def test_purge_off_leaves_unlisted_mailboxes(sim):
    run_module(ispconfig_mail_users, task(sim, users(3)))
    assert run_module(ispconfig_mail_users, task(sim, users(1)))['changed'] is False
    assert len(stored(sim)) == 3


@pytest.mark.parametrize('bad, message', [
    (dict(quota='lots'), "mailbox user1@example.com: quota: cannot read 'lots' as a size"),
    (dict(email='not-an-address'), "users[1]: 'not-an-address' is not an e-mail address"),
    (dict(email='a+b@example.com'), 'mailbox a+b@example.com: ISPConfig rejects "+"'),
    (dict(cc=['nobody']), "mailbox user1@example.com: 'nobody' is not an e-mail address"),
    (dict(email='USER0@example.com'), 'users[0] and users[1] both name user0@example.com'),
])
def test_bad_item_fails_before_any_request_naming_it(sim, bad, message):
    items = users(3)
    items[1].update(bad)
    result = run_module(ispconfig_mail_users, task(sim, items))
    assert result['failed'] is True
    assert result['msg'].startswith(message), result['msg']
    assert stats(sim)['requests'] == 0


def test_unknown_item_option_is_refused(sim):
    items = users(1)
    items[0]['quotas'] = '1G'
    result = run_module(ispconfig_mail_users, task(sim, items))
    assert result['failed'] is True and 'quotas' in result['msg']
    assert stats(sim)['requests'] == 0


def test_missing_domain_or_quota_fails_before_any_write(sim):
    items = users(2) + [dict(email='x@unknown.example', password=PASSWORD, quota='1G')]
    result = run_module(ispconfig_mail_users, task(sim, items))
    assert result['failed'] is True
    assert 'mail domain unknown.example does not exist' in result['msg']
    items = users(2) + [dict(email='noquota@example.com', password=PASSWORD)]
    result = run_module(ispconfig_mail_users, task(sim, items))
    assert result['failed'] and 'quota is required to create noquota@example.com' in result['msg']
    assert stats(sim)['writes'] == []


def test_check_mode_warns_once_per_missing_domain(sim):
    items = [dict(email='a@new.example', password=PASSWORD, quota='1G'),
             dict(email='b@new.example', password=PASSWORD, quota='1G')]
    result = run_module(ispconfig_mail_users, task(sim, items), check=True)
    assert result['created'] == ['a@new.example', 'b@new.example']
    assert len([w for w in result['warnings'] if 'new.example does not exist' in w]) == 2  # one per mailbox
    assert stats(sim)['writes'] == []


def test_write_failure_mid_way_reports_the_change_and_what_was_written(sim):
    items = users(4)
    items[2]['login'] = 'user0@example.com'  # the panel refuses a login that is taken; only the server can tell
    result = run_module(ispconfig_mail_users, task(sim, items))
    assert result['failed'] is True
    assert result['changed'] is True, 'two mailboxes were written: the task changed the server'
    assert result['msg'].startswith('While converging mailbox user2@example.com: mail_user_add failed')
    assert 'Written before this item: created user0@example.com, user1@example.com; nothing after it was ' \
        'sent.' in result['msg']
    assert result['created'] == ['user0@example.com', 'user1@example.com']
    assert result['call'] == 'mail_user_add'
    assert sorted(stored(sim)) == ['user0@example.com', 'user1@example.com']
    assert 'Traceback' not in result['_raw']


def test_a_weak_password_anywhere_fails_the_list_before_the_first_write(sim):
    items = users(40)
    items[39]['password'] = 'short'
    for check in (True, False):
        result = run_module(ispconfig_mail_users, task(sim, items), check=check)
        assert result['failed'] is True and not result.get('changed')
        assert result['msg'] == ('mailbox user39@example.com: the password is too weak for ISPConfig: it needs at '
                                 'least 8 characters and a strength of "Good" (3 of 5: longer, and mixing lower and '
                                 'upper case, digits and punctuation, rates higher) (the panel\'s rule)')
        assert 'short' not in result['_raw']
    assert stats(sim)['writes'] == [] and stored(sim) == {}


def test_the_password_rule_is_the_panels_own(sim):
    sim.simulator.control('set_config', {'section': 'misc', 'key': 'min_password_length', 'value': '6'})
    sim.simulator.control('set_config', {'section': 'misc', 'key': 'min_password_strength', 'value': '0'})
    result = run_module(ispconfig_mail_users, task(sim, users(2, password='abcdef')))
    assert result['created'] == ['user0@example.com', 'user1@example.com']
    result = run_module(ispconfig_mail_users, task(sim, users(1, domain='example.org', password='abcde')))
    assert result['failed'] and 'it needs at least 6 characters (the panel\'s rule)' in result['msg']


def test_a_panel_that_wants_only_ascii_mail_passwords_checks_that_instead(sim):
    sim.simulator.control('set_config', {'section': 'mail', 'key': 'mail_password_onlyascii', 'value': 'y'})
    result = run_module(ispconfig_mail_users, task(sim, users(1, password='weak')))
    assert result['created'] == ['user0@example.com'], result
    result = run_module(ispconfig_mail_users, task(sim, users(2, domain='example.org', password='p\u00e4sswort')))
    assert result['failed'] is True and 'may hold only ASCII characters' in result['msg']
    assert sorted(stored(sim)) == ['user0@example.com']


def test_without_the_server_functions_the_stock_rule_is_checked(sim):
    sim.simulator.control('add_remote_user', {'username': 'mail-only', 'password': 'Mail-Only-Pass-1',
                                              'functions': ['mail_domain', 'mail_user']})
    conn = dict(api_username='mail-only', api_password='Mail-Only-Pass-1')
    items = users(3)
    items[1]['password'] = 'abcdefgh'  # 8 characters of strength "Fair"
    result = run_module(ispconfig_mail_users, task(sim, items, **conn))
    assert result['failed'] is True and result['msg'].startswith('mailbox user1@example.com: the password is too weak')
    assert 'ISPConfig\'s stock rule: the remote user may not read the panel\'s own, tick "Server functions"' in \
        result['msg']
    assert stats(sim)['writes'] == []
    assert run_module(ispconfig_mail_users, task(sim, users(3), **conn))['changed'] is True


def test_an_unchanged_password_costs_no_rule_lookup(sim):
    run_module(ispconfig_mail_users, task(sim, users(2)))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_mail_users, task(sim, users(2, name='Renamed')))
    assert result['updated'] == ['user0@example.com', 'user1@example.com']
    assert 'system_config_get' not in stats(sim)['calls']


def test_fields_the_panel_ignores_warn_once_for_the_whole_list(sim):
    sim.simulator.control('set_config', {'section': 'mail', 'key': 'mailbox_show_mail_filter_tab', 'value': 'n'})
    items = users(5, move_junk='n', imap=False)
    result = run_module(ispconfig_mail_users, task(sim, items))
    assert len(result['created']) == 5
    assert len(result['warnings']) == 2, result['warnings']  # one for the hidden tab, one for IMAP without Sieve
    assert all(row['move_junk'] == 'y' for row in stored(sim).values())
    again = run_module(ispconfig_mail_users, task(sim, items))
    assert again['changed'] is False and len(again['warnings']) == 1


def test_first_write_failing_says_nothing_was_written(sim):
    sim.simulator.add_fault(status=500, body='', content_type='text/html; charset=utf-8', call='mail_user_add')
    result = run_module(ispconfig_mail_users, task(sim, users(2)))
    assert result['failed'] is True
    assert 'HTTP 500' in result['msg'] and 'Nothing was written before this item; nothing after it was sent.' in result['msg']
    assert result['created'] == []


def test_lost_reply_is_resolved_by_reading_again(sim):
    sim.simulator.add_fault(kind='lost_reply', call='mail_user_add')
    result = run_module(ispconfig_mail_users, task(sim, users(2)))
    assert result['changed'] is True, result
    assert stats(sim)['writes'] == ['mail_user_add', 'mail_user_add']
    assert any('lost' in w for w in result['warnings'])


def test_session_expired_mid_run_is_renewed_once(sim):
    run_module(ispconfig_mail_users, task(sim, users(1)))
    sim.simulator.add_fault(kind='control', control='expire_sessions', call='mail_user_update')
    sim.simulator.reset_stats()
    items = users(1, name='Alice')
    result = run_module(ispconfig_mail_users, task(sim, items))
    assert result['updated'] == ['user0@example.com'], result
    assert stats(sim)['calls'] == ['login', 'mail_user_get', 'mail_user_update', 'login', 'mail_user_update',
                                   'logout']


def test_owner_is_looked_up_once_per_client(sim):
    from ansible_collections.hosting.provision.plugins.modules import ispconfig_client
    run_module(ispconfig_client, dict(sim.conn, username='acme', password='Client-Pass-123', contact_name='A',
                                      email='a@acme.example'))
    assert run_module(ispconfig_mail_domain, dict(sim.conn, domain='example.com', client='acme'))['changed']
    sim.simulator.reset_stats()
    result = run_module(ispconfig_mail_users, task(sim, users(3, client='acme')))
    assert result['changed'] is True
    assert stats(sim)['calls'].count('client_get_by_username') == 1
    assert run_module(ispconfig_mail_users, task(sim, users(3, client='acme')))['changed'] is False


def test_wrong_api_password_is_one_sentence(sim):
    result = run_module(ispconfig_mail_users, task(sim, users(1), api_password='not-the-password'))
    assert result['failed'] is True
    assert result['msg'].startswith("Login to ISPConfig at %s as 'demo' failed" % sim.url)
    assert 'not-the-password' not in result['_raw']


def test_without_client_the_mailboxes_get_the_owner_of_their_domain_read_once(sim):
    """The panel's mailbox form gives a new mailbox the group of its mail domain."""
    from ansible_collections.hosting.provision.plugins.modules import ispconfig_client
    run_module(ispconfig_client, dict(sim.conn, username='acme', password='Client-Pass-123', contact_name='A',
                                      email='a@acme.example'))
    assert run_module(ispconfig_mail_domain, dict(sim.conn, domain='example.com', client='acme'))['changed']
    domain_group = [row for row in sim.simulator.tables['mail_domain'].values()
                    if row['domain'] == 'example.com'][0]['sys_groupid']
    assert domain_group != '1'
    sim.simulator.reset_stats()
    assert run_module(ispconfig_mail_users, task(sim, users(3)))['changed'] is True
    assert stats(sim)['calls'].count('client_get_by_groupid') == 1
    assert sorted(row['sys_groupid'] for row in sim.simulator.tables['mail_user'].values()) == [domain_group] * 3
    assert run_module(ispconfig_mail_users, task(sim, users(3)))['changed'] is False


def test_a_client_other_than_the_domain_owner_is_refused_before_any_write(sim):
    from ansible_collections.hosting.provision.plugins.modules import ispconfig_client
    run_module(ispconfig_client, dict(sim.conn, username='acme', password='Client-Pass-123', contact_name='A',
                                      email='a@acme.example'))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_mail_users, task(sim, users(1, client='acme')))
    assert result['failed'] is True
    assert 'its mail domain example.com belongs to the admin' in result['msg']
    assert stats(sim)['writes'] == []
