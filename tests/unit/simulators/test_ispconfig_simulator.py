# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Behaviour of the ISPConfig remote API simulator that the modules rely on."""

import hashlib
import json
import re
import urllib.error
import urllib.request

import pytest

from simulators.ispconfig import crypthash

SHA512_RE = re.compile(r'^\$6\$rounds=5000\$[0-9a-f]{16}\$[./0-9A-Za-z]{86}$')
JSON_TYPE = 'application/json; charset="utf-8"'


class Api:
    """Minimal JSON client of a running simulator."""

    def __init__(self, running):
        self.running = running
        self.sim = running.simulator

    def raw(self, query, body, method='POST'):
        data = None if body is None else body.encode('utf-8') if isinstance(body, str) else json.dumps(body).encode()
        request = urllib.request.Request(self.running.url + '/remote/json.php' + query, data=data, method=method)
        try:
            with urllib.request.urlopen(request, timeout=10) as reply:
                return reply.status, reply.headers['Content-Type'], reply.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers['Content-Type'], error.read()

    def call(self, function, **args):
        status, content_type, raw = self.raw('?' + function, args)
        assert (status, content_type) == (200, JSON_TYPE), (status, content_type, raw)
        return json.loads(raw)

    def ok(self, function, **args):
        reply = self.call(function, **args)
        assert reply['code'] == 'ok', reply
        return reply['response']

    def fault(self, function, **args):
        reply = self.call(function, **args)
        assert reply['code'] == 'remote_fault' and reply['response'] is False, reply
        return reply['message']

    def login(self, username='demo', password='demo-password'):
        self.session = self.ok('login', username=username, password=password)
        return self.session

    def control(self, name, payload=None):
        request = urllib.request.Request(self.running.url + '/__sim__/' + name,
                                         data=json.dumps(payload or {}).encode(), method='POST')
        with urllib.request.urlopen(request, timeout=10) as reply:
            return json.loads(reply.read())


@pytest.fixture
def api(serve):
    # raw API behaviour, much of it the kind of row the panel never makes: the invariant check is tested apart
    client = Api(serve('ispconfig', panel_invariants=False))
    client.login()
    return client


def add_client(api, username='jdoe', **extra):
    params = {'contact_name': 'John Doe', 'email': 'john@example.org', 'username': username,
              'password': 'Secret123!', 'web_php_options': 'no', 'ssh_chroot': 'no', 'language': 'en'}
    params.update(extra)
    return api.ok('client_add', session_id=api.session, reseller_id=0, params=params)


def add_domain(api, domain='example.org', client_id=0, **extra):
    params = {'server_id': 1, 'domain': domain, 'active': 'y'}
    params.update(extra)
    return api.ok('mail_domain_add', session_id=api.session, client_id=client_id, params=params)


def add_mailbox(api, email='alice@example.org', **extra):
    params = {'server_id': 1, 'email': email, 'login': email, 'password': 'MailPass123!', 'quota': 0,
              'postfix': 'y', 'maildir': '/var/vmail/x', 'homedir': '/var/vmail'}
    params.update(extra)
    return api.ok('mail_user_add', session_id=api.session, client_id=0, params=params)


# --- transport ---------------------------------------------------------------------------------

def test_envelope_errors_and_php_escaping(api):
    assert json.loads(api.raw('?login', 'not json')[2]) == {
        'code': 'invalid_data', 'message': 'The JSON data sent to the api is invalid', 'response': False}
    assert json.loads(api.raw('', {'username': 'demo'})[2])['message'] == 'Method not provided in json call'
    assert json.loads(api.raw('?method=login', {})[2])['message'] == 'Method method does not exist'
    assert api.raw('?login=', {'username': 'demo', 'password': 'demo-password'})[0] == 200
    add_domain(api)
    status, content_type, raw = api.raw('?mail_user_add', {
        'session_id': api.session, 'client_id': 0, 'params': {'email': 'x@example.org'}})
    assert (status, content_type) == (200, JSON_TYPE)
    assert raw == (b'{"code":"remote_fault","message":"login_error_regex<br \\/>\\r\\n'
                   b'quota_error_value<br \\/>\\r\\n","response":false}')


