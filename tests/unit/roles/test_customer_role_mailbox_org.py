# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The hosting.provision.customer role's mailbox.org section with a reseller's customer account: the play's login is
the reseller's, the account is created first, its domains, mail accounts and team address with its own login, and
offboarding deletes them in reverse order; check mode and a second run of each change nothing."""

import json
import os

import pytest

from playbook_runner import ansible_playbook, environment, recap, write_calls, writes
from project_paths import ROOT

DEMO = os.path.join(ROOT, 'tests', 'demo')
ACCOUNT_PASSWORD = 'Acme-Account-Passw0rd'
SECRETS = (ACCOUNT_PASSWORD, 'Acme-Domain-Passw0rd', 'Acme-Ada-Passw0rd')
CUSTOMER = dict(name='ACME', mailbox_org=dict(
    customer=dict(account='acme', password=ACCOUNT_PASSWORD, plan='basic', company='ACME Ltd',
                  contact=dict(mail='jane@acme.example'), capabilities=dict(MAIL_OTP='on')),
    domains=[dict(domain='acme-team.example', password='Acme-Domain-Passw0rd')],
    accounts=[dict(mail='ada@acme-team.example', password='Acme-Ada-Passw0rd', plan='standard', first_name='Ada',
                   last_name='Acme')],
    groups=[dict(name='team', display_name='ACME team', members=['ada@acme-team.example', 'partner@example.org'])]))


@pytest.fixture
def play(serve, tmp_path):
    """play(customer, *args, **role_vars) runs the role, by default with the mailbox.org simulator's reseller
    login."""
    sim = serve('mailbox_org')

    def _play(customer, *args, login='demo-reseller', **role_vars):
        env = dict(environment(dict(mailbox_org=sim)), MAILBOX_ORG_USERNAME=login)
        role_vars.setdefault('customer_dns_record_tasks', os.path.join(DEMO, 'publish_txt.yml'))
        playbook = tmp_path / 'customer.yml'
        playbook.write_text(json.dumps([dict(
            name='Customer', hosts='localhost', gather_facts=False,
            roles=[dict(role='hosting.provision.customer', vars=dict(role_vars, customer=customer))])]))
        done = ansible_playbook(str(playbook), env, *args)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        assert not [secret for secret in SECRETS if secret in done.stdout + done.stderr]
        return done

    _play.sim = sim
    _play.running = dict(mailbox_org=sim)
    return _play


def mailbox_org_writes(play):
    return writes(play.running).get('mailbox_org', [])


def test_onboarding_creates_the_account_first_and_fills_it_with_its_own_login(play):
    check = play(CUSTOMER, '--check')
    assert write_calls(play.running) == {}
    assert 'cannot predict its domains, mail accounts and groups' in check.stdout

    play(CUSTOMER)
    state = play.sim.simulator.state()
    # (the ownership check refuses the first domain.add: the role publishes the record and adds it again; mail.add
    # does not take the active the role always sends, so a mail.set follows it)
    assert mailbox_org_writes(play) == ['account.add', 'account.capabilities.set', 'domain.add', 'mail.add',
                                        'mail.set', 'group.add']
    assert state['accounts']['acme']['reseller'] == 'demo-reseller'
    assert state['domains']['acme-team.example']['account'] == 'acme'
    assert state['mails']['ada@acme-team.example']['parent_uid'] == 'acme'
    group, = state['groups'].values()
    assert (group['account'], group['members']) == ('acme', ['ada@acme-team.example', 'partner@example.org'])

    play.sim.simulator.reset_stats()
    again = play(CUSTOMER)
    assert recap(again.stdout)['changed'] == 0 and write_calls(play.running) == {}
    check = play(CUSTOMER, '--check')
    assert recap(check.stdout)['changed'] == 0 and 'cannot predict its domains' not in check.stdout


def test_offboarding_deletes_in_reverse_order_then_changes_nothing(play):
    play(CUSTOMER)
    play.sim.simulator.reset_stats()
    check = play(CUSTOMER, '--check', customer_state='absent')
    assert recap(check.stdout)['changed'] == 4 and write_calls(play.running) == {}

    gone = play(CUSTOMER, customer_state='absent')
    assert recap(gone.stdout)['changed'] == 4
    assert mailbox_org_writes(play) == ['group.del', 'mail.del', 'domain.del', 'account.del']
    state = play.sim.simulator.state()
    assert 'acme' not in state['accounts'] and state['groups'] == {}

    play.sim.simulator.reset_stats()
    # the account's own login died with it: the second run looks the account up and leaves the rest alone
    again = play(CUSTOMER, customer_state='absent')
    assert recap(again.stdout)['changed'] == 0 and write_calls(play.running) == {}


def test_without_a_customer_account_the_play_login_manages_the_groups(play):
    customer = dict(name='Demo', mailbox_org=dict(groups=[dict(name='sales', members=['info@example.org'])]))
    play(customer, login='demo')
    assert mailbox_org_writes(play) == ['group.add']
    group, = play.sim.simulator.state()['groups'].values()
    assert group['account'] == 'demo'
    play(customer, customer_state='absent', login='demo')
    assert play.sim.simulator.state()['groups'] == {}
