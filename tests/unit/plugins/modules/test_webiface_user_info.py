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


def test_lists_every_user_sorted_with_the_modules_field_names(sim):
    result = run_module(webiface_user_info, sim.conn)
    assert result['changed'] is False
    assert [user['username'] for user in result['users']] == ['alice', 'bob', 'carol']
    first = result['users'][0]
    assert (first['external_id'], first['email'], first['first_name'], first['active']) == (
        'crm:1', 'alice@example.org', 'Alice', True)
    assert first['delete_pending'] is False
    assert 'mobile' not in first and 'job_pending' not in first, 'the list variant does not hold them'
    assert sim.simulator.stats()['calls'] == ['user.ls']
    assert sim.simulator.stats()['writes'] == []


def test_prefix_filter(sim):
    result = run_module(webiface_user_info, dict(sim.conn, external_id_prefix='crm'))
    assert [user['username'] for user in result['users']] == ['alice', 'bob']


def test_prefix_easywi_would_ignore_fails_before_any_request(sim):
    result = run_module(webiface_user_info, dict(sim.conn, external_id_prefix='crm:'))
    assert result['failed'] is True
    assert 'would list every user' in result['msg']
    assert sim.simulator.stats()['requests'] == 0


@pytest.mark.parametrize('options', [dict(external_id='crm:2'), dict(username='BOB'), dict(local_id=3),
                                     dict(email='bob@example.org')])
def test_single_lookup_returns_one_user_with_its_job_flag(sim, options):
    result = run_module(webiface_user_info, dict(sim.conn, **options))
    assert [user['username'] for user in result['users']] == ['bob']
    assert result['users'][0]['mobile'] == '0170 1234'
    assert result['users'][0]['job_pending'] is False
    assert sim.simulator.stats()['calls'] == ['user.ls']


def test_not_found_is_an_empty_list(sim):
    assert run_module(webiface_user_info, dict(sim.conn, external_id='crm:404'))['users'] == []
    assert run_module(webiface_user_info, dict(sim.conn, local_id=1))['users'] == [], 'the admin is not listed'


def test_pending_delete_is_shown(sim):
    run_module(webiface_user, dict(sim.conn, external_id='crm:2', state='absent'))
    listed = run_module(webiface_user_info, sim.conn)['users']
    assert [user['delete_pending'] for user in listed] == [False, True, False]
    one = run_module(webiface_user_info, dict(sim.conn, username='bob'))['users'][0]
    assert (one['job_pending'], one['delete_pending']) == (True, True)
    assert run_module(webiface_user_info, dict(sim.conn, external_id='crm:2'))['users'] == [], \
        'a user being deleted no longer answers to its external ID'


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