def test_unknown_filter_column_and_missing_params_are_http_500(api):
    status, content_type, raw = api.raw('?mail_domain_get', {'session_id': api.session,
                                                             'primary_id': {'nope': 'x'}})
    assert (status, content_type, raw) == (500, 'text/html; charset=utf-8', b'')
    assert api.raw('?mail_domain_add', {'session_id': api.session, 'client_id': 0})[0] == 500
    assert api.sim.tables['mail_domain'] == {}


# --- login and sessions ----------------------------------------------------------------------

def test_login_faults_and_session_shape(api):
    assert re.fullmatch('[0-9a-f]{32}', api.session)
    assert api.fault('login', username='demo', password='wrong') == 'The login failed. Username or password wrong.'
    assert api.fault('login', username='demo') == 'The login password is empty.'
    assert api.fault('login', password='x') == 'The login username is empty.'
    assert api.fault('mail_domain_get', primary_id=-1) == 'The SessionID is empty.'
    assert api.fault('mail_domain_get', session_id='0' * 32, primary_id=-1) == \
        'The Session is expired or does not exist.'
    assert api.sim.stats()['writes'] == []


def test_session_lasts_1800s_from_login_however_busy(api):
    api.sim.clock.advance(1700)
    assert api.ok('mail_domain_get', session_id=api.session, primary_id=-1) == []
    api.sim.clock.advance(101)
    assert api.fault('mail_domain_get', session_id=api.session, primary_id=-1) == \
        'The Session is expired or does not exist.'


def test_expire_sessions_control_and_logout(api):
    other = api.ok('login', username='demo', password='demo-password')
    assert api.control('expire_sessions', {'session_id': other}) == {'expired': 1}
    assert api.fault('client_get', session_id=other, client_id=-1) == 'The Session is expired or does not exist.'
    assert api.ok('client_get', session_id=api.session, client_id=-1) == []
    api.control('expire_sessions')
    assert api.fault('client_get', session_id=api.session, client_id=-1) == \
        'The Session is expired or does not exist.'
    assert api.ok('logout', session_id='f' * 32) is True
    assert api.fault('logout', session_id='') == 'The SessionID is empty.'


def test_md5_password_is_upgraded_on_login(serve):
    api = Api(serve('ispconfig', transcript_seed=True, panel_invariants=False))
    user = api.sim.tables['remote_user'][1]
    assert user['remote_password'] == hashlib.md5(b'apipass').hexdigest()
    api.login('apiuser', 'apipass')
    assert SHA512_RE.match(user['remote_password']) and crypthash.verify('apipass', user['remote_password'])
    assert api.login('apiuser', 'apipass')


def test_limited_remote_user(api):
    api.control('add_remote_user', {'username': 'limited', 'password': 'limpass', 'functions': ['mail_domain']})
    limited = api.ok('login', username='limited', password='limpass')
    assert api.ok('mail_domain_get', session_id=limited, primary_id=-1) == []
    assert api.fault('mail_user_get', session_id=limited, primary_id=-1) == \
        'You do not have the permissions to access this function.'
    api.control('set_remote_user', {'username': 'limited', 'functions': ['mail_domain', 'mail_user']})
    assert api.ok('mail_user_get', session_id=limited, primary_id=-1) == []


# --- generic CRUD ----------------------------------------------------------------------------

def test_get_semantics(api):
    assert add_domain(api, 'example.org') == '1'
    add_domain(api, 'example.net')
    row = api.ok('mail_domain_get', session_id=api.session, primary_id=1)
    assert row['domain_id'] == '1' and row['server_id'] == '1' and row['dkim_private'] is None
    assert api.ok('mail_domain_get', session_id=api.session, primary_id='1') == row
    assert api.ok('mail_domain_get', session_id=api.session, primary_id=99) is None
    assert api.ok('mail_domain_get', session_id=api.session, primary_id={'domain': 'EXAMPLE.ORG'}) == [row]
    assert api.ok('mail_domain_get', session_id=api.session, primary_id={'domain': 'nope'}) == []
    assert len(api.ok('mail_domain_get', session_id=api.session, primary_id={'domain': 'example.%'})) == 2
    assert [r['domain_id'] for r in api.ok('mail_domain_get', session_id=api.session,
                                           primary_id={'#OFFSET#': 1, '#LIMIT#': 1})] == ['2']
    assert len(api.ok('mail_domain_get', session_id=api.session, primary_id=-1)) == 2
    assert api.ok('mail_domain_get', session_id=api.session, primary_id='example.org') == []
    assert api.fault('mail_domain_get', session_id=api.session, primary_id=0) == 'The ID has to be > 0 or -1.'


