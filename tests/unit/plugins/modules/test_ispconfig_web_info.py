# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The info modules of ISPConfig web hosting against the simulator: websites, databases, database users, shell
users and cron jobs, of one website, of one client or all, never a hash."""

import re

import pytest

from ispconfig_web import PASSWORD, customer, run_ok
from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (
    ispconfig_cron, ispconfig_cron_info, ispconfig_database, ispconfig_database_info, ispconfig_database_user,
    ispconfig_database_user_info, ispconfig_shell_user, ispconfig_shell_user_info, ispconfig_web_domain,
    ispconfig_web_domain_info,
)


@pytest.fixture
def sim(ispconfig):
    for username, domain in (('acme', 'acme.example'), ('beta', 'beta.example')):
        customer(ispconfig, username=username, domain=domain)
        run_ok(ispconfig, ispconfig_database_user, name='wp', client=username, password=PASSWORD)
        run_ok(ispconfig, ispconfig_database, name='wp', website=domain, user='wp')
        run_ok(ispconfig, ispconfig_shell_user, username='deploy', website=domain, password=PASSWORD)
        run_ok(ispconfig, ispconfig_cron, website=domain, job='https://%s/cron.php' % domain)
    ispconfig.simulator.reset_stats()
    return ispconfig


def listed(sim, module, key, **options):
    result = run_module(module, dict(sim.conn, **options), check=True)
    assert result['changed'] is False and not result.get('failed'), result
    assert '$6$' not in result['_raw'] and not re.search(r'\*[0-9A-F]{40}', result['_raw'])
    return result[key]


def test_websites(sim):
    every = listed(sim, ispconfig_web_domain_info, 'web_domains')
    assert [site['domain'] for site in every] == ['acme.example', 'beta.example']
    assert every[1]['document_root'] == '/var/www/clients/client2/web2' and every[1]['domain_id'] == 2
    assert [s['domain'] for s in listed(sim, ispconfig_web_domain_info, 'web_domains', client='beta')] == \
        ['beta.example']
    assert [s['domain'] for s in listed(sim, ispconfig_web_domain_info, 'web_domains', domain='ACME.example')] == \
        ['acme.example']
    assert listed(sim, ispconfig_web_domain_info, 'web_domains', domain='none.example') == []


def test_databases_and_their_users(sim):
    databases = listed(sim, ispconfig_database_info, 'databases')
    assert [(d['website'], d['database_name'], d['name'], d['user']) for d in databases] == [
        ('acme.example', 'c1wp', 'wp', 'wp'), ('beta.example', 'c2wp', 'wp', 'wp')]
    one = listed(sim, ispconfig_database_info, 'databases', website='beta.example')
    assert [d['database_name'] for d in one] == ['c2wp']
    assert [d['database_name'] for d in listed(sim, ispconfig_database_info, 'databases', client='acme')] == ['c1wp']
    users = listed(sim, ispconfig_database_user_info, 'database_users')
    assert [(u['database_user'], u['name'], u['prefix']) for u in users] == [('c1wp', 'wp', 'c1'),
                                                                             ('c2wp', 'wp', 'c2')]
    assert 'password' not in users[0]
    beta = listed(sim, ispconfig_database_user_info, 'database_users', client='beta')
    assert [u['database_user'] for u in beta] == ['c2wp']


def test_shell_users_and_cron_jobs(sim):
    shells = listed(sim, ispconfig_shell_user_info, 'shell_users')
    assert [(s['website'], s['login'], s['username']) for s in shells] == [
        ('acme.example', 'acmedeploy', 'deploy'), ('beta.example', 'betadeploy', 'deploy')]
    assert [s['login'] for s in listed(sim, ispconfig_shell_user_info, 'shell_users', client='beta')] == \
        ['betadeploy']
    jobs = listed(sim, ispconfig_cron_info, 'cron_jobs', website='acme.example')
    assert [(j['job'], j['type'], j['minute']) for j in jobs] == [('https://acme.example/cron.php', 'url', '*')]
    assert len(listed(sim, ispconfig_cron_info, 'cron_jobs')) == 2
    assert listed(sim, ispconfig_cron_info, 'cron_jobs', website='none.example') == []
    assert sim.simulator.write_calls == []


def test_an_unknown_client_is_one_clear_error(sim):
    result = run_module(ispconfig_shell_user_info, dict(sim.conn, client='nobody'))
    assert result['failed'] and "There is no ISPConfig client with the username 'nobody'" in result['msg']


def test_other_types_of_web_domain_are_no_websites(sim):
    run_ok(sim, ispconfig_web_domain, domain='gamma.example')
    sim.simulator.control('add_remote_user', {'username': 'raw', 'password': 'raw-pass'})
    session = sim.simulator.login('login', 'raw', 'raw-pass', False)
    sim.simulator.hosting_add('sites_web_aliasdomain_add', session, 0, dict(
        server_id=1, domain='alias.example', type='alias', parent_domain_id=3, active='y', subdomain='none'))
    assert [s['domain'] for s in listed(sim, ispconfig_web_domain_info, 'web_domains')] == [
        'acme.example', 'beta.example', 'gamma.example']
