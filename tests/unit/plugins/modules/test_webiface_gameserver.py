# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""webiface_gameserver against the Easy-WI simulator: the module test matrix with exact requests, the games and
root checks before sending, and the queued-job discipline (pending create, modify and delete jobs; a later task
never silently undoes a queued delete)."""

import base64
from urllib.parse import parse_qs, unquote_plus
from xml.etree import ElementTree

import pytest
import requests

from module_runner import run_module
from simulators.webiface import encode_xml_field

from ansible_collections.hosting.provision.plugins.modules import webiface_gameserver, webiface_user

FTP_PASSWORD = 'Ftp_Secret_42'
TWELVE = ('action', 'identify_server_by', 'server_local_id', 'server_external_id', 'active', 'private', 'slots',
          'shorten', 'identify_user_by', 'user_localid', 'user_externalid', 'username')


@pytest.fixture
def sim(serve):
    running = serve('webiface')
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    result = run_module(webiface_user, dict(running.conn, external_id='crm:1', username='gamer',
                                            email='gamer@example.com'))
    assert result['changed'], result
    running.simulator.reset_stats()
    return running


def server(sim, **options):
    """The task's options; an option given as None is left out."""
    base = dict(external_id='gs:1', owner_external_id='crm:1', games=['css'], slots=8, ftp_password=FTP_PASSWORD)
    base.update(options)
    return dict(sim.conn, **dict((key, value) for key, value in base.items() if value is not None))


def rows(sim):
    return sim.simulator.state()['gsswitch']


def stored(sim, external_id='gs:1'):
    found = [row for row in rows(sim) if row['externalID'] == external_id]
    assert len(found) <= 1
    return found[0] if found else None


def games_of(sim, row):
    return sorted(game['shorten'] for game in sim.simulator.state()['serverlist'] if game['switchID'] == row['id'])


def pending_jobs(sim):
    return [(job['type'], job['action']) for job in sim.simulator.state()['jobs']
            if job['status'] is None and job['type'] == 'gs']


def calls(sim):
    return sim.simulator.stats()['calls']


def writes(sim):
    return sim.simulator.stats()['writes']


def created(sim, **options):
    result = run_module(webiface_gameserver, server(sim, **options))
    assert result['changed'] is True and not result.get('failed'), result
    sim.simulator.run_jobs()  # the panel's cron job installs the server
    sim.simulator.reset_stats()
    return result


def another_client_gserver(sim, **fields):
    """A type=gserver request sent by some other client (the panel's API user in a billing system ...)."""
    elements = [(key, fields.get(key)) for key in TWELVE] + [(k, v) for k, v in fields.items() if k not in TWELVE]
    document = '<server>%s</server>' % ''.join('<%s>%s</%s>' % (key, '' if value is None else value, key)
                                               for key, value in elements)
    form = dict(user='demo', pwd='demo-password', type='gserver', xml=encode_xml_field(document, urlencode_text=True))
    return requests.post(sim.url + '/api.php', data=form, timeout=5).text


# --- create / no-op / update ------------------------------------------------------------------------------

def test_create_sends_the_panels_defaults_and_returns_what_easywi_gave(sim):
    result = run_module(webiface_gameserver, server(sim, games=['css', 'cs2'], primary_game='cs2', port=27500))
    assert result['changed'] is True and result['pending'] is True, 'the create job waits for the cron job'
    row = stored(sim)
    assert (row['userid'], row['slots'], row['war'], row['active']) == ('2', '8', 'N', 'Y')
    assert (row['minram'], row['maxram'], row['tvenable'], row['taskset']) == ('512', '1024', 'Y', 'N'), \
        'the panel form\'s defaults, not the API\'s (256/512 MB, no SourceTV)'
    assert row['ftppassword_decrypted'] == FTP_PASSWORD
    assert games_of(sim, row) == ['cs2', 'css']
    assert pending_jobs(sim) == [('gs', 'ad')]
    assert calls(sim) == ['user.ls', 'gserver.ls', 'gserver.add']
    assert writes(sim) == ['gserver.add']
    game_server = result['game_server']
    assert game_server == dict(external_id='gs:1', local_id=int(row['id']), games=['cs2', 'css'], slots=8,
                               private=False, active=True, ram_min=512, ram_max=1024, cores=[], ip=row['serverip'],
                               port=27500, primary_game='cs2')
    assert FTP_PASSWORD not in result['_raw']