def test_add_stores_empty_values_and_normalises_keys(api):
    domain_id = api.ok('mail_domain_add', session_id=api.session, client_id=0,
                       params={'domain': 'Bücher.Example'})
    row = api.ok('mail_domain_get', session_id=api.session, primary_id=domain_id)
    assert (row['domain'], row['active'], row['server_id'], row['dkim_selector']) == \
        ('xn--bcher-kva.example', 'n', '0', '')
    alias_id = api.ok('mail_alias_add', session_id=api.session, client_id=0,
                      params={'source': 'Sales@Example.org', 'destination': 'A@Example.org', 'active': 'yes'})
    alias = api.ok('mail_alias_get', session_id=api.session, primary_id=alias_id)
    assert (alias['source'], alias['destination'], alias['type'], alias['active']) == \
        ('sales@example.org', 'a@example.org', '', '')


def test_validation_faults(api):
    assert api.fault('mail_domain_add', session_id=api.session, client_id=0, params={}) == \
        'domain_error_empty<br />\r\ndomain_error_regex<br />\r\n'
    add_domain(api)
    assert api.fault('mail_domain_add', session_id=api.session, client_id=0,
                     params={'domain': 'EXAMPLE.org'}) == 'domain_error_unique<br />\r\n'
    assert api.fault('mail_user_add', session_id=api.session, client_id=0,
                     params={'email': 'a@example.org', 'login': 'a@example.org', 'quota': 0,
                             'password': 'abc'}) == \
        'The chosen password does not match the security guidelines. It has to be at least 8 chars in ' \
        'length and have a strength of "Good".'
    assert api.fault('mail_user_add', session_id=api.session, client_id=0,
                     params={'email': 'a@example.org', 'login': 'a@example.org', 'quota': -1}) == \
        'quota_error_value<br />\r\n'
    assert api.fault('mail_user_add', session_id=api.session, client_id=0,
                     params={'email': 'a@other.example'}) == 'Mail domain - other.example - does not exist as primary.'
    assert api.sim.stats()['writes'] == ['mail_domain_add']


def test_update_merges_and_counts_affected_rows(api):
    add_domain(api)
    assert api.ok('mail_domain_update', session_id=api.session, client_id=0, primary_id=1,
                  params={'active': 'n'}) == 1
    assert api.ok('mail_domain_update', session_id=api.session, client_id=0, primary_id=1,
                  params={'active': 'n'}) == 0
    row = api.ok('mail_domain_get', session_id=api.session, primary_id=1)
    assert (row['domain'], row['active'], row['server_id']) == ('example.org', 'n', '1')
    assert api.fault('mail_domain_update', session_id=api.session, client_id=0, primary_id=99,
                     params={'active': 'n'}) == 'domain_error_empty<br />\r\ndomain_error_regex<br />\r\n'
    assert api.sim.stats()['writes'] == ['mail_domain_add', 'mail_domain_update', 'mail_domain_update']


def test_update_with_client_id_reassigns_owner(api):
    client_id = add_client(api)
    add_domain(api, client_id=0)
    assert api.ok('mail_domain_update', session_id=api.session, client_id=client_id, primary_id=1,
                  params={}) == 1
    row = api.ok('mail_domain_get', session_id=api.session, primary_id=1)
    sys_user = api.ok('client_get_by_username', session_id=api.session, username='jdoe')
    assert (row['sys_userid'], row['sys_groupid']) == (sys_user['userid'], sys_user['default_group'])


