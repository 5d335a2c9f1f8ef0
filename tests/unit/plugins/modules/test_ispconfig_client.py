# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_client against the ISPConfig simulator."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import ispconfig_client

PASSWORD = 'Panel-Passw0rd-x'


def client_row(sim, username='acme'):
    rows = [r for r in sim.simulator.state()['tables']['client'] if r['username'] == username]
    return rows[0] if rows else None


def options(sim, **extra):
    base = dict(username='acme', password=PASSWORD, contact_name='Jane Doe', email='jane@acme.example',
                limits={'limit_mailbox': 10, 'limit_maildomain': 2})
    base.update(extra)
    return dict(sim.conn, **base)


def test_create_noop_update_delete(ispconfig):
    sim = ispconfig
    created = run_module(ispconfig_client, options(sim), diff=True)
    assert created['changed'] is True
    row = client_row(sim)
    assert (row['language'], row['limit_mailbox'], row['limit_maildomain']) == ('en', '10', '2')
    assert PASSWORD not in created['_raw']

    sim.simulator.reset_stats()
    again = run_module(ispconfig_client, options(sim))
    assert again['changed'] is False, again
    assert sim.simulator.stats()['calls'] == ['login', 'client_get', 'logout']
    # the panel keeps a password hash and an SSH key for the client: neither may leave the module
    assert 'id_rsa' not in again['_raw'] and '$6$' not in again['_raw']

    hash_before = row['password']
    updated = run_module(ispconfig_client, options(sim, company_name='ACME Ltd', limits={'limit_mailbox': 20}),
                         diff=True)
    assert updated['changed'] is True
    assert updated['diff']['after']['limits'] == {'limit_mailbox': '20'}
    row = client_row(sim)
    assert row['company_name'] == 'ACME Ltd' and row['limit_mailbox'] == '20'
    assert row['password'] == hash_before, 'client_update without password "" would re-hash the stored hash'

    changed_pw = run_module(ispconfig_client, options(sim, password='New-Panel-Pass-2'), diff=True)
    assert changed_pw['changed'] is True and changed_pw['diff']['after']['password'] == '<hidden, changed>'
    assert run_module(ispconfig_client, options(sim, password='New-Panel-Pass-2'))['changed'] is False

    deleted = run_module(ispconfig_client, dict(sim.conn, username='acme', state='absent'))
    assert deleted['changed'] is True and client_row(sim) is None
    assert run_module(ispconfig_client, dict(sim.conn, username='acme', state='absent'))['changed'] is False


def test_check_mode_predicts_and_writes_nothing(ispconfig):
    predicted = run_module(ispconfig_client, options(ispconfig), check=True, diff=True)
    assert ispconfig.simulator.stats()['writes'] == [] and client_row(ispconfig) is None
    real = run_module(ispconfig_client, options(ispconfig), diff=True)
    assert real['client'].pop('client_id') == real['diff']['after'].pop('client_id') == \
        int(client_row(ispconfig)['client_id'])  # the id the panel gave it, which check mode cannot know
    assert (predicted['changed'], predicted['diff'], predicted['client']) == \
        (real['changed'], real['diff'], real['client'])


@pytest.mark.parametrize('extra, message', [
    (dict(limits={'mailbox': 3}), 'is not a limit field'),
    (dict(email='nobody'), 'is not an e-mail address'),
])
def test_bad_input_fails_before_any_request(ispconfig, extra, message):
    result = run_module(ispconfig_client, options(ispconfig, **extra))
    assert result['failed'] is True and message in result['msg']
    assert ispconfig.simulator.stats()['requests'] == 0


def test_missing_required_fields_fail_before_any_write(ispconfig):
    result = run_module(ispconfig_client, dict(ispconfig.conn, username='acme'))
    assert result['failed'] is True
    assert result['msg'] == 'contact_name and email are required to create client acme'
    assert ispconfig.simulator.stats()['writes'] == []


def test_lost_reply_of_client_add_is_not_sent_twice(ispconfig):
    """A create whose answer is lost is re-read, never sent again."""
    ispconfig.simulator.add_fault(kind='lost_reply', call='client_add')
    result = run_module(ispconfig_client, options(ispconfig))
    assert result['changed'] is True
    assert ispconfig.simulator.stats()['writes'] == ['client_add']


def test_http_500_on_create_is_one_clear_error(ispconfig):
    ispconfig.simulator.add_fault(status=500, body='', content_type='text/html; charset=utf-8', call='client_add')
    result = run_module(ispconfig_client, dict(ispconfig.conn, username='acme', contact_name='J',
                                               email='j@acme.example'))
    assert result['failed'] is True
    assert 'client_add failed: HTTP 500' in result['msg'] and 'database error' in result['msg']
    assert 'may have been applied in part' in result['msg']
    assert 'Traceback' not in result['_raw']