def test_second_run_is_a_no_op_with_one_read(sim):
    first = created(sim)
    result = run_module(webiface_gameserver, server(sim))
    assert result['changed'] is False and result['pending'] is False
    assert calls(sim) == ['user.ls']
    assert result['game_server']['local_id'] == first['game_server']['local_id']
    assert stored(sim)['jobPending'] == 'N', 'no mod was sent: Easy-WI sets jobPending on every mod'


def test_a_slot_change_is_exactly_one_mod_and_queues_nothing(sim):
    created(sim)
    result = run_module(webiface_gameserver, server(sim, slots=16), diff=True)
    assert result['changed'] is True and result['pending'] is False
    assert calls(sim) == ['user.ls', 'gserver.mod']
    assert stored(sim)['slots'] == '16'
    assert pending_jobs(sim) == []
    assert result['diff']['before']['slots'] == 8 and result['diff']['after']['slots'] == 16
    again = run_module(webiface_gameserver, server(sim, slots=16))
    assert again['changed'] is False, 'jobPending=Y after the mod changes nothing for the module'


def test_ram_min_equal_to_ram_max_is_accepted(sim):
    result = run_module(webiface_gameserver, server(sim, ram_min=2048, ram_max=2048))
    assert result['changed'] is True and not result.get('failed'), result
    assert (stored(sim)['minram'], stored(sim)['maxram']) == ('2048', '2048')
    assert run_module(webiface_gameserver, server(sim, ram_min=1024, ram_max=1024))['changed'] is True


def test_update_of_every_readable_value(sim):
    created(sim)
    result = run_module(webiface_gameserver, server(sim, private=True, ram_min=1024, ram_max=2048, cores=[0, 1]))
    assert result['changed'] is True and result['pending'] is False
    row = stored(sim)
    assert (row['war'], row['minram'], row['maxram'], row['taskset'], row['cores']) == ('Y', '1024', '2048', 'Y',
                                                                                        '0,1')
    assert run_module(webiface_gameserver, server(sim, private=True, ram_min=1024, ram_max=2048,
                                                  cores=[1, 0]))['changed'] is False
    unbound = run_module(webiface_gameserver, server(sim, cores=[]))
    assert unbound['changed'] is True and stored(sim)['taskset'] == 'N'
    assert unbound['game_server']['cores'] == []


def test_deactivation_queues_a_job_and_settles(sim):
    created(sim)
    result = run_module(webiface_gameserver, server(sim, active=False))
    assert result['changed'] is True and result['pending'] is True
    assert stored(sim)['active'] == 'N', 'Easy-WI writes active at once; the job stops the server'
    assert pending_jobs(sim) == [('gs', 'md')]
    sim.simulator.run_jobs()
    assert run_module(webiface_gameserver, server(sim, active=False))['changed'] is False


def test_games_are_compared_as_a_set_and_sent_complete(sim):
    created(sim, games=['css'])
    added = run_module(webiface_gameserver, server(sim, games=['mc', 'css']))
    assert added['changed'] is True and added['pending'] is False, 'adding a game queues no job'
    assert calls(sim) == ['user.ls', 'gserver.ls', 'gserver.mod']
    assert games_of(sim, stored(sim)) == ['css', 'mc']
    assert run_module(webiface_gameserver, server(sim, games=['css', 'mc', 'css']))['changed'] is False
    removed = run_module(webiface_gameserver, server(sim, games=['mc']))
    assert removed['changed'] is True and removed['pending'] is True, 'removing a game queues a job'
    assert games_of(sim, stored(sim)) == ['mc']


