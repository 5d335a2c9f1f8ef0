# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""mailbox_accounts against the mailbox.org simulator: the full module test matrix, for a list."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import mailbox_account, mailbox_accounts

PASSWORD = 'Mailbox-Pass-1'


@pytest.fixture
def sim(serve):
    running = serve('mailbox_org', domains=['example.com', 'example.org'])
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    return running


def accounts(count=3, domain='example.com', **options):
    return [dict(dict(mail='user%d@%s' % (i, domain), password=PASSWORD, plan='light', first_name='User',
                      last_name=str(i)), **options) for i in range(count)]


def task(sim, items, **options):
    return dict(dict(sim.conn, accounts=items, update_password='on_create'), **options)


def stored(sim):
    return sim.simulator.state()['mails']


def stats(sim):
    return sim.simulator.stats()


def test_create_many_with_one_auth_and_one_list_read(sim):
    items = accounts(2)
    items[1]['aliases'] = ['alias1@example.com']
    result = run_module(mailbox_accounts, task(sim, items))
    assert result['changed'] is True
    assert result['created'] == ['user0@example.com', 'user1@example.com']
    # aliases are set with a mail.set right after the add, as mailbox_account does
    assert stats(sim)['calls'] == ['auth', 'mail.list', 'mail.add', 'mail.add', 'mail.set', 'deauth']
    assert stored(sim)['user1@example.com']['aliases'] == ['alias1@example.com']


def test_no_op_run_over_many_accounts_makes_three_requests(sim):
    run_module(mailbox_accounts, task(sim, accounts(40)))
    sim.simulator.reset_stats()
    result = run_module(mailbox_accounts, task(sim, accounts(40)))
    assert result['changed'] is False
    assert stats(sim)['calls'] == ['auth', 'mail.list', 'deauth']


def test_one_list_read_per_domain(sim):
    run_module(mailbox_accounts, task(sim, accounts(2) + accounts(2, domain='example.org')))
    sim.simulator.reset_stats()
    run_module(mailbox_accounts, task(sim, accounts(2) + accounts(2, domain='example.org')))
    assert stats(sim)['calls'] == ['auth', 'mail.list', 'mail.list', 'deauth']


def test_the_single_module_sees_the_bulk_work_as_converged(sim):
    run_module(mailbox_accounts, task(sim, accounts(1, aliases=['a@example.com'], memo='x')))
    single = dict(sim.conn, update_password='on_create', **accounts(1, aliases=['a@example.com'], memo='x')[0])
    assert run_module(mailbox_account, single)['changed'] is False


def test_update_writes_only_what_differs(sim):
    run_module(mailbox_accounts, task(sim, accounts(3)))
    sim.simulator.reset_stats()
    items = accounts(3)
    items[1]['plan'] = 'standard'
    items[2]['forwards'] = ['elsewhere@example.net']
    result = run_module(mailbox_accounts, task(sim, items), diff=True)
    assert result['updated'] == ['user1@example.com', 'user2@example.com']
    assert stats(sim)['writes'] == ['mail.set', 'mail.set']
    assert result['diff']['before']['user1@example.com']['plan'] == 'light'
    assert result['diff']['after']['user1@example.com']['plan'] == 'standard'
    assert stored(sim)['user2@example.com']['forwards'] == ['elsewhere@example.net']


def test_password_with_update_password_always_is_sent_and_masked(sim):
    run_module(mailbox_accounts, task(sim, accounts(2)))
    result = run_module(mailbox_accounts, task(sim, accounts(2), update_password='always'), diff=True)
    # mailbox.org never returns passwords: `always` sends them again, as documented
    assert result['updated'] == ['user0@example.com', 'user1@example.com']
    assert result['diff']['after']['user0@example.com']['password'] == '<hidden, changed>'
    assert PASSWORD not in result['_raw']


def test_an_items_update_password_overrides_the_tasks(sim):
    run_module(mailbox_accounts, task(sim, accounts(2)))
    items = accounts(2)
    items[1]['update_password'] = 'always'
    assert run_module(mailbox_accounts, task(sim, items))['updated'] == ['user1@example.com']
    items[1]['update_password'] = 'on_create'
    assert run_module(mailbox_accounts, task(sim, items, update_password='always'))['updated'] == [
        'user0@example.com']


def test_check_mode_writes_nothing_and_predicts_the_real_run(sim):
    run_module(mailbox_accounts, task(sim, accounts(2)))
    items = accounts(4)
    items[0]['last_name'] = 'Changed'
    items.append(dict(mail='user9@example.com', state='absent'))
    sim.simulator.reset_stats()
    predicted = run_module(mailbox_accounts, task(sim, items), check=True, diff=True)
    assert stats(sim)['writes'] == []
    assert len(stored(sim)) == 2
    real = run_module(mailbox_accounts, task(sim, items), diff=True)
    for key in ('changed', 'created', 'updated', 'deleted', 'diff'):
        assert predicted[key] == real[key], key
    assert real['created'] == ['user2@example.com', 'user3@example.com']
    assert real['updated'] == ['user0@example.com']


