# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_database_user against the ISPConfig simulator: the full module test matrix."""

import pytest

from ispconfig_web import OTHER_PASSWORD, PASSWORD, customer, row
from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import ispconfig_database_user


@pytest.fixture
def sim(ispconfig):
    customer(ispconfig)
    return ispconfig


def user(sim, **options):
    return dict(sim.conn, **dict(dict(name='wp', client='acme', password=PASSWORD), **options))


def stored(sim, name='c1wp'):
    return row(sim, 'web_database_user', database_user=name)


def test_create_adds_the_panels_prefix_and_stores_it(sim):
    result = run_module(ispconfig_database_user, user(sim))
    assert result['changed'] is True
    assert result['database_user'] == dict(name='wp', client='acme', database_user='c1wp', prefix='c1',
                                           database_user_id=1)
    record = stored(sim)
    assert (record['database_user_prefix'], record['server_id'], record['sys_groupid']) == ('c1', '0', '2')
    assert record['database_password'] == '*' + __import__('hashlib').sha1(
        __import__('hashlib').sha1(PASSWORD.encode()).digest()).hexdigest().upper()
    assert 'password' not in result['database_user'] and record['database_password'] not in result['_raw']
    assert sim.simulator.stats()['writes'] == ['sites_database_user_add']


def test_second_run_is_a_no_op_with_a_fixed_request_count(sim):
    run_module(ispconfig_database_user, user(sim))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_database_user, user(sim))
    assert result['changed'] is False
    assert sim.simulator.stats()['calls'] == ['login', 'client_get_by_username', 'system_config_get',
                                              'sites_database_user_get', 'logout']


def test_password_is_compared_with_the_stored_hash_and_masked(sim):
    run_module(ispconfig_database_user, user(sim))
    result = run_module(ispconfig_database_user, user(sim, password=OTHER_PASSWORD), diff=True)
    assert result['changed'] is True
    assert (result['diff']['before']['password'], result['diff']['after']['password']) == (
        '<hidden>', '<hidden, changed>')
    assert OTHER_PASSWORD not in result['_raw']
    assert run_module(ispconfig_database_user, user(sim, password=OTHER_PASSWORD))['changed'] is False
    assert run_module(ispconfig_database_user, user(sim, password=PASSWORD, update_password='on_create'))[
        'changed'] is False


def test_check_mode_sends_no_write_and_predicts_the_real_run(sim):
    predicted = run_module(ispconfig_database_user, user(sim), check=True, diff=True)
    assert sim.simulator.write_calls == [] and stored(sim) is None
    real = run_module(ispconfig_database_user, user(sim), diff=True)
    # the id the panel gave it, which check mode cannot know
    assert real['database_user'].pop('database_user_id') == real['diff']['after'].pop('database_user_id') == 1
    assert predicted['diff'] == real['diff'] and predicted['database_user'] == real['database_user']


def test_delete_then_delete_again(sim):
    run_module(ispconfig_database_user, user(sim))
    assert run_module(ispconfig_database_user, user(sim, state='absent', password=None))['changed'] is True
    assert stored(sim) is None
    sim.simulator.reset_stats()
    assert run_module(ispconfig_database_user, user(sim, state='absent', password=None))['changed'] is False
    assert sim.simulator.stats()['writes'] == []


def test_the_prefix_follows_the_panels_setting_and_owner(sim):
    sim.simulator.control('set_config', dict(section='sites', key='dbuser_prefix', value='[CLIENTNAME]_'))
    result = run_module(ispconfig_database_user, user(sim))
    assert result['database_user']['database_user'] == 'acme_wp'
    admin = run_module(ispconfig_database_user, user(sim, client=None))
    assert admin['database_user']['database_user'] == 'admin_wp'


def test_without_server_functions_the_stock_prefix_is_used_with_a_warning(sim):
    sim.simulator.control('add_remote_user', {'username': 'sites', 'password': 'sites-pass',
                                              'functions': ['sites_database', 'client']})
    result = run_module(ispconfig_database_user, user(sim, api_username='sites', api_password='sites-pass'))
    assert result['database_user']['database_user'] == 'c1wp'
    assert any('stock prefix (dbuser_prefix c[CLIENTID])' in warning for warning in result['warnings'])


