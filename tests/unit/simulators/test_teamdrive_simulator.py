# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The TeamDrive Host Server simulator speaks the wire format of docs/api/teamdrive.md."""

import base64
import hashlib
import time
from xml.etree import ElementTree

import pytest
import requests

HOST_PATH = '/pbas/p1_as/api/api.htm'
YVVA_HOST_PATH = '/yvva/api/api.htm'
REGSERVER_PATH = '/yvva/td2api/api/api.htm'
SALT = 'demo-salt'
GIB = 1024 ** 3


def build_body(command, apiversion='3.0.003', requesttime=None, **fields):
    """A single-line request document, as the vendor shell example and the Ruby client send it."""
    parts = ["<?xml version='1.0' encoding='UTF-8' ?><teamdrive>"]
    if apiversion is not None:
        parts.append('<apiversion>%s</apiversion>' % apiversion)
    parts.append('<command>%s</command>' % command)
    if requesttime is not False:
        parts.append('<requesttime>%s</requesttime>' % (int(time.time()) if requesttime is None else requesttime))
    parts.extend('<%s>%s</%s>' % (name, value, name) for name, value in fields.items())
    parts.append('</teamdrive>')
    return ''.join(parts).encode('utf-8')


def sign(body, salt=SALT):
    return hashlib.md5(body + salt.encode('utf-8')).hexdigest()


def post(running, body, path=HOST_PATH, checksum=None):
    return requests.post(running.url + path, data=body, params={'checksum': checksum or sign(body)},
                         headers={'Content-Type': 'application/x-www-form-urlencoded'}, timeout=10)


def call(running, command, path=HOST_PATH, **fields):
    return post(running, build_body(command, **fields), path=path)


def parse(response):
    assert response.status_code == 200, response.text
    root = ElementTree.fromstring(response.content)
    assert root.tag == 'teamdrive'
    return root


def error_of(response):
    """(primarycode, secondarycode, message) of an <exception> reply."""
    exception = parse(response).find('exception')
    assert exception is not None, response.text
    return (int(exception.findtext('primarycode')), exception.findtext('secondarycode'),
            exception.findtext('message'))


def code_of(response):
    return error_of(response)[0]


def assert_ok(response):
    root = parse(response)
    assert root.find('exception') is None, response.text
    assert root.findtext('intresult') == '0'
    return root


@pytest.fixture
def td(serve):
    return serve('teamdrive')


# --- envelope, checksum, access --------------------------------------------------------

def test_getdepotdata_returns_seeded_depot_in_bytes(td):
    root = parse(call(td, 'getdepotdata', username='jane'))
    assert root.findtext('apiversion') == '3.0.003'
    depots = root.findall('depot')
    assert len(depots) == 1
    depot = depots[0]
    assert depot.findtext('depotid') == '4711'
    assert depot.findtext('disclimit') == str(10 * GIB)
    assert depot.findtext('trafficlimit') == str(100 * GIB)
    assert depot.findtext('useddisc') == '123456'
    assert depot.findtext('usedtraffic') == '5000'
    assert [u.text for u in depot.find('users')] == ['bob']
    assert depot.find('status') is None  # whether the state is readable is unknown: not reported
    assert td.simulator.stats() == {'requests': 1, 'calls': ['getdepotdata'], 'writes': []}


def test_both_host_paths_are_served(td):
    for path in (HOST_PATH, YVVA_HOST_PATH):
        assert parse(call(td, 'getdepotdata', path=path, username='jane')).find('depot') is not None


def test_checksum_is_over_the_exact_bytes_received(td):
    pretty = ("<?xml version='1.0' encoding='UTF-8' ?>\n<teamdrive>\n  <apiversion>3.0.003</apiversion>\n"
              "  <command>getdepotdata</command>\n  <requesttime>%d</requesttime>\n"
              "  <username>jane</username>\n</teamdrive>" % time.time()).encode('utf-8')
    assert parse(post(td, pretty)).find('depot') is not None
    # the same document, hashed after re-serialising without the newlines: refused
    compact = pretty.replace(b'\n', b'')
    assert code_of(post(td, pretty, checksum=sign(compact))) == -30000


