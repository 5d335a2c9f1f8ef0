# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_mail_alias (aliases and forwards) against the ISPConfig simulator."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (
    ispconfig_mail_alias, ispconfig_mail_domain, ispconfig_mail_user,
)


@pytest.fixture
def sim(ispconfig):
    """The simulator with the mail domain example.com (the panel makes aliases only in domains it hosts)."""
    assert run_module(ispconfig_mail_domain, dict(ispconfig.conn, domain='example.com'))['changed']
    ispconfig.simulator.reset_stats()
    return ispconfig


def rows(sim, **match):
    return [r for r in sim.simulator.state()['tables']['mail_forwarding']
            if all(r[k] == v for k, v in match.items())]


def test_alias_create_noop_duplicate_guard_delete(sim):
    options = dict(sim.conn, source='Info@Example.com', destination=['alice@example.com'])
    created = run_module(ispconfig_mail_alias, options, diff=True)
    assert created['changed'] is True
    assert len(rows(sim, source='info@example.com', type='alias', active='y')) == 1

    sim.simulator.reset_stats()
    again = run_module(ispconfig_mail_alias, options)
    assert again['changed'] is False
    assert sim.simulator.stats()['calls'] == ['login', 'mail_alias_get', 'logout']
    assert len(rows(sim, source='info@example.com')) == 1, 'the API accepts duplicates: the module must not'

    second = run_module(ispconfig_mail_alias, dict(options, destination=['bob@example.com']))
    assert second['changed'] is True
    assert len(rows(sim, source='info@example.com')) == 2

    off = run_module(ispconfig_mail_alias, dict(options, active=False), diff=True)
    assert off['changed'] is True and off['diff']['after']['active'] is False

    deleted = run_module(ispconfig_mail_alias, dict(options, state='absent'))
    assert deleted['changed'] is True
    assert [r['destination'] for r in rows(sim, source='info@example.com')] == ['bob@example.com']
    assert run_module(ispconfig_mail_alias, dict(options, state='absent'))['changed'] is False


def test_forward_converges_the_destination_list(sim):
    options = dict(sim.conn, type='forward', source='sales@example.com', destination=['a@x.example', 'b@y.example'])
    assert run_module(ispconfig_mail_alias, options)['changed'] is True
    assert run_module(ispconfig_mail_alias, options)['changed'] is False
    changed = run_module(ispconfig_mail_alias, dict(options, destination=['a@x.example']), diff=True)
    assert changed['changed'] is True
    assert changed['diff']['before']['destination'] == ['a@x.example', 'b@y.example']
    assert [r['destination'] for r in rows(sim, source='sales@example.com', type='forward')] == ['a@x.example']


def test_check_mode_predicts_and_writes_nothing(sim):
    options = dict(sim.conn, source='info@example.com', destination=['alice@example.com'])
    predicted = run_module(ispconfig_mail_alias, options, check=True, diff=True)
    assert sim.simulator.stats()['writes'] == [] and rows(sim) == []
    real = run_module(ispconfig_mail_alias, options, diff=True)
    # the id the panel gave it, which check mode cannot know
    assert real['mail_alias'].pop('forwarding_id') == real['diff']['after'].pop('forwarding_id') == 1
    assert (predicted['changed'], predicted['diff']) == (real['changed'], real['diff'])


def test_bad_input_fails_before_any_request(ispconfig):
    result = run_module(ispconfig_mail_alias, dict(ispconfig.conn, source='info@example.com',
                                                   destination=['a@example.com', 'b@example.com']))
    assert result['failed'] is True and 'exactly one destination' in result['msg']
    result = run_module(ispconfig_mail_alias, dict(ispconfig.conn, source='info', destination=['a@example.com']))
    assert result['failed'] is True and 'is not an e-mail address' in result['msg']
    assert ispconfig.simulator.stats()['requests'] == 0


def test_alias_over_a_mailbox_is_the_panels_clear_error(sim):
    conn = sim.conn
    run_module(ispconfig_mail_user, dict(conn, email='info@example.com', quota='1G', password='Str0ng-Pass-word'))
    result = run_module(ispconfig_mail_alias, dict(conn, source='info@example.com', destination=['a@example.com']))
    assert result['failed'] is True
    assert result['msg'] == 'mail_alias_add failed (remote_fault): There is already a mailbox with this email address.'


