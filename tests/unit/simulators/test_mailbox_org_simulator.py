# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The mailbox.org simulator against docs/api/mailbox_org.md, over HTTP."""

import json

import pytest
import requests

SESSION_ERROR = {'code': 253, 'message': 'Diese Auth-ID ist ungültig'}
PARAMS, LOGIN, FORBIDDEN, NOT_FOUND, EXISTS = 201, 252, 254, 260, 261


class Client:
    """A bare JSON-RPC client: ids "1", "2", ... like the Python client; keeps the raw reply."""

    def __init__(self, url, path='/v1/'):
        self.endpoint = url + path
        self.session = None
        self.next_id = 0
        self.last = None

    def call(self, method, params=None, **envelope):
        self.next_id += 1
        body = {'jsonrpc': '2.0', 'id': str(self.next_id), 'method': method, **envelope}
        if params is not None:
            body['params'] = params
        headers = {'HPLS-AUTH': self.session} if self.session else {}
        self.last = requests.post(self.endpoint, data=json.dumps(body), headers=headers, timeout=5)
        assert self.last.status_code == 200
        return self.last.json()

    def result(self, method, params=None):
        reply = self.call(method, params)
        assert 'error' not in reply, reply
        return reply['result']

    def error(self, method, params=None):
        reply = self.call(method, params)
        assert 'result' not in reply, reply
        return reply['error']

    def login(self, user='demo', password='demo-password'):
        result = self.result('auth', {'user': user, 'pass': password})
        self.session = result['session']
        return result


@pytest.fixture
def sim(serve):
    return serve('mailbox_org', users={'boss': {'pass': 'boss-pw', 'level': 'admin'},
                                       'reseller1': {'pass': 'res-pw', 'level': 'reseller'},
                                       'other': {'pass': 'other-pw', 'level': 'account'},
                                       'ftpuser': {'pass': 'ftp-pw', 'level': 'ftp'}})


@pytest.fixture
def api(sim):
    client = Client(sim.url)
    client.login()
    return client


def publish(sim, account, domain):
    """Publish the TXT record the simulator asks for, through the HTTP control."""
    record = requests.post(sim.url + '/__sim__/challenge', json={'account': account, 'domain': domain}).json()
    requests.post(sim.url + '/__sim__/dns', json={'set': {record['host']: record['txt']}}).raise_for_status()
    return record


def add_domain(sim, api, domain='example.org', account='demo', **extra):
    publish(sim, account, domain)
    return api.result('domain.add', {'account': account, 'domain': domain, 'password': 'dom-pw', **extra})


MAIL = {'mail': 'alice@example.org', 'password': 'alice-pw', 'plan': 'standard', 'first_name': 'Alice',
        'last_name': 'Liddell', 'inboxsave': True, 'forwards': []}


# --- envelope --------------------------------------------------------------------------------
@pytest.mark.parametrize('path', ['/v1/', '/v1'])
@pytest.mark.parametrize('request_id', ['7', 7])
@pytest.mark.parametrize('params', [{}, '', None])
def test_envelope_echoes_id_on_both_paths_and_accepts_empty_params(sim, path, request_id, params):
    body = {'jsonrpc': '2.0', 'id': request_id, 'method': 'hello.world'}
    if params is not None:
        body['params'] = params
    reply = requests.post(sim.url + path, json=body)
    assert reply.status_code == 200
    assert reply.headers['Content-Type'] == 'application/json'
    assert reply.json() == {'jsonrpc': '2.0', 'id': request_id, 'result': 'Hello World!'}


@pytest.mark.parametrize('body, code', [
    (b'not json', -32700),
    (b'\xff\xfe', -32700),
    (b'[{"jsonrpc": "2.0", "id": "1", "method": "hello.world"}]', -32600),
    (b'{"id": "1", "method": "hello.world"}', -32600),
    (b'{"jsonrpc": "2.0", "method": "hello.world"}', -32600),
    (b'{"jsonrpc": "2.0", "id": "1", "method": "no.such.method"}', -32601),
    (b'{"jsonrpc": "2.0", "id": "1", "method": "hello.world", "params": [1]}', -32602),
])
def test_malformed_requests_get_jsonrpc_errors_with_http_200(sim, body, code):
    reply = requests.post(sim.url + '/v1/', data=body)
    assert reply.status_code == 200
    assert reply.json()['error']['code'] == code
    assert 'result' not in reply.json()


