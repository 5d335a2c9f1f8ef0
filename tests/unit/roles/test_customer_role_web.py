# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The customer role's web hosting (a website with its database user, database, shell user, FTP user and two cron
jobs) on
ISPConfig through ansible-playbook against the simulator: created in dependency order, a second run changes
nothing, --check predicts a change exactly and writes nothing, offboarding removes everything in reverse order."""

import copy
import json
import os
import re

import pytest
import yaml

from playbook_runner import ansible_playbook, environment, recap, shows, write_calls, writes
from project_paths import ROOT

with open(os.path.join(ROOT, 'tests', 'demo', 'customer.yml')) as sample:
    SAMPLE = yaml.safe_load(sample)['customer']
CUSTOMER = dict(name=SAMPLE['name'], ispconfig=dict(
    (key, SAMPLE['ispconfig'][key]) for key in ('client', 'websites', 'database_users', 'databases', 'shell_users',
                                                'cron_jobs')))
CUSTOMER['ispconfig']['ftp_users'] = [dict(username='upload', website='acme.example', password='Demo-Ftp-Passw0rd',
                                           quota='1 GiB')]
WEB_TABLES = ('web_domain', 'web_database_user', 'web_database', 'shell_user', 'ftp_user', 'cron')


@pytest.fixture
def play(serve, tmp_path):
    running = {'ispconfig': serve('ispconfig')}
    env = environment(running)

    def _play(customer, *args, **role_vars):
        playbook = tmp_path / 'customer.yml'
        playbook.write_text(json.dumps([dict(
            name='Customer', hosts='localhost', gather_facts=False,
            roles=[dict(role='hosting.provision.customer', vars=dict(role_vars, customer=customer))])]))
        result = ansible_playbook(str(playbook), env, *args)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    _play.running = running
    _play.simulator = running['ispconfig'].simulator
    return _play


def task_blocks(output):
    """{task name: its output} of the role's tasks."""
    blocks = re.split(r'^TASK \[hosting\.provision\.customer : ([^\]]+)\].*$', output, flags=re.M)[1:]
    return dict(zip(blocks[::2], blocks[1::2]))


def changed_tasks(output):
    return [name for name, block in task_blocks(output).items() if re.search(r'^changed:', block, re.M)]


def test_create_in_order_then_no_change(play):
    first = play(CUSTOMER)
    assert recap(first.stdout)['changed'] == 7
    tables = play.simulator.state()['tables']
    assert [row['domain'] for row in tables['web_domain']] == ['acme.example']
    assert [row['database_user'] for row in tables['web_database_user']] == ['c1wp']
    assert [(row['database_name'], row['database_user_id']) for row in tables['web_database']] == [('c1wp', '1')]
    assert [(row['username'], row['chroot']) for row in tables['shell_user']] == [('acmedeploy', 'jailkit')]
    assert [(row['username'], row['quota_size'], row['uid']) for row in tables['ftp_user']] == [
        ('acmeupload', '1024', 'web1')]
    assert sorted((row['command'], row['type']) for row in tables['cron']) == [
        ('https://acme.example/wp-cron.php', 'url'), ('php /var/www/acme.example/web/cleanup.php', 'chrooted')]
    assert writes(play.running)['ispconfig'] == [
        'client_add', 'sites_web_domain_add', 'sites_web_domain_update', 'sites_database_user_add',
        'sites_database_add', 'sites_shell_user_add', 'sites_ftp_user_add', 'sites_cron_add', 'sites_cron_add']
    play.simulator.reset_stats()
    second = play(CUSTOMER)
    assert recap(second.stdout)['changed'] == 0
    assert write_calls(play.running) == {}


def test_check_mode_predicts_a_change_exactly_and_writes_nothing(play):
    play(CUSTOMER)
    changed = copy.deepcopy(CUSTOMER)
    changed['ispconfig']['websites'][0]['quota'] = '20 GiB'
    changed['ispconfig']['cron_jobs'][1]['hour'] = '4'
    changed['ispconfig']['shell_users'][0]['password'] = 'Demo-Sh3ll-Changed'
    changed['ispconfig']['ftp_users'][0]['quota'] = '2 GiB'
    play.simulator.reset_stats()
    check = play(changed, '--check', '--diff')
    assert write_calls(play.running) == {}
    real = play(changed, '--diff')
    assert recap(check.stdout)['changed'] == recap(real.stdout)['changed'] == 4
    assert changed_tasks(check.stdout) == changed_tasks(real.stdout) == [
        'ISPConfig websites', 'ISPConfig shell users', 'ISPConfig FTP users', 'ISPConfig cron jobs']
    assert writes(play.running)['ispconfig'] == ['sites_web_domain_update', 'sites_shell_user_update',
                                                 'sites_ftp_user_update', 'sites_cron_update']
    predicted, done = task_blocks(check.stdout), task_blocks(real.stdout)
    assert all(predicted[name] == done[name] and '--- before' in done[name] for name in changed_tasks(real.stdout))
    assert not shows(check.stdout + real.stdout, 'Demo-Sh3ll-Changed') and '$6$' not in real.stdout
    assert '<hidden, changed>' in real.stdout
    play.simulator.reset_stats()
    assert recap(play(changed, '--check').stdout)['changed'] == 0


def test_offboarding_removes_everything_in_reverse_order(play):
    play(CUSTOMER)
    play.simulator.reset_stats()
    check = play(CUSTOMER, '--check', customer_state='absent')
    assert recap(check.stdout)['changed'] == 7 and write_calls(play.running) == {}
    gone = play(CUSTOMER, customer_state='absent')
    assert recap(gone.stdout)['changed'] == 7
    assert writes(play.running)['ispconfig'] == [
        'sites_cron_delete', 'sites_cron_delete', 'sites_ftp_user_delete', 'sites_shell_user_delete', 'sites_database_delete',
        'sites_database_user_delete', 'sites_web_domain_delete', 'client_delete']
    tables = play.simulator.state()['tables']
    assert all(tables[table] == [] for table in WEB_TABLES + ('client',))
    again = play(CUSTOMER, customer_state='absent')
    assert recap(again.stdout)['changed'] == 0


def test_sub_and_alias_domains_of_a_website(play):
    """A website's subdomain (its own folder) and alias domain: created after the website, a second run changes
    nothing, offboarding deletes them before the website."""
    customer = dict(name=SAMPLE['name'], ispconfig=dict(
        client=SAMPLE['ispconfig']['client'], websites=SAMPLE['ispconfig']['websites'],
        subdomains=[dict(website='acme.example', domain='shop.acme.example', vhost=True, web_folder='shop')],
        alias_domains=[dict(website='acme.example', domain='acme.shop', redirect_type='R=301,L',
                            redirect_path='https://acme.example/')]))
    assert recap(play(customer).stdout)['changed'] == 4
    rows = dict((row['domain'], row) for row in play.simulator.state()['tables']['web_domain'])
    assert (rows['shop.acme.example']['type'], rows['shop.acme.example']['document_root']) == (
        'vhostsubdomain', rows['acme.example']['document_root'])
    assert rows['acme.shop']['type'] == 'alias'
    assert recap(play(customer).stdout)['changed'] == 0
    play.simulator.reset_stats()
    assert recap(play(customer, customer_state='absent').stdout)['changed'] == 4
    assert writes(play.running)['ispconfig'] == [
        'sites_web_aliasdomain_delete', 'sites_web_vhost_subdomain_delete', 'sites_web_domain_delete', 'client_delete']