def test_delete_then_delete_again(sim):
    run_module(mailbox_accounts, task(sim, accounts(3)))
    gone = [dict(mail='user1@example.com', state='absent')]
    result = run_module(mailbox_accounts, task(sim, gone), diff=True)
    assert result['deleted'] == ['user1@example.com']
    assert result['diff']['after'] == {'user1@example.com': {}}
    assert sorted(stored(sim)) == ['user0@example.com', 'user2@example.com']
    sim.simulator.reset_stats()
    assert run_module(mailbox_accounts, task(sim, gone))['changed'] is False
    assert stats(sim)['writes'] == []


def test_purge_deletes_only_unlisted_accounts_of_the_listed_domains(sim):
    run_module(mailbox_accounts, task(sim, accounts(3) + accounts(2, domain='example.org')))
    predicted = run_module(mailbox_accounts, task(sim, accounts(1), purge=True), check=True)
    assert predicted['deleted'] == ['user1@example.com', 'user2@example.com']
    assert len(stored(sim)) == 5
    result = run_module(mailbox_accounts, task(sim, accounts(1), purge=True))
    assert result['deleted'] == predicted['deleted']
    assert sorted(stored(sim)) == ['user0@example.com', 'user0@example.org', 'user1@example.org']
    assert run_module(mailbox_accounts, task(sim, accounts(1), purge=True))['changed'] is False


@pytest.mark.parametrize('bad, message', [
    (dict(mail='no-at-sign'), 'accounts[1]: '),
    (dict(additional_mail_quota=-1),
     'mail account user1@example.com: additional_mail_quota must be a whole number from 0 to 9223372036854775807'),
    (dict(inboxsave=False, forwards=[]), 'mail account user1@example.com: a mail account with inboxsave=false'),
    (dict(mail='User0@Example.com'), 'accounts[0] and accounts[1] both name user0@example.com'),
])
def test_bad_item_fails_before_any_request_naming_it(sim, bad, message):
    items = accounts(3)
    items[1].update(bad)
    result = run_module(mailbox_accounts, task(sim, items))
    assert result['failed'] is True
    assert result['msg'].startswith(message), result['msg']
    assert stats(sim)['requests'] == 0


def test_password_and_hash_together_are_refused(sim):
    items = accounts(1, password_hash='{SSHA512}abc')
    result = run_module(mailbox_accounts, task(sim, items))
    assert result['failed'] is True and 'mutually exclusive' in result['msg']
    assert stats(sim)['requests'] == 0


def test_missing_domain_or_fields_fail_before_any_write(sim):
    items = accounts(2) + [dict(mail='x@unknown.example', password=PASSWORD, plan='light', first_name='X',
                                last_name='Y')]
    result = run_module(mailbox_accounts, task(sim, items))
    assert result['failed'] is True
    assert 'The domain unknown.example does not exist' in result['msg']
    result = run_module(mailbox_accounts, task(sim, accounts(2) + [dict(mail='bare@example.com')]))
    assert result['failed'] is True
    assert 'plan, first_name, last_name, password or password_hash required to create' in result['msg']
    assert stats(sim)['writes'] == []


def test_absent_item_on_a_missing_domain_is_a_no_op(sim):
    result = run_module(mailbox_accounts, task(sim, [dict(mail='x@unknown.example', state='absent')]))
    assert result['changed'] is False, result


def test_write_failure_mid_way_names_what_was_written(sim):
    items = accounts(4)
    items[2]['aliases'] = ['user0@example.com']  # the address of another account: mailbox.org refuses it
    result = run_module(mailbox_accounts, task(sim, items))
    assert result['failed'] is True and result['changed'] is True
    assert result['msg'].startswith('While converging mail account user2@example.com: mail account '
                                    'user2@example.com was created, but setting aliases failed: mail.set failed')
    assert 'Written before this item: created user0@example.com, user1@example.com; nothing after it was ' \
           'sent.' in result['msg']
    assert result['created'] == ['user0@example.com', 'user1@example.com']
    assert sorted(stored(sim)) == ['user0@example.com', 'user1@example.com', 'user2@example.com']
    assert PASSWORD not in result['_raw'] and 'Traceback' not in result['_raw']


