# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The customer role's catch-all and spam filter of a mail domain through ansible-playbook against the ISPConfig
simulator: created with the domain, a second run changes nothing, --check after a policy change predicts exactly
that change and writes nothing, and offboarding deletes them (the spam filter with its lists) before the domain."""

import copy
import json

import pytest

from playbook_runner import ansible_playbook, environment, recap

CUSTOMER = dict(name='ACME mail', ispconfig=dict(
    client=dict(username='acme', password='Demo-Panel-Passw0rd', contact_name='Jane Doe', email='jane@acme.example'),
    mail_domains=[dict(domain='acme.example', catchall='jane@acme.example', spamfilter=dict(
        policy='Normal', whitelist=['news@partner.example'], blacklist=['@spam.example']))],
    mailboxes=[dict(email='jane@acme.example', password='Demo-Mailbox-Passw0rd', quota='1 GiB')]))


@pytest.fixture
def play(serve, tmp_path):
    running = serve('ispconfig')
    env = environment({'ispconfig': running})

    def _play(customer, *args, **role_vars):
        playbook = tmp_path / 'customer.yml'
        playbook.write_text(json.dumps([dict(
            name='Customer', hosts='localhost', gather_facts=False,
            roles=[dict(role='hosting.provision.customer', vars=dict(role_vars, customer=customer))])]))
        result = ansible_playbook(str(playbook), env, *args)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    _play.sim = running.simulator
    return _play


def tables(sim):
    return sim.state()['tables']


def test_catchall_and_spamfilter_created_then_unchanged(play):
    play(CUSTOMER)
    rows = tables(play.sim)
    group = [row['groupid'] for row in rows['sys_group'] if row['name'] == 'acme']
    assert [(row['source'], row['destination'], row['type'], row['sys_groupid']) for row in rows['mail_forwarding']] \
        == [('@acme.example', 'jane@acme.example', 'catchall', group[0])]
    assert [(row['email'], row['policy_id'], row['priority']) for row in rows['spamfilter_users']] == [
        ('@acme.example', '5', '5')]
    assert sorted((row['wb'], row['email']) for row in rows['spamfilter_wblist']) == [
        ('B', '@spam.example'), ('W', 'news@partner.example')]
    play.sim.reset_stats()
    assert recap(play(CUSTOMER).stdout)['changed'] == 0
    assert play.sim.stats()['writes'] == []


def test_check_mode_after_a_policy_change_predicts_it_and_writes_nothing(play):
    play(CUSTOMER)
    changed = copy.deepcopy(CUSTOMER)
    changed['ispconfig']['mail_domains'][0]['spamfilter']['policy'] = 'Uncensored'
    play.sim.reset_stats()
    check = play(changed, '--check')
    assert recap(check.stdout)['changed'] == 1 and play.sim.stats()['writes'] == []
    play(changed)
    assert play.sim.stats()['writes'] == ['mail_spamfilter_user_update']
    assert recap(play(changed).stdout)['changed'] == 0


def test_offboarding_deletes_them_before_the_domain(play):
    play(CUSTOMER)
    play.sim.reset_stats()
    play(CUSTOMER, customer_state='absent')
    writes = play.sim.stats()['writes']
    assert writes.index('mail_spamfilter_user_delete') < writes.index('mail_domain_delete')
    assert writes.index('mail_catchall_delete') < writes.index('mail_domain_delete')
    assert [writes.count(call) for call in ('mail_spamfilter_whitelist_delete', 'mail_spamfilter_blacklist_delete')] \
        == [1, 1]
    rows = tables(play.sim)
    assert rows['mail_forwarding'] == rows['spamfilter_users'] == rows['spamfilter_wblist'] == []
    assert recap(play(CUSTOMER, customer_state='absent').stdout)['changed'] == 0
