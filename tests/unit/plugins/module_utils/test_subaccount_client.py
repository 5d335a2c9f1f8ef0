# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The sub-account API client against its simulator: auth, rights, paging, CRUD and every error shape."""

import pytest

from ansible_collections.hosting.provision.plugins.module_utils._transport import (
    REDACTED, ApiError, AuthenticationError, Transport, TransportError)
from ansible_collections.hosting.provision.plugins.module_utils.subaccount import (
    UNCHANGED, SubaccountConnection, ValidationError)


@pytest.fixture
def sim(serve):
    return serve('subaccount', subaccounts=6)


def make_client(sim, password='demo-password', **options):
    transport = Transport(sim.url, timeout=5, retries=2, backoff=0, sleep=lambda seconds: None)
    return SubaccountConnection(transport, 'demo', password, **options)


@pytest.fixture
def client(sim):
    return make_client(sim)


def logins(rows):
    return [values['strLogin'] for row_id, values in rows]


def test_auth_keeps_the_token_secret_and_sends_it_with_every_call(sim, client):
    client.login()
    assert client.session and client.session in client.transport.secrets
    assert client.transport.redact('token %s' % client.session) == 'token %s' % REDACTED
    client.rights()
    client.rights()  # read once per client
    assert sim.simulator.stats()['calls'] == ['auth', 'rights']


def test_short_token_expires_and_is_renewed_longlife_survives(sim):
    short, long = make_client(sim), make_client(sim, longlife=True)
    short.login()
    long.login()
    sim.simulator.clock.advance(3600)
    sim.simulator.reset_stats()
    assert logins(long.list('Subaccount', cols=['strLogin'], limit=1)) == ['aaa']
    assert sim.simulator.stats()['calls'] == ['Subaccount.list']
    sim.simulator.reset_stats()
    assert logins(short.list('Subaccount', cols=['strLogin'], limit=1)) == ['aaa']
    assert sim.simulator.stats()['calls'] == ['Subaccount.list', 'rights', 'auth', 'Subaccount.list']


def test_wrong_password_is_an_authentication_error_without_the_password(sim):
    client = make_client(sim, password='Wr0ng!pass')
    client.transport.add_secret('Wr0ng!pass')
    with pytest.raises(AuthenticationError) as caught:
        client.rights()
    assert 'Anmeldung fehlgeschlagen' in caught.value.message
    assert 'Wr0ng!pass' not in caught.value.message
    assert sim.simulator.stats()['calls'] == ['auth']


def test_rights_and_require(sim, client):
    assert client.rights()['User'] == ['get', 'list', 'update']
    client.require('Subaccount', 'list', 'create')
    sim.simulator.revoke('Subaccount', 'create')
    fresh = make_client(sim, access_type=2)
    with pytest.raises(ApiError) as caught:
        fresh.require('Subaccount', 'list', 'create')
    assert caught.value.message == (
        "The API user 'demo' (access_type 2) lacks the right to create model Subaccount; its rights on it are: "
        "get, list, update, delete, deleteinfo. Ask the provider to grant them, or use an access_type that has "
        "them.")


def test_list_pages_to_the_end_following_the_servers_count(serve):
    sim = serve('subaccount', subaccounts=60, max_limit=25)
    rows = make_client(sim).list('Subaccount')
    assert len(rows) == 62
    assert [row[0] for row in rows] == list(range(542, 604))
    assert rows[0] == (542, {'intID': '542', 'strLogin': 'aaa', 'intStatus': 'Aktiv'})
    assert sim.simulator.stats()['calls'] == ['auth'] + ['Subaccount.list'] * 3


def test_list_offset_limit_order_sort_cols(serve):
    sim = serve('subaccount', subaccounts=60, max_limit=25)
    rows = make_client(sim).list('Subaccount', cols=['strLogin', 'intStatus'], order='strLogin', sort='desc',
                                 offset=5, limit=30)
    assert len(rows) == 30
    assert rows[0] == (598, {'strLogin': 'subuser055', 'intStatus': 'Aktiv'})
    assert rows[-1][1]['strLogin'] == 'subuser026'
    assert sim.simulator.stats()['calls'] == ['auth'] + ['Subaccount.list'] * 2


# ids 542 aaa, 543 bbb (Aktiv, no comment); 544.. subuser001..006: status number % 2, comment on 003 and 006
@pytest.mark.parametrize('filters, expected', [
    ([{'fieldname': 'strLogin', 'value': 'bbb'}], ['bbb']),
    ([{'fieldname': 'intID', 'comparison': 'lt', 'value': 544}], ['aaa', 'bbb']),
    ([{'fieldname': 'intID', 'comparison': 'gt', 'value': 547}], ['subuser005', 'subuser006']),
    ([{'fieldname': 'intID', 'comparison': 'lte', 'value': '543'}], ['aaa', 'bbb']),
    ([{'fieldname': 'intID', 'comparison': 'gte', 'value': 548}], ['subuser005', 'subuser006']),
    ([{'fieldname': 'strLogin', 'comparison': 'like', 'value': 'USER00'}],
     ['subuser001', 'subuser002', 'subuser003', 'subuser004', 'subuser005', 'subuser006']),
    ([{'fieldname': 'strLogin', 'comparison': 'in', 'value': ['aaa', 'subuser002']}], ['aaa', 'subuser002']),
    ([{'fieldname': 'strComment', 'comparison': 'is'}],
     ['aaa', 'bbb', 'subuser001', 'subuser002', 'subuser004', 'subuser005']),
    ([{'fieldname': 'strComment', 'comparison': 'isnot'}], ['subuser003', 'subuser006']),
    ([{'fieldname': 'query', 'comparison': 'like', 'value': 'third'}], ['subuser003', 'subuser006']),
    ([{'fieldname': 'intStatus', 'value': '1'}, {'fieldname': 'strLogin', 'comparison': 'like', 'value': 'sub'}],
     ['subuser001', 'subuser003', 'subuser005']),
])
def test_list_filters(client, filters, expected):
    assert logins(client.list('Subaccount', filters=filters, cols=['strLogin'])) == expected