def test_delete_and_set_status(api):
    add_domain(api)
    assert api.ok('mail_domain_set_status', session_id=api.session, primary_id=1, status='inactive') == 1
    assert api.fault('mail_domain_set_status', session_id=api.session, primary_id=1, status='off') == \
        'The status is not available'
    assert api.ok('mail_domain_delete', session_id=api.session, primary_id=1) == 1
    assert api.ok('mail_domain_delete', session_id=api.session, primary_id=1) == 0
    assert api.sim.stats()['writes'] == ['mail_domain_add', 'mail_domain_set_status', 'mail_domain_delete',
                                         'mail_domain_delete']


# --- mail users and aliases ------------------------------------------------------------------

def test_mail_user_passwords(api):
    add_domain(api)
    mailbox_id = add_mailbox(api)
    stored = api.ok('mail_user_get', session_id=api.session, primary_id=mailbox_id)['password']
    assert SHA512_RE.match(stored) and crypthash.verify('MailPass123!', stored)
    for params in ({'name': 'Alice'}, {'password': ''}):
        api.ok('mail_user_update', session_id=api.session, client_id=0, primary_id=mailbox_id, params=params)
        assert api.sim.tables['mail_user'][1]['password'] == stored
    assert api.ok('mail_user_update', session_id=api.session, client_id=0, primary_id=mailbox_id,
                  params={'password': stored}) == 1
    rehashed = api.sim.tables['mail_user'][1]['password']
    assert rehashed != stored and crypthash.verify(stored, rehashed)
    preset = crypthash.sha512_crypt('Preset789!')
    api.ok('mail_user_update', session_id=api.session, client_id=0, primary_id=mailbox_id,
           params={'password': preset, '_ispconfig_pw_crypted': 1})
    assert api.sim.tables['mail_user'][1]['password'] == preset
    row = api.ok('mail_user_get', session_id=api.session, primary_id=mailbox_id)
    assert (row['uid'], row['quota'], row['postfix'], row['move_junk']) == ('-1', '0', 'y', '')


def test_alias_mailbox_collision_and_duplicates(api):
    add_domain(api)
    add_mailbox(api)
    params = {'source': 'info@example.org', 'destination': 'alice@example.org', 'type': 'alias', 'active': 'y'}
    assert api.ok('mail_alias_add', session_id=api.session, client_id=0, params=params) == '1'
    assert api.ok('mail_alias_add', session_id=api.session, client_id=0, params=params) == '2'
    assert api.fault('mail_alias_add', session_id=api.session, client_id=0,
                     params=dict(params, source='alice@example.org')) == \
        'There is already a mailbox with this email address.'
    assert api.ok('mail_forward_add', session_id=api.session, client_id=0,
                  params=dict(params, source='alice@example.org', type='forward')) == '3'
    assert [r['type'] for r in api.ok('mail_alias_get', session_id=api.session, primary_id=-1)] == \
        ['alias', 'alias', 'forward']


# --- clients ---------------------------------------------------------------------------------

def test_client_add_get_and_required_fields(api):
    assert api.fault('client_add', session_id=api.session, reseller_id=0, params={}) == (
        'contact_error_empty<br />\r\nusername_error_empty<br />\r\nemail_error_isemail<br />\r\n'
        'email_error_empty<br />\r\nweb_php_options_notempty<br />\r\nssh_chroot_notempty<br />\r\n')
    client_id = add_client(api)
    assert client_id == '1'
    row = api.ok('client_get', session_id=api.session, client_id=client_id)
    assert (row['limit_maildomain'], row['limit_cron_type'], row['parent_client_id']) == ('0', '', '0')
    assert SHA512_RE.match(row['password']) and row['id_rsa'].startswith('-----BEGIN OPENSSH PRIVATE KEY-----')
    sys_user = api.ok('client_get_by_username', session_id=api.session, username='jdoe')
    assert sys_user['client_id'] == '1' and crypthash.verify('Secret123!', sys_user['passwort'])
    assert api.ok('client_get_id', session_id=api.session, sys_userid=int(sys_user['userid'])) == 1
    assert api.ok('client_get_all', session_id=api.session) == ['1']
    assert api.fault('client_add', session_id=api.session, reseller_id=0,
                     params={'contact_name': 'x', 'email': 'x@example.org', 'username': 'jdoe',
                             'web_php_options': 'no', 'ssh_chroot': 'no', 'language': 'en'}) == \
        'username_error_unique<br>\r\nDuplicate username<br />'