def test_bad_checksums_are_access_denied(td):
    # assumption (docs/api/teamdrive.md, error codes): the bad-checksum answer is not documented, -30000 is assumed
    body = build_body('getdepotdata', username='jane')
    assert error_of(post(td, body, checksum=sign(body).upper())) == (-30000, '', 'Access denied')
    assert code_of(post(td, body, checksum=sign(body, salt='wrong-salt'))) == -30000
    assert code_of(requests.post(td.url + HOST_PATH, data=body, timeout=10)) == -30000
    assert parse(post(td, body, checksum=sign(body).upper())).findtext('apiversion') == '1.0.004'


def test_salt_option_and_checksum_switch(serve):
    salted = serve('teamdrive', salt='s3cret')
    body = build_body('getdepotdata', username='jane')
    assert code_of(post(salted, body)) == -30000
    assert parse(post(salted, body, checksum=sign(body, 's3cret'))).find('depot') is not None
    unchecked = serve('teamdrive', checksum_required=False)
    assert parse(post(unchecked, body, checksum='0' * 32)).find('depot') is not None


def test_caller_outside_allow_list_is_refused(serve):
    pretend = serve('teamdrive', client_ip='203.0.113.9')
    assert error_of(call(pretend, 'setdepot', username='jane', depotid=4711, disclimit=GIB)) == \
        (-30000, '', 'Access denied')
    assert pretend.simulator.state()['depots']['4711']['disclimit'] == 10 * GIB
    assert pretend.simulator.stats()['writes'] == []
    without_loopback = serve('teamdrive', allowed_ips=['203.0.113.9'])
    assert code_of(call(without_loopback, 'getdepotdata', username='jane')) == -30000
    allowed = serve('teamdrive', allowed_ips=['203.0.113.9'], client_ip='203.0.113.9')
    assert parse(call(allowed, 'getdepotdata', username='jane')).find('depot') is not None


def test_generic_request_errors(td):
    assert error_of(post(td, b'<teamdrive><command>')) == (-30003, '', 'Invalid XML')
    assert code_of(post(td, build_body('getdepotdata', username='jane').replace(b'teamdrive', b'request'))) == -30002
    assert error_of(call(td, 'frobnicate', username='jane')) == (-30001, '', 'Invalid Command')
    assert error_of(call(td, 'getdepotdata', requesttime=False, username='jane')) == \
        (-30002, '', 'Invalid Request')
    assert code_of(call(td, 'getdepotdata', requesttime='yesterday', username='jane')) == -30002
    assert code_of(call(td, 'getdepotdata', apiversion=None, username='jane')) == -30002
    assert code_of(call(td, 'getdepotdata')) == -30002  # no username
    # only POST is accepted (assumption: answered as an invalid request)
    assert code_of(requests.get(td.url + HOST_PATH, params={'checksum': sign(b'')}, timeout=10)) == -30002


def test_requesttime_skew_limit_uses_the_simulator_clock(serve):
    running = serve('teamdrive', max_clock_skew=60)
    now = int(time.time())
    assert parse(call(running, 'getdepotdata', requesttime=now, username='jane')).find('depot') is not None
    running.simulator.clock.advance(3600)
    assert code_of(call(running, 'getdepotdata', requesttime=now, username='jane')) == -30002
    moved = int(running.simulator.clock.now())
    assert parse(call(running, 'getdepotdata', requesttime=moved, username='jane')).find('depot') is not None


def test_any_integer_requesttime_is_accepted_by_default(td):
    assert parse(call(td, 'getdepotdata', requesttime=1, username='jane')).find('depot') is not None


def test_commands_newer_than_the_server_version_are_unknown(serve):
    old = serve('teamdrive', server_apiversion='3.0.002')
    assert code_of(call(old, 'setdepot', username='jane', depotid=4711, disclimit=GIB)) == -30001
    assert_ok(call(old, 'deactivatedepot', username='jane', depotid=4711))
    older = serve('teamdrive', server_apiversion='3.0.001')
    for command in ('deactivatedepot', 'updatecontract', 'createdepotwithoutuser', 'assignusertodepot'):
        assert code_of(call(older, command, username='jane', depotid=4711)) == -30001
    assert older.simulator.stats()['writes'] == []