def test_games_stored_in_another_order_converge(sim):
    created(sim, games=['mc'])
    run_module(webiface_gameserver, server(sim, games=['css', 'mc']))
    server_id = stored(sim)['id']
    installed = [game['shorten'] for game in sim.simulator.state()['serverlist'] if game['switchID'] == server_id]
    assert installed == ['mc', 'css'], 'Easy-WI lists the games in install order: mc,css'
    sim.simulator.reset_stats()
    for games in (['css', 'mc'], ['mc', 'css']):
        result = run_module(webiface_gameserver, server(sim, games=games))
        assert result['changed'] is False and result['game_server']['games'] == ['css', 'mc'], result
    assert writes(sim) == [] and calls(sim) == ['user.ls', 'user.ls']


def test_password_on_create_is_not_sent_again_and_always_costs_a_job_every_run(sim):
    created(sim)
    same = run_module(webiface_gameserver, server(sim, ftp_password='Other_Pass_7'))
    assert same['changed'] is False and writes(sim) == []
    assert stored(sim)['ftppassword_decrypted'] == FTP_PASSWORD
    for dummy in range(2):
        forced = run_module(webiface_gameserver, server(sim, ftp_password='Other_Pass_7', update_password='always'),
                            diff=True)
        assert forced['changed'] is True and forced['pending'] is True
        assert forced['diff']['after']['ftp_password'] == '<hidden, changed>'
    assert stored(sim)['ftppassword_decrypted'] == 'Other_Pass_7'
    assert pending_jobs(sim) == [('gs', 'md')], 'each modify job replaces the one before'


def test_owner_by_username(sim):
    result = run_module(webiface_gameserver, server(sim, owner_external_id=None, owner_username='GAMER'))
    assert result['changed'] is True
    assert run_module(webiface_gameserver, server(sim))['changed'] is False


# --- what Easy-WI cannot return or honour ----------------------------------------------------------------------

def test_a_taken_port_is_a_warning_and_the_given_port_is_returned(sim):
    created(sim, port=27500, root_server_id=2)
    result = run_module(webiface_gameserver, server(sim, external_id='gs:2', port=27500, root_server_id=2))
    assert result['changed'] is True
    assert result['game_server']['port'] != 27500 and str(result['game_server']['port']) == stored(sim, 'gs:2')['port']
    assert any('port 27500 asked for is taken' in warning for warning in result['warnings']), result['warnings']


def test_a_port_wish_on_an_existing_server_only_warns(sim):
    created(sim)
    result = run_module(webiface_gameserver, server(sim, port=28000))
    assert result['changed'] is False and writes(sim) == []
    assert any('leaves the port as it is' in warning for warning in result['warnings'])


def test_create_only_options_are_not_compared(sim):
    created(sim, primary_game='css', disk_quota=5000, root_server_id=1)
    result = run_module(webiface_gameserver, server(sim, primary_game='css', disk_quota=9000, root_server_id=2))
    assert result['changed'] is False and writes(sim) == []
    assert 'primary_game' not in result['game_server']


def test_root_server_restriction(sim):
    result = run_module(webiface_gameserver, server(sim, root_server_id=2))
    assert result['changed'] is True
    assert result['game_server']['ip'] == '192.0.2.20'


# --- input checks before any request ----------------------------------------------------------------------------