def test_error_echoes_id_of_a_request_it_could_read(sim):
    reply = requests.post(sim.url + '/v1/', json={'jsonrpc': '2.0', 'id': 42, 'method': 'nope'}).json()
    assert reply['id'] == 42
    assert requests.post(sim.url + '/v1/', data=b'{').json()['id'] is None


def test_other_http_methods_and_paths_are_not_the_api(sim):
    assert requests.get(sim.url + '/v1/').status_code == 405
    assert requests.post(sim.url + '/v2/', json={}).status_code == 404


# --- auth and sessions ---------------------------------------------------------------------
def test_auth_returns_session_and_level(sim):
    client = Client(sim.url)
    result = client.login()
    assert result['level'] == 'account'
    assert ';' in result['session']
    client.session = result['session']
    assert client.result('hello.innerworld') == 'Hello Inner-World!'


def test_auth_ids_are_distinct_per_login(sim):
    assert Client(sim.url).login()['session'] != Client(sim.url).login()['session']


@pytest.mark.parametrize('params', [{'user': 'demo', 'pass': 'wrong'}, {'user': 'nobody', 'pass': 'x'}])
def test_wrong_credentials_are_an_error_object(sim, params):
    error = Client(sim.url).error('auth', params)
    assert error['code'] == LOGIN


def test_auth_without_params_is_a_parameter_error(sim):
    assert Client(sim.url).error('auth', {'user': 'demo'})['code'] == PARAMS


def test_levels_of_configured_users(sim):
    assert Client(sim.url).login('boss', 'boss-pw')['level'] == 'admin'
    assert Client(sim.url).login('reseller1', 'res-pw')['level'] == 'reseller'
    assert Client(sim.url).login('ftpuser', 'ftp-pw')['level'] == 'ftp'


def test_authenticated_method_without_header_is_253_with_the_seed_text(sim):
    client = Client(sim.url)
    assert client.error('hello.innerworld') == SESSION_ERROR
    assert '"Diese Auth-ID ist ung\\u00fcltig"' in client.last.text


def test_unknown_auth_id_is_253(sim):
    client = Client(sim.url)
    client.session = 'dlj3keZzTupJyX;KsSv57037ba615c926.43918213'
    assert client.error('hello.innerworld') == SESSION_ERROR


def test_auth_succeeds_with_a_stale_header(sim, api):
    api.result('deauth')
    assert api.login()['level'] == 'account'


def test_session_slides_on_every_use(sim, api):
    for dummy in range(3):
        sim.simulator.clock.advance(19 * 60)
        assert api.result('hello.innerworld') == 'Hello Inner-World!'


def test_session_dies_after_20_idle_minutes(sim, api):
    sim.simulator.clock.advance(21 * 60)
    assert api.error('hello.innerworld') == SESSION_ERROR
    sim.simulator.clock.advance(-21 * 60)  # it stays dead even if the clock came back
    assert api.error('hello.innerworld') == SESSION_ERROR


def test_failed_calls_also_refresh_the_session(sim, api):
    sim.simulator.clock.advance(19 * 60)
    assert api.error('domain.get', {'domain': 'missing.org'})['code'] == NOT_FOUND
    sim.simulator.clock.advance(19 * 60)
    assert api.result('hello.innerworld') == 'Hello Inner-World!'


def test_anonymous_calls_do_not_refresh_the_session(sim, api):
    sim.simulator.clock.advance(19 * 60)
    api.result('hello.world')
    sim.simulator.clock.advance(2 * 60)
    assert api.error('hello.innerworld') == SESSION_ERROR


def test_deauth_invalidates_the_id(sim, api):
    assert api.result('deauth') is True
    assert api.error('hello.innerworld') == SESSION_ERROR