def test_server_before_3_0_003_ignores_traffic_on_increase(serve):
    old = serve('teamdrive', server_apiversion='3.0.002')
    assert_ok(call(old, 'increasedepot', username='jane', depotid=4711, increaselimit=GIB,
                   trafficlimit=50 * GIB, changehistory='ticket 1'))
    depot = old.simulator.state()['depots']['4711']
    assert (depot['disclimit'], depot['trafficlimit'], depot['history']) == (11 * GIB, 110 * GIB, [])


# --- reads -----------------------------------------------------------------------------

def test_getdepotdata_errors(td):
    assert error_of(call(td, 'getdepotdata', username='bob')) == (-30301, '', 'No Depot for User')
    assert code_of(call(td, 'getdepotdata', username='nobody')) == -30301
    assert error_of(call(td, 'getdepotdata', username='jane', depotid=9999)) == \
        (-30302, '', 'Depot-ID does not match')
    assert parse(call(td, 'getdepotdata', username='jane')).find('exception') is None
    assert parse(call(td, 'getdepotdata', username='jane', depotid='bad')).find('exception') is not None


def test_getdepotdata_lists_every_depot_and_empty_user_list(td):
    td.simulator.control('put_depot', {'owner': 'jane', 'disclimit': GIB})
    depots = parse(call(td, 'getdepotdata', username='jane')).findall('depot')
    assert [d.findtext('depotid') for d in depots] == ['4711', '10001']
    second = depots[1]
    assert list(second.find('users')) == [] and second.findtext('useddisc') == '0'
    only = parse(call(td, 'getdepotdata', username='jane', depotid=10001)).findall('depot')
    assert [d.findtext('depotid') for d in only] == ['10001']


def test_getspacedata(serve):
    td = serve('teamdrive')
    spaces = parse(call(td, 'getspacedata', username='jane', depotid=4711)).findall('space')
    assert [(s.findtext('spaceid'), s.findtext('spacename'), s.findtext('useddisc')) for s in spaces] == \
        [('1', '', '100000'), ('2', '', '23456')]
    assert len(parse(call(td, 'getspacedata', username='jane')).findall('space')) == 2
    assert code_of(call(td, 'getspacedata', username='bob')) == -30301
    assert code_of(call(td, 'getspacedata', username='jane', depotid=1)) == -30302
    named = serve('teamdrive', return_space_names=True)
    spaces = parse(call(named, 'getspacedata', username='jane', depotid=4711)).findall('space')
    assert [s.findtext('spacename') for s in spaces] == ['Projects', 'Photos']


def test_getdepotdocument(td):
    document = parse(call(td, 'getdepotdocument', username='jane', depotid=4711)).findtext('depotdocument')
    assert b'<depotid>4711</depotid>' in base64.b64decode(document)
    assert code_of(call(td, 'getdepotdocument', username='bob', depotid=4711)) == -30301
    assert code_of(call(td, 'getdepotdocument', username='jane', depotid=4712)) == -30302
    assert td.simulator.stats()['writes'] == []


# --- life cycle --------------------------------------------------------------------------

def test_createdepot(td):
    root = parse(call(td, 'createdepot', username='carol', disclimit=5 * GIB, trafficlimit=20 * GIB,
                      users='bob, dave'))
    assert root.findtext('depotid') == '10001'
    assert b'<owner>carol</owner>' in base64.b64decode(root.findtext('depotdocument'))
    state = td.simulator.state()
    assert state['users']['carol']['depots'] == [10001]
    depot = state['depots']['10001']
    assert (depot['disclimit'], depot['trafficlimit'], depot['users'], depot['active']) == \
        (5 * GIB, 20 * GIB, ['bob', 'dave'], True)
    assert td.simulator.stats()['writes'] == ['createdepot']


def test_createdepot_traffic_default_and_requested_id(td):
    assert parse(call(td, 'createdepot', username='carol', depotid=500, disclimit=GIB)).findtext('depotid') == '500'
    assert td.simulator.state()['depots']['500']['trafficlimit'] == 10 * GIB