def test_expired_session_and_fault(sim):
    options = dict(sim.conn, source='info@example.com', destination=['alice@example.com'])
    run_module(ispconfig_mail_alias, options)
    sim.simulator.clock.advance(1801)
    assert run_module(ispconfig_mail_alias, options)['changed'] is False
    sim.simulator.add_fault(status=500, body='', call='mail_alias_update')
    failed = run_module(ispconfig_mail_alias, dict(options, active=False))
    assert failed['failed'] is True and failed['status'] == 500


def test_alias_and_forward_get_the_panels_defaults(sim):
    sim.simulator.control('add_server', {'server_name': 'mx2.example.com', 'mail_server': 1})
    run_module(ispconfig_mail_domain, dict(sim.conn, domain='example.org', server_id=2))
    run_module(ispconfig_mail_alias, dict(sim.conn, source='info@example.org', destination=['alice@example.org']))
    run_module(ispconfig_mail_alias, dict(sim.conn, type='forward', source='sales@example.org',
                                          destination=['a@x.example']))
    alias, forward = rows(sim, type='alias')[0], rows(sim, type='forward')[0]
    # the alias form ticks "send as" for the mailbox; the forward form does not; both sit on the domain's server
    assert (alias['allow_send_as'], alias['greylisting'], alias['active'], alias['server_id']) == ('y', 'n', 'y', '2')
    assert (forward['allow_send_as'], forward['greylisting'], forward['active'], forward['server_id']) == \
        ('n', 'n', 'y', '2')


@pytest.mark.parametrize('alias_type', ['alias', 'forward'])
def test_source_in_a_domain_the_panel_does_not_host_fails_with_nothing_written(sim, alias_type):
    options = dict(sim.conn, type=alias_type, source='info@unhosted.example', destination=['alice@example.com'])
    result = run_module(ispconfig_mail_alias, options)
    assert result['failed'] is True
    assert result['msg'] == ('Cannot create mail %s info@unhosted.example%s: the mail domain unhosted.example does not '
                             'exist in ISPConfig; create it first (hosting.provision.ispconfig_mail_domain).' % (
                                 alias_type, ' -> alice@example.com' if alias_type == 'alias' else ''))
    assert sim.simulator.stats()['writes'] == [] and rows(sim) == []
    predicted = run_module(ispconfig_mail_alias, options, check=True)
    assert predicted['changed'] is True
    assert any('unhosted.example does not exist' in w and 'A real run fails' in w for w in predicted['warnings'])
    assert sim.simulator.stats()['writes'] == []
    # an existing alias is kept, changed or deleted whatever its domain: only a create needs the domain
    assert run_module(ispconfig_mail_alias, dict(options, state='absent'))['changed'] is False


def test_a_forward_gets_the_owner_of_its_domain_and_no_other_client(sim):
    """The panel's forward form gives a new forward the group of its mail domain; naming another client is
    refused before anything is written."""
    from ansible_collections.hosting.provision.plugins.modules import ispconfig_client
    for name in ('acme', 'other'):
        assert run_module(ispconfig_client, dict(sim.conn, username=name, password='Client-Pass-123',
                                                 contact_name='A', email='a@%s.example' % name))['changed']
    assert run_module(ispconfig_mail_domain, dict(sim.conn, domain='example.com', client='acme'))['changed']
    domain_group = [row for row in sim.simulator.state()['tables']['mail_domain']
                    if row['domain'] == 'example.com'][0]['sys_groupid']
    options = dict(sim.conn, source='sales@example.com', destination=['a@elsewhere.example'], type='forward')

    sim.simulator.reset_stats()
    refused = run_module(ispconfig_mail_alias, dict(options, client='other'))
    assert refused['failed'] is True
    assert 'belongs to the client of group %s' % domain_group in refused['msg']
    assert sim.simulator.stats()['writes'] == []

    assert run_module(ispconfig_mail_alias, options)['changed'] is True
    assert [row['sys_groupid'] for row in rows(sim, source='sales@example.com')] == [domain_group]
    assert run_module(ispconfig_mail_alias, dict(options, client='acme'))['changed'] is False