def test_client_add_without_language_leaves_half_client(api):
    status, content_type, raw = api.raw('?client_add', {'session_id': api.session, 'reseller_id': 0, 'params': {
        'contact_name': 'J', 'email': 'j@example.org', 'username': 'jdoe', 'password': 'Secret123!',
        'web_php_options': 'no', 'ssh_chroot': 'no'}})
    assert (status, raw) == (500, b'')
    assert api.ok('client_get_all', session_id=api.session) == ['1']
    assert api.fault('client_get_by_username', session_id=api.session, username='jdoe') == \
        'There is no user account for this user name.'
    assert add_client(api) == '2'  # the username check only looks at sys_user


def test_client_update_password_quirk(api):
    client_id = add_client(api)
    stored = api.sim.tables['client'][1]['password']
    assert api.ok('client_update', session_id=api.session, client_id=client_id, reseller_id=0,
                  params={'company_name': 'ACME', 'password': ''}) == 1
    assert api.ok('client_update', session_id=api.session, client_id=client_id, reseller_id=0,
                  params={'company_name': 'ACME', 'password': ''}) == 0
    assert api.sim.tables['client'][1]['password'] == stored
    assert api.ok('client_update', session_id=api.session, client_id=client_id, reseller_id=0,
                  params={'company_name': 'ACME'}) == 1
    rehashed = api.sim.tables['client'][1]['password']
    assert rehashed != stored and crypthash.verify(stored, rehashed)
    assert not crypthash.verify('Secret123!', api.sim.tables['sys_user'][2]['passwort'])


def test_client_delete_removes_sys_user(api):
    client_id = add_client(api)
    assert api.ok('client_delete', session_id=api.session, client_id=client_id) == 1
    assert api.ok('client_delete', session_id=api.session, client_id=client_id) == 0
    assert api.ok('client_get_all', session_id=api.session) is False
    assert [row['username'] for row in api.sim.tables['sys_user'].values()] == ['admin']


def test_strict_sql_client_add_dies_without_writing(serve):
    api = Api(serve('ispconfig', strict_sql=True, panel_invariants=False))
    api.login()
    status, content_type, raw = api.raw('?client_add', {'session_id': api.session, 'reseller_id': 0, 'params': {
        'contact_name': 'J', 'email': 'j@example.org', 'username': 'jdoe', 'password': 'Secret123!',
        'web_php_options': 'no', 'ssh_chroot': 'no', 'language': 'en'}})
    assert (status, content_type, raw) == (500, 'text/html; charset=utf-8', b'')
    assert api.sim.tables['client'] == {} and api.sim.stats()['writes'] == []


def test_state_is_json(api):
    add_domain(api)
    state = api.control('state')
    assert [row['domain'] for row in state['tables']['mail_domain']] == ['example.org']
    assert state['sessions'][0]['remote_session'] == api.session


# --- panel settings, server functions, invariants ---------------------------------------------------------

def test_a_hidden_tab_takes_its_fields_out_of_the_form(api):
    add_domain(api)
    api.control('set_config', {'section': 'mail', 'key': 'mailbox_show_mail_filter_tab', 'value': 'n'})
    mailbox_id = add_mailbox(api, move_junk='n', purge_trash_days=30, autoresponder_subject='Away')
    row = api.sim.tables['mail_user'][int(mailbox_id)]
    # insert: the column defaults of ispconfig3.sql; the autoresponder tab is still shown and writes its field
    assert (row['move_junk'], row['purge_trash_days'], row['autoresponder_subject']) == ('y', '0', 'Away')
    assert api.ok('mail_user_update', session_id=api.session, client_id=0, primary_id=mailbox_id,
                  params={'move_junk': 'a', 'purge_junk_days': 9}) == 0
    assert (row['move_junk'], row['purge_junk_days']) == ('y', '0')
    api.control('set_config', {'section': 'mail', 'key': 'mailbox_show_mail_filter_tab', 'value': 'y'})
    assert api.ok('mail_user_update', session_id=api.session, client_id=0, primary_id=mailbox_id,
                  params={'move_junk': 'a'}) == 1
    assert api.sim.tables['mail_user'][int(mailbox_id)]['move_junk'] == 'a'