def test_createdepot_errors_write_nothing(td):
    assert error_of(call(td, 'createdepot', username='carol', disclimit='5GB')) == \
        (-30306, '', 'Invalid storage limit')
    assert code_of(call(td, 'createdepot', username='carol')) == -30306
    assert code_of(call(td, 'createdepot', username='carol', disclimit=0)) == -30306
    assert code_of(call(td, 'createdepot', username='carol', disclimit=GIB, trafficlimit=-1)) == -30306
    assert code_of(call(td, 'createdepot', username='carol', depotid=4711, disclimit=GIB)) == -30302
    assert code_of(call(td, 'createdepot', username='carol', depotid='x1', disclimit=GIB)) == -30302
    assert sorted(td.simulator.state()['depots']) == ['4711']
    assert 'carol' not in td.simulator.state()['users']
    assert td.simulator.stats()['writes'] == []


def test_createdepotwithoutuser_then_assign(td):
    root = parse(call(td, 'createdepotwithoutuser', disclimit=GIB))
    depotid = root.findtext('depotid')
    assert depotid == '10001'
    assert td.simulator.state()['depots'][depotid]['owner'] is None
    assert code_of(call(td, 'assignusertodepot', username='zoe', depotid=9999)) == -30302
    assert_ok(call(td, 'assignusertodepot', username='zoe', depotid=depotid))
    assert td.simulator.state()['users']['zoe']['depots'] == [10001]  # the user was created
    assert_ok(call(td, 'assignusertodepot', username='zoe', depotid=depotid))
    assert code_of(call(td, 'assignusertodepot', username='jane', depotid=depotid)) == -30302
    assert td.simulator.state()['depots'][depotid]['owner'] == 'zoe'
    assert td.simulator.stats()['writes'] == ['createdepotwithoutuser', 'assignusertodepot', 'assignusertodepot']


def test_deletedepot_deletes_all_its_spaces(td):
    assert code_of(call(td, 'deletedepot', username='jane', depotid=4712)) == -30302
    assert code_of(call(td, 'deletedepot', username='bob', depotid=4711)) == -30301
    assert code_of(call(td, 'deletedepot', username='jane')) == -30002
    assert '4711' in td.simulator.state()['depots']
    assert_ok(call(td, 'deletedepot', username='jane', depotid=4711))
    state = td.simulator.state()
    assert state['depots'] == {} and state['spaces'] == {}
    assert 'jane' in state['users']
    assert code_of(call(td, 'deletedepot', username='jane', depotid=4711)) == -30301
    assert td.simulator.stats()['writes'] == ['deletedepot']


def test_deactivatedepot(serve):
    td = serve('teamdrive', report_depot_status=True)
    root = assert_ok(call(td, 'deactivatedepot', username='jane', depotid=4711))
    assert root.findtext('apiversion') == '1.0.004'  # as in the vendor sample
    assert td.simulator.state()['depots']['4711']['active'] is False
    depot = parse(call(td, 'getdepotdata', username='jane')).find('depot')
    assert depot.findtext('status') == 'deactivated'
    assert code_of(call(td, 'deactivatedepot', username='jane', depotid=1)) == -30302
    assert code_of(call(td, 'activatedepot', username='jane', depotid=4711)) == -30001  # not in the API
    td.simulator.control('put_depot', {'depotid': 4711, 'active': True})
    assert parse(call(td, 'getdepotdata', username='jane')).find('depot').findtext('status') == 'active'


def test_deletespace(td):
    assert error_of(call(td, 'deletespace', username='jane', depotid=4711, spaceid='1,99')) == \
        (-30303, '', 'Space-ID does not match')
    other = td.simulator.control('put_depot', {'owner': 'jane'})
    foreign = td.simulator.control('add_space', {'depotid': other['depotid']})
    assert code_of(call(td, 'deletespace', username='jane', depotid=4711,
                        spaceid=str(foreign['spaceid']))) == -30303
    assert code_of(call(td, 'deletespace', username='jane', depotid=4711)) == -30002
    assert sorted(td.simulator.state()['spaces']) == ['1', '2', '3']
    assert_ok(call(td, 'deletespace', username='jane', depotid=4711, spaceid='1, 2'))
    state = td.simulator.state()
    assert sorted(state['spaces']) == ['3'] and state['depots']['4711']['useddisc'] == 0
    assert code_of(call(td, 'deletespace', username='bob', depotid=4711, spaceid='3')) == -30301
    assert td.simulator.stats()['writes'] == ['deletespace']


