# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Easy-WI client: the wire format as the panel decodes it, the replies as 6.2.5 sends them, and every
refusal turned into a clear error."""

import base64
import json
import os

import pytest

from project_paths import ROOT

from ansible_collections.hosting.provision.plugins.module_utils import webiface
from ansible_collections.hosting.provision.plugins.module_utils._engine import InputError
from ansible_collections.hosting.provision.plugins.module_utils._transport import (
    ApiError, AuthenticationError, Transport, TransportError)
from simulators.webiface import flatten_xml, php_base64_decode, php_urldecode

RECORDINGS = os.path.join(ROOT, 'tests', 'conformance', 'data', 'webiface')


@pytest.fixture
def sim(serve):
    return serve('webiface')


def client_for(running, username='demo', password='demo-password'):
    transport = Transport(running.url, timeout=5, retries=1, backoff=0, sleep=lambda s: None)
    transport.add_secret(password)
    return webiface.WebifaceConnection(transport, username, password)


def recorded(name, index):
    with open(os.path.join(RECORDINGS, name)) as handle:
        return json.load(handle)['exchanges'][index]


def decoded(form_value):
    """What api.php reads: urldecode(base64_decode(xml)), then the root's children."""
    return flatten_xml(php_urldecode(php_base64_decode(form_value)))


def test_values_survive_the_servers_url_decoding():
    value = 'p+w%41d x & <b> é'
    data = decoded(webiface.encode_document('mod', {'password': value, 'phone': '+49 123'}))
    assert data['password'] == value
    assert data['phone'] == '+49 123'
    assert data['action'] == 'mod'
    # the elements Easy-WI reads unguarded are always there (empty = absent for the server)
    assert set(webiface.ALWAYS_SENT) <= set(data)


def test_plain_base64_would_lose_plus_and_percent():
    # why the document is URL-encoded first: the recording stored 'p wAd x' for 'p+w%41d x'
    exchange = recorded('03_add_all_fields.json', 1)
    assert '<password>p+w%41d x</password>' in exchange['request']['form']['xml_decoded']
    assert '<password>p wAd x</password>' in exchange['response']['body']
    plain = base64.b64encode(b'<users><password>p+w%41d x</password></users>').decode()
    assert decoded(plain)['password'] == 'p wAd x'


def test_repeated_elements_become_lists():
    data = decoded(webiface.encode_document('add', {'groupID': ['3', '4']}))
    assert data['groupID'] == ['3', '4']


def test_replies_are_parsed_as_recorded():
    single = recorded('12_ls.json', 0)['response']['body']
    root = webiface.parse_reply(single)
    assert root.tag == 'user'
    assert webiface.children(root.find('userdetails'))['cname']
    voice = recorded('02_add_minimal.json', 0)['response']['body']
    assert webiface.parse_reply(voice).tag == 'voice'
    # with the panel's debug flag on, PHP notices come before the XML
    noisy = '<br />\n<b>Notice</b>: Undefined index: email in api_users.php<br />\n' + voice
    assert webiface.parse_reply(noisy).tag == 'voice'
    assert webiface.parse_reply('403 Forbidden: XML not valid') is None


def test_get_user_and_not_found(sim):
    client = client_for(sim)
    reply = client.add_user({'username': 'alice', 'email': 'alice@example.org', 'active': 'Y'})
    assert reply['localid'] == '2' and 'password' not in reply
    found = client.get_user('username', 'ALICE')
    assert (found['id'], found['cname'], found['jobPending']) == ('2', 'alice', 'N')
    assert client.get_user('external_id', 'nobody') is None
    assert client.get_user('localid', '1') is None, 'ls never sees the admin'


def test_generated_password_is_redacted_and_not_returned(sim):
    client = client_for(sim)
    reply = client.add_user({'email': 'gen@example.org', 'active': 'Y'})
    assert reply['username'] == 'user2'
    assert 'password' not in reply
    generated = [s for s in client.transport.secrets if s != 'demo-password']
    assert len(generated) == 1 and len(generated[0]) == 10


def test_list_users_filters_by_prefix(sim):
    client = client_for(sim)
    client.add_user({'email': 'a@example.org', 'external_id': 'crm:1', 'active': 'Y'})
    client.add_user({'email': 'b@example.org', 'external_id': 'other:1', 'active': 'Y'})
    assert [u['mail'] for u in client.list_users()] == ['a@example.org', 'b@example.org']
    assert [u['mail'] for u in client.list_users(like='crm')] == ['a@example.org']


