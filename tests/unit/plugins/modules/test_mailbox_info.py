# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""mailbox_domain_info and mailbox_account_info against the mailbox.org simulator."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (mailbox_account, mailbox_account_info,
                                                                   mailbox_domain, mailbox_domain_info)


@pytest.fixture
def sim(serve):
    running = serve('mailbox_org', domains=['b.example', 'a.example'])
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    for address in ('zoe@a.example', 'adam@a.example'):
        result = run_module(mailbox_account, dict(running.conn, mail=address, password='Mailbox-Pass-1',
                                                  plan='light', first_name='F', last_name='L'))
        assert result['changed'], result
    running.simulator.reset_stats()
    return running


def test_domain_info_lists_domains_as_the_module_returns_them(sim):
    result = run_module(mailbox_domain_info, dict(sim.conn))
    assert result['changed'] is False
    contexts = dict((name, d['context_id']) for name, d in sim.simulator.state()['domains'].items())
    assert result['domains'] == [
        dict(domain='a.example', memo='', context_id=contexts['a.example'], count_mails=2),
        dict(domain='b.example', memo='', context_id=contexts['b.example'], count_mails=0),
    ]
    same = run_module(mailbox_domain, dict(sim.conn, domain='a.example'))
    assert same['changed'] is False and same['domain'] == result['domains'][0]
    assert sim.simulator.stats()['writes'] == []


def test_domain_info_one_domain_and_a_missing_one(sim):
    result = run_module(mailbox_domain_info, dict(sim.conn, domain='B.Example'))
    assert [d['domain'] for d in result['domains']] == ['b.example']
    assert sim.simulator.stats()['calls'] == ['auth', 'domain.list', 'context.list', 'domain.get', 'deauth']
    assert run_module(mailbox_domain_info, dict(sim.conn, domain='c.example'))['domains'] == []


def test_account_info_lists_a_domain_sorted(sim):
    result = run_module(mailbox_account_info, dict(sim.conn, domain='a.example'))
    assert result['changed'] is False
    assert [m['mail'] for m in result['mail_accounts']] == ['adam@a.example', 'zoe@a.example']
    same = run_module(mailbox_account, dict(sim.conn, mail='adam@a.example'))
    assert same['mail_account'] == result['mail_accounts'][0]
    assert 'Mailbox-Pass-1' not in result['_raw']
    assert sim.simulator.stats()['writes'] == []


def test_account_info_one_address(sim):
    result = run_module(mailbox_account_info, dict(sim.conn, mail='Zoe@A.example'))
    assert [m['mail'] for m in result['mail_accounts']] == ['zoe@a.example']
    assert sim.simulator.stats()['calls'] == ['auth', 'mail.list', 'deauth']
    assert run_module(mailbox_account_info, dict(sim.conn, mail='nobody@a.example'))['mail_accounts'] == []


def test_info_needs_domain_or_mail_and_sends_nothing_without(sim):
    result = run_module(mailbox_account_info, dict(sim.conn))
    assert result['failed'] is True and 'one of the following is required: domain, mail' in result['msg']
    assert sim.simulator.stats()['requests'] == 0


def test_info_fault_is_a_clear_error(sim):
    sim.simulator.add_fault(kind='reset', call='domain.list', times=4)
    result = run_module(mailbox_domain_info, dict(sim.conn))
    assert result['failed'] is True
    assert result['msg'].startswith('domain.list to %s failed: the server closed the connection without answering' % sim.url)
    assert 'Traceback' not in result['_raw']


def test_domain_info_refuses_an_account_name_with_a_line_break_before_sending(sim):
    sim.simulator.reset_stats()
    result = run_module(mailbox_domain_info, dict(sim.conn, account='acme\r\nother'))
    assert result['failed'] is True
    assert result['msg'].startswith("account: 'acme\\r\\nother' holds a control character")
    assert sim.simulator.stats()['requests'] == 0