# --- limits ------------------------------------------------------------------------------

def test_setdepot_sets_absolute_limits(td):
    assert_ok(call(td, 'setdepot', username='jane', depotid=4711, disclimit=20 * GIB, trafficlimit=30 * GIB))
    depot = td.simulator.state()['depots']['4711']
    assert (depot['disclimit'], depot['trafficlimit']) == (20 * GIB, 30 * GIB)
    assert_ok(call(td, 'setdepot', username='jane', depotid=4711, disclimit=2 * GIB))
    depot = td.simulator.state()['depots']['4711']
    assert (depot['disclimit'], depot['trafficlimit']) == (2 * GIB, 30 * GIB)
    assert td.simulator.stats()['writes'] == ['setdepot', 'setdepot']


@pytest.mark.parametrize('limits', [
    {'disclimit': '10GB'}, {'disclimit': '-1'}, {'disclimit': '0'}, {'disclimit': '1.5'}, {},
    {'disclimit': GIB, 'trafficlimit': 'lots'},
])
def test_setdepot_rejects_bad_limits(td, limits):
    assert error_of(call(td, 'setdepot', username='jane', depotid=4711, **limits)) == \
        (-30304, '', 'Increasing Depot failed')
    assert td.simulator.state()['depots']['4711']['disclimit'] == 10 * GIB
    assert td.simulator.stats()['writes'] == []


def test_setdepot_depot_errors(td):
    assert code_of(call(td, 'setdepot', username='bob', depotid=4711, disclimit=GIB)) == -30301
    assert code_of(call(td, 'setdepot', username='jane', depotid=4712, disclimit=GIB)) == -30302


def test_increasedepot_with_traffic_and_history(td):
    assert_ok(call(td, 'increasedepot', username='jane', depotid=4711, increaselimit=GIB,
                   trafficlimit=200 * GIB, changehistory='upgrade #12'))
    depot = td.simulator.state()['depots']['4711']
    assert (depot['disclimit'], depot['trafficlimit'], depot['history']) == (11 * GIB, 200 * GIB, ['upgrade #12'])


def test_increase_and_decrease_without_traffic_reset_it_to_ten_times_storage(td):
    assert_ok(call(td, 'increasedepot', username='jane', depotid=4711, increaselimit=2 * GIB))
    depot = td.simulator.state()['depots']['4711']
    assert (depot['disclimit'], depot['trafficlimit']) == (12 * GIB, 120 * GIB)
    td.simulator.control('put_depot', {'depotid': 4711, 'trafficlimit': 500 * GIB})
    assert_ok(call(td, 'decreasedepot', username='jane', depotid=4711, decreaselimit=4 * GIB, trafficlimit=''))
    depot = td.simulator.state()['depots']['4711']
    assert (depot['disclimit'], depot['trafficlimit']) == (8 * GIB, 80 * GIB)
    assert td.simulator.stats()['writes'] == ['increasedepot', 'decreasedepot']


def test_decreasedepot_with_traffic(td):
    assert_ok(call(td, 'decreasedepot', username='jane', depotid=4711, decreaselimit=GIB, trafficlimit=GIB))
    depot = td.simulator.state()['depots']['4711']
    assert (depot['disclimit'], depot['trafficlimit']) == (9 * GIB, GIB)


def test_increase_decrease_errors(td):
    assert code_of(call(td, 'increasedepot', username='jane', depotid=4711)) == -30304
    assert code_of(call(td, 'increasedepot', username='jane', depotid=4711, increaselimit='1G')) == -30304
    assert code_of(call(td, 'increasedepot', username='jane', depotid=4711, increaselimit=1,
                        trafficlimit='x')) == -30304
    assert error_of(call(td, 'decreasedepot', username='jane', depotid=4711, decreaselimit=10 * GIB)) == \
        (-30305, '', 'Decreasing Depot failed')
    assert code_of(call(td, 'decreasedepot', username='jane', depotid=4711, decreaselimit=0)) == -30305
    assert code_of(call(td, 'increasedepot', username='bob', depotid=4711, increaselimit=1)) == -30301
    assert code_of(call(td, 'decreasedepot', username='jane', depotid=1, decreaselimit=1)) == -30302
    depot = td.simulator.state()['depots']['4711']
    assert (depot['disclimit'], depot['trafficlimit']) == (10 * GIB, 100 * GIB)
    assert td.simulator.stats()['writes'] == []