def test_expire_auth_control_kills_every_session(sim, api):
    other = Client(sim.url)
    other.login()
    reply = requests.post(sim.url + '/__sim__/expire_auth', json={}).json()
    assert reply == {'expired': 2}
    assert api.error('hello.innerworld') == SESSION_ERROR
    assert other.error('hello.innerworld') == SESSION_ERROR


def test_level_too_low_is_forbidden(sim):
    ftp = Client(sim.url)
    ftp.login('ftpuser', 'ftp-pw')
    assert ftp.result('hello.innerworld') == 'Hello Inner-World!'
    assert ftp.error('domain.list', {'account': 'demo'})['code'] == FORBIDDEN
    reseller = Client(sim.url)
    reseller.login('reseller1', 'res-pw')
    assert reseller.error('mail.add', MAIL)['code'] == FORBIDDEN  # mail.add is admin|account|domain only


def test_account_cannot_reach_another_account(sim, api):
    assert api.error('domain.list', {'account': 'other'})['code'] == FORBIDDEN
    assert api.error('account.get', {'account': 'other'})['code'] == FORBIDDEN
    assert api.error('account.add', {'account': 'x', 'password': 'pw', 'plan': 'basic'})['code'] == FORBIDDEN


# --- domains -----------------------------------------------------------------------------
def test_domain_add_asks_for_the_txt_record_then_succeeds(sim, api):
    params = {'account': 'demo', 'domain': 'example.org', 'password': 'dom-pw'}
    error = api.error('domain.add', params)
    assert error['code'] == 218
    assert error['message'] == 'Der DNS-TXT-Record enthält nicht die richtigen Daten'
    host, txt = error['data']['host'], error['data']['txt']
    label, dummy, rest = host.partition('.')
    assert rest == 'example.org' and len(label) == 40 and len(txt) == 40
    int(label, 16), int(txt, 16)
    assert api.error('domain.add', params)['data'] == error['data']  # the same challenge every time
    assert sim.simulator.stats()['writes'] == []

    requests.post(sim.url + '/__sim__/dns', json={'set': {host: 'wrong'}})
    assert api.error('domain.add', params)['code'] == 218
    requests.post(sim.url + '/__sim__/dns', json={'set': {host.upper() + '.': ['other', txt]}})
    result = api.result('domain.add', params)
    assert result == {'domain': 'example.org', 'context_id': '1001', 'memo': '', 'count_mails': 0}
    assert sim.simulator.stats()['writes'] == ['domain.add']
    assert [d['domain'] for d in api.result('domain.list', {'account': 'demo'})] == ['example.org']


def test_challenge_depends_on_account_and_domain(sim):
    simulator = sim.simulator
    assert simulator.challenge('demo', 'a.org') == simulator.challenge('demo', 'A.org')
    assert simulator.challenge('demo', 'a.org') != simulator.challenge('other', 'a.org')
    assert simulator.challenge('demo', 'a.org')['txt'] != simulator.challenge('demo', 'b.org')['txt']


def test_dns_salt_option_changes_the_challenge(serve):
    first = serve('mailbox_org').simulator.challenge('demo', 'a.org')
    assert serve('mailbox_org', dns_salt='x').simulator.challenge('demo', 'a.org') != first


def test_dns_delay_hides_a_fresh_record(serve):
    running = serve('mailbox_org', dns_delay=3600)
    client = Client(running.url)
    client.login()
    publish(running, 'demo', 'example.org')
    params = {'account': 'demo', 'domain': 'example.org', 'password': 'dom-pw'}
    assert client.error('domain.add', params)['code'] == 218
    running.simulator.clock.advance(3599)
    client.login()
    assert client.error('domain.add', params)['code'] == 218
    running.simulator.clock.advance(1)
    assert client.result('domain.add', params)['domain'] == 'example.org'


def test_dns_control_clears_records(sim):
    record = publish(sim, 'demo', 'example.org')
    assert requests.post(sim.url + '/__sim__/dns', json={}).json() == {
        'records': {record['host']: [record['txt']]}}
    cleared = requests.post(sim.url + '/__sim__/dns', json={'clear': True}).json()
    assert cleared == {'records': {}}


