# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a reseller sells on ISPConfig besides mailboxes and a site, through the customer role and ansible-playbook
against the simulator: a website with an FTP user, a subdomain and an alias domain, a mail domain with a catch-all
and a spam filter (policy, white- and blacklist). Created, then unchanged; --check after an FTP quota and a policy
change predicts exactly those two changes and writes nothing; the website is not deleted while it has them;
offboarding deletes them in reverse order, and a second offboarding changes nothing."""

import copy
import json

import pytest

from playbook_runner import ansible_playbook, environment, recap, write_calls, writes

CUSTOMER = dict(name='ACME reseller customer', ispconfig=dict(
    client=dict(username='acme', password='Demo-Panel-Passw0rd', contact_name='Jane Doe', email='jane@acme.example'),
    mail_domains=[dict(domain='acme.example', catchall='jane@acme.example', spamfilter=dict(
        policy='Normal', whitelist=['news@partner.example'], blacklist=['@spam.example']))],
    mailboxes=[dict(email='jane@acme.example', password='Demo-Mailbox-Passw0rd', quota='1 GiB')],
    websites=[dict(domain='acme.example', quota='10 GiB', php='php-fpm')],
    subdomains=[dict(website='acme.example', domain='shop.acme.example', vhost=True, web_folder='shop')],
    alias_domains=[dict(website='acme.example', domain='acme.shop', redirect_type='R=301,L',
                        redirect_path='https://acme.example/')],
    ftp_users=[dict(username='upload', website='acme.example', password='Demo-Ftp-Passw0rd', quota='1 GiB')]))
# the objects the customer has beside the client, the mailbox and the website
SOLD = ('ftp_user', 'spamfilter_users', 'spamfilter_wblist')


@pytest.fixture
def play(serve, tmp_path):
    running = {'ispconfig': serve('ispconfig')}
    env = environment(running)

    def _play(plays, *args):
        playbook = tmp_path / 'site.yml'
        playbook.write_text(json.dumps(plays))
        result = ansible_playbook(str(playbook), env, *args)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    def role(customer, *args, **role_vars):
        return _play([dict(name='Customer', hosts='localhost', gather_facts=False, roles=[dict(
            role='hosting.provision.customer', vars=dict(role_vars, customer=customer))])], *args)

    role.tasks = lambda tasks: _play([dict(name='Tasks', hosts='localhost', gather_facts=False, tasks=tasks)])
    role.running = running
    role.simulator = running['ispconfig'].simulator
    return role


def rows(play, table):
    return play.simulator.state()['tables'][table]


def test_a_reseller_customer_is_created_then_unchanged_and_check_mode_predicts_two_changes(play):
    assert recap(play(CUSTOMER).stdout)['failed'] == 0
    domains = dict((row['domain'], row['type']) for row in rows(play, 'web_domain'))
    assert domains == {'acme.example': 'vhost', 'shop.acme.example': 'vhostsubdomain', 'acme.shop': 'alias'}
    assert [row['username'] for row in rows(play, 'ftp_user')] == ['acmeupload']
    assert [(row['source'], row['type']) for row in rows(play, 'mail_forwarding')] == [('@acme.example', 'catchall')]
    assert [row['email'] for row in rows(play, 'spamfilter_users')] == ['@acme.example']
    assert sorted((row['wb'], row['email']) for row in rows(play, 'spamfilter_wblist')) == [
        ('B', '@spam.example'), ('W', 'news@partner.example')]

    play.simulator.reset_stats()
    assert recap(play(CUSTOMER).stdout)['changed'] == 0
    assert write_calls(play.running) == {}

    changed = copy.deepcopy(CUSTOMER)
    changed['ispconfig']['ftp_users'][0]['quota'] = '2 GiB'
    changed['ispconfig']['mail_domains'][0]['spamfilter']['policy'] = 'Uncensored'
    check = play(changed, '--check')
    assert recap(check.stdout)['changed'] == 2 and write_calls(play.running) == {}
    real = play(changed)
    assert recap(real.stdout)['changed'] == 2
    assert sorted(writes(play.running)['ispconfig']) == ['mail_spamfilter_user_update', 'sites_ftp_user_update']


def test_the_website_is_kept_while_it_has_them_and_offboarding_deletes_them_in_reverse_order(play):
    play(CUSTOMER)
    play.simulator.reset_stats()
    refused = play.tasks([{'name': 'Delete the website alone', 'ignore_errors': True, 'register': 'deleted',
                           'hosting.provision.ispconfig_web_domain': {'domain': 'acme.example', 'state': 'absent'}},
                          {'ansible.builtin.assert': {'that': ['deleted is failed']}}])
    assert 'still has' in refused.stdout and 'Delete them first' in refused.stdout
    assert write_calls(play.running) == {} and len(rows(play, 'web_domain')) == 3

    gone = play(CUSTOMER, customer_state='absent')
    assert recap(gone.stdout)['failed'] == 0
    order = writes(play.running)['ispconfig']
    for child, parent in (('sites_ftp_user_delete', 'sites_web_domain_delete'),
                          ('sites_web_vhost_subdomain_delete', 'sites_web_domain_delete'),
                          ('sites_web_aliasdomain_delete', 'sites_web_domain_delete'),
                          ('mail_catchall_delete', 'mail_domain_delete'),
                          ('mail_spamfilter_user_delete', 'mail_domain_delete'),
                          ('sites_web_domain_delete', 'client_delete')):
        assert order.index(child) < order.index(parent), (child, parent, order)
    assert all(rows(play, table) == [] for table in SOLD + ('web_domain', 'mail_forwarding', 'mail_domain', 'client'))

    play.simulator.reset_stats()
    assert recap(play(CUSTOMER, customer_state='absent').stdout)['changed'] == 0
    assert write_calls(play.running) == {}
