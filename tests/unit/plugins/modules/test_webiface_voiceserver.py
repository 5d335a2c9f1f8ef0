# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""webiface_voiceserver against the Easy-WI simulator: the limited module (create; slots and active once TeamSpeak
has the server; delete once it has it), exact requests, the create job never cancelled by a change, no secret."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import webiface_user, webiface_voiceserver


@pytest.fixture
def sim(serve):
    running = serve('webiface')
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    for external_id, username in (('crm:1', 'gamer'), ('crm:2', 'other')):
        assert run_module(webiface_user, dict(running.conn, external_id=external_id, username=username,
                                              email='%s@example.com' % username))['changed']
    running.simulator.reset_stats()
    return running


def voice(sim, **options):
    base = dict(external_id='ts:1', owner_external_id='crm:1', slots=20)
    base.update(options)
    return dict(sim.conn, **dict((key, value) for key, value in base.items() if value is not None))


def stored(sim, external_id='ts:1'):
    found = [row for row in sim.simulator.state()['voice_server'] if row['externalID'] == external_id]
    return found[0] if found else None


def vo_jobs(sim):
    return [(job['action'], job['status']) for job in sim.simulator.state()['jobs'] if job['type'] == 'vo']


def calls(sim):
    return sim.simulator.stats()['calls']


def writes(sim):
    return sim.simulator.stats()['writes']


def created(sim, **options):
    result = run_module(webiface_voiceserver, voice(sim, **options))
    assert result['changed'] is True, result
    sim.simulator.run_jobs()  # the cron job creates it on the TeamSpeak master
    sim.simulator.reset_stats()
    return result


def test_create_with_the_panels_defaults_then_a_no_op(sim):
    result = run_module(webiface_voiceserver, voice(sim), diff=True)
    assert result['changed'] is True and result['pending'] is True
    row = stored(sim)
    assert (row['userid'], row['slots'], row['active'], row['password'], row['localserverid']) == (
        '2', '20', 'Y', 'Y', '0')
    assert calls(sim) == ['user.ls', 'voice.ls', 'voice.ls', 'voice.add'], 'the owner, the server, its marker'
    assert result['voice_server'] == dict(external_id='ts:1', local_id=int(row['id']), slots=20, active=True,
                                          private=True, ip='192.0.2.50', port=9987, virtual_server_id=None)
    sim.simulator.reset_stats()
    again = run_module(webiface_voiceserver, voice(sim))
    assert again['changed'] is False and again['pending'] is False
    assert calls(sim) == ['user.ls', 'voice.ls'] and writes(sim) == []


def test_the_generated_server_password_never_leaves_the_module(sim):
    created(sim)
    password = sim.simulator.hosting.rows('voice_server')[0]['initialpassword']
    assert len(password) == 10
    result = run_module(webiface_voiceserver, voice(sim), diff=True)
    assert password not in result['_raw']


def test_a_slot_change_waits_until_teamspeak_has_the_server(sim):
    run_module(webiface_voiceserver, voice(sim))
    sim.simulator.reset_stats()
    early = run_module(webiface_voiceserver, voice(sim, slots=30))
    assert early['failed'] is True and 'has not created it on its TeamSpeak master' in early['msg']
    assert 'would cancel that job' in early['msg'] and writes(sim) == []
    assert vo_jobs(sim) == [('ad', None)], 'the create job is untouched'
    sim.simulator.run_jobs()
    sim.simulator.reset_stats()
    result = run_module(webiface_voiceserver, voice(sim, slots=30))
    assert result['changed'] is True and result['pending'] is True
    assert writes(sim) == ['voice.mod'] and stored(sim)['slots'] == '30'
    assert result['voice_server']['virtual_server_id'] == 1
    sim.simulator.run_jobs()
    assert run_module(webiface_voiceserver, voice(sim, slots=30))['changed'] is False


def test_deactivation(sim):
    created(sim)
    result = run_module(webiface_voiceserver, voice(sim, active=False))
    assert result['changed'] is True and result['pending'] is True and stored(sim)['active'] == 'N'


def test_private_is_set_only_at_create_and_port_only_warns(sim):
    created(sim, private=False, port=9999)
    assert stored(sim)['port'] == '9999' and stored(sim)['password'] == 'N'
    refused = run_module(webiface_voiceserver, voice(sim, private=True))
    assert refused['failed'] is True and 'private can only be set when the server is created' in refused['msg']
    moved = run_module(webiface_voiceserver, voice(sim, private=False, port=10000))
    assert moved['changed'] is False and any('leaves the port' in w for w in moved['warnings'])
    assert writes(sim) == []


def test_delete_waits_for_the_create_then_is_pending_until_the_cron_job(sim):
    run_module(webiface_voiceserver, voice(sim))
    sim.simulator.reset_stats()
    early = run_module(webiface_voiceserver, voice(sim, state='absent'))
    assert early['failed'] is True and 'cannot be deleted yet' in early['msg'] and writes(sim) == []
    sim.simulator.run_jobs()
    sim.simulator.reset_stats()
    result = run_module(webiface_voiceserver, voice(sim, state='absent'))
    assert result['changed'] is True and result['pending'] is True
    assert writes(sim) == ['voice.del', 'voice.mod'] and stored(sim, 'ansible_deleted:ts:1') is not None
    assert vo_jobs(sim)[-1] == ('dl', None)
    back = run_module(webiface_voiceserver, voice(sim))
    assert back['failed'] is True and 'is marked for deletion' in back['msg']
    sim.simulator.run_jobs()
    assert sim.simulator.state()['voice_server'] == []
    sim.simulator.reset_stats()
    assert run_module(webiface_voiceserver, voice(sim, state='absent'))['changed'] is False
    assert writes(sim) == []


def test_a_server_of_another_user_is_refused(sim):
    created(sim, owner_external_id='crm:2')
    result = run_module(webiface_voiceserver, voice(sim))
    assert result['failed'] is True and 'belongs to another Easy-WI user' in result['msg']


def test_no_free_master_is_one_sentence(serve):
    running = serve('webiface', gserver_seed='recording')  # no voice master
    conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    run_module(webiface_user, dict(conn, external_id='crm:1', email='gamer@example.com'))
    result = run_module(webiface_voiceserver, dict(conn, external_id='ts:1', owner_external_id='crm:1'))
    assert result['failed'] is True
    assert result['msg'].startswith('voice.add failed: "No free host": no active TeamSpeak 3 master server has room')


@pytest.mark.parametrize('options, message', [
    (dict(external_id='ts-1'), 'stores a server\'s external ID only if'),
    (dict(slots=0), 'takes 1 to 65535'),
    (dict(port=70000), 'takes 1 to 65535'),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(webiface_voiceserver, voice(sim, **options))
    assert result['failed'] is True and message in result['msg']
    assert sim.simulator.stats()['requests'] == 0


def test_check_mode_predicts_the_create(sim):
    predicted = run_module(webiface_voiceserver, voice(sim), check=True, diff=True)
    assert sim.simulator.write_calls == []
    real = run_module(webiface_voiceserver, voice(sim), diff=True)
    assigned = ('local_id', 'ip', 'port')
    assert [dict((k, v) for k, v in result['voice_server'].items() if k not in assigned)
            for result in (predicted, real)] == [dict(external_id='ts:1', slots=20, active=True, private=True,
                                                      virtual_server_id=None)] * 2
