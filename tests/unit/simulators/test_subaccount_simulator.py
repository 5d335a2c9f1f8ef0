# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The sub-account API simulator speaks the wire format of docs/api/subaccount.md."""

import pytest
import requests

from simulators.subaccount import STATUSCODES, VALIDATION_MSG


class Client:
    """Just enough of a client: POST one JSON object, keep the kmd."""

    def __init__(self, running, access_type=1):
        self.url = running.url + '/api/'
        self.access_type = access_type
        self.kmd = None

    def post(self, payload):
        response = requests.post(self.url, json=payload, timeout=5)
        assert response.status_code == 200
        return response.json()

    def auth(self, kname='demo', kpass='demo-password', **extra):
        reply = self.post(dict({'action': 'auth', 'accessType': self.access_type, 'kname': kname,
                                'kpass': kpass, 'lang': 1}, **extra))
        if reply['statuscode'] == 0:
            self.kmd = reply['data']['kmd']
        return reply

    def call(self, action, model='Subaccount', **fields):
        return self.post(dict({'action': action, 'accessType': self.access_type, 'kmd': self.kmd,
                               'model': model}, **fields))


@pytest.fixture
def running(serve):
    return serve('subaccount')


@pytest.fixture
def client(running):
    client = Client(running)
    assert client.auth()['statuscode'] == 0
    return client


def list_logins(client, **params):
    reply = client.call('list', **params)
    assert reply['statuscode'] == 0, reply
    login_col = [head['colorder'] for head in reply['data']['head']].index('strLogin')
    return [row['row'][login_col]['content'] for row in reply['data']['data']]


def field_map(reply):
    return {field['fieldname']: field for field in reply['data']['fields']}


def create_payload(**data):
    return dict({'intID': '0', 'strLogin': 'new User', 'strPass': 'ABCabc123!', 'intStatus': '1'}, **data)


# --- auth ------------------------------------------------------------------------------------

def test_auth_returns_token_in_the_documented_envelope(running):
    reply = Client(running).auth()
    assert reply['status'] == 'Success'
    assert reply['statuscode'] == 0
    assert reply['msg'] == 'Erfolgreich'
    assert reply['action'] == 'auth'
    assert isinstance(reply['data']['kmd'], str) and reply['data']['kmd']


def test_auth_with_wrong_password_fails_and_gives_no_token(running):
    reply = Client(running).auth(kpass='wrong')
    assert reply['status'] == 'Error'
    assert reply['statuscode'] == STATUSCODES['login_failed']
    assert reply['data'] == []
    assert running.simulator.state()['sessions'] == 0


def test_auth_without_access_type_is_a_bad_request(running):
    reply = Client(running).post({'action': 'auth', 'kname': 'demo', 'kpass': 'demo-password', 'lang': 1})
    assert reply['statuscode'] == STATUSCODES['bad_request']


@pytest.mark.parametrize('lang', [None, '1', True])
def test_auth_without_an_integer_lang_is_a_bad_request(running, lang):
    """The seed lists lang with auth's fields without marking it optional."""
    payload = {'action': 'auth', 'accessType': 1, 'kname': 'demo', 'kpass': 'demo-password', 'lang': lang}
    reply = Client(running).post(dict((key, value) for key, value in payload.items() if value is not None))
    assert reply['statuscode'] == STATUSCODES['bad_request'] and 'lang' in reply['msg']


@pytest.mark.parametrize('kmd', [None, 'not-a-token'])
def test_requests_without_valid_token_are_refused(client, kmd):
    client.kmd = kmd
    reply = client.call('list')
    assert reply['status'] == 'Error'
    assert reply['statuscode'] == STATUSCODES['invalid_token']


def test_token_expires_after_its_lifetime(running, client):
    running.simulator.clock.advance(1799)
    assert client.call('list')['statuscode'] == 0
    running.simulator.clock.advance(2)
    assert client.call('list')['statuscode'] == STATUSCODES['invalid_token']
    assert client.auth()['statuscode'] == 0
    assert client.call('list')['statuscode'] == 0


