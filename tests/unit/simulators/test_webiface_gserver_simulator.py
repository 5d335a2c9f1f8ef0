# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Easy-WI simulator's game servers, voice servers, MySQL databases, TS-DNS entries and webspace
(tests/simulators/webiface_gserver.py) over HTTP: each trap issue 20 lists, those files 26 and 28 recorded, the jobs
every call queues and what run_jobs does with them."""

import base64
import json
from xml.etree import ElementTree

import pytest
import requests

from simulators.webiface import encode_xml_field

TWELVE = ('action', 'identify_server_by', 'server_local_id', 'server_external_id', 'active', 'private', 'slots',
          'shorten', 'identify_user_by', 'user_localid', 'user_externalid', 'username')
XML = 'text/xml; charset=UTF-8'
HTML = 'text/html; charset=UTF-8'
JSON = 'application/json; charset=UTF-8'


def document(fields, keys=TWELVE):
    """An API document: every key of `keys` present (empty unless given), then the other fields; a list repeats."""
    elements = [(key, fields.get(key)) for key in keys]
    elements += [(key, value) for key, value in fields.items() if key not in keys]
    inner = ''.join('<%s>%s</%s>' % (key, '' if item is None else item, key)
                    for key, value in elements for item in (value if isinstance(value, list) else [value]))
    return "<?xml version='1.0' encoding='UTF-8'?>\n<server>%s</server>" % inner


def leaves(text):
    """{child: text} of a reply's root; repeated children (shorten) as a list."""
    found = {}
    for child in ElementTree.fromstring(text.encode('utf-8')):
        value = child.text or ''
        if child.tag in found:
            earlier = found[child.tag]
            found[child.tag] = (earlier if isinstance(earlier, list) else [earlier]) + [value]
        else:
            found[child.tag] = value
    return found


class Panel:
    def __init__(self, running):
        self.url = running.url + '/api.php'
        self.sim = running.simulator

    def post(self, api_type, fields, keys=TWELVE, as_json=False):
        form = {'user': 'demo', 'pwd': 'demo-password', 'type': api_type}
        if as_json:
            form['json'] = base64.b64encode(json.dumps(fields).encode('utf-8')).decode('ascii')
        else:
            form['xml'] = encode_xml_field(document(fields, keys))
        return requests.post(self.url, data=form, timeout=5)

    def call(self, api_type, action, keys=TWELVE, **fields):
        response = self.post(api_type, dict(fields, action=action), keys)
        assert (response.status_code, response.headers['Content-Type']) == (200, XML), response.text
        return leaves(response.text)

    def gserver(self, action, **fields):
        return self.call('gserver', action, **fields)

    def user_call(self, inner, as_json=None):
        """A type=user request: `inner` the elements of its <users> document, or as_json a JSON object."""
        form = {'user': 'demo', 'pwd': 'demo-password', 'type': 'user'}
        if as_json is not None:
            form['json'] = base64.b64encode(json.dumps(as_json).encode('utf-8')).decode('ascii')
        else:
            form['xml'] = encode_xml_field('<users>%s</users>' % inner)
        return requests.post(self.url, data=form, timeout=5)

    def add_user(self, name):
        inner = ('<action>add</action><username>%s</username><external_id>cust:%s</external_id>'
                 '<email>%s@example.org</email><active>Y</active>') % (name, name, name)
        return leaves(self.user_call(inner).text)['localid']

    def add_server(self, owner, external_id, games=('css',), slots='8', **fields):
        return self.gserver('add', identify_user_by='user_localid', user_localid=owner, active='Y', private='N',
                            slots=slots, shorten=list(games), server_external_id=external_id, **fields)

    def mod(self, external_id, **fields):
        return self.gserver('mod', identify_server_by='server_external_id', server_external_id=external_id, **fields)

    def owner_servers(self, owner_external_id, as_json=False):
        """The owner's game servers as `type=user ls` lists them: [{column: text}]."""
        response = self.user_call('<action>ls</action><identify_by>external_id</identify_by>'
                                  '<external_id>%s</external_id>' % owner_external_id)
        root = ElementTree.fromstring(response.text.encode('utf-8'))
        return [{field.tag: field.text or '' for field in key} for key in root.find('gserver')]

    def server(self, external_id):
        rows = [row for row in self.sim.state()['gsswitch'] if row['externalID'] == external_id]
        assert len(rows) == 1, rows
        return rows[0]

    def games(self, server_id):
        return [row['shorten'] for row in self.sim.state()['serverlist'] if row['switchID'] == server_id]

    def jobs(self, **match):
        return [job for job in self.sim.state()['jobs'] if all(job[key] == value for key, value in match.items())]


@pytest.fixture
def panel(serve):
    return Panel(serve('webiface'))


@pytest.fixture
def owner(panel):
    return panel.add_user('gamer')


# --- what can be read, and how -------------------------------------------------------------------------

def test_the_default_seed_lets_a_playbook_add_a_server_without_setup(panel, owner):
    reply = panel.add_server(owner, 'gs:1', slots='12')
    assert (reply['action'], reply['errors'], reply['ip'], reply['port'], reply['ftpUser']) == (
        'success', '', '192.0.2.11', '27015', 'gamer-1')
    assert 'shorten' not in reply  # never read the games from a write reply
    server = panel.server('gs:1')
    assert (server['slots'], server['jobPending'], server['ftppassword_decrypted']) == (
        '12', 'N', reply['initialpassword'])
    assert [(job['type'], job['action'], job['extraData']) for job in panel.jobs()] == [
        ('gs', 'ad', '{"installGames":"A"}')]


