# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The mailbox.org JSON-RPC client against the simulator: envelope, auth id, re-auth, error mapping."""

import json

import pytest

from ansible_collections.hosting.provision.plugins.module_utils._transport import (
    ApiError, AuthenticationError, SessionExpired, Transport, TransportError)
from ansible_collections.hosting.provision.plugins.module_utils.mailbox_org import (
    DnsVerificationRequired, MailboxOrgConnection)


@pytest.fixture
def sim(serve):
    return serve('mailbox_org', domains=['example.com'])


@pytest.fixture
def sent(sim):
    """Every request the client sends, as (headers, JSON body)."""
    return []


@pytest.fixture
def client(sim, sent):
    transport = Transport(sim.url, timeout=5, retries=0)
    original = transport.session.request

    def request(method, url, **kwargs):
        sent.append((dict(kwargs.get('headers') or {}), json.loads(kwargs['data']), url))
        return original(method, url, **kwargs)

    transport.session.request = request
    transport.add_secret('demo-password')
    return MailboxOrgConnection(transport, 'demo', 'demo-password')


def error_reply(code, message, data=None, request_id='1'):
    error = dict(code=code, message=message)
    if data is not None:
        error['data'] = data
    return json.dumps(dict(jsonrpc='2.0', id=request_id, error=error))


def test_envelope_ids_header_and_deauth(sim, client, sent):
    assert client.call('domain.list', account='demo')[0]['domain'] == 'example.com'
    client.close()
    bodies = [body for dummy, body, dummy in sent]
    assert [(b['jsonrpc'], b['id'], b['method']) for b in bodies] == [
        ('2.0', '1', 'auth'), ('2.0', '2', 'domain.list'), ('2.0', '3', 'deauth')]
    assert bodies[0]['params'] == {'user': 'demo', 'pass': 'demo-password'}
    headers = [h for h, dummy, dummy in sent]
    assert 'HPLS-AUTH' not in headers[0]
    auth_id = headers[1]['HPLS-AUTH']
    assert headers[2]['HPLS-AUTH'] == auth_id and headers[1]['Content-Type'] == 'application/json'
    assert all(url == sim.url + '/v1/' for dummy, dummy, url in sent)
    assert sim.simulator.state()['sessions'] == {}, 'deauth must end the session'
    assert client.transport.redact('id %s' % auth_id) == 'id ********'


def test_auth_reports_the_level(client):
    client.login()
    assert client.level == 'account'


def test_invalid_auth_id_gets_one_reauth_and_retry(sim, client):
    client.login()
    sim.simulator.control('expire_auth', {})
    assert client.call('domain.get', domain='example.com')['domain'] == 'example.com'
    assert sim.simulator.stats()['calls'] == ['auth', 'domain.get', 'auth', 'domain.get']


def test_a_second_invalid_auth_id_is_an_error(sim, client):
    client.login()
    sim.simulator.add_fault(status=200, body=error_reply(253, 'Diese Auth-ID ist ung\u00fcltig'),
                            content_type='application/json', call='domain.get', times=2)
    with pytest.raises(SessionExpired) as caught:
        client.call('domain.get', domain='example.com')
    assert caught.value.code == 253
    assert caught.value.message == ('domain.get failed (253: Diese Auth-ID ist ung\u00fcltig). The auth id is '
                                    'invalid or expired (it lives 20 minutes after its last use). mailbox.org '
                                    'refused a fresh auth id as well; try again later.')
    assert sim.simulator.stats()['calls'] == ['auth', 'domain.get', 'auth', 'domain.get']


def test_wrong_password_is_an_authentication_error_without_the_password(sim):
    client = MailboxOrgConnection(Transport(sim.url, retries=0), 'demo', 'wrong-pass')
    client.transport.add_secret('wrong-pass')
    with pytest.raises(AuthenticationError) as caught:
        client.call('domain.list', account='demo')
    assert caught.value.message.startswith("Login to mailbox.org at %s as 'demo' failed (" % sim.url)
    assert 'wrong-pass' not in caught.value.message