def test_longlife_token_outlives_a_normal_one(running):
    normal, longlife = Client(running), Client(running)
    normal.auth()
    longlife.auth(longlife=1)
    running.simulator.clock.advance(86400)
    assert normal.call('list')['statuscode'] == STATUSCODES['invalid_token']
    assert longlife.call('list')['statuscode'] == 0
    running.simulator.clock.advance(30 * 86400)
    assert longlife.call('list')['statuscode'] == STATUSCODES['invalid_token']


def test_token_is_bound_to_the_access_type_of_auth(client):
    client.access_type = 2
    assert client.call('list')['statuscode'] == STATUSCODES['invalid_token']


def test_expire_tokens_control_invalidates_sessions(running, client):
    response = requests.post(running.url + '/__sim__/expire_tokens', json={}, timeout=5)
    assert response.json() == {'ok': True}
    assert client.call('list')['statuscode'] == STATUSCODES['invalid_token']


def test_get_method_is_refused(running):
    assert requests.get(running.url + '/api/', timeout=5).status_code == 405


def test_body_that_is_not_json_is_a_bad_request(running):
    reply = requests.post(running.url + '/api/', data=b'action=auth', timeout=5).json()
    assert reply['statuscode'] == STATUSCODES['bad_request']
    assert reply['status'] == 'Error'


# --- rights ------------------------------------------------------------------------------------

def test_rights_lists_models_and_actions(client):
    reply = client.post({'action': 'rights', 'accessType': 1, 'kmd': client.kmd})
    assert reply['statuscode'] == 0
    assert {'model': 'Subaccount',
            'actions': ['get', 'list', 'update', 'create', 'delete', 'deleteinfo']} in reply['data']
    assert {'model': 'User', 'actions': ['get', 'list', 'update']} in reply['data']


def test_revoked_delete_is_refused_and_changes_nothing(running, client):
    requests.post(running.url + '/__sim__/revoke', json={'model': 'Subaccount', 'action': 'delete'}, timeout=5)
    reply = client.call('delete', ids=[542])
    assert reply['statuscode'] == STATUSCODES['no_right']
    assert [row['intID'] for row in running.simulator.state()['models']['Subaccount']] == ['542', '543']
    assert running.simulator.stats()['writes'] == []
    rights = client.post({'action': 'rights', 'accessType': 1, 'kmd': client.kmd})['data']
    assert {'model': 'Subaccount', 'actions': ['get', 'list', 'update', 'create', 'deleteinfo']} in rights
    assert client.call('get', ids=[542])['data']['canDelete'] is False


def test_rights_option_replaces_a_models_rights(serve):
    running = serve('subaccount', rights={'Subaccount': ['list']})
    client = Client(running)
    client.auth()
    assert client.call('list')['statuscode'] == 0
    assert client.call('get', ids=[542])['statuscode'] == STATUSCODES['no_right']
    assert client.call('create', ids=[], data=create_payload())['statuscode'] == STATUSCODES['no_right']


def test_create_on_user_model_is_refused_by_rights(client):
    assert client.call('create', model='User', ids=[], data={})['statuscode'] == STATUSCODES['no_right']


def test_unknown_model_and_unimplemented_action(client):
    assert client.call('list', model='Domain')['statuscode'] == STATUSCODES['unknown']
    assert client.call('deleteinfo', ids=[542])['statuscode'] == STATUSCODES['unknown']


# --- list ------------------------------------------------------------------------------------------

def test_list_reply_shape_matches_the_seed(client):
    reply = client.call('list')
    assert reply['model'] == 'Subaccount' and reply['action'] == 'list'
    data = reply['data']
    assert data['caption'] == 'User'
    assert data['count'] == 2 and data['total'] == 2
    assert data['head'] == [
        {'headlineType': 'string', 'headline': 'ID', 'colsort': False, 'colorder': 'intID'},
        {'headlineType': 'string', 'headline': 'Nutzername', 'colsort': False, 'colorder': 'strLogin'},
        {'headlineType': 'string', 'headline': 'Status', 'colsort': False, 'colorder': 'intStatus'},
    ]
    assert data['data'][0] == {'id': '542', 'row': [{'content': '542', 'type': 'string'},
                                                    {'content': 'aaa', 'type': 'string'},
                                                    {'content': 'Aktiv', 'type': 'string'}]}


