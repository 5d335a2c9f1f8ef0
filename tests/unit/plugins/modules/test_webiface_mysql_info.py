# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""webiface_mysql_info against the Easy-WI simulator: one user's databases, a prefix, a queued delete, the cost in
requests, never a write, never a password."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import webiface_mysql, webiface_mysql_info, webiface_user

SHAPE = {'external_id', 'local_id', 'name', 'active', 'owner_local_id', 'owner_username', 'owner_external_id',
         'marked_for_deletion'}


@pytest.fixture
def sim(serve):
    running = serve('webiface')
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    for external_id, username in (('crm:1', 'alice'), ('crm:2', 'bob'), ('shop:1', 'carol')):
        assert run_module(webiface_user, dict(running.conn, external_id=external_id, username=username,
                                              email='%s@example.org' % username))['changed']
    for external_id, owner in (('db:a1', 'crm:1'), ('db:a2', 'crm:1'), ('db:c1', 'shop:1')):
        assert run_module(webiface_mysql, dict(running.conn, external_id=external_id, owner_external_id=owner))['changed']
    running.simulator.reset_stats()
    return running


def listed(sim, **options):
    result = run_module(webiface_mysql_info, dict(sim.conn, **options))
    assert result['changed'] is False and not result.get('failed'), result
    return result['databases']


def test_one_users_databases_in_one_request_as_the_module_returns_them(sim):
    databases = listed(sim, owner_external_id='crm:1')
    assert [(d['external_id'], d['name'], d['active']) for d in databases] == [
        ('db:a1', 'sql1', True), ('db:a2', 'sql2', True)]
    assert all(set(d) == SHAPE for d in databases), 'one shape for every database'
    assert sim.simulator.stats()['calls'] == ['user.ls'] and sim.simulator.stats()['writes'] == []
    returned = run_module(webiface_mysql, dict(sim.conn, external_id='db:a1', owner_external_id='crm:1'))['database']
    assert dict((key, databases[0][key]) for key in returned) == returned, 'what the module compares and returns'
    assert listed(sim, owner_username='ALICE') == databases
    passwords = [row['password_decrypted'] for row in sim.simulator.state()['mysql_external_dbs']]
    raw = run_module(webiface_mysql_info, dict(sim.conn))['_raw']
    assert not any(password in raw for password in passwords)


def test_every_user_a_prefix_and_a_queued_delete(sim):
    assert [d['external_id'] for d in listed(sim)] == ['db:a1', 'db:a2', 'db:c1']
    assert sim.simulator.stats()['calls'] == ['user.ls'] * 4, 'the list, then each user: N + 1'
    assert [d['owner_username'] for d in listed(sim, owner_external_id_prefix='shop')] == ['carol']
    run_module(webiface_mysql, dict(sim.conn, external_id='db:a2', owner_external_id='crm:1', state='absent'))
    marked = listed(sim, owner_external_id='crm:1')[1]
    assert (marked['external_id'], marked['marked_for_deletion']) == ('ansible_deleted:db:a2', True)


def test_unknown_owner_is_an_empty_list_and_a_bad_prefix_fails_before_any_request(sim):
    assert listed(sim, owner_external_id='crm:9') == []
    sim.simulator.reset_stats()
    result = run_module(webiface_mysql_info, dict(sim.conn, owner_external_id_prefix='crm:'))
    assert result['failed'] is True and 'would list every user' in result['msg']
    assert sim.simulator.stats()['calls'] == []