@pytest.mark.parametrize('options, message', [
    (dict(external_id='gs-1'), 'stores a server\'s external ID only if'),
    (dict(external_id='ansible_deleted:gs:1'), 'is reserved'),
    (dict(games=[]), 'needs at least one game'),
    (dict(games=['c s s']), 'is not a game short name'),
    (dict(slots=0), 'takes 1 to 65535'),
    (dict(slots=70000), 'takes 1 to 65535'),
    (dict(ftp_password='bad-pass!'), 'ftp_password is not accepted'),
    (dict(ftp_password='x'), 'ftp_password is not accepted'),
    (dict(ram_min=2048, ram_max=1024), 'ram_min (2048 MB) is more than ram_max (1024 MB)'),
    (dict(primary_game='mc'), 'primary_game mc is not one of the games'),
    (dict(cores=[-1]), 'is not a core number'),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(webiface_gameserver, server(sim, **options))
    assert result['failed'] is True and message in result['msg'], result['msg']
    assert sim.simulator.stats()['requests'] == 0


@pytest.mark.parametrize('options, message', [
    (dict(games=['nosuchgame']), 'no root server that Easy-WI lists with room offers nosuchgame'),
    (dict(games=['tf']), 'offers tf'),  # only on an inactive root
    (dict(games=['mc', 'cs2'], root_server_id=2), 'no root server with id 2'),
])
def test_what_no_root_offers_fails_before_the_create(sim, options, message):
    result = run_module(webiface_gameserver, server(sim, **options))
    assert result['failed'] is True and message in result['msg'], result['msg']
    assert 'root A (id 1, 192.0.2.10): cs2, css, mc' in result['msg']
    assert writes(sim) == [] and calls(sim) == ['user.ls', 'gserver.ls']


def test_slots_beyond_the_free_slots_of_every_root_fail_before_the_create(sim):
    created(sim, root_server_id=1)
    created(sim, external_id='gs:2', root_server_id=2)
    # root A (64 slots) and root B (32) have 56 and 24 left
    result = run_module(webiface_gameserver, server(sim, external_id='gs:3', slots=60))
    assert result['failed'] is True and 'offers css with more than 60 free slots' in result['msg'], result['msg']
    assert writes(sim) == []
    assert run_module(webiface_gameserver, server(sim, external_id='gs:3', slots=55))['changed'] is True


def test_slots_beyond_the_maximum_of_a_root_without_servers_fail_before_the_create(sim):
    # no root has a server yet: Easy-WI lists their free slots empty (and its add would take any number there)
    listing = ElementTree.fromstring(another_client_gserver(sim, action='ls').split('?>', 1)[1])
    assert [(root.findtext('maxslots'), root.findtext('leftslots')) for root in listing] == [('64', ''), ('32', '')]
    result = run_module(webiface_gameserver, server(sim, slots=64))
    assert result['failed'] is True and 'offers css with more than 64 free slots' in result['msg'], result['msg']
    assert 'root A (id 1, 192.0.2.10): cs2, css, mc, 64 slots left' in result['msg']
    assert writes(sim) == [] and rows(sim) == []
    fits = run_module(webiface_gameserver, server(sim, slots=63))
    assert fits['changed'] is True and stored(sim)['slots'] == '63'


def test_a_game_the_servers_root_lacks_is_refused_before_the_mod(sim):
    created(sim, root_server_id=2)  # root B: css and cs2
    result = run_module(webiface_gameserver, server(sim, games=['css', 'mc']))
    assert result['failed'] is True
    assert 'cannot get mc: its root server offers cs2, css' in result['msg']
    assert writes(sim) == []
    unknown = run_module(webiface_gameserver, server(sim, games=['nosuchgame']))
    assert unknown['failed'] is True and games_of(sim, stored(sim)) == ['css'], 'Easy-WI would have removed them all'


def test_a_missing_owner_fails_and_check_mode_warns(sim):
    options = server(sim, owner_external_id='crm:404')
    checked = run_module(webiface_gameserver, options, check=True)
    assert checked['changed'] is True
    assert any('no user with external_id crm:404' in warning for warning in checked['warnings'])
    result = run_module(webiface_gameserver, options)
    assert result['failed'] is True and 'create it first (hosting.provision.webiface_user)' in result['msg']
    assert writes(sim) == []
    gone = run_module(webiface_gameserver, dict(options, state='absent'))
    assert gone['changed'] is False, 'no owner, no server of it'


def test_a_duplicate_external_id_of_another_user_is_one_sentence(sim):
    created(sim)
    run_module(webiface_user, dict(sim.conn, external_id='crm:2', username='other', email='other@example.com'))
    result = run_module(webiface_gameserver, server(sim, owner_external_id='crm:2'))
    assert result['failed'] is True
    assert result['msg'].startswith('gserver.add failed: "server with external ID already exists, Cannot find free '
                                    'root server with given shorten": another game server already has this '
                                    'external_id: one of another Easy-WI user')
    assert 'Traceback' not in result['_raw']


# --- check mode and diff ---------------------------------------------------------------------------------------

def test_check_mode_predicts_the_create_and_sends_no_write(sim):
    options = server(sim, games=['mc'], slots=4)
    predicted = run_module(webiface_gameserver, options, check=True, diff=True)
    assert sim.simulator.write_calls == [] and rows(sim) == []
    real = run_module(webiface_gameserver, options, diff=True)
    assigned = ('local_id', 'ip', 'port')
    trimmed = [dict((k, v) for k, v in result['game_server'].items() if k not in assigned)
               for result in (predicted, real)]
    assert trimmed[0] == trimmed[1]
    assert (predicted['changed'], predicted['pending']) == (real['changed'], real['pending']) == (True, True)
    assert predicted['diff']['after']['ftp_password'] == '<hidden, changed>'


# --- queued jobs: delete, the marker, what a later task may do --------------------------------------------------

def test_delete_reports_pending_and_is_gone_after_the_cron_job(sim):
    created(sim)
    result = run_module(webiface_gameserver, server(sim, state='absent'))
    assert result['changed'] is True and result['pending'] is True
    assert writes(sim) == ['gserver.del', 'gserver.mod'], 'the delete, then the marker'
    row = stored(sim, 'ansible_deleted:gs:1')
    assert row is not None and pending_jobs(sim) == [('gs', 'dl')], 'the marking mod cancelled nothing'
    sim.simulator.reset_stats()
    again = run_module(webiface_gameserver, server(sim, state='absent'))
    assert again['changed'] is True and again['pending'] is True, 'the delete is queued again until the cron job'
    assert writes(sim) == ['gserver.del']
    sim.simulator.run_jobs()
    assert rows(sim) == []
    sim.simulator.reset_stats()
    gone = run_module(webiface_gameserver, server(sim, state='absent'))
    assert gone['changed'] is False and gone['pending'] is False and writes(sim) == []


def test_present_after_absent_fails_before_undoing_the_queued_delete(sim):
    created(sim)
    run_module(webiface_gameserver, server(sim, state='absent'))
    sim.simulator.reset_stats()
    result = run_module(webiface_gameserver, server(sim, ftp_password=None, slots=20))
    assert result['failed'] is True
    assert 'is marked for deletion by state=absent' in result['msg'] and 'set ftp_password' in result['msg']
    assert writes(sim) == [] and pending_jobs(sim) == [('gs', 'dl')]
    sim.simulator.run_jobs()
    recreated = run_module(webiface_gameserver, server(sim, ftp_password=None))
    assert recreated['changed'] is True and stored(sim) is not None


def test_present_with_ftp_password_restores_a_marked_server(sim):
    created(sim)
    run_module(webiface_gameserver, server(sim, state='absent'))
    sim.simulator.reset_stats()
    result = run_module(webiface_gameserver, server(sim, slots=20))
    assert result['changed'] is True and result['pending'] is True
    assert any('cancels the delete' in warning for warning in result['warnings'])
    assert writes(sim) == ['gserver.mod']
    assert pending_jobs(sim) == [('gs', 'md')], 'the restoring mod cancelled the delete'
    row = stored(sim)
    assert row['slots'] == '20'
    sim.simulator.run_jobs()
    assert stored(sim) is not None
    assert run_module(webiface_gameserver, server(sim, slots=20))['changed'] is False


def test_a_delete_queued_by_someone_else_makes_a_change_fail_loudly(sim):
    created(sim)
    local_id = stored(sim)['id']
    assert '<action>success</action>' in another_client_gserver(sim, action='del',
                                                                identify_server_by='server_local_id',
                                                                server_local_id=local_id)
    result = run_module(webiface_gameserver, server(sim, active=False))
    assert result['failed'] is True and result['changed'] is True
    assert 'Easy-WI wrote the change all the same' in result['msg']


def test_lost_answer_to_the_delete_is_settled_by_the_marker(sim):
    created(sim)
    sim.simulator.add_fault(kind='lost_reply', call='gserver.del')
    result = run_module(webiface_gameserver, server(sim, state='absent'))
    assert result['changed'] is True and result['pending'] is True
    assert writes(sim) == ['gserver.del', 'gserver.mod']
    assert any('was lost, but Easy-WI shows the delete queued' in warning for warning in result['warnings'])


def test_a_delete_that_never_arrived_is_sent_once_it_is_known_not_queued(sim):
    created(sim)
    handle = sim.simulator.handle
    dropped = []

    def drop_first_delete(request):
        if sim.simulator.call_name(request) == 'gserver.del' and not dropped:
            dropped.append(True)
            from simulators._base import Response
            return Response(502, 'Bad Gateway', 'text/plain')  # a proxy's answer: the panel never saw it
        return handle(request)
    sim.simulator.handle = drop_first_delete
    result = run_module(webiface_gameserver, server(sim, state='absent'))
    assert not result.get('failed'), result
    assert writes(sim) == ['gserver.mod', 'gserver.del']
    assert pending_jobs(sim) == [('gs', 'dl')]


def test_the_deletes_of_a_user_and_its_servers(sim):
    created(sim)
    run_module(webiface_gameserver, server(sim, state='absent'))
    assert run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))['changed'] is True
    # the owner is marked now: its servers are still found through the marker
    again = run_module(webiface_gameserver, server(sim, state='absent'))
    assert again['changed'] is True
    refused = run_module(webiface_gameserver, server(sim, external_id='gs:9'))
    assert refused['failed'] is True and 'restore the user first' in refused['msg']
    sim.simulator.run_jobs()
    assert rows(sim) == []
    assert run_module(webiface_gameserver, server(sim, state='absent'))['changed'] is False