def test_first_write_failing_says_nothing_was_written(sim):
    sim.simulator.add_fault(status=502, body='Bad gateway', call='mail.add')
    result = run_module(mailbox_accounts, task(sim, accounts(2)))
    assert result['failed'] is True
    assert 'HTTP 502' in result['msg'] and 'Nothing was written before this item; nothing after it was sent.' in result['msg']
    assert result['created'] == [] and result['changed'] is False


def test_a_failing_first_item_that_was_partly_written_reports_the_change(sim):
    assert run_module(mailbox_accounts, task(sim, accounts(1, domain='example.org')))['changed'] is True
    items = accounts(2)
    items[0]['aliases'] = ['user0@example.org']  # another account's address: refused after the account was added
    result = run_module(mailbox_accounts, task(sim, items))
    assert result['failed'] is True and result['created'] == []
    assert result['changed'] is True, 'the account was added before mail.set failed'
    assert sorted(stored(sim)) == ['user0@example.com', 'user0@example.org']


def test_lost_reply_is_resolved_by_reading_again(sim):
    sim.simulator.add_fault(kind='lost_reply', call='mail.add')
    result = run_module(mailbox_accounts, task(sim, accounts(2)))
    assert result['changed'] is True, result
    assert stats(sim)['writes'] == ['mail.add', 'mail.add']
    assert any('lost' in w for w in result['warnings'])


def test_auth_id_expired_mid_run_is_renewed_once(sim):
    run_module(mailbox_accounts, task(sim, accounts(1)))
    sim.simulator.add_fault(kind='control', control='expire_auth', call='mail.set')
    sim.simulator.reset_stats()
    result = run_module(mailbox_accounts, task(sim, accounts(1, memo='note')))
    assert result['updated'] == ['user0@example.com'], result
    assert stats(sim)['calls'] == ['auth', 'mail.list', 'mail.set', 'auth', 'mail.set', 'deauth']


def test_wrong_api_password_is_one_sentence(sim):
    result = run_module(mailbox_accounts, task(sim, accounts(1), api_password='not-the-password'))
    assert result['failed'] is True
    assert result['msg'].startswith("Login to mailbox.org at %s as 'demo' failed" % sim.url)
    assert 'not-the-password' not in result['_raw']


def test_check_mode_warns_about_a_domain_an_admin_login_cannot_list(serve):
    """Only an account's own login can list its domains; for another login check mode cannot tell a missing
    domain (which an earlier task of the play may add) from a refusal, so it warns, and a real run fails."""
    running = serve('mailbox_org', domains=['example.com'], users={'admin': {'pass': 'Admin-Pass-1', 'level': 'admin'}})
    running.conn = dict(api_url=running.url, api_username='admin', api_password='Admin-Pass-1')
    items = accounts(1, domain='new.example')
    result = run_module(mailbox_accounts, task(running, items), check=True)
    assert result['created'] == ['user0@new.example'], result
    assert any('Check mode cannot tell whether the domain new.example is missing' in w for w in result['warnings'])
    assert stats(running)['writes'] == []
    result = run_module(mailbox_accounts, task(running, items))
    assert result['failed'] is True and 'Does the domain new.example exist' in result['msg'], result


def test_items_take_the_mailbox_settings_each_read_only_where_given(sim):
    notice = dict(subject='Away', start_date='2026-07-01', end_date='2026-07-14')
    items = accounts(2)
    items[0]['capabilities'] = {'MAIL_OTP': 'on'}
    items[1]['vacation'] = notice
    assert run_module(mailbox_accounts, task(sim, items))['changed'] is True
    assert stored(sim)['user0@example.com']['capabilities'] == ['MAIL_OTP']
    assert stored(sim)['user1@example.com']['vacation']['subject'] == 'Away'
    sim.simulator.reset_stats()
    result = run_module(mailbox_accounts, task(sim, items))
    assert result['changed'] is False, result
    # capabilities come with the list read; the notice costs one read for the one item that sets it
    assert stats(sim)['calls'] == ['auth', 'mail.list', 'mail.vacation.get', 'deauth']
    items[1]['vacation'] = dict(notice, state='absent', subject=None, start_date=None, end_date=None)
    result = run_module(mailbox_accounts, task(sim, items))
    assert result['updated'] == ['user1@example.com'] and stored(sim)['user1@example.com']['vacation'] is None


def test_a_bad_setting_in_any_item_fails_the_list_before_any_request(sim):
    items = accounts(2)
    items[1]['spam_protection'] = dict(spam_score=5.55)
    result = run_module(mailbox_accounts, task(sim, items))
    assert result['failed'] is True
    assert result['msg'] == ('mail account user1@example.com: spam_protection: spam_score: 5.55 is not a number with at '
                             'most one decimal')
    assert stats(sim)['requests'] == 0