def test_domain_add_errors(sim, api):
    add_domain(sim, api)
    assert api.error('domain.add', {'account': 'demo', 'domain': 'example.org', 'password': 'p'})['code'] == EXISTS
    publish(sim, 'demo', 'new.org')
    for params in ({'account': 'demo', 'domain': 'new.org'},
                   {'account': 'demo', 'domain': 'new.org', 'password': 'p', 'colour': 'red'},
                   {'account': 'demo', 'domain': 'new.org', 'password': 'p', 'memo': 5},
                   {'account': 'demo', 'domain': 'new.org', 'password': 'p', 'context_id': 'nope'},
                   {'account': 'demo', 'domain': 'not a domain', 'password': 'p'}):
        assert api.error('domain.add', params)['code'] == PARAMS, params
    assert api.error('domain.add', {'account': 'ghost', 'domain': 'new.org', 'password': 'p'})['code'] == NOT_FOUND
    assert sim.simulator.stats()['writes'] == ['domain.add']


def test_domain_get_set_and_contexts(sim, api):
    first = add_domain(sim, api, memo='first')
    assert first == {'domain': 'example.org', 'context_id': first['context_id'], 'memo': 'first',
                     'count_mails': 0}
    shared = add_domain(sim, api, 'example.net', context_id=first['context_id'])
    assert shared['context_id'] == first['context_id']
    assert api.result('context.list', {'account': 'demo'}) == {first['context_id']: ['example.net', 'example.org']}

    changed = api.result('domain.set', {'domain': 'example.net', 'memo': 'moved', 'create_new_context_id': True})
    assert changed['memo'] == 'moved' and changed['context_id'] != first['context_id']
    assert api.result('domain.get', {'domain': 'EXAMPLE.net'}) == changed
    assert 'password' not in changed
    assert api.error('domain.set', {'domain': 'example.net', 'account': 'demo'})['code'] == PARAMS
    assert api.error('domain.get', {'domain': 'missing.org'})['code'] == NOT_FOUND


def test_domain_list_filter(sim, api):
    add_domain(sim, api, 'alpha.org')
    add_domain(sim, api, 'beta.org')
    assert [d['domain'] for d in api.result('domain.list', {'account': 'demo', 'filter': 'alp'})] == ['alpha.org']
    assert api.error('domain.list', {})['code'] == PARAMS


def test_domain_login_reaches_only_its_domain(sim, api):
    add_domain(sim, api)
    domain_admin = Client(sim.url)
    assert domain_admin.login('example.org', 'dom-pw')['level'] == 'domain'
    assert domain_admin.result('domain.get', {'domain': 'example.org'})['domain'] == 'example.org'
    assert domain_admin.error('domain.list', {'account': 'demo'})['code'] == FORBIDDEN
    domain_admin.result('domain.set', {'domain': 'example.org', 'password': 'new-pw'})
    assert Client(sim.url).error('auth', {'user': 'example.org', 'pass': 'dom-pw'})['code'] == LOGIN


def test_domain_del_is_recursive(sim, api):
    add_domain(sim, api)
    api.result('mail.add', MAIL)
    assert api.error('domain.del', {'account': 'other', 'domain': 'example.org'})['code'] == FORBIDDEN
    assert api.result('domain.del', {'account': 'demo', 'domain': 'example.org'}) is True
    assert api.result('domain.list', {'account': 'demo'}) == []
    assert sim.simulator.state()['mails'] == {}
    assert api.error('domain.del', {'account': 'demo', 'domain': 'example.org'})['code'] == NOT_FOUND


# --- mails ---------------------------------------------------------------------------------
@pytest.fixture
def domain(sim, api):
    return add_domain(sim, api)