# --- run requests: state=restarted / stopped (Easy-WI's action=gs; the run state is never readable) -------------

def test_stop_is_predicted_by_check_mode_then_queued_and_applied_by_the_cron_job(sim):
    created(sim)
    predicted = run_module(webiface_gameserver, server(sim, state='stopped'), check=True, diff=True)
    assert predicted['changed'] is True and predicted['pending'] is True
    assert predicted['game_server']['run_request'] == 'stop'
    assert predicted['diff']['after']['run_request'] == 'stop' and 'run_request' not in predicted['diff']['before']
    assert calls(sim) == ['user.ls'] and pending_jobs(sim) == []
    sim.simulator.reset_stats()
    result = run_module(webiface_gameserver, server(sim, state='stopped'), diff=True)
    assert {key: result[key] for key in ('changed', 'pending', 'game_server', 'diff')} == \
        {key: predicted[key] for key in ('changed', 'pending', 'game_server', 'diff')}, 'check mode told the truth'
    assert calls(sim) == ['user.ls', 'gserver.gs'] and pending_jobs(sim) == [('gs', 'st')]
    sim.simulator.run_jobs()
    assert stored(sim)['stopped'] == 'Y'


def test_the_gs_request_sends_the_four_server_keys_and_the_restart_value(sim):
    created(sim)
    seen = []
    handle = sim.simulator.handle

    def remember(request):
        if sim.simulator.call_name(request) == 'gserver.gs':
            seen.append(request)
        return handle(request)
    sim.simulator.handle = remember
    run_module(webiface_gameserver, server(sim, state='restarted'))
    form = parse_qs(seen[0].body.decode('ascii'))
    document = ElementTree.fromstring(unquote_plus(base64.b64decode(form['xml'][0]).decode('ascii')))
    assert [(child.tag, child.text or '') for child in document] == [
        ('action', 'gs'), ('identify_server_by', 'server_local_id'), ('server_local_id', stored(sim)['id']),
        ('server_external_id', ''), ('restart', 're')]