def test_218_keeps_the_record_from_error_data(sim, client):
    with pytest.raises(DnsVerificationRequired) as caught:
        client.call('domain.add', write=True, account='demo', domain='new.example', password='x')
    expected = sim.simulator.challenge('demo', 'new.example')
    assert (caught.value.host, caught.value.txt) == (expected['host'], expected['txt'])
    assert caught.value.details()['verification'] == expected
    assert caught.value.code == 218


@pytest.mark.parametrize('code, message, expected', [
    (-32700, 'Parse error', 'could not parse the request as JSON'),
    (-32600, 'Invalid Request', 'did not accept the request as JSON-RPC 2.0'),
    (-32601, 'Method not found', 'does not know this method'),
    (-32602, 'Invalid params', 'refused the parameters'),
    (777, 'Etwas Unbekanntes', None),
])
def test_error_codes_are_clear_sentences(sim, client, code, message, expected):
    client.login()
    sim.simulator.add_fault(status=200, body=error_reply(code, message), content_type='application/json',
                            call='domain.get')
    with pytest.raises(ApiError) as caught:
        client.call('domain.get', domain='example.com')
    text = caught.value.message
    assert text.startswith('domain.get failed (%d: %s).' % (code, message))
    assert (expected in text) if expected else text == 'domain.get failed (777: Etwas Unbekanntes).'
    assert (caught.value.code, caught.value.api_message, caught.value.call) == (code, message, 'domain.get')


def test_error_wins_over_result(sim, client):
    client.login()
    body = json.dumps(dict(jsonrpc='2.0', id='2', result=True, error=dict(code=777, message='Nein')))
    sim.simulator.add_fault(status=200, body=body, content_type='application/json', call='domain.get')
    with pytest.raises(ApiError):
        client.call('domain.get', domain='example.com')


@pytest.mark.parametrize('body, expected', [
    ('<html>maintenance</html>', 'is not JSON (an HTML page "maintenance")'),
    ('[1, 2]', 'is not a JSON-RPC reply'),
    (json.dumps(dict(jsonrpc='2.0', id='99', result=[])), "carries id '99', not '2'"),
])
def test_odd_replies_are_transport_errors(sim, client, body, expected):
    client.login()
    sim.simulator.add_fault(status=200, body=body, content_type='application/json', call='domain.list')
    with pytest.raises(TransportError) as caught:
        client.call('domain.list', account='demo')
    assert expected in caught.value.message


def test_http_error_of_a_write_may_have_been_applied(sim, client):
    client.login()
    sim.simulator.add_fault(status=504, body='Gateway Timeout', content_type='text/plain', call='domain.set')
    with pytest.raises(TransportError) as caught:
        client.call('domain.set', write=True, domain='example.com', memo='x')
    assert caught.value.maybe_applied is True and caught.value.status == 504
    assert sim.simulator.stats()['calls'].count('domain.set') == 1, 'a write is never sent twice'


def test_wrong_path_names_api_url(serve):
    running = serve('mailbox_org')
    client = MailboxOrgConnection(Transport(running.url + '/elsewhere', retries=0), 'demo', 'demo-password')
    with pytest.raises(TransportError) as caught:
        client.login()
    assert 'HTTP 404' in caught.value.message and 'Check api_url' in caught.value.message


def test_level_too_low_fails_before_the_call(serve):
    running = serve('mailbox_org', users={'reseller': {'pass': 'Reseller-Pass', 'level': 'reseller'}})
    client = MailboxOrgConnection(Transport(running.url, retries=0), 'reseller', 'Reseller-Pass')
    with pytest.raises(ApiError) as caught:
        client.call('mail.add', write=True, mail='a@example.com')
    assert caught.value.message.startswith("mail.add needs an auth level of admin, account, domain, but 'reseller' "
                                           "logged in with level 'reseller'.")
    assert running.simulator.stats()['calls'] == ['auth']


def test_logout_tolerates_a_dead_api(sim, client):
    client.login()
    sim.simulator.add_fault(kind='reset', call='deauth')
    client.close()
    assert client.session is None