def test_gserver_ls_lists_root_servers_with_room_not_game_servers(panel, owner):
    panel.add_server(owner, 'gs:1')
    response = panel.post('gserver', {'action': 'ls'}, keys=('action',))
    roots = ElementTree.fromstring(response.text.encode('utf-8'))
    assert [(root.find('id').text, root.find('freeserver').text, root.find('installedserver').text,
             [game.tag for game in root.find('gamesavailable')]) for root in roots] == [
        ('1', '4', '1', ['css', 'cs2', 'mc']), ('2', '3', '0', ['css', 'cs2'])]
    assert 'gs:1' not in response.text


def test_gserver_ls_is_empty_when_every_root_is_full(panel, owner):
    for number in range(8):  # rootA takes five servers, rootB three
        assert panel.add_server(owner, 'gs:%d' % number, slots='2')['action'] == 'success'
    assert panel.add_server(owner, 'gs:9', slots='2')['errors'] == 'Cannot find free root server with given shorten'
    response = panel.post('gserver', {'action': 'ls'}, keys=('action',))
    assert response.text == '<?xml version="1.0" encoding="utf-8"?>\n<gserver/>\n'
    assert panel.post('gserver', {'action': 'ls'}, keys=('action',), as_json=True).text == '[]'


def test_a_server_is_read_from_its_owners_user_ls(panel, owner):
    panel.add_server(owner, 'gs:b', games=('cs2', 'css'), slots='16', pallowed='Y')
    panel.add_server(owner, 'gs:a', games=('mc',), slots='4')
    listed = panel.owner_servers('cust:gamer')
    assert [(row['externalID'], row['serverip'], row['port'], row['slots'], row['shorten'], row['pallowed'],
             row['war'], row['jobPending']) for row in listed] == [
        ('gs:a', '192.0.2.10', '25565', '4', 'mc', 'N', 'N', 'N'),  # ordered by IP, then port
        ('gs:b', '192.0.2.11', '27015', '16', 'cs2,css', 'Y', 'N', 'N')]  # games in install order
    assert 'initialpassword' not in listed[0] and 'autoRestart' not in listed[0]


def test_user_ls_shows_no_servers_with_show_user_data_only(panel, owner):
    panel.add_server(owner, 'gs:1')
    text = panel.user_call('<action>ls</action><identify_by>localid</identify_by><localid>%s</localid>'
                           '<show_user_data_only>1</show_user_data_only>' % owner).text
    assert text.endswith('</userdetails><gserver/><voice/><mysql/><tsdns/><webspace/></user>\n')


def test_user_ls_json_lists_the_servers_with_native_types(panel, owner):
    panel.add_server(owner, 'gs:1')
    response = panel.user_call(None, as_json={'action': 'ls', 'identify_by': 'localid', 'localid': owner})
    listed = response.json()['gserver']
    assert (listed[0]['externalID'], listed[0]['port'], listed[0]['slots'], listed[0]['shorten']) == (
        'gs:1', 27015, 8, 'css')


# --- the twelve keys -------------------------------------------------------------------------------------

@pytest.mark.parametrize('action', ['add', 'mod', 'del'])
@pytest.mark.parametrize('missing', ['active', 'username', 'shorten'])
def test_all_twelve_keys_are_required_on_every_call_del_included(panel, owner, action, missing):
    panel.add_server(owner, 'gs:1')
    writes = len(panel.sim.stats()['writes'])
    reply = panel.call('gserver', action, keys=[key for key in TWELVE if key != missing],
                       identify_server_by='server_external_id', server_external_id='gs:1', slots='9')
    assert (reply['action'], reply['errors']) == (
        'fail', 'Data key does not exist: %s, Not supported method or incomplete data' % missing)
    assert len(panel.sim.stats()['writes']) == writes and len(panel.jobs()) == 1


def test_gs_needs_only_the_four_identification_keys(panel, owner):
    panel.add_server(owner, 'gs:1')
    keys = ('action', 'identify_server_by', 'server_local_id', 'server_external_id')
    reply = panel.call('gserver', 'gs', keys=keys, identify_server_by='server_external_id',
                       server_external_id='gs:1', restart='re')
    assert (reply['action'], reply['serverName']) == ('success', '192.0.2.11:27015')


# --- add: root, IP and port ------------------------------------------------------------------------------

def test_the_root_with_the_most_free_server_places_wins(panel, owner):
    roots = [panel.add_server(owner, 'gs:%d' % number)['master_server_external_id'] for number in range(4)]
    # rootA has 5 places, rootB 3: a tie at 3 goes to the lower id, then rootB has more
    assert roots == ['rootA', 'rootA', 'rootA', 'rootB']
    assert panel.add_server(owner, 'gs:mc', games=('mc',))['master_server_external_id'] == 'rootA'


@pytest.mark.parametrize('games, fields', [
    (('tf',), {}),  # only on the inactive rootC
    (('cstrike',), {}),  # a template without a master server
    (('mc', 'cs2'), {'master_server_id': '2'}),  # rootB lacks mc
    (('css',), {'slots': '64'}),  # more slots than any root has free
])
def test_no_root_qualifies(panel, owner, games, fields):
    panel.add_server(owner, 'gs:a', slots='2', master_server_id='1')
    panel.add_server(owner, 'gs:b', slots='2', master_server_id='2')
    reply = panel.gserver('add', identify_user_by='user_localid', user_localid=owner, active='Y', private='N',
                          slots=fields.pop('slots', '4'), shorten=list(games), **fields)
    assert (reply['action'], reply['errors'], reply['ip']) == (
        'fail', 'Cannot find free root server with given shorten', '')
    assert len(panel.sim.state()['gsswitch']) == 2


def test_a_root_without_servers_takes_any_slot_count(panel, owner):
    # its used slots are NULL, and NULL counts as unlimited
    assert panel.add_server(owner, 'gs:1', slots='500')['action'] == 'success'
    assert panel.add_server(owner, 'gs:2', slots='500', master_server_id='1')['action'] == 'fail'


