# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""webiface_user_info against the Easy-WI simulator: lists, single lookups, pending flags, never a write."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import webiface_user, webiface_user_info


@pytest.fixture
def sim(serve):
    running = serve('webiface')
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    for external_id, username in (('crm:1', 'alice'), ('crm:2', 'bob'), ('shop:1', 'carol')):
        result = run_module(webiface_user, dict(running.conn, external_id=external_id, username=username,
                                                email='%s@example.org' % username, first_name=username.title(),
                                                mobile='0170 1234'))
        assert result['changed'], result
    running.simulator.reset_stats()
    return running


SHAPE = {'local_id', 'external_id', 'username', 'email', 'active', 'first_name', 'last_name', 'phone', 'mobile',
         'street', 'street_number', 'postcode', 'city', 'job_pending', 'marked_for_deletion'}


def test_lists_every_user_sorted_with_the_modules_field_names(sim):
    result = run_module(webiface_user_info, sim.conn)
    assert result['changed'] is False
    assert [user['username'] for user in result['users']] == ['alice', 'bob', 'carol']
    first = result['users'][0]
    assert (first['external_id'], first['email'], first['first_name'], first['active']) == (
        'crm:1', 'alice@example.org', 'Alice', True)
    assert (first['mobile'], first['job_pending'], first['marked_for_deletion']) == ('0170 1234', False, False)
    assert all(set(user) == SHAPE for user in result['users']), 'one user shape in every result'
    # the list lacks the mobile number and the job flag: each user is read once more
    assert sim.simulator.stats()['calls'] == ['user.ls'] * 4
    assert sim.simulator.stats()['writes'] == []
    one = run_module(webiface_user_info, dict(sim.conn, username='alice'))['users']
    assert one == result['users'][:1]


def test_prefix_filter(sim):
    result = run_module(webiface_user_info, dict(sim.conn, external_id_prefix='crm'))
    assert [user['username'] for user in result['users']] == ['alice', 'bob']


def test_prefix_the_panel_would_ignore_fails_before_any_request(sim):
    result = run_module(webiface_user_info, dict(sim.conn, external_id_prefix='crm:'))
    assert result['failed'] is True
    assert 'would list every user' in result['msg']
    assert sim.simulator.stats()['requests'] == 0


@pytest.mark.parametrize('options', [dict(external_id='crm:2'), dict(username='BOB'), dict(local_id=3),
                                     dict(email='bob@example.org')])
def test_single_lookup_returns_one_user_with_its_job_flag(sim, options):
    result = run_module(webiface_user_info, dict(sim.conn, **options))
    assert [user['username'] for user in result['users']] == ['bob']
    assert set(result['users'][0]) == SHAPE
    assert result['users'][0]['mobile'] == '0170 1234'
    assert result['users'][0]['job_pending'] is False
    assert sim.simulator.stats()['calls'] == ['user.ls']


def test_not_found_is_an_empty_list(sim):
    assert run_module(webiface_user_info, dict(sim.conn, external_id='crm:404'))['users'] == []
    assert run_module(webiface_user_info, dict(sim.conn, local_id=1))['users'] == [], 'the admin is not listed'


def test_a_marked_user_is_shown_without_claiming_its_delete_is_queued(sim):
    run_module(webiface_user, dict(sim.conn, external_id='crm:2', state='absent'))
    listed = run_module(webiface_user_info, sim.conn)['users']
    assert [(user['marked_for_deletion'], user['job_pending']) for user in listed] == [
        (False, False), (True, True), (False, False)]
    assert run_module(webiface_user_info, dict(sim.conn, external_id='crm:2'))['users'] == [], \
        'a marked user no longer answers to its external ID'
    # an admin saving the user in the panel keeps the queued delete but clears the flag: neither tells
    queued = [job for job in sim.simulator.state()['jobs'] if job['status'] is None]
    assert [job['action'] for job in queued] == ['dl']
    sim.simulator.panel_save_user(queued[0]['userID'])
    one = run_module(webiface_user_info, dict(sim.conn, username='bob'))['users'][0]
    assert (one['marked_for_deletion'], one['job_pending']) == (True, False)
    sim.simulator.run_jobs()
    assert run_module(webiface_user_info, dict(sim.conn, username='bob'))['users'] == []


def test_a_user_removed_between_the_list_and_its_details_is_left_out(sim):
    run_module(webiface_user, dict(sim.conn, external_id='crm:2', state='absent'))
    sim.simulator.reset_stats()
    # the panel's cron job runs right after the list was read (a harmless control marks the list's request)
    sim.simulator.add_fault(kind='control', control='verify_password', payload={'id': 1, 'password': 'unused'},
                            call='user.ls')
    sim.simulator.add_fault(kind='control', control='run_jobs', call='user.ls')
    result = run_module(webiface_user_info, sim.conn)
    assert [user['username'] for user in result['users']] == ['alice', 'carol']
    assert sim.simulator.stats()['calls'] == ['user.ls'] * 4


def test_check_mode_and_mutually_exclusive_options(sim):
    result = run_module(webiface_user_info, sim.conn, check=True)
    assert len(result['users']) == 3
    bad = run_module(webiface_user_info, dict(sim.conn, username='bob', email='bob@example.org'))
    assert bad['failed'] is True and 'mutually exclusive' in bad['msg']


def test_refused_caller_is_a_clear_error(sim):
    sim.simulator.remote_addr = '192.0.2.1'
    result = run_module(webiface_user_info, sim.conn)
    assert result['failed'] is True
    assert 'add 192.0.2.1 to the allowed IPs' in result['msg']
    assert 'Traceback' not in result['_raw']
