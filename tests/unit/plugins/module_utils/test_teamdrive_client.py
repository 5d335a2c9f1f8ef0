# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The TeamDrive Host Server client: request signing, reply shapes and every failure shape, against the simulator."""

import hashlib
import re

import pytest

from simulators.teamdrive import WIRE_NAMES as SIMULATOR_NAMES

from ansible_collections.hosting.provision.plugins.module_utils import teamdrive
from ansible_collections.hosting.provision.plugins.module_utils._engine import InputError
from ansible_collections.hosting.provision.plugins.module_utils._transport import (
    ApiError, AuthenticationError, Transport, TransportError)

SALT = 'demo-salt'
GIB = 1024 ** 3
NOW = 1700000000


def make_client(running, salt=SALT, path='/yvva/api/api.htm', api_version='3.0.003'):
    transport = Transport(running.url, timeout=5, retries=2, backoff=0, sleep=lambda seconds: None)
    return teamdrive.TeamDriveConnection(transport, path, salt, api_version, clock=lambda: NOW + 0.9)


@pytest.fixture
def td(serve):
    return serve('teamdrive')


@pytest.fixture
def client(td):
    return make_client(td)


def test_the_body_is_one_line_and_the_checksum_covers_exactly_those_bytes(client):
    body = client.body('setdepot', dict(username='j&ne', depotid=4711, disclimit=GIB, trafficlimit=None))
    assert body == ("<?xml version='1.0' encoding='UTF-8' ?><teamdrive><apiversion>3.0.003</apiversion>"
                    "<command>setdepot</command><requesttime>%d</requesttime><username>j&amp;ne</username>"
                    "<depotid>4711</depotid><disclimit>%d</disclimit></teamdrive>" % (NOW, GIB)).encode('utf-8')
    digest = client.checksum(body)
    assert digest == hashlib.md5(body + b'demo-salt').hexdigest()
    assert re.fullmatch('[0-9a-f]{32}', digest), 'lower-case hex'


def test_the_server_accepts_the_signed_request(td, client):
    reply = client.call('getdepotdata', username='jane')
    assert reply['depot']['depotid'] == '4711'
    assert td.simulator.stats()['calls'] == ['getdepotdata']


def test_wire_names_agree_with_the_simulator_table():
    # both tables carry the reference's tags; a name corrected in one must be corrected in the other
    simulator = set(SIMULATOR_NAMES.values())
    for key, (wire, tag) in teamdrive.WIRE_NAMES.items():
        assert (wire, tag) in simulator, key


def test_one_depot_and_its_user_list_in_every_shape(td, client):
    assert client.depots('jane') == [dict(depotid=4711, disclimit=10 * GIB, trafficlimit=100 * GIB, useddisc=123456,
                                          usedtraffic=5000, users=['bob'], status=None)]
    td.simulator.control('put_depot', {'depotid': 4711, 'users': []})
    assert client.depots('jane')[0]['users'] == [], 'an empty <users/> element is None in xmltodict'
    td.simulator.control('put_depot', {'depotid': 4711, 'users': ['bob', 'carl']})
    assert client.depots('jane')[0]['users'] == ['bob', 'carl']


def test_several_depots_are_a_list(td, client):
    td.simulator.control('put_depot', {'depotid': 5000, 'owner': 'jane'})
    assert [depot['depotid'] for depot in client.depots('jane')] == [4711, 5000]
    assert [depot['depotid'] for depot in client.depots('jane', 5000)] == [5000]


def test_no_depot_and_someone_elses_depot_read_as_none(td, client):
    assert client.depots('bob') == []  # -30301
    td.simulator.control('put_depot', {'depotid': 6000, 'owner': 'carl'})
    assert client.depots('jane', 6000) == []  # -30302
    assert client.spaces('bob') == []


def test_spaces_one_and_several(td, client):
    spaces = client.spaces('jane', 4711)
    assert [(s['spaceid'], s['depotid'], s['name'], s['useddisc']) for s in spaces] == [
        (1, 4711, '', 100000), (2, 4711, '', 23456)]
    td.simulator.control('put_depot', {'depotid': 5000, 'owner': 'jane'})
    td.simulator.control('add_space', {'depotid': 5000, 'name': 'Only'})
    assert [s['spaceid'] for s in client.spaces('jane', 5000)] == [3]


def test_space_names_when_the_server_returns_them(serve):
    client = make_client(serve('teamdrive', return_space_names=True))
    assert [s['name'] for s in client.spaces('jane')] == ['Projects', 'Photos']


def test_an_exception_reply_is_a_typed_error_with_the_codes(client):
    with pytest.raises(ApiError) as info:
        client.call('setdepot', write=True, username='jane', depotid=4711, disclimit=0, trafficlimit=0)
    error = info.value
    assert (error.code, error.api_message, error.call) == (-30304, 'Increasing Depot failed', 'setdepot')
    assert error.message.startswith('setdepot failed (-30304): Increasing Depot failed. The server refused')


