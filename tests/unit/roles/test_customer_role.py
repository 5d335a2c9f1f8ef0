# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The hosting.provision.customer role through ansible-playbook against all five simulators: offboarding in
reverse order, the TeamDrive force flag, argument validation, sections left out, and secrets in verbose output.
Onboarding, check mode and the second run are covered by tests/unit/plugins/modules/test_ispconfig_playbook.py
(the demo playbook runs the role)."""

import copy
import json
import os
import re

import pytest
import yaml

from playbook_runner import ansible_playbook, recap, serve_all, shows, write_calls, writes
from project_paths import ROOT

DEMO = os.path.join(ROOT, 'tests', 'demo')
with open(os.path.join(DEMO, 'customer.yml')) as sample:
    CUSTOMER = yaml.safe_load(sample)['customer']
PASSWORDS = ('Demo-Panel-Passw0rd', 'Demo-Mailbox-Passw0rd', 'Demo-Domain-Passw0rd', 'Demo-Account-Passw0rd',
             'Demo-Robot-Passw0rd', 'Demo_Ftp_Passw0rd', 'Demo-Database-Passw0rd', 'Demo-Shell-Passw0rd')


@pytest.fixture
def play(serve, tmp_path):
    """play(customer, *args, **role_vars) runs the role once with that description."""
    running, env = serve_all(serve)

    def _play(customer, *args, **role_vars):
        role_vars.setdefault('customer_dns_record_tasks', os.path.join(DEMO, 'publish_txt.yml'))
        playbook = tmp_path / 'customer.yml'
        playbook.write_text(json.dumps([dict(
            name='Customer', hosts='localhost', gather_facts=False,
            roles=[dict(role='hosting.provision.customer', vars=dict(role_vars, customer=customer))])]))
        return ansible_playbook(str(playbook), env, *args)

    _play.running = running
    return _play


def summary(output):
    """{api: its line} of the role's closing summary."""
    closing = output.split('TASK [hosting.provision.customer : Summary per API', 1)[1]
    return dict(re.findall(r'"(\w+): ([^"]+)"', closing.split('PLAY RECAP', 1)[0]))


def test_offboarding_deletes_in_reverse_order_then_changes_nothing(play):
    first = play(CUSTOMER)
    assert first.returncode == 0
    # every task says what it did: the bulk tasks object by object, the others by their result's action
    assert summary(first.stdout) == {'ispconfig': '18 created', 'mailbox_org': '2 created', 'teamdrive': '1 created',
                                     'webiface': '4 created', 'subaccount': '1 created'}
    customer = copy.deepcopy(CUSTOMER)
    customer['teamdrive']['storage_limit'] = '30 GiB'
    customer['subaccount']['status'] = 'Inaktiv'
    changed = play(customer)
    assert changed.returncode == 0, changed.stdout + changed.stderr
    assert summary(changed.stdout) == {'ispconfig': '13 unchanged', 'mailbox_org': '2 unchanged',
                                       'teamdrive': '1 updated', 'webiface': '4 unchanged', 'subaccount': '1 updated'}
    for served in play.running.values():
        served.simulator.reset_stats()
    customer['teamdrive']['force_delete'] = True

    check = play(customer, '--check', customer_state='absent')
    assert check.returncode == 0, check.stdout + check.stderr
    assert write_calls(play.running) == {}

    gone = play(customer, customer_state='absent')
    assert gone.returncode == 0, gone.stdout + gone.stderr
    assert recap(gone.stdout)['changed'] == 18
    assert summary(gone.stdout) == {'ispconfig': '13 deleted', 'mailbox_org': '2 deleted', 'teamdrive': '1 deleted',
                                    'webiface': '4 deleted', 'subaccount': '1 deleted'}
    assert writes(play.running) == {
        'subaccount': ['Subaccount.delete'],
        # the database's delete and its marker, each game server's delete and its marker; then the user's marker
        # and its delete
        'webiface': ['mysql.del', 'mysql.mod', 'gserver.del', 'gserver.mod', 'gserver.del', 'gserver.mod', 'user.mod',
                     'user.del'],
        'teamdrive': ['deletedepot'],
        'mailbox_org': ['mail.del', 'domain.del'],
        'ispconfig': ['dns_a_delete', 'dns_a_delete', 'dns_a_delete', 'dns_mx_delete', 'dns_txt_delete',
                      'dns_zone_delete',  # the zone's records first, then the zone, as the panel deletes a zone
                      'sites_cron_delete', 'sites_cron_delete', 'sites_shell_user_delete', 'sites_database_delete',
                      'sites_database_user_delete', 'sites_web_domain_delete',
                      'mail_alias_delete', 'mail_forward_delete', 'mail_user_delete', 'mail_user_delete',
                      'mail_domain_delete', 'client_delete'],
    }
    order = [line for line in gone.stdout.splitlines() if line.startswith('TASK [hosting.provision.customer : ')
             and 'Validating' not in line and 'Summary per API' not in line and 'what the suspension' not in line]
    assert 'Sub-account' in order[2] and 'ISPConfig client' in order[-1], order

    # Easy-WI removes the user when its cron job runs; until then a re-run queues the delete again
    play.running['webiface'].simulator.run_jobs()
    again = play(customer, customer_state='absent')
    assert again.returncode == 0, again.stdout + again.stderr
    assert recap(again.stdout)['changed'] == 0
    # every API: only "N unchanged"
    lines = summary(again.stdout)
    assert len(lines) == 5 and all(re.fullmatch(r'\d+ unchanged', line) for line in lines.values()), lines