def test_mail_add_and_get(sim, api, domain):
    added = api.result('mail.add', {**MAIL, 'mail': 'Alice@Example.org', 'uid_extern': None, 'memo': 'm',
                                    'additional_mail_quota': '5'})
    got = api.result('mail.get', {'mail': 'alice@example.org', 'include_quota_usage': False})
    assert added == got
    assert got['mail'] == 'alice@example.org' and got['parent_uid'] == 'demo' and got['domain'] == 'example.org'
    assert got['type'] == 'inbox' and got['plan'] == 'standard' and got['active'] is True
    assert got['memo'] == 'm' and got['uid_extern'] == '' and got['additional_mail_quota'] == '5'
    assert got['aliases'] == [] and got['forwards'] == []
    assert got['possible_capabilities'] == ['MAIL_BLACKLIST', 'MAIL_SPAMPROTECTION', 'MAIL_PASSWORDRESET_SMS',
                                            'MAIL_BACKUPRECOVER']
    assert 'password' not in got and 'password_hash' not in got
    assert api.result('domain.get', {'domain': 'example.org'})['count_mails'] == 1
    mail_user = Client(sim.url)
    assert mail_user.login('alice@example.org', 'alice-pw')['level'] == 'mail'
    assert mail_user.result('mail.get', {'mail': 'alice@example.org'})['mail'] == 'alice@example.org'
    assert mail_user.error('mail.list', {'domain': 'example.org', 'details': False})['code'] == FORBIDDEN


@pytest.mark.parametrize('change', [
    {'plan': 'gold'}, {'inboxsave': 'yes'}, {'forwards': 'bob@example.org'}, {'additional_mail_quota': 5},
    {'password': None}, {'inboxsave': False}, {'unknown': 'x'}, {'mail': 'no-at-sign'},
])
def test_mail_add_rejects_bad_params(sim, api, domain, change):
    assert api.error('mail.add', {**MAIL, **change})['code'] == PARAMS
    assert sim.simulator.stats()['writes'] == ['domain.add']


def test_mail_add_with_hash_only_and_forward_type(sim, api, domain):
    mail = api.result('mail.add', {**MAIL, 'password': None, 'password_hash': '{SHA512-CRYPT}$6$x$y',
                                   'inboxsave': False, 'forwards': ['bob@elsewhere.net']})
    assert mail['type'] == 'forward'


def test_mail_add_errors(sim, api, domain):
    api.result('mail.add', MAIL)
    assert api.error('mail.add', MAIL)['code'] == EXISTS
    assert api.error('mail.add', {**MAIL, 'mail': 'x@missing.org'})['code'] == NOT_FOUND


def test_mail_set_replaces_lists_and_hides_passwords(sim, api, domain):
    api.result('mail.add', MAIL)
    add_domain(sim, api, 'example.net')
    result = api.result('mail.set', {'mail': 'alice@example.org', 'forwards': ['bob@x.org'],
                                     'aliases': ['b@example.org', 'a@example.net'], 'first_name': 'Al',
                                     'active': False, 'deletion_date': '2030-01-01'})
    assert result['type'] == 'inboxforward'
    assert result['aliases'] == ['b@example.org', 'a@example.net']
    assert result['first_name'] == 'Al' and result['active'] is False
    result = api.result('mail.set', {'mail': 'alice@example.org', 'aliases': ['a@example.net']})
    assert result['aliases'] == ['a@example.net'] and result['forwards'] == ['bob@x.org']
    assert 'password' not in api.result('mail.set', {'mail': 'alice@example.org', 'password': 'new-pw'})
    assert Client(sim.url).login('alice@example.org', 'new-pw')['level'] == 'mail'


def test_mail_set_errors(sim, api, domain):
    api.result('mail.add', MAIL)
    api.result('mail.add', {**MAIL, 'mail': 'bob@example.org'})
    target = {'mail': 'alice@example.org'}
    assert api.error('mail.set', {**target, 'additional_mail_quota': '5'})['code'] == PARAMS  # plan missing
    assert api.result('mail.set', {**target, 'additional_mail_quota': '5', 'plan': 'premium'})['plan'] == 'premium'
    assert api.error('mail.set', {**target, 'same_password_allowed': True})['code'] == PARAMS
    assert api.error('mail.set', {**target, 'aliases': ['x@foreign.org']})['code'] == PARAMS
    assert api.error('mail.set', {**target, 'aliases': ['bob@example.org']})['code'] == EXISTS
    assert api.error('mail.set', {**target, 'inboxsave': False})['code'] == PARAMS
    api.result('mail.set', {**target, 'same_password_disallowed': True})
    assert api.error('mail.set', {**target, 'password': 'alice-pw'})['code'] == PARAMS
    assert api.result('mail.set', {**target, 'plan': 'MAILXL'})['plan'] == 'MAILXL'
    assert api.error('mail.set', {'mail': 'ghost@example.org', 'memo': 'x'})['code'] == NOT_FOUND


