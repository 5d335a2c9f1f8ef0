# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_mail_spamfilter against the ISPConfig simulator: the module test matrix."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (
    ispconfig_client, ispconfig_mail_domain, ispconfig_mail_spamfilter,
)

READ = ['login', 'mail_spamfilter_user_get', 'mail_policy_get', 'mail_spamfilter_whitelist_get']


@pytest.fixture
def sim(ispconfig):
    """The simulator with the mail domain example.com."""
    assert run_module(ispconfig_mail_domain, dict(ispconfig.conn, domain='example.com'))['changed']
    ispconfig.simulator.reset_stats()
    return ispconfig


def table(sim, name):
    return sim.simulator.state()['tables'][name]


def users(sim):
    return [{k: row[k] for k in ('id', 'email', 'fullname', 'priority', 'policy_id', 'local', 'server_id')}
            for row in table(sim, 'spamfilter_users')]


def entries(sim):
    return sorted((row['wb'], row['email'], row['rid'], row['priority'], row['active'], row['server_id'])
                  for row in table(sim, 'spamfilter_wblist'))


def spamfilter(sim, **options):
    return dict(sim.conn, **dict(dict(email='@Example.com', policy='Normal', whitelist=['Friend@Partner.example'],
                                      blacklist=['@spam.example', 'bad@spam2.example']), **options))


def test_create_is_the_panels_rows_and_a_second_run_reads_only(sim):
    created = run_module(ispconfig_mail_spamfilter, spamfilter(sim), diff=True)
    assert (created['changed'], created['action']) == (True, 'created')
    assert sim.simulator.stats()['calls'] == [
        'login', 'mail_spamfilter_user_get', 'mail_domain_get', 'mail_policy_get', 'mail_spamfilter_user_add',
        'mail_spamfilter_whitelist_add', 'mail_spamfilter_blacklist_add', 'mail_spamfilter_blacklist_add', 'logout']
    # what mail_domain_edit.php writes for a domain with a policy: priority 5, local Y, the address as its name
    assert users(sim) == [dict(id='1', email='@example.com', fullname='@example.com', priority='5', policy_id='5',
                               local='Y', server_id='1')]
    # W and B always sent (the API stores '' without them), the list form's priority and switch
    assert entries(sim) == [('B', '@spam.example', '1', '5', 'y', '1'), ('B', 'bad@spam2.example', '1', '5', 'y', '1'),
                            ('W', 'friend@partner.example', '1', '5', 'y', '1')]
    assert created['mail_spamfilter'] == dict(
        id=1, email='@example.com', policy='Normal', policy_id=5, whitelist=['friend@partner.example'],
        blacklist=['@spam.example', 'bad@spam2.example'], fullname='@example.com', priority=5, local=True, server_id=1)

    sim.simulator.reset_stats()
    again = run_module(ispconfig_mail_spamfilter, spamfilter(sim, blacklist=['bad@spam2.example', '@SPAM.example']))
    assert (again['changed'], again['action']) == (False, 'none')
    assert sim.simulator.stats()['calls'] == READ + ['logout']


def test_an_address_gets_the_mailbox_pages_priority(sim):
    run_module(ispconfig_mail_spamfilter, dict(sim.conn, email='Alice@Example.com', policy='Uncensored'))
    assert users(sim) == [dict(id='1', email='alice@example.com', fullname='alice@example.com', priority='7',
                               policy_id='2', local='Y', server_id='1')]
    assert entries(sim) == []


def test_lists_converge_as_sets_and_policy_changes(sim):
    run_module(ispconfig_mail_spamfilter, spamfilter(sim))
    sim.simulator.reset_stats()
    changed = run_module(ispconfig_mail_spamfilter, spamfilter(
        sim, policy='Wants all spam', whitelist=['friend@partner.example', 'new@partner.example'],
        blacklist=['@spam.example']), diff=True)
    assert (changed['changed'], changed['action']) == (True, 'updated')
    assert sim.simulator.stats()['writes'] == ['mail_spamfilter_user_update', 'mail_spamfilter_whitelist_add',
                                               'mail_spamfilter_blacklist_delete']
    assert (changed['diff']['before']['policy'], changed['diff']['after']['policy']) == ('Normal', 'Wants all spam')
    assert changed['diff']['after']['blacklist'] == ['@spam.example']
    assert users(sim)[0]['policy_id'] == '3'
    assert [e[:2] for e in entries(sim)] == [('B', '@spam.example'), ('W', 'friend@partner.example'),
                                             ('W', 'new@partner.example')]
    # an omitted list is left as it is; [] empties it
    sim.simulator.reset_stats()
    kept = run_module(ispconfig_mail_spamfilter, dict(sim.conn, email='@example.com'))
    assert kept['changed'] is False and kept['mail_spamfilter']['blacklist'] == ['@spam.example']
    emptied = run_module(ispconfig_mail_spamfilter, dict(sim.conn, email='@example.com', whitelist=[]))
    assert emptied['changed'] is True and [e[:2] for e in entries(sim)] == [('B', '@spam.example')]