def test_every_add_error_ends_with_cannot_find_free_root(panel, owner):
    reply = panel.add_server('999', 'gs:1', games=('nosuchgame',))
    assert reply['errors'] == ('user does not exist, image with the shorten nosuchgame does not exists, '
                               'Cannot find free root server with given shorten')


def test_ip_choice_and_ports_past_portmax_stored_unchecked(panel, owner):
    first = panel.add_server(owner, 'gs:1', master_server_id='1')
    second = panel.add_server(owner, 'gs:2', master_server_id='1')
    third = panel.add_server(owner, 'gs:3', master_server_id='1')
    assert [(reply['ip'], reply['port'], reply['port4'], reply['port5']) for reply in (first, second, third)] == [
        ('192.0.2.11', '27015', '27018', '27019'),  # both IPs empty: the last extra IP
        ('192.0.2.10', '27015', '27018', '27019'),  # the IP with fewer used ports
        ('192.0.2.11', '27025', '27028', '27019')]  # equal counts: the last IP; port5 is never checked


def test_a_requested_port_is_used_when_free_and_silently_replaced_when_taken(panel, owner):
    assert panel.add_server(owner, 'gs:1', port='27500', master_server_id='2')['port'] == '27500'
    taken = panel.add_server(owner, 'gs:2', port='27500', master_server_id='2')
    assert (taken['action'], taken['errors'], taken['port']) == ('success', '', '27015')


def test_port2_to_port5_are_ignored_at_add(panel, owner):
    reply = panel.add_server(owner, 'gs:1', port='28000', port2='28001', port5='28004')
    assert (reply['port'], reply['port2'], reply['port5']) == ('28000', '27016', '27019')


def test_primary_game_gives_the_ports_and_the_start_game(panel, owner):
    reply = panel.add_server(owner, 'gs:1', games=('css', 'cs2'), primary='cs2')
    assert (reply['port'], reply['port2']) == ('27015', '')
    server = panel.server('gs:1')
    cs2 = [row['id'] for row in panel.sim.state()['serverlist'] if row['shorten'] == 'cs2']
    assert [server['serverid']] == cs2 and panel.games(server['id']) == ['css', 'cs2']


def test_an_invalid_external_id_is_stored_empty_and_the_add_succeeds(panel, owner):
    reply = panel.add_server(owner, 'bad-id')
    assert (reply['action'], reply['server_external_id']) == ('success', '')
    assert panel.server('')['id'] == reply['server_local_id']
    assert panel.add_server(owner, '')['action'] == 'success'
    assert [row['externalID'] for row in panel.sim.state()['gsswitch']] == ['', None]


def test_add_refuses_a_duplicate_external_id_and_mod_does_not_check(panel, owner):
    panel.add_server(owner, 'gs:1')
    second = panel.add_server(owner, 'gs:2')
    assert panel.add_server(owner, 'gs:1')['errors'] == (
        'server with external ID already exists, Cannot find free root server with given shorten')
    reply = panel.gserver('mod', identify_server_by='server_local_id', server_local_id=second['server_local_id'],
                          server_external_id='gs:1')
    assert reply['action'] == 'success'
    assert [row['externalID'] for row in panel.sim.state()['gsswitch']] == ['gs:1', 'gs:1']


def test_the_owner_can_be_any_account_and_is_found_by_mail_too(panel, owner):
    by_mail = panel.gserver('add', identify_user_by='email', email='gamer@example.org', active='Y', private='N',
                            slots='4', shorten='css')
    assert (by_mail['action'], by_mail['username']) == ('success', 'gamer')
    as_admin = panel.add_server('1', 'gs:admin')  # no account-type filter: the main admin owns a server now
    assert (as_admin['action'], as_admin['username']) == ('success', 'admin')


# --- mod -------------------------------------------------------------------------------------------------

def test_the_game_list_replaces_the_whole_list(panel, owner):
    panel.add_server(owner, 'gs:1', games=('css', 'cs2'), master_server_id='2')
    reply = panel.mod('gs:1', shorten=['cs2', 'mc'])  # mc: a master on some root is enough, not on this one
    assert (reply['action'], 'shorten' in reply) == ('success', False)  # no <shorten> once a game is removed
    server_id = panel.server('gs:1')['id']
    assert panel.games(server_id) == ['cs2', 'mc']
    assert json.loads(panel.jobs(action='md')[-1]['extraData'])['gamesRemoveArray'] == ['css']
    kept = panel.mod('gs:1', shorten=['cs2', 'mc'])
    assert kept['shorten'] == ['cs2', 'mc'] and len(panel.jobs(action='md')) == 1


def test_an_unknown_game_removes_every_game_yet_replies_success(panel, owner):
    panel.add_server(owner, 'gs:1', games=('css', 'cs2'))
    server = panel.server('gs:1')
    reply = panel.mod('gs:1', shorten='nosuchgame')
    assert (reply['action'], reply['errors']) == ('success', '')
    assert panel.games(server['id']) == []
    assert json.loads(panel.jobs(action='md')[-1]['extraData'])['gamesRemoveArray'] == ['css', 'cs2']
    assert panel.server('gs:1')['serverid'] == server['serverid']  # the start game points at a removed row
    panel.mod('gs:1', shorten=['mc'])
    panel.sim.run_jobs()
    assert panel.server('gs:1')['serverid'] == [row['id'] for row in panel.sim.state()['serverlist']][0]


def test_an_empty_shorten_leaves_the_games_alone(panel, owner):
    panel.add_server(owner, 'gs:1', games=('css', 'cs2'))
    panel.mod('gs:1', slots='9')
    assert panel.games(panel.server('gs:1')['id']) == ['css', 'cs2'] and panel.jobs(action='md') == []