def test_api_errors_are_explained(sim):
    client = client_for(sim)
    client.add_user({'username': 'alice', 'email': 'alice@example.org', 'active': 'Y'})
    with pytest.raises(ApiError) as caught:
        client.add_user({'username': 'Alice', 'email': 'x@example.org', 'active': 'Y'})
    assert caught.value.api_message == 'user with this e-mail already exists: alice'
    assert "(login 'alice')" in caught.value.message
    client.add_user({'email': 'c@example.org', 'external_id': 'crm:1', 'active': 'Y'})
    with pytest.raises(ApiError, match='another Easy-WI account already has this external_id'):
        client.add_user({'email': 'd@example.org', 'external_id': 'crm:1', 'active': 'Y'})
    sim.simulator.set_usergroup(3, active='N')
    with pytest.raises(ApiError, match='no active user group'):
        client.add_user({'email': 'e@example.org', 'active': 'Y'})


def test_ip_not_allowed_names_the_ip_and_the_panel_setting(sim):
    sim.simulator.remote_addr = '10.0.0.7'
    with pytest.raises(AuthenticationError) as caught:
        client_for(sim).get_user('username', 'alice')
    message = caught.value.message
    assert 'from the IP address 10.0.0.7' in message and 'add 10.0.0.7 to the allowed IPs' in message
    assert 'Jobs/API > API settings' in message and '98aa0597' in message
    assert 'demo-password' not in message
    assert caught.value.status == 403


def test_wrong_password_gets_the_same_explanation_without_the_password(sim):
    with pytest.raises(AuthenticationError) as caught:
        client_for(sim, password='Wrong-Password').get_user('username', 'alice')
    assert 'Wrong-Password' not in caught.value.message
    assert 'api_username or api_password is wrong' in caught.value.message


def test_credentials_the_panel_would_refuse_fail_before_any_request(sim):
    with pytest.raises(InputError, match='api_username'):
        client_for(sim, username='x')
    with pytest.raises(InputError, match='api_password'):
        client_for(sim, password='short')
    with pytest.raises(InputError, match='api_password'):
        client_for(sim, password='has space')
    assert sim.simulator.stats()['requests'] == 0


@pytest.mark.parametrize('body, error, text', [
    ('403 Forbidden: No valid access data. No API user given. Request IP is: 127.0.0.1', AuthenticationError,
     'Check api_username'),
    ('403 Forbidden: Type usersis not known', ApiError, 'was refused by Easy-WI'),
    ('403 Forbidden: Server amount already exceeds licence limits!', ApiError, 'licence limits'),
])
def test_other_refusals(sim, body, error, text):
    sim.simulator.add_fault(status=403, body=body, content_type='text/html; charset=UTF-8')
    with pytest.raises(error) as caught:
        client_for(sim).get_user('username', 'alice')
    assert text in caught.value.message


def test_strict_sql_500_is_named_and_an_add_did_nothing(serve):
    running = serve('webiface', strict_sql=True)
    with pytest.raises(TransportError) as caught:
        client_for(running).add_user({'email': 'a@example.org', 'active': 'Y'})
    assert caught.value.status == 500
    assert 'strict sql_mode' in caught.value.message
    assert caught.value.maybe_applied is False


def test_a_page_that_is_not_the_api(sim):
    sim.simulator.add_fault(status=200, body='<html><body>Welcome</body></html>', content_type='text/html')
    with pytest.raises(TransportError, match='not Easy-WI XML') as caught:
        client_for(sim).get_user('username', 'alice')
    assert caught.value.maybe_applied is False
    sim.simulator.add_fault(status=200, body='Maintenance', content_type='text/html')
    with pytest.raises(TransportError, match='check that api_url|Check that api_url'):
        client_for(sim).modify_user(2, {'active': 'Y'})


def test_wrong_path_is_a_404_hint(sim):
    transport = Transport(sim.url + '/panel', timeout=5, retries=0)
    client = webiface.WebifaceConnection(transport, 'demo', 'demo-password')
    with pytest.raises(TransportError, match='HTTP 404.*Check api_url'):
        client.get_user('username', 'alice')