def test_an_entry_switched_off_is_switched_on_not_added_twice(sim):
    run_module(ispconfig_mail_spamfilter, spamfilter(sim))
    row_id = [r for r in table(sim, 'spamfilter_wblist') if r['wb'] == 'W'][0]['wblist_id']
    sim.simulator.control('set_row', {'table': 'spamfilter_wblist', 'id': row_id, 'values': {'active': 'n'}})
    sim.simulator.reset_stats()
    result = run_module(ispconfig_mail_spamfilter, spamfilter(sim), diff=True)
    assert result['changed'] is True and result['diff']['before']['whitelist'] == []
    assert sim.simulator.stats()['writes'] == ['mail_spamfilter_whitelist_update']
    assert [e[:2] + e[4:5] for e in entries(sim) if e[0] == 'W'] == [('W', 'friend@partner.example', 'y')]


def test_delete_removes_the_lists_the_api_would_leave(sim):
    run_module(ispconfig_mail_spamfilter, spamfilter(sim))
    sim.simulator.reset_stats()
    deleted = run_module(ispconfig_mail_spamfilter, dict(sim.conn, email='@example.com', state='absent'), diff=True)
    assert (deleted['changed'], deleted['action']) == (True, 'deleted')
    assert sim.simulator.stats()['calls'] == READ + [
        'mail_spamfilter_whitelist_delete', 'mail_spamfilter_blacklist_delete', 'mail_spamfilter_blacklist_delete',
        'mail_spamfilter_user_delete', 'logout']
    assert table(sim, 'spamfilter_users') == [] and table(sim, 'spamfilter_wblist') == []
    sim.simulator.reset_stats()
    assert run_module(ispconfig_mail_spamfilter, dict(sim.conn, email='@example.com', state='absent'))['changed'] \
        is False
    assert sim.simulator.stats()['calls'] == ['login', 'mail_spamfilter_user_get', 'logout']


def test_check_mode_predicts_and_writes_nothing(sim):
    predicted = run_module(ispconfig_mail_spamfilter, spamfilter(sim), check=True, diff=True)
    assert sim.simulator.stats()['writes'] == [] and table(sim, 'spamfilter_users') == []
    real = run_module(ispconfig_mail_spamfilter, spamfilter(sim), diff=True)
    assert real['mail_spamfilter'].pop('id') == real['diff']['after'].pop('id') == 1
    assert (predicted['changed'], predicted['diff']) == (real['changed'], real['diff'])
    sim.simulator.reset_stats()
    options = spamfilter(sim, policy='Uncensored', whitelist=[])
    change = run_module(ispconfig_mail_spamfilter, options, check=True, diff=True)
    assert change['changed'] is True and sim.simulator.stats()['writes'] == []
    assert change['diff'] == run_module(ispconfig_mail_spamfilter, options, diff=True)['diff']


def test_unknown_policy_is_one_sentence_naming_the_panels_policies(sim):
    result = run_module(ispconfig_mail_spamfilter, spamfilter(sim, policy='normal'))
    assert result['failed'] is True
    assert result['msg'] == ("'normal' is not a spam filter policy of this panel; its policies are: Non-paying, "
                             "Uncensored, Wants all spam, Wants viruses, Normal, Trigger happy, Permissive")
    assert sim.simulator.stats()['writes'] == []
    missing = run_module(ispconfig_mail_spamfilter, dict(sim.conn, email='@example.com'))
    assert missing['failed'] is True and missing['msg'] == (
        'policy is required to create the spam filter of @example.com: the panel always gives it one')
    assert sim.simulator.stats()['writes'] == []