def test_get_definitions_values_and_lists(client):
    definitions = dict((item['fieldname'], item) for item in client.definitions('Subaccount'))
    assert list(definitions) == ['intID', 'strLogin', 'strPass', 'intStatus', 'strComment', 'intFtpAccess']
    assert definitions['strPass']['value'] == ''
    assert definitions['intStatus']['listkeys'] == [0, 1]
    assert definitions['intStatus']['listvalues'] == ['Inaktiv', 'Aktiv']
    form = client.get('Subaccount', [542])
    values = dict((item['fieldname'], item['value']) for item in form['fields'])
    assert values['strLogin'] == 'aaa' and values['strPass'] == UNCHANGED and values['intStatus'] == '1'


def test_create_update_delete(sim, client):
    new_id = client.create('Subaccount', {'intID': '0', 'strLogin': 'robot1', 'strPass': 'Robot!Secret1',
                                          'intStatus': '1'})
    assert new_id == 550
    client.update('Subaccount', [550], {'intID': '550', 'strLogin': 'robot1', 'strPass': UNCHANGED,
                                        'intStatus': '0'})
    row = [r for r in sim.simulator.state()['models']['Subaccount'] if r['intID'] == '550'][0]
    assert (row['intStatus'], row['strPass']) == ('0', 'Robot!Secret1')
    client.delete('Subaccount', [550])
    assert sim.simulator.stats()['writes'] == ['Subaccount.create', 'Subaccount.update', 'Subaccount.delete']
    assert client.list('Subaccount', filters=[{'fieldname': 'intID', 'value': 550}]) == []


def test_validation_error_names_every_field(sim, client):
    with pytest.raises(ValidationError) as caught:
        client.create('Subaccount', {'strLogin': 'abc', 'strPass': 'abcdef'})
    error = caught.value
    assert error.field_errors == {'strLogin': 'Wert muss mindestens 6 Zeichen lang sein',
                                  'strPass': 'Wert muss Sonderzeichen beinhalten'}
    assert error.message == ('Subaccount.create was refused (statuscode 113), field by field: strLogin: Wert muss '
                             'mindestens 6 Zeichen lang sein; strPass: Wert muss Sonderzeichen beinhalten. Correct '
                             'these values and run again.')
    assert error.details()['field_errors'] == error.field_errors
    assert 'login (strLogin): Wert' in error.relabel({'strLogin': 'login'}).message
    # a validation error is final: no token probe, no second try
    assert sim.simulator.stats()['calls'] == ['auth', 'Subaccount.create']


def test_other_error_keeps_code_and_message_and_is_not_retried_while_the_token_works(sim, client):
    with pytest.raises(ApiError) as caught:
        client.get('Subaccount', [999])
    error = caught.value
    assert not isinstance(error, ValidationError)
    assert error.message == 'Subaccount.get failed (statuscode 105): Eintrag 999 nicht gefunden'
    assert (error.call, error.code, error.api_message) == ('Subaccount.get', 105, 'Eintrag 999 nicht gefunden')
    assert sim.simulator.stats()['calls'] == ['auth', 'Subaccount.get', 'rights']


def test_token_refused_again_after_a_fresh_auth_is_an_error(sim, client, monkeypatch):
    client.login()
    handle = sim.simulator.handle

    def always_expired(request):
        sim.simulator.expire_tokens()
        return handle(request)

    monkeypatch.setattr(sim.simulator, 'handle', always_expired)
    with pytest.raises(ApiError) as caught:
        client.get('Subaccount', [542])
    assert 'Subaccount.get failed' in caught.value.message
    assert sim.simulator.stats()['calls'] == ['auth', 'Subaccount.get', 'rights', 'auth', 'Subaccount.get']


def test_answers_that_are_not_the_api_are_transport_errors(sim, client):
    sim.simulator.add_fault(status=200, body='<html>maintenance</html>', call='auth')
    with pytest.raises(TransportError) as caught:
        client.login()
    assert 'is not JSON (an HTML page "maintenance")' in caught.value.message
    sim.simulator.add_fault(status=200, body='{"hello": 1}', content_type='application/json', call='auth')
    with pytest.raises(TransportError) as caught:
        client.login()
    assert 'has no statuscode' in caught.value.message
    client.login()
    sim.simulator.add_fault(status=502, times=5, call='Subaccount.create')
    with pytest.raises(TransportError) as caught:
        client.create('Subaccount', {'strLogin': 'robot1', 'strPass': 'Robot!Secret1'})
    assert caught.value.status == 502 and caught.value.maybe_applied is True
    assert sim.simulator.stats()['calls'].count('Subaccount.create') == 1, 'a write is never sent twice'


def test_endpoint_with_a_trailing_slash_is_posted_to_as_given(sim, monkeypatch):
    transport = Transport(sim.url + '/api/', timeout=5)
    client = SubaccountConnection(transport, 'demo', 'demo-password', path='/')
    seen = []
    handle = sim.simulator.handle

    def recording(request):
        seen.append(request.path)
        return handle(request)

    monkeypatch.setattr(sim.simulator, 'handle', recording)
    client.login()
    assert seen == ['/api/']