def test_strict_sql_mode_accepts_the_panels_complete_record(serve):
    """MariaDB's strict mode kills an API client_add that leaves the cron type empty; the panel's record has one."""
    running = serve('ispconfig', strict_sql=True)
    conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    result = run_module(ispconfig_client, dict(conn, username='acme', contact_name='J', email='j@acme.example'))
    assert result['changed'] is True, result
    assert running.simulator.stats()['writes'] == ['client_add']


def test_a_new_client_gets_the_servers_the_panel_would_give_it(ispconfig):
    sim = ispconfig.simulator
    sim.control('set_row', {'table': 'server', 'id': 1, 'values': {'db_server': 0}})
    sim.control('add_server', {'server_name': 'db-mirror', 'db_server': 1, 'mirror_server_id': 1})  # 2: a mirror
    sim.control('add_server', {'server_name': 'db1', 'db_server': 1})  # 3: the first database server
    sim.control('add_server', {'server_name': 'mx2', 'mail_server': 1})  # 4
    sim.control('set_config', {'section': 'mail', 'key': 'default_mailserver', 'value': '4'})  # the set default
    sim.reset_stats()
    result = run_module(ispconfig_client, options(ispconfig), check=True)
    assert result['changed'] is True and not result.get('warnings')
    assert sim.stats()['writes'] == []
    run_module(ispconfig_client, options(ispconfig))
    row = client_row(ispconfig)
    assert (row['mail_servers'], row['web_servers'], row['dns_servers'], row['db_servers'],
            row['default_slave_dnsserver']) == ('4', '1', '1', '3', '1')
    # the form's own server defaults stay as the panel leaves them
    assert (row['default_mailserver'], row['default_dbserver']) == ('1', '1')
    sim.reset_stats()
    assert run_module(ispconfig_client, options(ispconfig))['changed'] is False
    assert sim.stats()['calls'] == ['login', 'client_get', 'logout'], 'servers are looked up only to create'


def test_without_the_server_functions_a_new_client_gets_server_1_and_a_warning(ispconfig):
    ispconfig.simulator.control('add_remote_user', {'username': 'clients-only', 'password': 'Clients-Only-Pass-1',
                                                    'functions': ['client']})
    result = run_module(ispconfig_client, options(ispconfig, api_username='clients-only',
                                                  api_password='Clients-Only-Pass-1'))
    assert result['changed'] is True
    assert len(result['warnings']) == 1 and 'Tick "Server functions" for it' in result['warnings'][0]
    row = client_row(ispconfig)
    assert (row['mail_servers'], row['web_servers'], row['dns_servers'], row['db_servers']) == ('1', '1', '1', '1')


@pytest.mark.parametrize('limits, message', [
    ({'limit_mailbox': 2 ** 31}, 'limits: limit_mailbox must be -1 (unlimited) or a number from 0 to 2147483647'),
    ({'limit_mailbox': -2}, 'limits: limit_mailbox must be -1 (unlimited) or a number from 0 to 2147483647'),
    ({'limit_mailquota': '1.5 MiB'}, 'not a whole number of MB'),
    ({'limit_mailquota': '9999999 TiB'}, 'more than the API can store: at most 2147483647 MB'),
    ({'limit_cgi': 3}, 'limits: limit_cgi is a checkbox: true or false, not 3'),
    ({'limit_cron_type': 'hourly'}, 'limits: limit_cron_type must be one of url, chrooted, full'),
])
def test_limits_the_panel_could_not_save_are_refused_before_any_request(ispconfig, limits, message):
    result = run_module(ispconfig_client, options(ispconfig, limits=limits))
    assert result['failed'] is True and message in result['msg'], result['msg']
    assert ispconfig.simulator.stats()['requests'] == 0


def test_limits_in_the_panels_units(ispconfig):
    limits = {'limit_mailquota': '2 GiB', 'limit_web_quota': 500, 'limit_database_quota': 'unlimited',
              'limit_cgi': True, 'limit_ssl': 'n', 'limit_cron_type': 'full'}
    assert run_module(ispconfig_client, options(ispconfig, limits=limits))['changed'] is True
    row = client_row(ispconfig)
    assert [row[k] for k in limits] == ['2048', '500', '-1', 'y', 'n', 'full']
    assert run_module(ispconfig_client, options(ispconfig, limits=limits))['changed'] is False


def test_postal_code_and_phone_are_the_names_of_the_other_apis_too(ispconfig):
    result = run_module(ispconfig_client, options(ispconfig, postal_code='10115', phone='+49 30 123456'))
    assert result['changed'] is True, result
    row = client_row(ispconfig)
    assert (row['zip'], row['telephone']) == ('10115', '+49 30 123456')
    assert (result['client']['zip'], result['client']['telephone']) == ('10115', '+49 30 123456')