def test_mod_port_changes_the_stored_port_only_when_the_job_runs(panel, owner):
    panel.add_server(owner, 'gs:1')
    panel.sim.run_jobs()
    reply = panel.mod('gs:1', port='27900')
    assert (reply['port'], reply['serverName']) == ('27900', '192.0.2.11:27015')
    assert panel.owner_servers('cust:gamer')[0]['port'] == '27015'
    job = panel.jobs(action='md')[0]
    assert json.loads(job['extraData']) == {'newPort': '27900', 'oldProtected': 'N', 'installGames': 'N',
                                            'gamesRemoveArray': []}
    result = panel.sim.run_jobs()
    assert result['log'] == ['Modify gsswitchID: 1 name: 192.0.2.11:27015 gsswitchID:1']
    assert [(row['port'], row['jobPending']) for row in panel.owner_servers('cust:gamer')] == [('27900', 'N')]


def test_job_pending_flips_to_y_on_every_mod_even_a_no_op(panel, owner):
    panel.add_server(owner, 'gs:1', slots='8')
    assert panel.server('gs:1')['jobPending'] == 'N'
    reply = panel.mod('gs:1', slots='8', active='Y', private='N')
    assert (reply['action'], reply['slots'], reply['private']) == ('success', '', '')  # filled only when changed
    assert panel.server('gs:1')['jobPending'] == 'Y' and panel.jobs(action='md') == []


def test_slots_and_flags_are_written_at_once_without_a_job(panel, owner):
    panel.add_server(owner, 'gs:1')
    reply = panel.mod('gs:1', slots='20', private='Y', taskset='Y', cores='0,1', minram='300', maxram='900')
    assert (reply['slots'], reply['private'], reply['taskset'], reply['cores']) == ('20', 'Y', 'Y', '0,1')
    server = panel.server('gs:1')
    assert (server['slots'], server['war'], server['taskset'], server['cores'], server['minram'], server['maxram']) \
        == ('20', 'Y', 'Y', '0,1', '300', '900')
    assert panel.jobs(action='md') == []


@pytest.mark.parametrize('fields', [{'active': 'N'}, {'pallowed': 'Y'}, {'initialpassword': 'newFtp42'}])
def test_what_queues_a_modify_job(panel, owner, fields):
    panel.add_server(owner, 'gs:1')
    panel.mod('gs:1', **fields)
    assert [(job['action'], job['status']) for job in panel.jobs()] == [('ad', None), ('md', None)]


def test_an_invalid_ftp_password_is_ignored_silently(panel, owner):
    added = panel.add_server(owner, 'gs:1')
    reply = panel.mod('gs:1', initialpassword='bad-pass!')
    assert (reply['action'], reply['initialpassword']) == ('success', '')
    assert panel.server('gs:1')['ftppassword_decrypted'] == added['initialpassword']
    assert panel.jobs(action='md') == []


def test_the_owner_cannot_be_changed(panel, owner):
    other = panel.add_user('other')
    panel.add_server(owner, 'gs:1')
    reply = panel.mod('gs:1', identify_user_by='user_localid', user_localid=other)
    assert (reply['action'], reply['username']) == ('success', 'gamer')
    assert panel.server('gs:1')['userid'] == owner


def test_mod_while_a_delete_is_pending_answers_fail_but_writes_cancels_the_delete_and_queues_a_modify(panel, owner):
    panel.add_server(owner, 'gs:1')
    panel.gserver('del', identify_server_by='server_external_id', server_external_id='gs:1')
    reply = panel.mod('gs:1', active='N', slots='9')
    assert (reply['action'], reply['errors']) == ('fail', 'Server is marked for deletion')
    assert (panel.server('gs:1')['active'], panel.server('gs:1')['slots']) == ('N', '9')
    assert [(job['action'], job['status']) for job in panel.jobs()] == [('ad', '2'), ('dl', '2'), ('md', None)]
    panel.sim.run_jobs()
    assert panel.server('gs:1')['jobPending'] == 'N'  # the delete never happens


def test_mod_with_core_count_is_not_simulated(panel, owner):
    panel.add_server(owner, 'gs:1')
    response = panel.post('gserver', {'action': 'mod', 'identify_server_by': 'server_external_id',
                                      'server_external_id': 'gs:1', 'coreCount': '2'})
    assert response.status_code == 501


@pytest.mark.parametrize('fields, error', [
    ({'identify_server_by': 'server_external_id', 'server_external_id': 'gs:nosuch'},
     'No server can be found to edit'),
    ({'identify_server_by': '', 'server_local_id': '1'}, 'No data for this method: mod'),
])
def test_mod_errors(panel, owner, fields, error):
    panel.add_server(owner, 'gs:1')
    assert panel.gserver('mod', slots='5', **fields)['errors'] == error


# --- del, gs, the runner ----------------------------------------------------------------------------------

def test_del_queues_a_delete_that_cancels_the_pending_add_and_the_runner_removes_the_server(panel, owner):
    panel.add_server(owner, 'gs:1', games=('css', 'cs2'))
    reply = panel.gserver('del', identify_server_by='server_external_id', server_external_id='gs:1')
    assert (reply['action'], reply['master_server_id'], reply['master_server_external_id']) == ('success', '1', '1')
    assert panel.server('gs:1')['jobPending'] == 'Y'
    again = panel.gserver('del', identify_server_by='server_external_id', server_external_id='gs:1')
    assert again['action'] == 'success'
    assert [(job['action'], job['status']) for job in panel.jobs()] == [('ad', '2'), ('dl', '2'), ('dl', None)]
    assert len(panel.owner_servers('cust:gamer')) == 1  # still listed until the runner runs
    result = panel.sim.run_jobs()
    assert result['log'] == ['Delete gsswitchID: 1 name:192.0.2.11:27015 gsswitchID:1']
    state = panel.sim.state()
    assert (state['gsswitch'], state['serverlist'], panel.owner_servers('cust:gamer')) == ([], [], [])
    assert panel.gserver('del', identify_server_by='server_external_id', server_external_id='gs:1')['errors'] == \
        'No server can be found to delete'