def test_list_pages_with_default_and_maximum_limit(serve):
    running = serve('subaccount', subaccounts=130)
    client = Client(running)
    client.auth()
    first = client.call('list')['data']
    assert (first['count'], first['total']) == (25, 132)
    clamped = client.call('list', limit=500)['data']
    assert (clamped['count'], clamped['total']) == (100, 132)
    seen, offset = [], 0
    while True:
        page = client.call('list', limit=100, offset=offset)['data']
        seen += [row['id'] for row in page['data']]
        offset += page['count']
        if offset >= page['total']:
            break
    assert len(seen) == len(set(seen)) == 132
    beyond = client.call('list', offset=500)['data']
    assert (beyond['data'], beyond['count'], beyond['total']) == ([], 0, 132)


@pytest.mark.parametrize('limit, offset', [(-1, 0), ('ten', 0), (10, -5)])
def test_list_rejects_bad_paging(client, limit, offset):
    assert client.call('list', limit=limit, offset=offset)['statuscode'] == STATUSCODES['bad_request']


@pytest.mark.parametrize('comparison, value, expected', [
    ('eql', 'subuser002', ['subuser002']),
    ('like', 'USER00', ['subuser001', 'subuser002', 'subuser003', 'subuser004', 'subuser005', 'subuser006']),
    ('in', ['aaa', 'subuser006', 'nobody'], ['aaa', 'subuser006']),
    ('lt', 'bbb', ['aaa']),
    ('gte', 'subuser005', ['subuser005', 'subuser006']),
])
def test_list_filters_on_login(serve, comparison, value, expected):
    client = Client(serve('subaccount', subaccounts=6))
    client.auth()
    filters = [{'fieldname': 'strLogin', 'comparison': comparison, 'value': value}]
    assert list_logins(client, filters=filters) == expected


@pytest.mark.parametrize('comparison, value, expected_ids', [
    ('lt', 544, ['542', '543']),
    ('gt', '547', ['548', '549']),
    ('lte', 544, ['542', '543', '544']),
    ('gte', 549, ['549']),
    ('lt', '1000', ['542', '543', '544', '545', '546', '547', '548', '549']),  # as text '1000' < '542'
])
def test_list_filters_compare_ids_numerically(serve, comparison, value, expected_ids):
    client = Client(serve('subaccount', subaccounts=6))
    client.auth()
    reply = client.call('list', filters=[{'fieldname': 'intID', 'comparison': comparison, 'value': value}])
    assert [row['id'] for row in reply['data']['data']] == expected_ids


def test_list_filters_default_to_eql_and_combine_with_and(serve):
    client = Client(serve('subaccount', subaccounts=6))
    client.auth()
    inactive = list_logins(client, filters=[{'fieldname': 'intStatus', 'value': 0}])
    assert inactive == ['subuser002', 'subuser004', 'subuser006']
    both = list_logins(client, filters=[{'fieldname': 'intStatus', 'value': '0'},
                                        {'fieldname': 'strLogin', 'comparison': 'like', 'value': '4'}])
    assert both == ['subuser004']
    # a named field compares stored keys, not the labels list shows
    assert list_logins(client, filters=[{'fieldname': 'intStatus', 'value': 'Aktiv'}]) == []


def test_list_filters_is_and_isnot_test_null(serve):
    client = Client(serve('subaccount', subaccounts=6))
    client.auth()
    with_comment = list_logins(client, filters=[{'fieldname': 'strComment', 'comparison': 'isnot'}])
    assert with_comment == ['subuser003', 'subuser006']
    without = list_logins(client, filters=[{'fieldname': 'strComment', 'comparison': 'is'}])
    assert len(without) == 6 and 'subuser003' not in without