def test_the_password_rule_comes_from_the_panel_settings(api):
    add_domain(api)
    api.control('set_config', {'section': 'misc', 'key': 'min_password_length', 'value': '12'})
    assert api.fault('mail_user_add', session_id=api.session, client_id=0, params={
        'email': 'a@example.org', 'login': 'a@example.org', 'password': 'MailPass123!'[:11], 'quota': 0}) == (
        'The chosen password does not match the security guidelines. It has to be at least 12 chars in length and '
        'have a strength of "Good".')
    api.control('set_config', {'section': 'misc', 'key': 'min_password_strength', 'value': '0'})
    assert api.fault('client_add', session_id=api.session, reseller_id=0, params={
        'contact_name': 'J', 'email': 'j@example.org', 'username': 'j', 'password': 'short', 'web_php_options': 'no',
        'ssh_chroot': 'no', 'language': 'en'}) == (
        'The chosen password does not match the security guidelines. It has to be at least 12 chars in length.')
    api.control('set_config', {'section': 'mail', 'key': 'mail_password_onlyascii', 'value': 'y'})
    assert api.fault('mail_user_add', session_id=api.session, client_id=0, params={
        'email': 'a@example.org', 'login': 'a@example.org', 'password': 'pässwörd', 'quota': 0}) == \
        'email_error_isascii<br />\r\n'
    add_mailbox(api, email='b@example.org', password='x')  # ASCII: the strength rule is not applied


def test_system_config_get_and_the_server_functions(api):
    assert api.ok('system_config_get', session_id=api.session, section='misc', key='min_password_length') == '8'
    assert api.ok('system_config_get', session_id=api.session, section='mail')['mailbox_show_mail_filter_tab'] == 'y'
    assert api.ok('system_config_get', session_id=api.session, section='nope') is False
    assert api.ok('system_config_get', session_id=api.session, section='misc', key='nope') is False
    assert api.ok('system_config_get', session_id=api.session, section='dns') is False  # no keys: absent
    assert api.fault('system_config_get', session_id=api.session, section='') == 'Invalid function parameter.'
    api.control('add_server', {'server_name': 'mx2', 'mail_server': 1, 'mirror_server_id': 1})
    assert api.ok('server_get_all', session_id=api.session) == [
        {'server_id': '1', 'server_name': 'server1.example.com'}, {'server_id': '2', 'server_name': 'mx2'}]
    assert api.ok('server_get_functions', session_id=api.session, server_id=2) == {
        'mail_server': '1', 'web_server': '0', 'dns_server': '0', 'file_server': '0', 'db_server': '0',
        'vserver_server': '0', 'proxy_server': '0', 'firewall_server': '0', 'mirror_server_id': '1'}
    assert api.ok('server_get_functions', session_id=api.session, server_id=9) is None
    api.control('add_remote_user', {'username': 'mail', 'password': 'mailpass', 'functions': ['mail_user']})
    api.login('mail', 'mailpass')
    for function, args in (('system_config_get', {'section': 'misc'}), ('server_get_all', {}),
                           ('server_get_functions', {'server_id': 1})):
        assert api.fault(function, session_id=api.session, **args) == \
            'You do not have the permissions to access this function.'


