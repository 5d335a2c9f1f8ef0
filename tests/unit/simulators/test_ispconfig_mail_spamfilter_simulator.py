# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ISPConfig simulator's catch-all, spam filter user, white/blacklist and policy functions: what recording 17
shows a module author would get wrong, and the panel invariants of those tables."""

import pytest

from test_ispconfig_simulator import Api, add_client, add_domain


@pytest.fixture
def api(serve):
    # raw API calls, which leave rows the panel's forms never would: the panel invariant check is off
    client = Api(serve('ispconfig', panel_invariants=False))
    client.login()
    add_client(client)  # client 1, group 2
    add_domain(client, client_id=1)
    return client


def add(api, function, **params):
    return api.ok(function, session_id=api.session, client_id=1, params=params)


def row(api, table, row_id):
    return api.sim.tables[table][int(row_id)]


def test_a_catchall_without_type_is_stored_with_type_empty(api):
    first = add(api, 'mail_catchall_add', server_id=1, source='@example.org', destination='a@example.org', active='y')
    assert row(api, 'mail_forwarding', first)['type'] == ''
    assert api.ok('mail_catchall_get', session_id=api.session, primary_id={'type': 'catchall'}) == []
    add_domain(api, 'example.net', client_id=1)
    second = add(api, 'mail_catchall_add', server_id=1, source='@EXAMPLE.net', destination='A@Example.org',
                 type='catchall')
    stored = row(api, 'mail_forwarding', second)
    assert (stored['source'], stored['destination'], stored['type'], stored['active']) == (
        '@example.net', 'a@example.org', 'catchall', 'n')  # lower-cased; active unsent is n


@pytest.mark.parametrize('params, message', [
    (dict(source='example.org', destination='a@example.org'), 'domain_error_regex<br />\r\n'),
    (dict(source='info@example.org', destination='a@example.org'), 'domain_error_regex<br />\r\n'),
    (dict(source='@xy.example', destination='a@example.org,b@example.org'), 'destination_error_isemail<br />\r\n'),
    (dict(source='@xy.example', destination=''), 'destination_error_isemail<br />\r\n'),
])
def test_the_catchall_form_checks(api, params, message):
    assert api.fault('mail_catchall_add', session_id=api.session, client_id=1, params=params) == message


def test_a_catchall_source_is_unique_in_mail_forwarding_whatever_its_case(api):
    add(api, 'mail_catchall_add', server_id=1, source='@example.org', destination='a@example.org', type='catchall')
    assert api.fault('mail_catchall_add', session_id=api.session, client_id=1, params=dict(
        source='@EXAMPLE.ORG', destination='b@example.org', type='catchall')) == 'domain_error_unique<br />\r\n'


def test_spamfilter_users_need_email_and_fullname_and_store_zero_and_empty_defaults(api):
    assert api.fault('mail_spamfilter_user_add', session_id=api.session, client_id=1, params={}) == \
        'email_error_notempty<br />\r\nfullname_error_notempty<br />\r\n'
    new_id = add(api, 'mail_spamfilter_user_add', server_id=1, email='Bob@Example.org', fullname='<b>Bob</b>')
    stored = row(api, 'spamfilter_users', new_id)
    assert {k: stored[k] for k in ('email', 'fullname', 'priority', 'policy_id', 'local')} == dict(
        email='bob@example.org', fullname='Bob', priority='0', policy_id='0', local='')


def test_a_duplicate_spamfilter_address_is_an_empty_http_500_on_add_and_update(api):
    add(api, 'mail_spamfilter_user_add', server_id=1, email='bob@example.org', fullname='Bob')
    other = add(api, 'mail_spamfilter_user_add', server_id=1, email='carol@example.org', fullname='Carol')
    status, content_type, body = api.raw('?mail_spamfilter_user_add', dict(
        session_id=api.session, client_id=1, params=dict(server_id=1, email='BOB@example.org', fullname='Bob 2')))
    assert (status, body) == (500, b'')
    status, content_type, body = api.raw('?mail_spamfilter_user_update', dict(
        session_id=api.session, client_id=1, primary_id=int(other), params=dict(email='bob@example.org')))
    assert (status, body) == (500, b'')
    assert sorted(r['email'] for r in api.sim.tables['spamfilter_users'].values()) == [
        'bob@example.org', 'carol@example.org']
    # the refused insert spent its id, as MySQL's auto increment does
    assert add(api, 'mail_spamfilter_user_add', server_id=1, email='dave@example.org', fullname='Dave') == '4'


def test_wblist_rows_have_no_wb_unless_sent_and_no_list_separation(api):
    user = add(api, 'mail_spamfilter_user_add', server_id=1, email='@example.org', fullname='@example.org')
    white = add(api, 'mail_spamfilter_whitelist_add', server_id=1, rid=int(user), email='friend@x.example')
    black = add(api, 'mail_spamfilter_blacklist_add', server_id=1, rid=int(user), email='@Spam.example', wb='B',
                priority=5, active='y')
    assert (row(api, 'spamfilter_wblist', white)['wb'], row(api, 'spamfilter_wblist', white)['priority'],
            row(api, 'spamfilter_wblist', white)['active']) == ('', '0', 'n')
    assert row(api, 'spamfilter_wblist', black)['email'] == '@spam.example'
    both = api.ok('mail_spamfilter_whitelist_get', session_id=api.session, primary_id={'rid': int(user)})
    assert [r['wblist_id'] for r in both] == [white, black]
    # deleting the spam filter user leaves its list rows
    assert api.ok('mail_spamfilter_user_delete', session_id=api.session, primary_id=int(user)) == 1
    assert sorted(api.sim.tables['spamfilter_wblist']) == [int(white), int(black)]


def test_the_stock_policies_are_listed(api):
    policies = api.ok('mail_policy_get', session_id=api.session, primary_id=-1)
    assert [(p['id'], p['policy_name']) for p in policies] == [
        ('1', 'Non-paying'), ('2', 'Uncensored'), ('3', 'Wants all spam'), ('4', 'Wants viruses'), ('5', 'Normal'),
        ('6', 'Trigger happy'), ('7', 'Permissive')]
    assert api.ok('mail_policy_get', session_id=api.session, primary_id=99) is None


def test_the_panel_invariants_of_the_new_tables(serve):
    """Rows the panel's pages never leave are reported: a catch-all without type, a spam filter user with the API's
    zero priority, list rows without W/B, and list rows left behind by a spam filter user's delete."""
    api = Api(serve('ispconfig'))
    api.login()
    add_client(api)
    add_domain(api, client_id=1)
    add(api, 'mail_catchall_add', server_id=1, source='@example.org', destination='a@example.org', active='y')
    user = add(api, 'mail_spamfilter_user_add', server_id=1, email='@example.org', fullname='@example.org',
               policy_id=5)
    add(api, 'mail_spamfilter_whitelist_add', server_id=1, rid=int(user), email='a@x.example', priority=5,
        active='y')
    api.ok('mail_spamfilter_user_delete', session_id=api.session, primary_id=int(user))
    found = [problem for problem in api.sim.invariant_violations if not problem.startswith('client_add')]
    api.sim.invariant_violations[:] = []  # reported here, not by the serve fixture
    assert found == [
        "mail_catchall_add: mail_forwarding @example.org -> a@example.org: type '' is not a kind the panel makes",
        'mail_spamfilter_user_add: spamfilter_users @example.org: priority 0 / local \'\' are not choices of the '
        'panel (1-10, Y or N)',
        "mail_spamfilter_whitelist_add: spamfilter_wblist '' a@x.example: wb '' is neither W nor B",
        'mail_spamfilter_user_delete: spamfilter_wblist  a@x.example is left in the spam filter user 1, which is gone']
