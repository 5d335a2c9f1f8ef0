# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_database against the ISPConfig simulator: the full module test matrix."""

import pytest

from ispconfig_web import PASSWORD, customer, row, run_ok
from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (ispconfig_database, ispconfig_database_user,
                                                                   ispconfig_web_domain)


@pytest.fixture
def sim(ispconfig):
    customer(ispconfig)
    run_ok(ispconfig, ispconfig_database_user, name='wp', client='acme', password=PASSWORD)
    ispconfig.simulator.reset_stats()
    return ispconfig


def database(sim, **options):
    return dict(sim.conn, **dict(dict(name='wp', website='acme.example', client='acme', user='wp', quota='1 GiB'),
                                 **options))


def stored(sim, name='c1wp'):
    return row(sim, 'web_database', database_name=name)


def test_create_sends_the_panels_values_prefix_site_and_user(sim):
    result = run_module(ispconfig_database, database(sim))
    assert result['changed'] is True
    record = stored(sim)
    assert dict((k, record[k]) for k in ('database_name_prefix', 'type', 'active', 'remote_access', 'database_quota',
                                         'parent_domain_id', 'server_id', 'database_user_id', 'sys_userid',
                                         'sys_groupid', 'backup_interval', 'backup_copies')) == dict(
        database_name_prefix='c1', type='mysql', active='y', remote_access='n', database_quota='1024',
        parent_domain_id='1', server_id='1', database_user_id='1', sys_userid='1', sys_groupid='2',
        backup_interval='none', backup_copies='1')
    assert result['database'] == dict(
        name='wp', database_name='c1wp', prefix='c1', website='acme.example', client='acme', user='wp', type='mysql',
        quota=1024, charset='', remote_access=False, remote_ips=[], active=True, server_id=1, database_id=1)
    assert sim.simulator.stats()['writes'] == ['sites_database_add']


def test_second_run_is_a_no_op_with_a_fixed_request_count(sim):
    run_module(ispconfig_database, database(sim))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_database, database(sim))
    assert result['changed'] is False and result['database']['database_id'] == 1
    assert sim.simulator.stats()['calls'] == ['login', 'sites_web_domain_get', 'client_get_by_groupid',
                                              'system_config_get', 'sites_database_get', 'sites_database_user_get',
                                              'logout']


def test_update_sends_only_the_changes(sim):
    run_module(ispconfig_database, database(sim))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_database, database(sim, user='', remote_access=True,
                                                     remote_ips=['192.0.2.10', '2001:db8::1']), diff=True)
    assert result['changed'] is True
    assert result['diff']['after']['user'] == '' and result['diff']['before']['user'] == 'wp'
    record = stored(sim)
    assert (record['database_user_id'], record['remote_access'], record['remote_ips']) == (
        '0', 'y', '192.0.2.10,2001:db8::1')
    assert sim.simulator.stats()['writes'] == ['sites_database_update']
    assert run_module(ispconfig_database, database(sim, user='', remote_ips=['192.0.2.10', '2001:db8::1']))[
        'changed'] is False


def test_check_mode_sends_no_write_and_predicts_the_real_run(sim):
    predicted = run_module(ispconfig_database, database(sim), check=True, diff=True)
    assert sim.simulator.write_calls == [] and stored(sim) is None
    real = run_module(ispconfig_database, database(sim), diff=True)
    # the id the panel gave it, which check mode cannot know
    assert real['database'].pop('database_id') == real['diff']['after'].pop('database_id') == 1
    assert predicted['diff'] == real['diff'] and predicted['database'] == real['database']
    predicted = run_module(ispconfig_database, database(sim, active=False), check=True, diff=True)
    real = run_module(ispconfig_database, database(sim, active=False), diff=True)
    assert predicted['diff'] == real['diff'] and predicted['database'] == real['database']


def test_delete_then_delete_again_and_a_missing_website(sim):
    run_module(ispconfig_database, database(sim))
    assert run_module(ispconfig_database, database(sim, state='absent'))['changed'] is True
    assert stored(sim) is None
    sim.simulator.reset_stats()
    assert run_module(ispconfig_database, database(sim, state='absent'))['changed'] is False
    gone = run_module(ispconfig_database, database(sim, state='absent', website='gone.example'))
    assert gone['changed'] is False
    assert sim.simulator.stats()['writes'] == []


def test_missing_website_or_user_fails_and_check_mode_warns(sim):
    result = run_module(ispconfig_database, database(sim, website='new.example'))
    assert result['failed'] and 'the website new.example does not exist in ISPConfig' in result['msg']
    predicted = run_module(ispconfig_database, database(sim, website='new.example'), check=True)
    assert predicted['changed'] is True and any('A real run fails' in w for w in predicted['warnings'])
    result = run_module(ispconfig_database, database(sim, user='nobody'))
    assert result['failed'] and 'the database user c1nobody does not exist' in result['msg']
    assert sim.simulator.write_calls == []