@pytest.mark.parametrize('options, message', [
    (dict(email='example.com'), "'example.com' is neither an address nor \"@\" and a domain (@example.com for"),
    (dict(email='@'), "'@' is neither an address nor"),
    (dict(whitelist=['a@x.example', 'not an address']), 'whitelist'),
    (dict(whitelist=['a@x.example'], blacklist=['A@X.example']), 'a@x.example cannot be on the whitelist and the '
     'blacklist at once'),
])
def test_bad_input_fails_before_any_request(ispconfig, options, message):
    result = run_module(ispconfig_mail_spamfilter, dict(ispconfig.conn, **dict(dict(email='@example.com'), **options)))
    assert result['failed'] is True and message in result['msg'], result['msg']
    assert ispconfig.simulator.stats()['requests'] == 0


def test_a_domain_the_panel_does_not_host_fails_with_nothing_written(sim):
    options = spamfilter(sim, email='@unhosted.example')
    result = run_module(ispconfig_mail_spamfilter, options)
    assert result['failed'] is True
    assert result['msg'] == ('Cannot create spam filter of @unhosted.example: the mail domain unhosted.example does '
                             'not exist in ISPConfig; create it first (hosting.provision.ispconfig_mail_domain).')
    assert sim.simulator.stats()['writes'] == []
    predicted = run_module(ispconfig_mail_spamfilter, options, check=True)
    assert predicted['changed'] is True and any('A real run fails' in w for w in predicted['warnings'])


def test_a_concurrent_duplicate_is_one_sentence_and_nothing_twice(sim, monkeypatch):
    """The unique key on email: mail_spamfilter_user_add of an address another task created since this task's
    read dies with an empty HTTP 500 (recording 17). The module never adds it twice: the error says so."""
    from ansible_collections.hosting.provision.plugins.module_utils import ispconfig_resources
    original = ispconfig_resources.MailSpamfilter.read

    def read_then_someone_else_creates(resource):
        raw = original(resource)
        sim.simulator.tables['spamfilter_users'][7] = dict(
            id='7', sys_userid='1', sys_groupid='1', sys_perm_user='riud', sys_perm_group='riud', sys_perm_other='',
            server_id='1', priority='5', policy_id='5', email='@example.com', fullname='@example.com', local='Y')
        return raw
    monkeypatch.setattr(ispconfig_resources.MailSpamfilter, 'read', read_then_someone_else_creates)
    result = run_module(ispconfig_mail_spamfilter, spamfilter(sim))
    assert result['failed'] is True
    assert result['msg'] == ('mail_spamfilter_user_add failed: ISPConfig refused a second spam filter of @example.com '
                             '(an empty HTTP 500 is its answer to a duplicate address), because one was created while '
                             'this task ran; run the task again to converge it.')
    assert [row['id'] for row in table(sim, 'spamfilter_users')] == ['7'] and table(sim, 'spamfilter_wblist') == []


def test_a_new_spamfilter_gets_the_owner_and_server_of_its_domain(sim):
    sim.simulator.control('add_server', {'server_name': 'mx2.example.com', 'mail_server': 1})
    assert run_module(ispconfig_client, dict(sim.conn, username='acme', password='Client-Pass-123',
                                             contact_name='A', email='a@acme.example'))['changed']
    run_module(ispconfig_mail_domain, dict(sim.conn, domain='example.org', server_id=2, client='acme'))
    run_module(ispconfig_mail_spamfilter, spamfilter(sim, email='@example.org'))
    group = [r for r in table(sim, 'mail_domain') if r['domain'] == 'example.org'][0]['sys_groupid']
    assert {(row['server_id'], row['sys_groupid']) for row in table(sim, 'spamfilter_users') +
            table(sim, 'spamfilter_wblist')} == {('2', group)}


def test_expired_session_and_fault(sim):
    run_module(ispconfig_mail_spamfilter, spamfilter(sim))
    sim.simulator.clock.advance(1801)
    assert run_module(ispconfig_mail_spamfilter, spamfilter(sim))['changed'] is False
    sim.simulator.add_fault(status=500, body='', call='mail_spamfilter_whitelist_add')
    failed = run_module(ispconfig_mail_spamfilter, spamfilter(sim, whitelist=['other@partner.example']))
    assert failed['failed'] is True and failed['status'] == 500