def test_panel_invariants_record_what_the_panel_never_makes(serve):
    running = serve('ispconfig')
    api = Api(running)
    api.login()
    client_id = add_client(api)  # no servers, cron type '' (the API's client_add)
    add_domain(api)
    add_mailbox(api, quota=500 * 10 ** 6)  # accepted by the API, as the recordings show
    api.ok('mail_alias_add', session_id=api.session, client_id=0, params={
        'source': 'info@unhosted.example', 'destination': 'a@example.org', 'type': 'alias', 'active': 'y'})
    api.ok('mail_domain_delete', session_id=api.session, primary_id=1)
    violations, running.simulator.invariant_violations = running.simulator.invariant_violations, []
    assert violations == [
        "client_add: client jdoe: mail_servers '' does not name servers of that kind (the panel assigns one after "
        "the insert)",
        "client_add: client jdoe: web_servers '' does not name servers of that kind (the panel assigns one after "
        "the insert)",
        "client_add: client jdoe: dns_servers '' does not name servers of that kind (the panel assigns one after "
        "the insert)",
        "client_add: client jdoe: db_servers '' does not name servers of that kind (the panel assigns one after "
        "the insert)",
        "client_add: client jdoe: limit_cron_type '' is not a choice of the panel",
        'mail_user_add: mail_user alice@example.org: quota 500000000 bytes is not a whole number of MB (the panel '
        'stores MB x 1048576)',
        "mail_user_add: mail_user alice@example.org: move_junk '' is none of y, a, n (the panel's choices)",
        "mail_user_add: mail_user alice@example.org: backup_interval '' / backup_copies 0 are not a choice of the "
        "panel",
        'mail_alias_add: mail_forwarding info@unhosted.example -> a@example.org: the mail domain unhosted.example '
        'does not exist (the panel offers only its hosted domains)',
        'mail_domain_delete: alice@example.org is left in the mail domain example.org, which is gone',
    ]
    assert client_id == '1' and api.sim.stats()['writes'][-1] == 'mail_domain_delete'


# --- client locking and limit templates (recording 18) -----------------------------------------------------

def _client(api, username, **params):
    return int(add_client(api, username, email='%s@example.org' % username, **params))


def _switches(api):
    state = api.sim.state()['tables']
    return ([row['active'] for row in state['mail_domain']],
            [(row['postfix'], row['disablesmtp']) for row in state['mail_user']])


def test_every_client_update_runs_the_unlock_routine(api):
    """func_client_lock runs whenever the merged `locked` is not empty: "n" switches everything back on."""
    client_id = _client(api, 'jdoe')
    api.ok('mail_domain_add', session_id=api.session, client_id=client_id, params={'server_id': 1, 'domain': 'example.org', 'active': 'y'})
    api.ok('mail_domain_add', session_id=api.session, client_id=client_id, params={'server_id': 1, 'domain': 'example.net', 'active': 'n'})
    api.ok('mail_user_add', session_id=api.session, client_id=client_id, params={
        'server_id': 1, 'email': 'alice@example.org', 'login': 'alice@example.org', 'password': 'MailPass123!',
        'maildir': '/var/vmail/example.org/alice', 'homedir': '/var/vmail', 'quota': 0, 'postfix': 'y',
        'disablesmtp': 'n'})
    api.ok('client_update', session_id=api.session, client_id=client_id, reseller_id=0, params={'locked': 'y'})
    assert _switches(api) == (['n', 'n'], [('n', 'y')])
    api.ok('client_update', session_id=api.session, client_id=client_id, reseller_id=0, params={'locked': 'n'})
    assert _switches(api) == (['y', 'n'], [('y', 'n')]), 'the unlock restores what the lock saved'
    api.ok('client_update', session_id=api.session, client_id=client_id, reseller_id=0, params={'locked': 'y'})
    api.ok('client_update', session_id=api.session, client_id=client_id, reseller_id=0, params={'locked': 'y'})  # saves "all off"
    api.ok('client_update', session_id=api.session, client_id=client_id, reseller_id=0, params={'locked': 'n'})
    assert _switches(api) == (['n', 'n'], [('n', 'y')]), 'a second lock overwrote the saved state'
    api.ok('client_update', session_id=api.session, client_id=client_id, reseller_id=0, params={'contact_name': 'John Q. Doe'})
    assert _switches(api) == (['y', 'y'], [('y', 'n')]), 'an update of the contact name switches everything on'
    api.ok('client_update', session_id=api.session, client_id=client_id, reseller_id=0, params={'canceled': 'y'})
    assert api.sim.state()['tables']['sys_user'][-1]['active'] == '0'
    api.ok('client_update', session_id=api.session, client_id=client_id, reseller_id=0, params={'canceled': 'n'})
    assert api.sim.state()['tables']['sys_user'][-1]['active'] == '1'