def test_a_website_of_another_client_or_a_name_in_another_website_is_refused(sim):
    customer(sim, username='other', domain='other.example')
    result = run_module(ispconfig_database, database(sim, website='other.example'))
    assert result['failed'] and result['msg'] == ('website other.example belongs to client other, not to client acme; '
                                                  'the objects of a website belong to its client.')
    run_ok(sim, ispconfig_web_domain, domain='second.example', client='acme')
    run_module(ispconfig_database, database(sim))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_database, database(sim, website='second.example'))
    assert result['failed'] and 'database c1wp exists, but in another website (id 1)' in result['msg']
    assert sim.simulator.write_calls == []


def test_a_user_of_another_client_is_refused(sim):
    customer(sim, username='other', domain='other.example')
    sim.simulator.control('set_config', dict(section='sites', key='dbuser_prefix', value=''))
    run_ok(sim, ispconfig_database_user, name='shared', client='other', password=PASSWORD)
    result = run_module(ispconfig_database, database(sim, user='shared'))
    assert result['failed'] and 'the database user shared belongs to another client than website acme.example' in \
        result['msg']


def test_domain_id_prefix(sim):
    sim.simulator.control('set_config', dict(section='sites', key='dbname_prefix', value='c[CLIENTID]d[DOMAINID]_'))
    assert run_module(ispconfig_database, database(sim))['database']['database_name'] == 'c1d1_wp'


@pytest.mark.parametrize('options, message', [
    (dict(name='w'), "name 'w': a database name is 2 to 64"),
    (dict(remote_ips=['192.0.2.1/24']), "remote_ips: '192.0.2.1/24' is not an IP address"),
    (dict(quota='1.5M'), 'not a whole number of MB'),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(ispconfig_database, database(sim, **options))
    assert result['failed'] is True and message in result['msg']
    assert sim.simulator.stats()['requests'] == 0


def test_over_long_and_reserved_names_fail_before_any_write(sim):
    result = run_module(ispconfig_database, database(sim, name='x' * 63))
    assert result['failed'] and 'the panel allows at most 64' in result['msg']
    sim.simulator.control('set_config', dict(section='sites', key='dbname_prefix', value=''))
    result = run_module(ispconfig_database, database(sim, name='mysql'))
    assert result['failed'] and "name 'mysql' is reserved" in result['msg']
    assert sim.simulator.write_calls == []


# --- absent finds the database by its stored prefix and name; website only to create (issue #24) -----------

def test_absent_without_website_finds_the_database_by_its_stored_prefix(sim):
    run_module(ispconfig_database, database(sim))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_database, dict(sim.conn, name='wp', state='absent'), diff=True)
    assert result['changed'] is True and stored(sim) is None
    assert (result['diff']['before']['database_name'], result['diff']['before']['website']) == (
        'c1wp', 'acme.example')
    assert sim.simulator.stats()['writes'] == ['sites_database_delete']


def test_absent_finds_a_database_made_under_an_earlier_prefix_setting(sim):
    run_module(ispconfig_database, database(sim))
    sim.simulator.control('set_config', dict(section='sites', key='dbname_prefix', value='[CLIENTNAME]_'))
    assert run_module(ispconfig_database, database(sim, state='absent'))['changed'] is True
    assert stored(sim) is None


def test_absent_with_a_name_of_two_websites_fails_naming_them(sim):
    run_ok(sim, ispconfig_web_domain, domain='second.example', client='acme')
    sim.simulator.control('set_config', dict(section='sites', key='dbname_prefix', value='c[CLIENTID]d[DOMAINID]_'))
    run_module(ispconfig_database, database(sim))
    run_module(ispconfig_database, database(sim, website='second.example'))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_database, dict(sim.conn, name='wp', state='absent'))
    assert result['failed'] is True and result['msg'] == (
        '2 databases are named wp with their prefix: c1d1_wp (id 1), c1d2_wp (id 2). Set website to say which one '
        'to delete.')
    assert sim.simulator.write_calls == []
    assert run_module(ispconfig_database, database(sim, website='second.example', state='absent'))['changed']
    assert stored(sim, 'c1d2_wp') is None and stored(sim, 'c1d1_wp') is not None


def test_absent_without_website_still_checks_the_client(sim):
    run_module(ispconfig_database, database(sim))
    result = run_module(ispconfig_database, dict(sim.conn, name='wp', client='other', state='absent'))
    assert result['failed'] is True and result['msg'] == (
        'website acme.example belongs to client acme, not to client other; the objects of a website belong to its '
        'client.')
    assert stored(sim) is not None