def test_a_run_request_replaces_the_queued_one_and_is_sent_on_every_run(sim):
    created(sim)
    assert run_module(webiface_gameserver, server(sim, state='restarted'))['changed'] is True
    again = run_module(webiface_gameserver, server(sim, state='stopped'))
    assert again['changed'] is True and again['game_server']['run_request'] == 'stop'
    assert pending_jobs(sim) == [('gs', 'st')], 'the later request replaced the queued restart'
    sim.simulator.run_jobs()
    sim.simulator.reset_stats()
    stopped = run_module(webiface_gameserver, server(sim, state='stopped'))
    assert stopped['changed'] is True, 'Easy-WI cannot show that the server is stopped: the stop is queued again'
    assert writes(sim) == ['gserver.gs']


def test_a_start_asked_with_the_create_waits_for_the_create_job(sim):
    result = run_module(webiface_gameserver, server(sim, state='restarted'))
    assert result['changed'] is True and result['pending'] is True and 'run_request' not in result['game_server']
    assert any('restart of Easy-WI game server external_id=gs:1 is not queued' in warning and 'creates it' in warning
               for warning in result['warnings']), result['warnings']
    assert pending_jobs(sim) == [('gs', 'ad')], 'a restart queued beside the create job would be dropped'
    sim.simulator.run_jobs()
    started = run_module(webiface_gameserver, server(sim, state='restarted'))
    assert started['game_server']['run_request'] == 'restart' and pending_jobs(sim) == [('gs', 're')]