def test_list_query_searches_every_field_including_labels(serve):
    client = Client(serve('subaccount', subaccounts=6))
    client.auth()
    assert list_logins(client, filters=[{'fieldname': 'query', 'comparison': 'like', 'value': 'third'}]) == \
        ['subuser003', 'subuser006']
    assert 'aaa' in list_logins(client, filters=[{'fieldname': 'query', 'comparison': 'like', 'value': 'aktiv'}])
    # passwords are not searchable
    assert list_logins(client, filters=[{'fieldname': 'query', 'comparison': 'like', 'value': 'Secret!'}]) == []


@pytest.mark.parametrize('item', [
    {'fieldname': 'nope', 'value': 1},
    {'fieldname': 'strPass', 'value': 'aaa!pass'},
    {'fieldname': 'strLogin', 'comparison': 'regex', 'value': 'a'},
    {'fieldname': 'strLogin', 'comparison': 'in', 'value': 'aaa'},
    {'value': 'aaa'},
])
def test_list_rejects_bad_filters(client, item):
    assert client.call('list', filters=[item])['statuscode'] == STATUSCODES['bad_request']


def test_list_order_sort_and_cols(serve):
    client = Client(serve('subaccount', subaccounts=3))
    client.auth()
    assert list_logins(client, order='strLogin', sort='desc') == \
        ['subuser003', 'subuser002', 'subuser001', 'bbb', 'aaa']
    reply = client.call('list', order='intStatus', sort='asc', cols=['strLogin', 'intFtpAccess'])
    assert [head['colorder'] for head in reply['data']['head']] == ['strLogin', 'intFtpAccess']
    rows = [[cell['content'] for cell in row['row']] for row in reply['data']['data']]
    assert rows == [['subuser002', 'Nein'], ['aaa', 'Nein'], ['bbb', 'Nein'], ['subuser001', 'Nein'],
                    ['subuser003', 'Nein']]
    assert client.call('list', sort='up')['statuscode'] == STATUSCODES['bad_request']
    assert client.call('list', order='strPass')['statuscode'] == STATUSCODES['bad_request']


# --- get ---------------------------------------------------------------------------------------------

def test_get_returns_values_and_masks_the_password(client):
    reply = client.call('get', ids=[542])
    assert reply['statuscode'] == 0 and reply['action'] == 'get' and 'previousAction' not in reply
    data = reply['data']
    assert data['caption'] == 'User: aaa'
    assert data['ids'] == [542]
    assert (data['groups'], data['subgroups']) == ([], [])
    assert (data['canDelete'], data['canSave'], data['canSaveNew']) == (True, True, True)
    fields = field_map(reply)
    assert fields['intID'] == {
        'fieldname': 'intID', 'displayname': 'ID', 'type': 2, 'subtype': 8, 'required': True,
        'defaultvalue': None, 'disabled': False, 'infotext': False, 'value': '542', 'displayvalue': '',
        'listkeys': [], 'listvalues': []}
    assert (fields['strLogin']['value'], fields['strLogin']['displayvalue']) == ('aaa', 'aaa')
    assert (fields['strPass']['type'], fields['strPass']['subtype']) == (1, 5)
    assert (fields['strPass']['value'], fields['strPass']['displayvalue']) == ('%%unchanged%%', '********')
    status = fields['intStatus']
    assert (status['type'], status['subtype'], status['required']) == (2, 1, False)
    assert (status['listkeys'], status['listvalues']) == ([0, 1], ['Inaktiv', 'Aktiv'])
    assert (status['value'], status['displayvalue']) == ('1', 'Aktiv')
    assert fields['strComment']['value'] is None