def test_wrong_salt_names_api_salt_and_never_shows_the_salt(td):
    # assumption of the reference and the simulator: a bad checksum is answered -30000 Access denied
    client = make_client(td, salt='not-the-salt')
    with pytest.raises(AuthenticationError) as info:
        client.call('getdepotdata', username='jane')
    assert info.value.code == -30000
    assert 'api_salt' in info.value.message and 'APISalt' in info.value.message
    assert 'not-the-salt' not in info.value.message
    assert td.simulator.stats()['requests'] == 1, 'a refused caller is not retried'


def test_caller_not_allow_listed_names_apiaccesslist(serve):
    client = make_client(serve('teamdrive', client_ip='203.0.113.9'))
    with pytest.raises(AuthenticationError) as info:
        client.call('getdepotdata', username='jane')
    assert 'APIAccessList' in info.value.message and 'IP address' in info.value.message


def test_old_server_without_setdepot_says_which_version_is_needed(serve):
    client = make_client(serve('teamdrive', server_apiversion='3.0.002'))
    with pytest.raises(ApiError) as info:
        client.call('setdepot', write=True, username='jane', depotid=4711, disclimit=GIB, trafficlimit=GIB)
    assert info.value.code == -30001 and 'setdepot needs API 3.0.003' in info.value.message


def test_clock_skew_refusal_mentions_the_clock(serve):
    running = serve('teamdrive', max_clock_skew=60)
    # make_client's fixed clock lies years in the past
    with pytest.raises(ApiError) as info:
        make_client(running).call('getdepotdata', username='jane')
    assert info.value.code == -30002 and 'clock' in info.value.message


def test_wrong_path_is_the_apache_404_page_with_both_documented_paths(td):
    client = make_client(td, path='/pbas/p1_as/api/service.html')
    with pytest.raises(TransportError) as info:
        client.call('getdepotdata', username='jane')
    assert info.value.status == 404
    assert '/yvva/api/api.htm' in info.value.message and '/pbas/p1_as/api/api.htm' in info.value.message


def test_handler_unavailable_is_a_clear_error_and_reads_are_retried(serve):
    running = serve('teamdrive', handler_unavailable=True)
    with pytest.raises(TransportError) as info:
        make_client(running).call('getdepotdata', username='jane')
    assert info.value.status == 503 and 'API handler (td2api)' in info.value.message
    assert running.simulator.stats()['requests'] == 3, 'a read is retried (retries=2)'


def test_execution_error_page_with_http_200_is_not_taken_for_a_reply(serve):
    running = serve('teamdrive', execution_error=True)
    with pytest.raises(TransportError) as info:
        make_client(running).call('setdepot', write=True, username='jane', depotid=4711, disclimit=GIB)
    error = info.value
    assert error.status == 200 and error.code == -10005
    assert '"Execution Error" page (primary error code -10005)' in error.message
    assert '("api_init.sys"@client line 7: \';\' token expected' in error.message and '<' not in error.message
    assert error.maybe_applied is True, 'a script error may stop a write half-way'


def test_an_answer_that_is_not_xml(td, client):
    td.simulator.add_fault(status=200, body='OK', content_type='text/plain')
    with pytest.raises(TransportError) as info:
        client.call('getdepotdata', username='jane')
    assert 'not a TeamDrive XML reply ("OK")' in info.value.message
    td.simulator.add_fault(status=200, body='<?xml version="1.0"?><html/>', content_type='text/html')
    with pytest.raises(TransportError):
        client.call('getdepotdata', username='jane')


@pytest.mark.parametrize('url, expected', [
    ('https://td.example.com', ('https://td.example.com', '/pbas/p1_as/api/api.htm')),
    ('https://td.example.com/', ('https://td.example.com', '/pbas/p1_as/api/api.htm')),
    ('https://td.example.com:8443/pbas/p1_as/api/api.htm', ('https://td.example.com:8443', '/pbas/p1_as/api/api.htm')),
])
def test_api_url_forms(url, expected):
    assert teamdrive.split_api_url(url) == expected


@pytest.mark.parametrize('url, message', [
    ('td.example.com', 'is not a URL'),
    ('https://reg.example.com/yvva/td2api/api/api.htm', 'Registration Server API'),
])
def test_bad_api_url(url, message):
    with pytest.raises(InputError) as info:
        teamdrive.split_api_url(url)
    assert message in str(info.value)


def test_as_list_shapes():
    assert teamdrive.as_list(None) == []
    assert teamdrive.as_list({'a': '1'}) == [{'a': '1'}]
    assert teamdrive.as_list([1, 2]) == [1, 2]
