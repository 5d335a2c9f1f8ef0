# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""webiface_gameserver_info against the Easy-WI simulator: one user's servers, a prefix, the job flags, the cost in
requests, never a write."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (webiface_gameserver, webiface_gameserver_info,
                                                                   webiface_user)

SHAPE = {'external_id', 'local_id', 'games', 'slots', 'private', 'active', 'ram_min', 'ram_max', 'cores', 'ip',
         'port', 'owner_local_id', 'owner_username', 'owner_external_id', 'job_pending', 'marked_for_deletion'}


@pytest.fixture
def sim(serve):
    running = serve('webiface')
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    for external_id, username in (('crm:1', 'alice'), ('crm:2', 'bob'), ('shop:1', 'carol')):
        assert run_module(webiface_user, dict(running.conn, external_id=external_id, username=username,
                                              email='%s@example.org' % username))['changed']
    for external_id, owner, games, slots in (('gs:a1', 'crm:1', ['css'], 8), ('gs:a2', 'crm:1', ['mc', 'css'], 4),
                                             ('gs:c1', 'shop:1', ['cs2'], 10)):
        assert run_module(webiface_gameserver, dict(running.conn, external_id=external_id, owner_external_id=owner,
                                                    games=games, slots=slots))['changed']
    running.simulator.reset_stats()
    return running


def test_one_users_servers_in_one_request(sim):
    result = run_module(webiface_gameserver_info, dict(sim.conn, owner_external_id='crm:1'))
    assert result['changed'] is False
    servers = result['game_servers']
    assert [(s['external_id'], s['games'], s['slots']) for s in servers] == [('gs:a1', ['css'], 8),
                                                                             ('gs:a2', ['css', 'mc'], 4)]
    assert all(set(s) == SHAPE for s in servers), 'one shape for every server'
    assert (servers[0]['owner_username'], servers[0]['owner_external_id'], servers[0]['job_pending'],
            servers[0]['marked_for_deletion']) == ('alice', 'crm:1', False, False)
    assert sim.simulator.stats()['calls'] == ['user.ls'] and sim.simulator.stats()['writes'] == []
    by_name = run_module(webiface_gameserver_info, dict(sim.conn, owner_username='ALICE'))
    assert by_name['game_servers'] == servers


def test_every_user_and_a_prefix(sim):
    everyone = run_module(webiface_gameserver_info, sim.conn)['game_servers']
    assert [s['external_id'] for s in everyone] == ['gs:a1', 'gs:a2', 'gs:c1']
    assert sim.simulator.stats()['calls'] == ['user.ls'] * 4, 'the list, then each user: N + 1'
    crm = run_module(webiface_gameserver_info, dict(sim.conn, owner_external_id_prefix='crm'))['game_servers']
    assert [s['owner_username'] for s in crm] == ['alice', 'alice']


def test_unknown_owner_is_an_empty_list(sim):
    assert run_module(webiface_gameserver_info, dict(sim.conn, owner_external_id='crm:9'))['game_servers'] == []


def test_a_prefix_easywi_would_ignore_fails_before_any_request(sim):
    result = run_module(webiface_gameserver_info, dict(sim.conn, owner_external_id_prefix='crm:'))
    assert result['failed'] is True and 'would list every user' in result['msg']
    assert sim.simulator.stats()['requests'] == 0


def test_job_flag_and_delete_marker_are_reported_as_what_they_are(sim):
    base = dict(sim.conn, owner_external_id='crm:1', games=['css'])
    run_module(webiface_gameserver, dict(base, external_id='gs:a1', slots=9))  # a mod: the flag goes up
    run_module(webiface_gameserver, dict(base, external_id='gs:a2', state='absent'))
    servers = run_module(webiface_gameserver_info, dict(sim.conn, owner_external_id='crm:1'))['game_servers']
    assert [(s['external_id'], s['job_pending'], s['marked_for_deletion']) for s in servers] == [
        ('gs:a1', True, False), ('ansible_deleted:gs:a2', True, True)]
    sim.simulator.run_jobs()
    servers = run_module(webiface_gameserver_info, dict(sim.conn, owner_external_id='crm:1'))['game_servers']
    assert [(s['external_id'], s['job_pending']) for s in servers] == [('gs:a1', False)]