def test_get_with_empty_ids_returns_definitions_only(client):
    reply = client.call('get', ids=[])
    assert reply['data']['ids'] == [] and reply['data']['caption'] == 'User'
    fields = field_map(reply)
    assert list(fields) == ['intID', 'strLogin', 'strPass', 'intStatus', 'strComment', 'intFtpAccess']
    assert all(field['value'] == '' for field in fields.values())
    assert fields['intFtpAccess']['listvalues'] == ['Nein', 'Ja']
    assert [name for name, field in fields.items() if field['required']] == ['intID', 'strLogin', 'strPass']


def test_get_unknown_id_is_not_found(client):
    assert client.call('get', ids=[999])['statuscode'] == STATUSCODES['not_found']
    assert client.call('get', ids='542')['statuscode'] == STATUSCODES['bad_request']


def test_get_user_model_shows_disabled_login(client):
    fields = field_map(client.call('get', model='User', ids=[1]))
    assert fields['strLogin']['value'] == 'demo' and fields['strLogin']['disabled'] is True


# --- create ------------------------------------------------------------------------------------------

def test_create_replies_as_get_with_previous_action(running, client):
    reply = client.call('create', ids=[], data=create_payload())
    assert reply['statuscode'] == 0
    assert (reply['action'], reply['previousAction']) == ('get', 'create')
    assert reply['data']['ids'] == [544]
    assert reply['data']['caption'] == 'User: new User'
    fields = field_map(reply)
    assert fields['strPass']['value'] == '%%unchanged%%'
    assert fields['intFtpAccess']['value'] == '0'
    row = running.simulator.state()['models']['Subaccount'][-1]
    assert row == {'intID': '544', 'strLogin': 'new User', 'strPass': 'ABCabc123!', 'intStatus': '1',
                   'strComment': None, 'intFtpAccess': '0'}
    assert running.simulator.stats()['writes'] == ['Subaccount.create']


def test_create_applies_server_defaults_and_extra_fields(running, client):
    data = {'strLogin': 'second', 'strPass': 'x!y!z!', 'strComment': 'from a raw fields dict', 'intFtpAccess': 1}
    reply = client.call('create', ids=[], data=data)
    fields = field_map(reply)
    assert (fields['intStatus']['value'], fields['intStatus']['displayvalue']) == ('0', 'Inaktiv')
    assert (fields['intFtpAccess']['value'], fields['intFtpAccess']['displayvalue']) == ('1', 'Ja')
    assert fields['strComment']['value'] == 'from a raw fields dict'


@pytest.mark.parametrize('data, errors', [
    ({'strLogin': 'short'}, {'strLogin': 'Wert muss mindestens 6 Zeichen lang sein'}),
    ({'strPass': 'abcabc1'}, {'strPass': 'Wert muss Sonderzeichen beinhalten'}),
    ({'strPass': 'a!b'}, {'strPass': 'Wert muss mindestens 6 Zeichen lang sein'}),
    ({'strPass': '%%unchanged%%'}, {'strPass': 'Wert darf nicht leer sein'}),
    ({'strLogin': ''}, {'strLogin': 'Wert darf nicht leer sein'}),
    ({'strLogin': 'bbb'}, {'strLogin': 'Wert muss mindestens 6 Zeichen lang sein'}),
    ({'strLogin': 'demo00', 'intStatus': '2'}, {'intStatus': 'Ungültiger Wert'}),
    ({'strComment': 'x' * 256}, {'strComment': 'Wert darf höchstens 255 Zeichen lang sein'}),
    ({'strLogin': 'x', 'strPass': 'abcdef'}, {'strLogin': 'Wert muss mindestens 6 Zeichen lang sein',
                                              'strPass': 'Wert muss Sonderzeichen beinhalten'}),
])
def test_create_validation_errors_field_by_field(running, client, data, errors):
    reply = client.call('create', ids=[], data=create_payload(**data))
    assert reply == {'status': 'Error', 'statuscode': 113, 'msg': VALIDATION_MSG, 'model': 'Subaccount',
                     'action': 'create', 'data': errors}
    assert len(running.simulator.state()['models']['Subaccount']) == 2
    assert running.simulator.stats()['writes'] == []