def test_readding_the_external_id_of_a_server_being_deleted_fails(panel, owner):
    panel.add_server(owner, 'gs:1')
    panel.gserver('del', identify_server_by='server_external_id', server_external_id='gs:1')
    assert panel.add_server(owner, 'gs:1')['action'] == 'fail'
    panel.sim.run_jobs()
    assert panel.add_server(owner, 'gs:1')['action'] == 'success'


def test_the_runner_applies_adds_and_clears_job_pending(panel, owner):
    panel.add_server(owner, 'gs:1')
    panel.mod('gs:1', slots='9')
    result = panel.sim.run_jobs()
    assert result['log'] == ['Add gsswitchID: 1 name:192.0.2.11:27015 gsswitchID:1']
    assert panel.server('gs:1')['jobPending'] == 'N' and panel.jobs(status='3')[0]['action'] == 'ad'


def test_a_pending_add_swallows_a_later_modify_and_its_port_change(panel, owner):
    panel.add_server(owner, 'gs:1')
    panel.mod('gs:1', port='27900')
    panel.sim.run_jobs()
    assert [(job['action'], job['status']) for job in panel.jobs()] == [('ad', '3'), ('md', '2')]
    assert panel.server('gs:1')['port'] == '27015'


def test_restart_and_stop(panel, owner):
    panel.add_server(owner, 'gs:1')
    panel.sim.run_jobs()
    panel.gserver('gs', identify_server_by='server_external_id', server_external_id='gs:1', restart='re')
    reply = panel.gserver('gs', identify_server_by='server_external_id', server_external_id='gs:1', restart='st')
    assert reply['action'] == 'success'
    assert [(job['action'], job['status']) for job in panel.jobs()][1:] == [('re', '2'), ('st', None)]
    panel.gserver('gs', identify_server_by='server_external_id', server_external_id='gs:1', restart='re')
    assert panel.sim.run_jobs()['log'] == ['(Re)Start gsswitchID: 1 name: 192.0.2.11:27015']
    server = panel.server('gs:1')
    assert (server['stopped'], server['jobPending']) == ('N', 'Y')  # the runner leaves jobPending set
    assert panel.gserver('gs', identify_server_by='server_external_id', server_external_id='gs:1',
                         restart='xx')['errors'] == '(Re)start or Stop not defined'


def test_deleting_the_owner_removes_his_servers_when_the_runner_runs(panel, owner):
    panel.add_server(owner, 'gs:1')
    panel.user_call('<action>del</action><identify_by>localid</identify_by><localid>%s</localid>' % owner)
    panel.sim.run_jobs()
    assert panel.sim.state()['gsswitch'] == []
    assert [(job['api'], job['type'], job['action'], job['status']) for job in panel.jobs()] == [
        ('A', 'gs', 'ad', '2'), ('A', 'us', 'dl', '3'), ('S', 'gs', 'dl', '3')]


# --- JSON ------------------------------------------------------------------------------------------------

def test_the_json_variant_reports_neither_action_nor_errors(panel, owner):
    fields = {key: '' for key in TWELVE}
    fields.update(action='add', identify_user_by='user_localid', user_localid=owner, active='Y', private='N',
                  slots='2', shorten='css', server_external_id='gs:json')
    success = panel.post('gserver', fields, as_json=True)
    failure = panel.post('gserver', dict(fields, shorten='nosuchgame', server_external_id='gs:json2'), as_json=True)
    assert success.headers['Content-Type'] == JSON
    assert (success.json()['action'], success.json()['errors'], success.json()['server_local_id']) == (
        None, None, '1')
    assert (failure.json()['action'], failure.json()['errors'], failure.json()['server_local_id']) == (
        None, None, False)


# --- voice ---------------------------------------------------------------------------------------------------

def voice(panel, action, **fields):
    return panel.call('voice', action, **dict({'shorten': 'ts3'}, **fields))


def test_voice_add_mod_del_and_the_runner(panel, owner):
    reply = voice(panel, 'add', identify_user_by='user_localid', user_localid=owner, active='Y', private='Y',
                  slots='10', server_external_id='vo:1')
    assert (reply['action'], reply['ip'], reply['port'], reply['address']) == (
        'success', '192.0.2.50', '9987', 'Easy-WI TS3')
    assert 'initialpassword' not in reply  # the generated server password is only in the database
    row = panel.sim.state()['voice_server'][0]
    assert (row['password'], len(row['initialpassword']), row['jobPending'], row['localserverid']) == (
        'Y', 10, 'Y', '0')
    assert panel.sim.run_jobs()['log'] == ['Add voiceserverID: 1; Name:192.0.2.50:9987']
    assert panel.sim.state()['voice_server'][0]['localserverid'] == '1'
    voice(panel, 'mod', identify_server_by='server_external_id', server_external_id='vo:1', slots='20')
    assert panel.sim.run_jobs()['log'] == ['Modify voiceserverID: 1 name:192.0.2.50:9987']
    voice(panel, 'del', identify_server_by='server_external_id', server_external_id='vo:1')
    assert panel.sim.run_jobs()['log'] == ['Delete voiceserverID: 1 name:192.0.2.50:9987']
    assert panel.sim.state()['voice_server'] == []


def test_a_voice_mod_before_the_runner_cancels_the_add_and_the_server_is_never_created(panel, owner):
    voice(panel, 'add', identify_user_by='user_localid', user_localid=owner, active='Y', private='N', slots='10',
          server_external_id='vo:1')
    voice(panel, 'mod', identify_server_by='server_external_id', server_external_id='vo:1', active='N')
    assert [(job['action'], job['status']) for job in panel.jobs(type='vo')] == [('ad', '2'), ('md', None)]
    assert panel.sim.run_jobs()['log'] == ['Error: can not find voiceserver']
    row = panel.sim.state()['voice_server'][0]
    assert (row['localserverid'], row['jobPending']) == ('0', 'Y')
    voice(panel, 'del', identify_server_by='server_external_id', server_external_id='vo:1')
    panel.sim.run_jobs()
    assert len(panel.sim.state()['voice_server']) == 1  # nor can the runner delete it


