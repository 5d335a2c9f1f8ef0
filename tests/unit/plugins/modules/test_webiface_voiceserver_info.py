# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""webiface_voiceserver_info against the Easy-WI simulator: one user's voice servers, a prefix, the states a queued
create and a queued delete leave, the cost in requests, never a write, never the server password."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (webiface_user, webiface_voiceserver,
                                                                   webiface_voiceserver_info)

SHAPE = {'external_id', 'local_id', 'slots', 'active', 'private', 'ip', 'port', 'virtual_server_id',
         'owner_local_id', 'owner_username', 'owner_external_id', 'marked_for_deletion'}


@pytest.fixture
def sim(serve):
    running = serve('webiface')
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    for external_id, username in (('crm:1', 'alice'), ('crm:2', 'bob'), ('shop:1', 'carol')):
        assert run_module(webiface_user, dict(running.conn, external_id=external_id, username=username,
                                              email='%s@example.org' % username))['changed']
    for external_id, owner, slots in (('ts:a1', 'crm:1', 10), ('ts:a2', 'crm:1', 20), ('ts:c1', 'shop:1', 5)):
        assert run_module(webiface_voiceserver, dict(running.conn, external_id=external_id, owner_external_id=owner,
                                                     slots=slots))['changed']
    running.simulator.reset_stats()
    return running


def listed(sim, **options):
    result = run_module(webiface_voiceserver_info, dict(sim.conn, **options))
    assert result['changed'] is False and not result.get('failed'), result
    return result['voice_servers']


def test_one_users_servers_in_one_request_as_the_module_returns_them(sim):
    servers = listed(sim, owner_external_id='crm:1')
    assert [(s['external_id'], s['slots'], s['virtual_server_id']) for s in servers] == [
        ('ts:a1', 10, None), ('ts:a2', 20, None)], 'not created on the master before the cron job'
    assert all(set(s) == SHAPE for s in servers), 'one shape for every server'
    assert sim.simulator.stats()['calls'] == ['user.ls'] and sim.simulator.stats()['writes'] == []
    returned = run_module(webiface_voiceserver, dict(sim.conn, external_id='ts:a1', owner_external_id='crm:1',
                                                     slots=10))['voice_server']
    assert dict((key, servers[0][key]) for key in returned) == returned, 'what the module compares and returns'
    assert (servers[0]['owner_username'], servers[0]['owner_external_id'], servers[0]['marked_for_deletion']) == (
        'alice', 'crm:1', False)
    assert listed(sim, owner_username='ALICE') == servers


def test_every_user_and_a_prefix(sim):
    sim.simulator.reset_stats()
    assert [s['external_id'] for s in listed(sim)] == ['ts:a1', 'ts:a2', 'ts:c1']
    assert sim.simulator.stats()['calls'] == ['user.ls'] * 4, 'the list, then each user: N + 1'
    assert [s['owner_username'] for s in listed(sim, owner_external_id_prefix='shop')] == ['carol']


def test_unknown_owner_is_an_empty_list_and_a_bad_prefix_fails_before_any_request(sim):
    assert listed(sim, owner_external_id='crm:9') == []
    sim.simulator.reset_stats()
    result = run_module(webiface_voiceserver_info, dict(sim.conn, owner_external_id_prefix='crm:'))
    assert result['failed'] is True and 'would list every user' in result['msg']
    assert sim.simulator.stats()['requests'] == 0


def test_created_then_marked_for_deletion_then_gone_and_no_password(sim):
    sim.simulator.run_jobs()  # the cron job creates the servers on the TeamSpeak master
    assert all(s['virtual_server_id'] for s in listed(sim, owner_external_id='crm:1'))
    assert run_module(webiface_voiceserver, dict(sim.conn, external_id='ts:a2', owner_external_id='crm:1',
                                                 state='absent'))['changed']
    result = run_module(webiface_voiceserver_info, dict(sim.conn, owner_external_id='crm:1'))
    assert [(s['external_id'], s['marked_for_deletion']) for s in result['voice_servers']] == [
        ('ts:a1', False), ('ansible_deleted:ts:a2', True)]
    for row in sim.simulator.hosting.rows('voice_server'):
        assert row['initialpassword'] not in result['_raw']
    sim.simulator.run_jobs()
    assert [s['external_id'] for s in listed(sim, owner_external_id='crm:1')] == ['ts:a1']
