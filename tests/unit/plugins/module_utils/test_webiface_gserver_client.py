# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Easy-WI client's game and voice server calls on the replies Easy-WI 6.2.5 sent (tests/conformance/data/webiface,
files 20-24): the owner's server list, the root servers with room, one voice server, the errors, and every reply
of another shape refused instead of read as "absent"."""

import json
import os

import pytest

from project_paths import ROOT

from ansible_collections.hosting.provision.plugins.module_utils import webiface
from ansible_collections.hosting.provision.plugins.module_utils._transport import ApiError, Transport, TransportError
from simulators.webiface import flatten_xml, php_base64_decode, php_urldecode

RECORDINGS = os.path.join(ROOT, 'tests', 'conformance', 'data', 'webiface')


def recorded_body(name, index):
    with open(os.path.join(RECORDINGS, name)) as handle:
        return json.load(handle)['exchanges'][index]['response']['body']


class Answer:
    status_code = 200

    def __init__(self, text):
        self.text = text
        self.headers = {'Content-Type': 'text/xml; charset=UTF-8'}


def client_answering(body):
    """A client whose every request gets `body` (HTTP 200); the requests sent are in client.sent."""
    transport = Transport('http://panel.example', timeout=5, retries=1, backoff=0, sleep=lambda s: None)
    client = webiface.WebifaceConnection(transport, 'demo', 'demo-password')
    client.sent = []

    def request(method, path, call, idempotent, data):
        client.sent.append((call, data['type']))
        return Answer(body)
    transport.request = request
    return client


def test_the_owners_list_is_the_read_of_game_servers():
    client = client_answering(recorded_body('23_gserver_ls.json', 4))
    details, rows = client.get_user_servers('localid', '2')
    assert details['cname'] == 'gamer1' and client.sent == [('user.ls', 'user')]
    assert [row['id'] for row in rows] == ['7', '1', '2']
    assert (rows[0]['shorten'], rows[0]['serverip'], rows[0]['port'], rows[0]['war']) == ('css', '192.0.2.10',
                                                                                          '27025', 'N')


def test_not_found_is_none_and_a_list_without_its_servers_is_no_answer():
    assert client_answering(recorded_body('12_ls.json', 5)).get_user_servers('external_id', 'nobody') is None
    stripped = '<?xml version="1.0"?>\n<user><userdetails><id>2</id><cname>gamer1</cname></userdetails></user>\n'
    with pytest.raises(TransportError, match='unexpected shape'):
        client_answering(stripped).get_user_servers('localid', '2')
    keyless = stripped.replace('</user>', '<gserver><key0><active>Y</active></key0></gserver></user>')
    with pytest.raises(TransportError, match='unexpected shape'):
        client_answering(keyless).get_user_servers('localid', '2')


def test_root_servers_with_room_and_their_games():
    roots = client_answering(recorded_body('23_gserver_ls.json', 14)).list_game_roots()
    assert [(root['id'], root['ip'], root['altips'], root['leftslots']) for root in roots] == [
        ('1', '192.0.2.10', '192.0.2.11', '32')]
    assert sorted(roots[0]['games']) == ['cs2', 'css', 'mc']
    assert client_answering(recorded_body('23_gserver_ls.json', 0)).list_game_roots() == [], 'every root full'
    with pytest.raises(TransportError, match='gserver.ls'):
        client_answering('<?xml version="1.0"?><gserver><server><ip>1</ip></server></gserver>').list_game_roots()


def test_an_add_error_is_explained_by_its_first_cause():
    client = client_answering(recorded_body('20_gserver_add.json', 10))
    with pytest.raises(ApiError) as raised:
        client.add_gserver({'slots': '4'})
    assert str(raised.value).startswith('gserver.add failed: "user does not exist, Cannot find free root server with '
                                        'given shorten": the owner is not (or no longer) an Easy-WI user')


def test_the_ftp_password_of_an_add_reply_is_kept_secret():
    body = recorded_body('20_gserver_add.json', 3)
    password = body.split('<initialpassword>')[1].split('<')[0]
    client = client_answering(body)
    reply = client.add_gserver({'slots': '12'})
    assert 'initialpassword' not in reply and reply['server_local_id'] == '1'
    assert client.transport.redact('was %s' % password) == 'was ********'


def test_marked_for_deletion_is_written_yet_failed():
    body = recorded_body('22_gserver_del.json', 2)
    assert client_answering(body).modify_gserver(3, {'slots': '9'}, deletion_expected=True) is True
    with pytest.raises(ApiError) as raised:
        client_answering(body).modify_gserver(3, {'slots': '9'})
    assert raised.value.written is True and 'Easy-WI wrote the change all the same' in str(raised.value)


def test_one_voice_server_and_its_password():
    body = recorded_body('24_voice_and_mysql.json', 9)
    client = client_answering(body)
    row = client.get_voice_server('vo:1')
    assert (row['id'], row['localserverid'], row['slots'], row['externalID']) == ('1', '0', '15', 'vo:1')
    assert 'initialpassword' not in row
    assert client.sent == [('voice.ls', 'voice')]
    assert client_answering('<?xml version="1.0" encoding="utf-8"?>\n<voice/>\n').get_voice_server('vo:9') is None
    masters = '<?xml version="1.0"?><voice><server><id>1</id><ssh2ip>192.0.2.50</ssh2ip></server></voice>'
    with pytest.raises(TransportError, match='unexpected shape'):
        client_answering(masters).get_voice_server('vo:1')


def test_every_server_request_carries_the_twelve_keys():
    sent = webiface.encode_document('del', {'server_local_id': '3'}, 'server', webiface.SERVER_KEYS)
    data = flatten_xml(php_urldecode(php_base64_decode(sent)))
    assert set(webiface.SERVER_KEYS) <= set(data) and data['server_local_id'] == '3'