def test_a_voice_mod_without_an_active_or_slot_change_queues_nothing(panel, owner):
    voice(panel, 'add', identify_user_by='user_localid', user_localid=owner, active='Y', private='N', slots='10',
          server_external_id='vo:1')
    reply = voice(panel, 'mod', identify_server_by='server_external_id', server_external_id='vo:1', slots='10',
                  private='Y')
    assert reply['action'] == 'success' and panel.sim.state()['voice_server'][0]['password'] == 'Y'
    assert [job['action'] for job in panel.jobs(type='vo')] == ['ad']


def test_voice_ports_skip_the_query_port_and_count_game_ports(panel, owner):
    panel.sim.control('put_rows', {'table': 'voice_masterserver', 'rows': [{'id': '1', 'ssh2ip': '192.0.2.11'}]})
    panel.add_server(owner, 'gs:1', port='10011', master_server_id='1')
    reply = voice(panel, 'add', identify_user_by='user_localid', user_localid=owner, active='Y', private='N',
                  slots='5', port='10011')
    assert (reply['ip'], reply['port']) == ('192.0.2.11', '9987')


def test_voice_errors(panel, owner):
    no_ts3 = voice(panel, 'add', identify_user_by='user_localid', user_localid=owner, slots='5', shorten='ts2')
    assert no_ts3['errors'] == 'Not supported method or incomplete data'
    missing = voice(panel, 'mod', identify_server_by='server_external_id', server_external_id='vo:nosuch')
    assert missing['errors'] == 'No server can be found to edit'


def test_voice_ls_answers_one_server_or_the_masters(panel, owner):
    voice(panel, 'add', identify_user_by='user_localid', user_localid=owner, active='Y', private='N', slots='10',
          server_external_id='vo:1')
    one = panel.post('voice', {'action': 'ls', 'shorten': 'ts3', 'identify_server_by': 'server_external_id',
                               'server_external_id': 'vo:1'}, keys=TWELVE)
    assert one.headers['Content-Type'] == XML and leaves(one.text)['externalID'] == 'vo:1'
    masters = panel.post('voice', {'action': 'ls'}, keys=('action',))
    assert masters.headers['Content-Type'] == HTML
    assert [(entry.find('id').text, entry.find('installedserver').text)
            for entry in ElementTree.fromstring(masters.text.encode())] == [('1', '1')]


def test_without_a_voice_master_add_finds_no_host(serve):
    panel = Panel(serve('webiface', gserver_seed='recording'))
    reply = voice(panel, 'add', identify_user_by='user_localid', user_localid=panel.add_user('gamer'), active='Y',
                  private='N', slots='10')
    assert reply['errors'] == 'No free host'


# --- MySQL -----------------------------------------------------------------------------------------------

MYSQL = ('active', 'action', 'identify_server_by', 'server_local_id', 'server_external_id', 'identify_user_by',
         'user_localid', 'user_externalid', 'username')


def mysql(panel, action, **fields):
    return panel.call('mysql', action, keys=MYSQL, **fields)


def test_mysql_add_mod_del_and_the_runner(panel, owner):
    reply = mysql(panel, 'add', active='Y', identify_user_by='user_localid', user_localid=owner,
                  server_external_id='db:1')
    assert (reply['action'], reply['dbname'], reply['server_local_id']) == ('success', 'sql1', '')
    assert 'password' not in reply and len(panel.sim.state()['mysql_external_dbs'][0]['password_decrypted']) == 10
    assert mysql(panel, 'mod', active='N', identify_server_by='server_external_id',
                 server_external_id='db:1')['action'] == 'success'
    assert [(job['action'], job['status']) for job in panel.jobs(type='my')] == [('ad', '2'), ('md', None)]
    assert panel.sim.run_jobs()['log'] == ['Modify MySQLDBID: 1 DBName: sql1']
    assert panel.sim.state()['mysql_external_dbs'][0]['jobPending'] == 'Y'  # the runner never resets it
    mysql(panel, 'del', identify_server_by='server_external_id', server_external_id='db:1')
    assert panel.sim.run_jobs()['log'] == ['Delete MySQLDBID: 1 DBName: sql1']
    assert panel.sim.state()['mysql_external_dbs'] == []


def test_mysql_runner_on_the_master_a_fatal_second_mail_and_an_unreachable_master(panel, owner):
    """File 25: an add makes the database, its login and a grant; a delete drops only the database; the second
    e-mail of one pass ends the process (the job stays open and is repeated); an unreachable master counts as done."""
    panel.sim.control('put_rows', {'table': 'mysql_external_servers', 'rows': [{'id': 2, 'ip': '192.0.2.41'}]})
    panel.sim.control('runner_conditions', {'unreachable': ['192.0.2.41'], 'second_mail_fatal': True})
    for number, master in ((1, '1'), (2, '1'), (3, '2')):
        mysql(panel, 'add', active='Y', identify_user_by='user_localid', user_localid=owner,
              server_external_id='db:%d' % number, master_server_id=master)
    assert panel.sim.run_jobs()['log'] == ['Add MySQLDBID: 1 DBName: sql1'], 'the second e-mail is fatal'
    assert panel.sim.state()['mariadb_databases_sql_prefix'] == ['sql1', 'sql2'], 'sql2 was made before the e-mail'
    assert [job['status'] for job in panel.jobs(type='my')] == ['3', None, None]
    assert panel.sim.run_jobs()['log'] == ['Add MySQLDBID: 2 DBName: sql2', 'Add MySQLDBID: 3 DBName: sql3']
    assert panel.sim.state()['mariadb_databases_sql_prefix'] == ['sql1', 'sql2'], 'nothing on the unreachable one'
    mysql(panel, 'del', identify_server_by='server_external_id', server_external_id='db:1')
    panel.sim.run_jobs()
    state = panel.sim.state()
    assert state['mariadb_databases_sql_prefix'] == ['sql2']
    assert [row['User'] for row in state['mariadb_accounts_sql_prefix']] == ['sql1', 'sql2'], 'the login stays'