# --- authorised users, contract ----------------------------------------------------------

def test_add_and_delete_users_of_a_depot(td):
    root = assert_ok(call(td, 'addusertodepot', username='jane', depotid=4711, users='carol,bob, dave'))
    assert b'<depotid>4711</depotid>' in base64.b64decode(root.findtext('depotdocument'))
    assert td.simulator.state()['depots']['4711']['users'] == ['bob', 'carol', 'dave']
    assert_ok(call(td, 'deleteuserfromdepot', username='jane', depotid=4711, users='bob,dave,nobody'))
    users = parse(call(td, 'getdepotdata', username='jane')).find('depot').find('users')
    assert [u.text for u in users] == ['carol']
    assert code_of(call(td, 'addusertodepot', username='jane', depotid=4711)) == -30002
    assert code_of(call(td, 'addusertodepot', username='bob', depotid=4711, users='x')) == -30301
    assert code_of(call(td, 'deleteuserfromdepot', username='jane', depotid=9, users='x')) == -30302
    assert td.simulator.stats()['writes'] == ['addusertodepot', 'deleteuserfromdepot']


def test_updatecontract(td):
    assert_ok(call(td, 'updatecontract', username='jane', depotid=4711, contract='C-2024-7'))
    assert td.simulator.state()['depots']['4711']['contract'] == 'C-2024-7'
    assert_ok(call(td, 'updatecontract', username='jane', depotid=4711))
    assert td.simulator.state()['depots']['4711']['contract'] is None
    # only -30302 is documented for updatecontract, even for a user without a depot
    assert code_of(call(td, 'updatecontract', username='bob', depotid=4711)) == -30302
    assert td.simulator.stats()['writes'] == ['updatecontract', 'updatecontract']


# --- Registration Server ---------------------------------------------------------------

def test_gethostfordepot(serve):
    td = serve('teamdrive', host_url='https://td.example.net')
    root = parse(call(td, 'gethostfordepot', path=REGSERVER_PATH, apiversion='1.0.004', username='jane',
                      location='EU'))
    assert (root.findtext('apiversion'), root.findtext('hosturl')) == ('1.0.004', 'https://td.example.net')
    assert parse(call(td, 'gethostfordepot', path='/pbas/td2as/api/api.htm', username='bob',
                      location='198.51.100.4')).findtext('hosturl') == 'https://td.example.net'
    assert error_of(call(td, 'gethostfordepot', path=REGSERVER_PATH, username='ghost')) == \
        (-30100, '', 'Username does not exists')
    assert error_of(call(td, 'gethostfordepot', path=REGSERVER_PATH, username='newbie')) == \
        (-30102, '', 'Account not Activated by activation mail')
    assert error_of(call(td, 'gethostfordepot', path=REGSERVER_PATH, username='jane', location='Mars')) == \
        (-30112, '', 'Invalid location')
    assert code_of(call(td, 'gethostfordepot', username='jane')) == -30001  # host path
    assert code_of(call(td, 'getdepotdata', path=REGSERVER_PATH, username='jane')) == -30001


# --- failures that are not XML -------------------------------------------------------------

def test_wrong_path_gets_the_apache_404_page(td):
    body = build_body('getdepotdata', username='jane')
    response = post(td, body, path='/pbas/p1_as/api/service.html')
    assert response.status_code == 404
    assert response.headers['Content-Type'].startswith('text/html')
    assert '<title>404 Not Found</title>' in response.text
    assert 'The requested URL /pbas/p1_as/api/service.html was not found on this server.' in response.text
    assert 'Apache/2.2.9 (Fedora) Server at 127.0.0.1 Port' in response.text
    assert td.simulator.stats()['calls'] == ['not_found']