def test_create_requires_missing_required_fields(client):
    reply = client.call('create', ids=[], data={'intStatus': '1'})
    assert reply['statuscode'] == 113
    assert reply['data'] == {'strLogin': 'Wert darf nicht leer sein', 'strPass': 'Wert darf nicht leer sein'}


def test_create_refuses_a_login_that_is_taken(serve):
    running = serve('subaccount', subaccounts=1)
    client = Client(running)
    client.auth()
    assert client.call('create', ids=[], data=create_payload(strLogin='demo00'))['statuscode'] == 0
    for login in ('subuser001', 'demo00'):
        reply = client.call('create', ids=[], data=create_payload(strLogin=login))
        assert reply['data'] == {'strLogin': 'Wert ist bereits vergeben'}
    assert running.simulator.stats()['writes'] == ['Subaccount.create']


def test_sub_account_may_not_take_the_account_login(serve):
    client = Client(serve('subaccount', username='mainlogin'))
    client.auth(kname='mainlogin')
    reply = client.call('create', ids=[], data=create_payload(strLogin='mainlogin'))
    assert reply['data'] == {'strLogin': 'Wert ist bereits vergeben'}


# --- update ------------------------------------------------------------------------------------------

def test_update_replaying_the_seed_example_fails_field_by_field(client):
    reply = client.call('update', ids=[542],
                        data={'intID': '542', 'strLogin': 'aaa', 'strPass': 'abcabc', 'intStatus': '1'})
    assert reply == {
        'status': 'Error', 'statuscode': 113, 'msg': VALIDATION_MSG, 'model': 'Subaccount', 'action': 'update',
        'data': {'strLogin': 'Wert muss mindestens 6 Zeichen lang sein',
                 'strPass': 'Wert muss Sonderzeichen beinhalten'}}


def test_update_keeps_password_on_unchanged_and_reports_previous_action(running, client):
    reply = client.call('update', ids=[542], data={'intID': '542', 'strLogin': 'aaa-renamed',
                                                   'strPass': '%%unchanged%%', 'intStatus': 0})
    assert reply['statuscode'] == 0
    assert (reply['action'], reply['previousAction']) == ('get', 'update')
    assert reply['data']['ids'] == [542] and reply['data']['caption'] == 'User: aaa-renamed'
    assert field_map(reply)['intStatus']['displayvalue'] == 'Inaktiv'
    row = running.simulator.state()['models']['Subaccount'][0]
    assert (row['strLogin'], row['strPass'], row['intStatus']) == ('aaa-renamed', 'aaa!pass', '0')
    assert running.simulator.stats()['writes'] == ['Subaccount.update']


def test_update_changes_password(running, client):
    data = {'strLogin': 'bbbbbb', 'strPass': 'N3w!pass', 'intStatus': '1'}
    assert client.call('update', ids=[543], data=data)['statuscode'] == 0
    assert running.simulator.state()['models']['Subaccount'][1]['strPass'] == 'N3w!pass'


def test_update_needs_every_required_field(running, client):
    reply = client.call('update', ids=[542], data={'intStatus': '0'})
    assert reply['data'] == {'strLogin': 'Wert darf nicht leer sein', 'strPass': 'Wert darf nicht leer sein'}
    assert running.simulator.state()['models']['Subaccount'][0]['intStatus'] == '1'


def test_update_keeps_own_login_but_refuses_anothers(client):
    ok = {'strLogin': 'aaaaaa', 'strPass': '%%unchanged%%'}
    assert client.call('update', ids=[542], data=ok)['statuscode'] == 0
    assert client.call('update', ids=[542], data=ok)['statuscode'] == 0
    reply = client.call('update', ids=[543], data=ok)
    assert reply['data'] == {'strLogin': 'Wert ist bereits vergeben'}