def test_mysql_mod_by_local_id_without_an_external_id_clears_it(panel, owner):
    mysql(panel, 'add', active='Y', identify_user_by='user_localid', user_localid=owner, server_external_id='db:1')
    mysql(panel, 'mod', identify_server_by='server_local_id', server_local_id='1')
    assert panel.sim.state()['mysql_external_dbs'][0]['externalID'] is None


def test_mysql_ls_and_read(panel, owner):
    listed = panel.post('mysql', {'action': 'ls'}, keys=('action',))
    assert (listed.headers['Content-Type'], [entry.find('maxDBs').text for entry in
                                             ElementTree.fromstring(listed.text.encode())]) == (HTML, ['10'])
    read = mysql(panel, 'read', identify_server_by='server_external_id', server_external_id='db:1')
    assert (read['action'], read['dbname'], read['active']) == ('success', '', '')


# --- TS-DNS and webspace (files 26 and 28) ---------------------------------------------------------------------

OWNED = ('action', 'identify_server_by', 'server_local_id', 'server_external_id', 'active', 'identify_user_by',
         'user_localid', 'user_externalid', 'username')


def tsdns(panel, action, **fields):
    return panel.call('tsdns', action, keys=OWNED, **fields)


def web(panel, action, **fields):
    return panel.post('web', dict(fields, action=action), keys=OWNED)


def test_tsdns_add_read_mod_del_and_the_runner(panel, owner):
    reply = tsdns(panel, 'add', active='Y', identify_user_by='user_localid', user_localid=owner,
                  server_external_id='dns:1', ip='192.0.2.60', port='9987')
    assert (reply['action'], reply['dns'], reply['server_local_id'], reply['master_server_external_id']) == \
        ('success', '1-gamer.ts.example.org', '1', 'tsA')
    duplicate = tsdns(panel, 'add', active='Y', identify_user_by='user_localid', user_localid=owner,
                      server_external_id='dns:1', ip='192.0.2.60', port='9987')
    assert duplicate['errors'] == 'server with external ID already exists'
    read = tsdns(panel, 'read', identify_server_by='server_external_id', server_external_id='dns:1')
    assert (read['ip'], read['port'], read['username'], read['user_externalid']) == (
        '192.0.2.60', '9987', 'gamer', 'cust:gamer')
    assert tsdns(panel, 'mod', identify_server_by='server_external_id', server_external_id='dns:1',
                 port='9990', dns='renamed.example.org')['action'] == 'success'
    assert [(job['action'], job['status'], job['extraData']) for job in panel.jobs(type='ds')] == [
        ('ad', '2', ''), ('md', None, None)], 'a mod of a pending add cancels the add and queues a modify'
    tsdns(panel, 'del', identify_server_by='server_external_id', server_external_id='dns:1')
    refused = tsdns(panel, 'mod', active='N', identify_server_by='server_external_id', server_external_id='dns:1')
    assert (refused['action'], refused['errors']) == ('fail', 'Server is marked for deletion')
    entry = panel.sim.state()['voice_dns'][0]
    assert (entry['active'], entry['port'], entry['dns']) == ('Y', '9990', 'renamed.example.org'), 'nothing written'
    assert [(job['action'], job['status']) for job in panel.jobs(type='ds')] == [
        ('ad', '2'), ('md', '2'), ('dl', None)], 'the pending delete stays'
    assert panel.sim.run_jobs()['log'] == [], 'the TS-DNS runner prints no line'
    assert panel.sim.state()['voice_dns'] == [] and panel.jobs(type='ds')[-1]['status'] == '3'
    gone = tsdns(panel, 'del', identify_server_by='server_external_id', server_external_id='dns:1')
    assert gone['errors'] == 'No TSDNS can be found with the given ID'


def test_tsdns_add_stores_a_missing_ip_and_port_and_any_name_until_max_dns(panel, owner):
    """File 28: add checks neither ip, port nor the name; the master's max_dns (10 in the demo seed) is the limit."""
    reply = tsdns(panel, 'add', active='Y', identify_user_by='user_localid', user_localid=owner,
                  server_external_id='dns:0', dns='bad name!')
    assert (reply['action'], reply['ip'], reply['port'], reply['dns']) == ('success', '', '', 'bad name!')
    entry = panel.sim.state()['voice_dns'][0]
    assert (entry['ip'], entry['port'], entry['dns'], entry['jobPending']) == ('', '0', 'bad name!', 'Y')
    for number in range(1, 10):
        tsdns(panel, 'add', active='Y', identify_user_by='user_localid', user_localid=owner,
              server_external_id='dns:%d' % number, ip='192.0.2.60', port='9987')
    full = tsdns(panel, 'add', active='Y', identify_user_by='user_localid', user_localid=owner,
                 server_external_id='dns:10', ip='192.0.2.60', port='9987')
    assert (full['action'], full['errors']) == ('fail', 'No free host')


def test_tsdns_ls_lists_the_masters(panel, owner):
    listed = panel.post('tsdns', {'action': 'ls'}, keys=('action',))
    entries = ElementTree.fromstring(listed.text.encode())
    assert (listed.headers['Content-Type'], [(entry.find('externalID').text, entry.find('maxDNS').text)
                                             for entry in entries]) == (HTML, [('tsA', '10')])