@pytest.mark.parametrize('options, message', [
    (dict(name='x'), "name 'x': a database user name is 2 to 64 of a-z, A-Z, 0-9 and _"),
    (dict(name='wp-user'), 'a database user name is 2 to 64'),
    (dict(name='a_very_long_user'), "with the panel's prefix 'c1' is 'c1a_very_long_user', 18 characters; the panel "
                                    "allows at most 16"),
])
def test_bad_names_fail_before_any_write(sim, options, message):
    result = run_module(ispconfig_database_user, user(sim, **options))
    assert result['failed'] is True and message in result['msg']
    assert sim.simulator.write_calls == []


def test_reserved_names_are_refused(sim):
    sim.simulator.control('set_config', dict(section='sites', key='dbuser_prefix', value=''))
    result = run_module(ispconfig_database_user, user(sim, name='root'))
    assert result['failed'] and "name 'root' is reserved" in result['msg']


def test_weak_password_is_one_clear_sentence(sim):
    result = run_module(ispconfig_database_user, user(sim, password='short'))
    assert result['failed'] is True
    assert result['msg'].startswith('sites_database_user_add failed (remote_fault): The chosen password does not')


# --- absent finds the user by its stored prefix and name (issue #24) ---------------------------------------

def test_absent_without_client_finds_the_user_by_its_stored_prefix(sim):
    run_module(ispconfig_database_user, user(sim))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_database_user, dict(sim.conn, name='wp', state='absent'), diff=True)
    assert result['changed'] is True and stored(sim) is None
    assert result['diff']['before']['database_user'] == 'c1wp'
    assert sim.simulator.stats()['calls'] == ['login', 'sites_database_user_get', 'sites_database_user_delete',
                                              'logout']


def test_absent_finds_a_user_made_under_an_earlier_prefix_setting(sim):
    run_module(ispconfig_database_user, user(sim))
    sim.simulator.control('set_config', dict(section='sites', key='dbuser_prefix', value='[CLIENTNAME]_'))
    result = run_module(ispconfig_database_user, user(sim, state='absent', password=None))
    assert result['changed'] is True and stored(sim) is None


def test_absent_with_a_name_several_clients_have_fails_naming_them(sim):
    customer(sim, username='other', domain='other.example')
    run_module(ispconfig_database_user, user(sim))
    run_module(ispconfig_database_user, user(sim, client='other'))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_database_user, dict(sim.conn, name='wp', state='absent'))
    assert result['failed'] is True and result['msg'] == (
        '2 database users are named wp with their prefix: c1wp (id 1), c2wp (id 2). Set client to say which one to '
        'delete.')
    assert sim.simulator.write_calls == []
    assert run_module(ispconfig_database_user, dict(sim.conn, name='wp', client='other', state='absent'))['changed']
    assert stored(sim, 'c2wp') is None and stored(sim) is not None


def test_absent_leaves_a_user_whose_name_only_ends_with_the_name(sim):
    run_module(ispconfig_database_user, user(sim, name='newwp'))
    result = run_module(ispconfig_database_user, dict(sim.conn, name='wp', state='absent'))
    assert result['changed'] is False and stored(sim, 'c1newwp') is not None


# --- a new user needs a password (issue #24) ---------------------------------------------------------------

def test_a_new_user_without_a_password_fails_before_any_write(sim):
    result = run_module(ispconfig_database_user, user(sim, password=None))
    assert result['failed'] is True and result['msg'] == (
        'password is required to create database user c1wp: the panel makes no login without one')
    assert sim.simulator.write_calls == []
    predicted = run_module(ispconfig_database_user, user(sim, password=None), check=True)
    assert predicted['failed'] is True


def test_an_empty_password_is_refused_before_any_request(sim):
    run_module(ispconfig_database_user, user(sim))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_database_user, user(sim, password=''))
    assert result['failed'] is True and result['msg'] == (
        'password is empty: a login needs one that passes the panel\'s password rule')
    assert sim.simulator.stats()['requests'] == 0


def test_an_existing_user_needs_no_password(sim):
    run_module(ispconfig_database_user, user(sim))
    assert run_module(ispconfig_database_user, user(sim, password=None))['changed'] is False