def test_update_ignores_unknown_and_id_fields(running, client):
    data = {'intID': '999', 'strLogin': 'aaaaaa', 'strPass': '%%unchanged%%', 'strTypo': 'x'}
    assert client.call('update', ids=[542], data=data)['statuscode'] == 0
    row = running.simulator.state()['models']['Subaccount'][0]
    assert row['intID'] == '542' and 'strTypo' not in row


def test_update_of_unknown_id_writes_nothing(running, client):
    reply = client.call('update', ids=[999], data=create_payload())
    assert reply['statuscode'] == STATUSCODES['not_found']
    assert running.simulator.stats()['writes'] == []


def test_account_password_change_applies_to_auth(running, client):
    data = {'strPass': 'an0ther!pass', 'strEmail': 'demo@example.com', 'strLogin': 'ignored'}
    assert client.call('update', model='User', ids=[1], data=data)['statuscode'] == 0
    assert running.simulator.state()['models']['User'][0]['strLogin'] == 'demo'
    assert Client(running).auth()['statuscode'] == STATUSCODES['login_failed']
    assert Client(running).auth(kpass='an0ther!pass')['statuscode'] == 0


# --- delete ------------------------------------------------------------------------------------------

def test_delete_removes_rows_and_replies_with_the_empty_form(running, client):
    reply = client.call('delete', ids=[542, '543'])
    assert reply['statuscode'] == 0
    assert (reply['action'], reply['previousAction']) == ('create', 'delete')
    assert reply['data']['ids'] == []
    assert field_map(reply)['strLogin']['value'] == ''
    assert running.simulator.state()['models']['Subaccount'] == []
    assert client.call('list')['data']['total'] == 0
    assert running.simulator.stats()['writes'] == ['Subaccount.delete']


def test_delete_of_missing_id_deletes_nothing(running, client):
    reply = client.call('delete', ids=[542, 999])
    assert reply['statuscode'] == STATUSCODES['not_found']
    assert len(running.simulator.state()['models']['Subaccount']) == 2
    assert client.call('delete', ids=[])['statuscode'] == STATUSCODES['bad_request']
    assert running.simulator.stats()['writes'] == []


# --- counters and controls ------------------------------------------------------------------------------

def test_counters_count_calls_and_only_state_changes_as_writes(running, client):
    client.call('list')
    client.call('get', ids=[542])
    client.call('create', ids=[], data=create_payload(strLogin='x'))  # invalid: no write
    new_id = client.call('create', ids=[], data=create_payload())['data']['ids'][0]
    client.call('update', ids=[new_id], data=create_payload())
    client.call('delete', ids=[new_id])
    stats = running.simulator.stats()
    assert stats['calls'] == ['auth', 'Subaccount.list', 'Subaccount.get', 'Subaccount.create',
                              'Subaccount.create', 'Subaccount.update', 'Subaccount.delete']
    assert stats['requests'] == 7
    assert stats['writes'] == ['Subaccount.create', 'Subaccount.update', 'Subaccount.delete']


def test_fault_matches_call_names(running, client):
    requests.post(running.url + '/__sim__/fault', json={'status': 503, 'call': 'Subaccount.create'}, timeout=5)
    assert client.call('list')['statuscode'] == 0
    response = requests.post(client.url, json={'action': 'create', 'accessType': 1, 'kmd': client.kmd,
                                               'model': 'Subaccount', 'ids': [], 'data': create_payload()},
                             timeout=5)
    assert response.status_code == 503
    assert running.simulator.stats()['writes'] == []


def test_add_subaccount_control_and_reset(running, client):
    response = requests.post(running.url + '/__sim__/add_subaccount',
                             json={'strLogin': 'legacy', 'strPass': 'x', 'intStatus': '1'}, timeout=5)
    assert response.json() == {'id': 544}
    assert list_logins(client) == ['aaa', 'bbb', 'legacy']
    requests.post(running.url + '/__sim__/reset', timeout=5)
    state = requests.get(running.url + '/__sim__/state', timeout=5).json()
    assert [row['strLogin'] for row in state['models']['Subaccount']] == ['aaa', 'bbb']
    assert state['sessions'] == 0