@pytest.fixture
def web_master(panel):
    """The web master of file 26 (SSH port 1 refuses connections), with room for three vhosts."""
    panel.sim.control('put_rows', {'table': 'webMaster', 'rows': [{
        'webMasterID': 1, 'ip': '127.0.0.1', 'port': 1, 'maxVhost': 3, 'maxHDD': 1000, 'defaultdns': 'web.example.test',
        'phpConfiguration': '[memory_limit]\n128M\n[max_execution_time]\n30', 'externalID': 'wmA'}]})
    panel.sim.control('runner_conditions', {'unreachable': ['127.0.0.1:1']})


def test_web_add_works_and_every_change_or_delete_is_http_500(panel, owner, web_master):
    """File 26: add without an external ID works, with one it is HTTP 500; mod writes nothing and del never works."""
    assert web(panel, 'add', active='Y', identify_user_by='user_localid', user_localid=owner,
               server_external_id='web:1').status_code == 500
    reply = leaves(web(panel, 'add', active='Y', identify_user_by='user_localid', user_localid=owner).text)
    assert (reply['action'], reply['dns'], reply['server_local_id'], len(reply['password'])) == (
        'success', 'web-1.web.example.test', '1', 10)
    vhost = panel.sim.state()['webVhost'][0]
    assert (vhost['ftpUser'], vhost['hdd'], vhost['externalID'], vhost['phpConfiguration']) == (
        'web-1', '0', None, '{"memory_limit":null,"max_execution_time":null}')
    for fields in ({'active': 'N'}, {'active': 'Y'}, {'hdd': '300'}):
        assert web(panel, 'mod', identify_server_by='server_local_id', server_local_id='1',
                   **fields).status_code == 500
    renamed = leaves(web(panel, 'mod', identify_server_by='server_local_id', server_local_id='1',
                         dns='new.example.org').text)
    assert (renamed['action'], panel.sim.state()['webVhost'][0]['defaultDomain']) == (
        'success', 'web-1.web.example.test'), 'dns is never read'
    for local_id in ('1', '99'):
        assert web(panel, 'del', identify_server_by='server_local_id', server_local_id=local_id).status_code == 500
    assert len(panel.sim.state()['webVhost']) == 1 and [job['action'] for job in panel.jobs(type='wv')] == ['ad']


def test_web_add_without_identify_user_by_answers_success_and_writes_nothing(panel, owner, web_master):
    reply = leaves(web(panel, 'add', active='Y', user_localid=owner).text)
    assert (reply['action'], reply['errors'], panel.sim.state()['webVhost']) == ('success', '', [])


def test_web_jobs_wait_while_the_web_master_refuses_connections(panel, owner, web_master):
    for dummy in range(3):
        web(panel, 'add', active='Y', identify_user_by='user_localid', user_localid=owner)
    full = leaves(web(panel, 'add', active='Y', identify_user_by='user_localid', user_localid=owner).text)
    assert full['errors'] == 'No free host', 'maxVhost reached'
    for dummy in range(2):
        assert panel.sim.run_jobs()['log'] == ['cannot connect to web host with ID: 1']
        assert [job['status'] for job in panel.jobs(type='wv')] == ['1', '1', '1']
    listed = panel.user_call('<action>ls</action><identify_by>localid</identify_by><localid>%s</localid>' % owner)
    webspace = ElementTree.fromstring(listed.text.encode()).find('webspace')
    assert [key.find('dns').text for key in webspace] == ['web-%d.web.example.test' % n for n in (1, 2, 3)]


# --- type=list and the controls -------------------------------------------------------------------------------

def test_type_list_lists_each_kind_of_host_asked_for(panel):
    def kinds(types):
        response = panel.post('list', {'action': 'ls', 'type': types}, keys=('action',))
        return response.text if response.text.count('\n') < 2 else [
            child.tag for child in ElementTree.fromstring(response.text.encode()).find('server')]

    assert kinds(['gameServer', 'voiceServer']) == ['gameServer', 'gameServer', 'voiceServer']
    assert kinds('mysqlServer') == ['mysqlServer']
    assert kinds('nosuchServer') == '<?xml version="1.0" encoding="utf-8"?>\n'


def test_put_rows_and_load_round_trip(serve, panel, owner):
    panel.sim.control('put_rows', {'table': 'rserverdata', 'rows': [{'id': '2', 'maxserver': '0'}]})
    assert panel.add_server(owner, 'gs:1', master_server_id='2')['action'] == 'fail'
    panel.add_server(owner, 'gs:2')
    tsdns(panel, 'add', active='Y', identify_user_by='user_localid', user_localid=owner, server_external_id='dns:1')
    panel.sim.control('put_rows', {'table': 'webMaster', 'rows': [{'webMasterID': 1, 'maxVhost': 1}]})
    web(panel, 'add', active='Y', identify_user_by='user_localid', user_localid=owner)
    copy = serve('webiface', gserver_seed='empty').simulator
    copy.load(panel.sim.state())
    hosting = ('rserverdata', 'rservermasterg', 'servertypes', 'gsswitch', 'serverlist', 'voice_masterserver',
               'voice_server', 'mysql_external_servers', 'mysql_external_dbs', 'voice_tsdns', 'voice_dns',
               'webMaster', 'webVhost', 'hosting_next_ids', 'jobs')
    assert [len(panel.sim.state()[table]) for table in ('voice_dns', 'webVhost')] == [1, 1]
    assert [copy.state()[key] for key in hosting] == [panel.sim.state()[key] for key in hosting]
    with pytest.raises(KeyError):
        panel.sim.control('put_rows', {'table': 'nosuchtable', 'rows': []})


def test_only_changing_calls_count_as_writes(panel, owner):
    panel.sim.reset_stats()
    panel.add_server(owner, 'gs:1')
    panel.add_server(owner, 'gs:2', games=('nosuchgame',))
    panel.post('gserver', {'action': 'ls'}, keys=('action',))
    assert panel.sim.stats()['writes'] == ['gserver.add']
    assert panel.sim.stats()['calls'] == ['gserver.add', 'gserver.add', 'gserver.ls']