def _limits(api, client_id):
    row = api.ok('client_get', session_id=api.session, client_id=client_id)
    return row['limit_web_domain'], row['limit_maildomain'], row['limit_mailbox'], row['limit_cgi']


def test_limit_templates_as_recorded(api):
    assert api.ok('client_templates_get_all', session_id=api.session) == []
    basic = api.control('add_client_template', {
        'template_name': 'Basic', 'template_type': 'm', 'limit_web_domain': 5, 'limit_maildomain': 2,
        'limit_mailbox': 10, 'limit_ftp_user': 3, 'limit_database': 1, 'limit_cron': 0,
        'web_php_options': 'no,php-fpm', 'ssh_chroot': 'no', 'force_suexec': 'y', 'limit_cgi': 'n'})['template_id']
    extra = api.control('add_client_template', {'template_name': 'Extra sites', 'template_type': 'a',
                                                'limit_web_domain': 2, 'limit_maildomain': 0, 'limit_cgi': 'y'})
    extra = extra['template_id']
    assert [t['template_name'] for t in api.ok('client_templates_get_all', session_id=api.session)] == ['Basic', 'Extra sites']
    # the master template overwrites the limits sent with it
    tina = _client(api, 'tina', template_master=basic, limit_web_domain=50, limit_maildomain=-1, limit_cgi='y')
    assert _limits(api, tina) == ('5', '2', '10', 'n')
    # additional templates add to the limits (-1 wins), the same one twice adds twice
    assert api.ok('client_template_additional_add', session_id=api.session, client_id=tina, template_id=extra) == '1'
    assert _limits(api, tina) == ('7', '2', '-1', 'y')
    assert api.ok('client_template_additional_add', session_id=api.session, client_id=tina, template_id=extra) == '2'
    assert _limits(api, tina) == ('9', '2', '-1', 'y')
    assert [row['client_template_id'] for row in api.ok('client_template_additional_get', session_id=api.session, client_id=tina)] == \
        [str(extra), str(extra)]
    assert api.ok('client_get', session_id=api.session, client_id=tina)['template_additional'] == '1:%d/2:%d' % (extra, extra)
    # a missing client or template: HTTP 500, empty
    assert api.raw('?client_template_additional_add', dict(session_id=api.session, client_id=tina,
                                                           template_id=99))[0] == 500
    # _delete takes the template id, not the assignment's id, and deletes one assignment of it
    assert api.raw('?client_template_additional_delete', dict(session_id=api.session, client_id=tina,
                                                              assigned_template_id=1))[0] == 500
    assert api.ok('client_template_additional_delete', session_id=api.session, client_id=tina, assigned_template_id=extra) == 1
    assert _limits(api, tina) == ('7', '2', '-1', 'y')
    # an update without template_additional drops every assignment; a limit sent with it is overwritten
    api.ok('client_update', session_id=api.session, client_id=tina, reseller_id=0, params={'limit_web_domain': 99})
    assert _limits(api, tina) == ('5', '2', '10', 'n')
    assert api.ok('client_template_additional_get', session_id=api.session, client_id=tina) == []
    # template_additional "<id>/<id>" makes the assignments exactly that multiset
    api.ok('client_update', session_id=api.session, client_id=tina, reseller_id=0, params={'template_additional': '%d/%d' % (extra, extra)})
    assert _limits(api, tina) == ('9', '2', '-1', 'y')
    api.ok('client_update', session_id=api.session, client_id=tina, reseller_id=0, params={'template_additional': str(extra)})
    assert _limits(api, tina) == ('7', '2', '-1', 'y')
    assert len(api.ok('client_template_additional_get', session_id=api.session, client_id=tina)) == 1
    # "Custom" (0) keeps the limits sent
    api.ok('client_update', session_id=api.session, client_id=tina, reseller_id=0, params={'template_master': 0, 'limit_web_domain': 99})
    assert _limits(api, tina)[0] == '99'
    wes = _client(api, 'wes', template_master=basic, template_additional=str(extra))
    assert _limits(api, wes) == ('7', '2', '-1', 'y')
