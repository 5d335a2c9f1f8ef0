# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""customer_state=suspended of the customer role through ansible-playbook against all five simulators: --check
predicts the suspension and writes nothing, the suspension switches off what serves and deletes nothing, a second
suspended run changes nothing, the resume is predicted and applied exactly, and what the description declares
inactive stays inactive; what an API cannot suspend reversibly is left as it is, with one warning per kind."""

import copy
import json

import pytest

import test_customer_role
from playbook_runner import recap, shows, write_calls, writes
from test_customer_role import CUSTOMER, PASSWORDS, summary
from test_customer_role_web import changed_tasks, task_blocks

# the warning of each kind the sample customer has that suspension leaves as it is (roles/customer/vars/main.yml)
LEFT_AS_THEY_ARE = ('The mailbox.org domains stay as they are', 'The TeamDrive depot stays active',
                    'The Easy-WI game servers are deactivated, not stopped',
                    'The Easy-WI MySQL databases stay as described')


# the role once per call against all five simulators, as test_customer_role.py runs it
play = test_customer_role.play


@pytest.fixture
def converge(play):
    """converge(customer, *args, **role_vars): play() that fails the test when the run fails."""
    def _converge(customer, *args, **role_vars):
        result = play(customer, *args, **role_vars)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    _converge.running = play.running
    return _converge


def switches(running):
    """What serves the customer, object by object, as each simulator stores it."""
    ispconfig = running['ispconfig'].simulator.state()['tables']
    easywi = running['webiface'].simulator.state()
    found = dict(
        client=[(row['username'], row['canceled'], row['locked']) for row in ispconfig['client']],
        panel_login=[(row['username'], row['active']) for row in ispconfig['sys_user'] if row['username'] != 'admin'],
        mailboxes=sorted((row['email'], row['postfix'], row['disablesmtp'], row['disableimap'], row['disablepop3'])
                         for row in ispconfig['mail_user']),
        dns_zones=[(row['origin'], row['active']) for row in ispconfig['dns_soa']],
        mailbox_org=dict((mail, account['active']) for mail, account in
                         running['mailbox_org'].simulator.state()['mails'].items()),
        easywi_user=[(row['cname'], row['active']) for row in easywi['userdata']],
        game_servers=sorted((row['externalID'], row['active']) for row in easywi['gsswitch']),
        easywi_databases=[(row['externalID'], row['active']) for row in easywi['mysql_external_dbs']],
        subaccount=[(row['strLogin'], row['intStatus']) for row in
                    running['subaccount'].simulator.state()['models']['Subaccount']],
        depot=[(depot['owner'], depot['active']) for depot in running['teamdrive'].simulator.state()['depots'].values()],
    )
    for table, name in (('web_domain', 'domain'), ('mail_domain', 'domain'), ('mail_forwarding', 'source'),
                        ('web_database', 'database_name'), ('shell_user', 'username'), ('ftp_user', 'username'),
                        ('cron', 'command')):
        found[table] = sorted((row[name], row['active']) for row in ispconfig[table])
    return found


def reset_stats(converge):
    for served in converge.running.values():
        served.simulator.reset_stats()


def warnings_of(result):
    return [line for line in (result.stdout + result.stderr).splitlines() if '[WARNING]' in line]


def test_suspend_and_resume_the_sample_customer(converge):
    """The sample customer through suspension and resume: --check predicts each, task by task, and writes
    nothing; the suspension switches off and deletes nothing, and both end in runs that change nothing."""
    converge(CUSTOMER)
    easywi = converge.running['webiface'].simulator
    easywi.run_jobs()
    onboarded = switches(converge.running)
    reset_stats(converge)

    check = converge(CUSTOMER, '--check', '--diff', customer_state='suspended')
    assert write_calls(converge.running) == {}
    suspended = converge(CUSTOMER, '--diff', customer_state='suspended')
    expected = {'ispconfig': '12 updated, 2 unchanged', 'mailbox_org': '1 updated, 1 unchanged',
                'teamdrive': '1 unchanged', 'webiface': '3 updated, 1 unchanged', 'subaccount': '1 updated'}
    assert summary(check.stdout) == summary(suspended.stdout) == expected
    assert recap(check.stdout)['changed'] == recap(suspended.stdout)['changed'] == 14
    assert changed_tasks(check.stdout) == changed_tasks(suspended.stdout)
    predicted, done = task_blocks(check.stdout), task_blocks(suspended.stdout)
    assert all(predicted[name] == done[name] for name in changed_tasks(suspended.stdout) if 'Easy-WI' not in name)
    assert not any(shows(check.stdout + suspended.stdout + suspended.stderr, password) for password in PASSWORDS)
    # never a delete, never the set_status calls whose change no server applies; the depot is left alone
    assert writes(converge.running) == {
        'ispconfig': ['client_update', 'mail_domain_update', 'mail_user_update', 'mail_user_update',
                      'mail_alias_update', 'mail_forward_update', 'sites_web_domain_update', 'sites_database_update',
                      'sites_shell_user_update', 'sites_cron_update', 'sites_cron_update', 'dns_zone_update'],
        'mailbox_org': ['mail.set'], 'webiface': ['user.mod', 'gserver.mod', 'gserver.mod'],
        'subaccount': ['Subaccount.update']}
    for kind in LEFT_AS_THEY_ARE:
        assert [shows(line, kind) for line in warnings_of(check)].count(True) == 1, kind
        assert [shows(line, kind) for line in warnings_of(suspended)].count(True) == 1, kind

    # Easy-WI switches its user off when its cron job runs; after it, a second run changes nothing
    easywi.run_jobs()
    off = switches(converge.running)
    assert off == dict(
        onboarded, client=[('acme', 'y', 'n')], panel_login=[('acme', '0')],
        mailboxes=[('jane@acme.example', 'n', 'y', 'n', 'n'), ('john@acme.example', 'n', 'y', 'n', 'n')],
        dns_zones=[('acme.example.', 'N')], mailbox_org={'ada@acme-team.example': False},
        easywi_user=[('admin', 'Y'), ('acme', 'N')], game_servers=[('order:acme_cs', 'N'), ('order:acme_mc', 'N')],
        subaccount=[('aaa', '1'), ('bbb', '1'), ('acme-deploy', '0')], web_domain=[('acme.example', 'n')],
        mail_domain=[('acme.example', 'n')], mail_forwarding=[('info@acme.example', 'n'), ('sales@acme.example', 'n')],
        web_database=[('c1wp', 'n')], shell_user=[('acmedeploy', 'n')],
        cron=[('https://acme.example/wp-cron.php', 'n'), ('php /var/www/acme.example/web/cleanup.php', 'n')])
    reset_stats(converge)
    again = converge(CUSTOMER, customer_state='suspended')
    assert recap(again.stdout)['changed'] == 0 and write_calls(converge.running) == {}

    check = converge(CUSTOMER, '--check', '--diff', '-v')
    assert write_calls(converge.running) == {}
    resumed = converge(CUSTOMER, '--diff', '-v')
    assert summary(check.stdout) == summary(resumed.stdout) == expected
    assert changed_tasks(check.stdout) == changed_tasks(resumed.stdout)
    predicted, done = task_blocks(check.stdout), task_blocks(resumed.stdout)
    assert all(predicted[name] == done[name] for name in changed_tasks(resumed.stdout) if 'Easy-WI' not in name)
    # the client's update switches on everything it owns and switches back off what was off before it (its
    # result "restored"); the objects' own tasks then switch them on
    client = json.loads(done['ISPConfig client acme'].split('changed: [localhost] => ', 1)[1].split('\n\n', 1)[0])
    assert 'website acme.example' in client['restored'] and len(client['restored']) == 10
    assert not warnings_of(resumed)
    easywi.run_jobs()
    reset_stats(converge)
    settled = converge(CUSTOMER)
    assert recap(settled.stdout)['changed'] == 0 and write_calls(converge.running) == {}
    assert switches(converge.running) == onboarded


def test_what_the_description_switches_off_stays_off_through_suspend_and_resume(converge):
    """A website, a cron job, an FTP user, a forward and a mailbox's SMTP declared off: the suspension switches
    off the rest, and the resume gives back exactly the onboarded state."""
    customer = dict(name='Part-time', ispconfig=copy.deepcopy(CUSTOMER['ispconfig']))
    ispconfig = customer['ispconfig']
    ispconfig['websites'][0]['active'] = False
    ispconfig['cron_jobs'][1]['active'] = False
    ispconfig['forwards'][0]['active'] = False
    ispconfig['mailboxes'][1]['smtp'] = False
    ispconfig['ftp_users'] = [dict(username='upload', website='acme.example', password='Demo-Ftp-Passw0rd',
                                   active=False)]
    converge(customer)
    onboarded = switches(converge.running)
    assert onboarded['web_domain'] == [('acme.example', 'n')] and onboarded['ftp_user'] == [('acmeupload', 'n')]
    assert ('john@acme.example', 'y', 'y', 'n', 'n') in onboarded['mailboxes']

    converge(customer, customer_state='suspended')
    off = switches(converge.running)
    assert all(active == 'n' for table in ('web_domain', 'mail_domain', 'mail_forwarding', 'web_database',
                                           'shell_user', 'ftp_user', 'cron') for _name, active in off[table])
    reset_stats(converge)
    check = converge(customer, '--check')
    assert write_calls(converge.running) == {}
    resumed = converge(customer)
    assert recap(check.stdout)['changed'] == recap(resumed.stdout)['changed']
    assert switches(converge.running) == onboarded
    assert recap(converge(customer).stdout)['changed'] == 0


def test_game_servers_are_stopped_only_on_request(converge):
    """customer_stop_game_servers: the run that deactivates the servers holds the stop back (Easy-WI's cron job
    would drop it beside the modify job); after the cron job every suspended run queues it again."""
    customer = dict(name='Gamer', webiface=copy.deepcopy(CUSTOMER['webiface']))
    customer['webiface']['game_servers'][1]['state'] = 'restarted'  # no restart while suspended
    easywi = converge.running['webiface'].simulator
    converge(customer)
    easywi.run_jobs()
    easywi.reset_stats()

    first = converge(customer, customer_state='suspended', customer_stop_game_servers=True)
    assert 'gserver.gs' not in easywi.stats()['writes']
    assert shows(first.stdout + first.stderr, 'is not queued: this task queues a modify job')
    assert not any(shows(line, 'The Easy-WI game servers are deactivated') for line in warnings_of(first))
    easywi.run_jobs()
    easywi.reset_stats()
    second = converge(customer, customer_state='suspended', customer_stop_game_servers=True)
    assert recap(second.stdout)['changed'] == 1 and easywi.stats()['writes'] == ['gserver.gs', 'gserver.gs']
    easywi.run_jobs()
    assert [(row['active'], row['stopped']) for row in easywi.state()['gsswitch']] == [('N', 'Y'), ('N', 'Y')]


def test_an_unknown_state_fails_before_anything_is_sent(play):
    result = play(CUSTOMER, customer_state='paused')
    assert result.returncode != 0
    assert 'value of customer_state must be one of: present, absent, suspended, got: paused' in result.stdout
    assert all(served.simulator.stats()['requests'] == 0 for served in play.running.values())


def test_no_secret_in_verbose_output_of_a_suspension(converge):
    converge(CUSTOMER)
    result = converge(CUSTOMER, '-vvv', '--diff', customer_state='suspended')
    assert recap(result.stdout)['changed'] == 14
    assert not any(shows(result.stdout + result.stderr, password) for password in PASSWORDS)