def test_game_servers_of_the_easywi_user_through_their_life(play):
    """Two game servers with different games and slots; a second run changes nothing; a slot change is one mod;
    a deleted server is pending until the panel's cron job, and a later run never silently undoes the delete."""
    customer = {'name': 'Gamer', 'webiface': copy.deepcopy(CUSTOMER['webiface'])}
    easywi = play.running['webiface'].simulator

    def servers():
        state = easywi.state()
        games = dict((row['id'], sorted(game['shorten'] for game in state['serverlist'] if game['switchID'] == row['id']))
                     for row in state['gsswitch'])
        return dict((row['externalID'], (row['slots'], games[row['id']])) for row in state['gsswitch'])

    first = play(customer)
    assert first.returncode == 0, first.stdout + first.stderr
    assert servers() == {'order:acme_cs': ('16', ['cs2', 'css']), 'order:acme_mc': ('8', ['mc'])}
    easywi.reset_stats()
    second = play(customer)
    assert recap(second.stdout)['changed'] == 0 and easywi.write_calls == []

    customer['webiface']['game_servers'][1]['slots'] = 12
    more = play(customer)
    assert recap(more.stdout)['changed'] == 1
    assert easywi.stats()['writes'] == ['gserver.mod']
    easywi.reset_stats()

    customer['webiface']['game_servers'][1]['state'] = 'absent'
    deleted = play(customer, '-v')
    assert deleted.returncode == 0 and recap(deleted.stdout)['changed'] == 1
    assert '"pending": true' in deleted.stdout and easywi.stats()['writes'] == ['gserver.del', 'gserver.mod']
    easywi.reset_stats()
    customer['webiface']['game_servers'][1]['state'] = 'present'
    undo = play(customer)
    assert undo.returncode != 0 and 'is marked for deletion by state=absent' in undo.stdout
    assert easywi.write_calls == [], 'the queued delete was not touched'

    easywi.run_jobs()
    customer['webiface']['game_servers'][1]['state'] = 'absent'
    settled = play(customer)
    assert settled.returncode == 0 and recap(settled.stdout)['changed'] == 0
    assert list(servers()) == ['order:acme_cs']


def test_a_customer_gets_databases_and_its_game_servers_are_stopped_and_started_on_purpose(play):
    """The databases converge (their names are Easy-WI's, returned); stopping and starting queue Easy-WI's
    action=gs on every run, because the run state cannot be read."""
    customer = {'name': 'Gamer', 'webiface': copy.deepcopy(CUSTOMER['webiface'])}
    customer['webiface']['databases'].append({'external_id': 'order:acme_db2', 'active': False})
    easywi = play.running['webiface'].simulator
    first = play(customer, '-v')
    assert first.returncode == 0, first.stdout + first.stderr
    names = sorted(row['dbname'] for row in easywi.state()['mysql_external_dbs'])
    assert names == ['sql1', 'sql2'] and all('"name": "%s"' % name in first.stdout for name in names)
    assert 'made up the password of the MySQL database sql1' in first.stderr
    easywi.run_jobs()
    easywi.reset_stats()
    assert recap(play(customer).stdout)['changed'] == 0 and easywi.write_calls == []

    for server in customer['webiface']['game_servers']:
        server['state'] = 'stopped'
    check = play(customer, '--check')
    assert recap(check.stdout)['changed'] == 1 and easywi.write_calls == []  # one task loops over the servers
    stopped = play(customer)
    assert stopped.returncode == 0 and recap(stopped.stdout)['changed'] == 1
    assert easywi.stats()['writes'] == ['gserver.gs', 'gserver.gs']
    easywi.run_jobs()
    assert [row['stopped'] for row in easywi.state()['gsswitch']] == ['Y', 'Y']
    for server in customer['webiface']['game_servers']:
        server['state'] = 'restarted'
    play(customer)
    easywi.run_jobs()
    assert [row['stopped'] for row in easywi.state()['gsswitch']] == ['N', 'N']


def test_offboarding_without_force_delete_fails_before_anything_is_sent(play):
    result = play(CUSTOMER, customer_state='absent')
    assert result.returncode != 0
    assert 'would delete the TeamDrive depot of acme with all its spaces' in result.stdout
    assert all(served.simulator.stats()['requests'] == 0 for served in play.running.values())


@pytest.mark.parametrize('customer, message', [
    (dict(CUSTOMER, subaccount=dict(password='x')), 'missing required arguments: login'),
    (dict(CUSTOMER, mailbox_org=dict(accounts=[dict(mail='a@b.example', plan='gold')])),
     'value of plan must be one of: light, standard, premium, got: gold'),
    (dict(CUSTOMER, webiface=dict(email='a@b.example')), 'one of the following is required: external_id, username'),
    ({'ispconfig': CUSTOMER['ispconfig']}, 'missing required arguments: name'),
])
def test_bad_input_fails_before_anything_is_sent(play, customer, message):
    result = play(customer)
    assert result.returncode != 0
    assert message in result.stdout, result.stdout
    assert all(served.simulator.stats()['requests'] == 0 for served in play.running.values())
    assert not any(shows(result.stdout + result.stderr, password) for password in PASSWORDS)


def test_a_section_left_out_never_calls_its_api(play):
    customer = dict(name='Mail only', ispconfig=CUSTOMER['ispconfig'])
    result = play(customer)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [api for api, served in play.running.items() if served.simulator.stats()['requests']] == ['ispconfig']


def test_no_secret_in_verbose_output(play):
    result = play(CUSTOMER, '-vvv', '--diff')
    assert result.returncode == 0, result.stdout + result.stderr
    for password in PASSWORDS:
        assert not shows(result.stdout + result.stderr, password)