def test_mail_list_sort_and_pages(sim, api, domain):
    for name, plan in (('carol', 'light'), ('alice', 'premium'), ('bob', 'standard')):
        api.result('mail.add', {**MAIL, 'mail': name + '@example.org', 'plan': plan})
    listed = api.result('mail.list', {'domain': 'example.org', 'details': False})
    assert [m['mail'] for m in listed] == ['alice@example.org', 'bob@example.org', 'carol@example.org']
    assert listed[0] == api.result('mail.get', {'mail': 'alice@example.org'})
    by_plan = api.result('mail.list', {'domain': 'example.org', 'details': True, 'sort_field': 'plan',
                                       'sort_order': 'desc'})
    assert [m['plan'] for m in by_plan] == ['standard', 'premium', 'light']
    page = api.result('mail.list', {'domain': 'example.org', 'details': False, 'page_size': 2, 'page': 2})
    assert [m['mail'] for m in page] == ['carol@example.org']
    for bad in ({'page': 1}, {'page_size': 0, 'page': 1}, {'sort_field': 'memo'}, {'sort_order': 'up'}):
        assert api.error('mail.list', {'domain': 'example.org', 'details': False, **bad})['code'] == PARAMS
    assert api.error('mail.list', {'domain': 'example.org'})['code'] == PARAMS  # details is required


def test_mail_del(sim, api, domain):
    api.result('mail.add', MAIL)
    assert api.result('mail.del', {'mail': 'alice@example.org'}) is True
    assert api.error('mail.get', {'mail': 'alice@example.org'})['code'] == NOT_FOUND
    assert api.error('mail.del', {'mail': 'alice@example.org'})['code'] == NOT_FOUND


def test_mail_capabilities_set(sim, api, domain):
    api.result('mail.add', MAIL)
    target = {'mail': 'alice@example.org'}
    assert api.result('mail.capabilities.set', {**target, 'capabilities': {'MAIL_OTP': 'on',
                                                                           'MAIL_BLACKLIST': 'on'}}) is True
    api.result('mail.capabilities.set', {**target, 'capabilities': {'MAIL_OTP': 'off'}})
    assert api.result('mail.get', target)['capabilities'] == ['MAIL_BLACKLIST']
    api.result('mail.capabilities.set', {**target, 'capabilities': ['MAIL_SPAMPROTECTION']})
    assert api.result('mail.get', target)['capabilities'] == ['MAIL_SPAMPROTECTION']
    assert api.error('mail.capabilities.set', {**target, 'capabilities': {'MAIL_OTP': 'yes'}})['code'] == PARAMS


# --- accounts ------------------------------------------------------------------------------
def test_account_get_shape(sim, api):
    account = api.result('account.get', {'account': 'demo'})
    assert account['account'] == 'demo' and account['type'] == 'BMBO' and account['status'] == 'aktiv'
    assert account['plan'] == 'basic' and account['language'] == 'de_DE'
    assert set(account['address_main']) == {'salutation', 'first_name', 'last_name', 'street', 'zipcode',
                                            'town', 'country'}
    assert 'password' not in account


def test_account_set_maps_flat_names_into_objects(sim, api):
    result = api.result('account.set', {'account': 'demo', 'memo': 'hi', 'address_main_town': 'Berlin',
                                        'contact_mail_payment': 'pay@example.org'})
    assert result['memo'] == 'hi'
    assert result['address_main']['town'] == 'Berlin'
    assert result['contact']['mail_payment'] == 'pay@example.org'
    assert api.result('account.get', {'account': 'demo'}) == result
    assert api.error('account.set', {'account': 'demo', 'payment_type': 'dta'})['code'] == PARAMS  # no bank
    assert api.error('account.set', {'account': 'demo', 'plan': 'huge'})['code'] == PARAMS
    assert sim.simulator.stats()['writes'] == ['account.set']