def test_handler_unavailable_and_execution_error_options(serve):
    unavailable = serve('teamdrive', handler_unavailable=True)
    for dummy in range(2):
        response = call(unavailable, 'getdepotdata', username='jane')
        assert response.status_code == 503
        assert 'SendCGIRequest("td2api")' in response.text and '-12996 (-12946)' in response.text
    broken = serve('teamdrive', execution_error=True)
    response = call(broken, 'setdepot', username='jane', depotid=4711, disclimit=GIB)
    assert response.status_code == 200 and response.headers['Content-Type'].startswith('text/html')
    assert 'Execution Error' in response.text
    assert 'Primary error code: -10005, Secondary error code: 0' in response.text
    assert broken.simulator.stats()['writes'] == []
    assert broken.simulator.state()['depots']['4711']['disclimit'] == 10 * GIB


def test_failure_page_controls_queue_one_shot_pages(td):
    requests.post(td.url + '/__sim__/handler_unavailable', json={'times': 1}, timeout=10).raise_for_status()
    assert call(td, 'getdepotdata', username='jane').status_code == 503
    assert parse(call(td, 'getdepotdata', username='jane')).find('depot') is not None
    requests.post(td.url + '/__sim__/execution_error', json={'call': 'setdepot'}, timeout=10).raise_for_status()
    assert parse(call(td, 'getdepotdata', username='jane')).find('depot') is not None
    response = call(td, 'setdepot', username='jane', depotid=4711, disclimit=GIB)
    assert response.status_code == 200 and 'Execution Error' in response.text
    assert td.simulator.state()['depots']['4711']['disclimit'] == 10 * GIB
    assert_ok(call(td, 'setdepot', username='jane', depotid=4711, disclimit=GIB))


# --- counters, state, controls --------------------------------------------------------------

def test_counters_count_requests_and_successful_writes_only(td):
    call(td, 'getdepotdata', username='jane')
    call(td, 'setdepot', username='jane', depotid=4711, disclimit='bad')
    call(td, 'setdepot', username='jane', depotid=4711, disclimit=GIB)
    post(td, b'not xml')
    assert td.simulator.stats() == {'requests': 4, 'calls': ['getdepotdata', 'setdepot', 'setdepot', '?'],
                                    'writes': ['setdepot']}
    stats = requests.get(td.url + '/__sim__/stats', timeout=10).json()
    assert stats['requests'] == 4 and stats['writes'] == ['setdepot']


def test_state_dump_and_reset(td):
    state = requests.get(td.url + '/__sim__/state', timeout=10).json()
    assert sorted(state['users']) == ['bob', 'jane']
    assert state['users']['jane']['depots'] == [4711] and state['users']['bob']['depots'] == []
    assert state['depots']['4711']['useddisc'] == 123456
    assert state['spaces']['2'] == {'spaceid': 2, 'depotid': 4711, 'name': 'Photos', 'useddisc': 23456,
                                    'usedtraffic': 0}
    assert state['regserver_users']['newbie'] == {'activated': False}
    assert_ok(call(td, 'deletedepot', username='jane', depotid=4711))
    requests.post(td.url + '/__sim__/reset', timeout=10).raise_for_status()
    assert td.simulator.state() == state


def test_empty_option_and_seed_controls(serve):
    td = serve('teamdrive', empty=True)
    assert td.simulator.state()['depots'] == {} and td.simulator.state()['users'] == {}
    assert code_of(call(td, 'getdepotdata', username='jane')) == -30301
    depot = requests.post(td.url + '/__sim__/put_depot', json={'depotid': 77, 'owner': 'kim', 'disclimit': GIB},
                          timeout=10).json()
    assert (depot['depotid'], depot['owner'], depot['trafficlimit']) == (77, 'kim', 10 * GIB)
    space = requests.post(td.url + '/__sim__/add_space', json={'depotid': 77, 'useddisc': 42}, timeout=10).json()
    assert space['spaceid'] == 1
    assert parse(call(td, 'getdepotdata', username='kim')).find('depot').findtext('useddisc') == '42'
    assert requests.post(td.url + '/__sim__/add_space', json={'depotid': 1}, timeout=10).status_code == 400