def test_a_stop_asked_with_the_create_needs_nothing_more(sim):
    result = run_module(webiface_gameserver, server(sim, state='stopped'))
    assert result['changed'] is True and not result.get('warnings'), 'a new server stays stopped until started'
    assert pending_jobs(sim) == [('gs', 'ad')] and stored(sim)['stopped'] == 'Y'


def test_a_run_request_beside_a_modify_job_is_held_back(sim):
    created(sim)
    predicted = run_module(webiface_gameserver, server(sim, state='stopped', active=False), check=True)
    result = run_module(webiface_gameserver, server(sim, state='stopped', active=False))
    for outcome in (predicted, result):
        assert outcome['changed'] is True and 'run_request' not in outcome['game_server']
        assert any('queues a modify job' in warning for warning in outcome['warnings']), outcome['warnings']
    assert writes(sim) == ['gserver.mod'] and pending_jobs(sim) == [('gs', 'md')]


def test_a_run_request_never_undoes_a_queued_delete(sim):
    created(sim)
    run_module(webiface_gameserver, server(sim, state='absent'))
    sim.simulator.reset_stats()
    result = run_module(webiface_gameserver, server(sim, ftp_password=None, state='restarted'))
    assert result['failed'] is True and 'is marked for deletion by state=absent' in result['msg']
    assert writes(sim) == [] and pending_jobs(sim) == [('gs', 'dl')]


def test_a_lost_answer_to_a_run_request_sends_it_once_more(sim):
    created(sim)
    sim.simulator.add_fault(kind='lost_reply', call='gserver.gs')
    result = run_module(webiface_gameserver, server(sim, state='stopped'))
    assert result['changed'] is True and result['pending'] is True and not result.get('failed'), result
    assert writes(sim) == ['gserver.gs', 'gserver.gs'] and pending_jobs(sim) == [('gs', 'st')]
    assert any('was sent again' in warning for warning in result['warnings'])


def test_a_run_request_that_fails_after_a_change_reports_the_change(sim):
    created(sim)
    sim.simulator.add_fault(kind='http', status=500, call='gserver.gs', times=3)
    result = run_module(webiface_gameserver, server(sim, state='stopped', slots=16))
    assert result['failed'] is True and result['changed'] is True, 'the slots were written before'
    assert stored(sim)['slots'] == '16' and pending_jobs(sim) == []