def test_reseller_manages_its_accounts(sim):
    reseller = Client(sim.url)
    reseller.login('reseller1', 'res-pw')
    added = reseller.result('account.add', {'account': 'cust1', 'password': 'cust-pw', 'plan': 'profi',
                                            'company': 'ACME', 'address_main_last_name': 'Doe'})
    assert added['company'] == 'ACME' and added['address_main']['last_name'] == 'Doe'
    assert reseller.error('account.add', {'account': 'cust1', 'password': 'x', 'plan': 'basic'})['code'] == EXISTS
    assert reseller.error('account.get', {'account': 'demo'})['code'] == FORBIDDEN

    customer = Client(sim.url)
    assert customer.login('cust1', 'cust-pw')['level'] == 'account'
    add_domain(sim, customer, 'cust.org', account='cust1')
    customer.result('mail.add', {**MAIL, 'mail': 'a@cust.org'})

    assert reseller.result('account.del', {'account': 'cust1'}) is True
    assert customer.error('hello.innerworld') == SESSION_ERROR
    state = sim.simulator.state()
    assert 'cust1' not in state['accounts'] and state['domains'] == {} and state['mails'] == {}
    assert reseller.error('account.del', {'account': 'cust1'})['code'] == NOT_FOUND


# --- options, counters, faults -------------------------------------------------------------
def test_error_codes_option_overrides_unconfirmed_codes(serve):
    running = serve('mailbox_org', error_codes={'not_found': 9999})
    client = Client(running.url)
    client.login()
    assert client.error('domain.get', {'domain': 'missing.org'})['code'] == 9999


def test_seeded_domains_and_default_login_options(serve):
    running = serve('mailbox_org', user='acme', password='s3cret', domains=['Seeded.org'])
    client = Client(running.url)
    assert client.login('acme', 's3cret')['level'] == 'account'
    assert [d['domain'] for d in client.result('domain.list', {'account': 'acme'})] == ['seeded.org']
    assert client.result('mail.add', {**MAIL, 'mail': 'a@seeded.org'})['domain'] == 'seeded.org'


def test_counters_count_requests_calls_and_only_real_writes(sim, api):
    sim.simulator.reset_stats()
    api.error('domain.add', {'account': 'demo', 'domain': 'example.org', 'password': 'p'})
    publish(sim, 'demo', 'example.org')
    api.result('domain.add', {'account': 'demo', 'domain': 'example.org', 'password': 'p'})
    api.result('domain.get', {'domain': 'example.org'})
    api.result('mail.add', MAIL)
    api.result('deauth')
    requests.post(sim.url + '/v1/', data=b'garbage')
    stats = requests.get(sim.url + '/__sim__/stats').json()
    assert stats['requests'] == 6
    assert stats['calls'] == ['domain.add', 'domain.add', 'domain.get', 'mail.add', 'deauth', 'invalid']
    assert stats['writes'] == ['domain.add', 'mail.add']


def test_fault_matches_the_method_name(sim, api):
    requests.post(sim.url + '/__sim__/fault', json={'status': 502, 'call': 'domain.list'})
    assert api.result('hello.innerworld') == 'Hello Inner-World!'
    reply = requests.post(sim.url + '/v1/', json={'jsonrpc': '2.0', 'id': '9', 'method': 'domain.list',
                                                  'params': {'account': 'demo'}},
                          headers={'HPLS-AUTH': api.session})
    assert reply.status_code == 502


def test_reset_restores_the_seed(sim, api):
    add_domain(sim, api)
    requests.post(sim.url + '/__sim__/reset')
    state = requests.get(sim.url + '/__sim__/state').json()
    assert state['domains'] == {} and state['sessions'] == {} and state['dns'] == {}
    assert set(state['accounts']) == {'demo', 'other'}
