# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ISPConfig client's fault handling against the simulator and odd replies."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_resources import (
    MailDomain, MailForwarding, MailUser)
from ansible_collections.hosting.provision.plugins.modules import ispconfig_client
from ansible_collections.hosting.provision.plugins.module_utils._transport import (
    ApiError, AuthenticationError, Transport, TransportError)


@pytest.fixture
def sim(serve):
    # raw protocol calls, some on purpose the kind the panel never makes (duplicates): no invariant check
    return serve('ispconfig', panel_invariants=False)


def client_for(running, password='demo-password'):
    transport = Transport(running.url, timeout=5, retries=1, backoff=0, sleep=lambda s: None)
    transport.add_secret(password)
    return ispconfig.IspconfigConnection(transport, 'demo', password)


def test_explain_fault_translates_validator_keys():
    assert ispconfig.explain_fault('email_error_unique<br />\r\nlogin_error_unique<br />\r\n') == (
        'email_error_unique (Duplicate Email address.); login_error_unique (Login is already taken.)')
    assert ispconfig.explain_fault('Duplicate username<br />') == 'Duplicate username'
    assert ispconfig.explain_fault('') == 'no message'


def test_expired_session_gets_one_relogin(sim):
    client = client_for(sim)
    assert client.find(MailDomain) == []
    first = client.session
    sim.simulator.control('expire_sessions', {})
    assert client.find(MailDomain) == []
    assert client.session != first
    assert sim.simulator.stats()['calls'] == ['login', 'mail_domain_get', 'mail_domain_get', 'login',
                                              'mail_domain_get']


def test_bad_credentials_are_an_authentication_error_without_the_password(sim):
    client = client_for(sim, password='Wrong-Passw0rd')
    with pytest.raises(AuthenticationError) as caught:
        client.find(MailDomain)
    assert 'Wrong-Passw0rd' not in caught.value.message
    assert caught.value.api_message == 'The login failed. Username or password wrong.'


def test_plain_text_disabled_api_and_html_pages(sim):
    client = client_for(sim)
    sim.simulator.add_fault(status=200, body='Remote API is disabled in security settings.',
                            content_type='text/html')
    with pytest.raises(ApiError, match='remote API is disabled'):
        client.login()
    sim.simulator.add_fault(status=404, body='<html><h1>Not Found</h1></html>')
    with pytest.raises(TransportError, match='Check api_url'):
        client.login()


def test_session_id_is_redacted_from_errors(sim):
    client = client_for(sim)
    client.login()
    sim.simulator.add_fault(status=200, content_type='application/json',
                            body='{"code":"remote_fault","message":"bad %s","response":false}' % client.session)
    with pytest.raises(ApiError) as caught:
        client.find(MailUser)
    assert client.session not in caught.value.message


def test_duplicates_are_reported_not_guessed(sim):
    client = client_for(sim)
    for dummy in range(2):
        client.add('mail_alias', 0, {'source': 'a@example.com', 'destination': 'b@example.com', 'type': 'alias',
                                     'active': 'y'})
    with pytest.raises(ApiError, match='2 mail_alias records match'):
        client.find_one(MailForwarding, source='a@example.com', type='alias')


def test_the_client_of_a_group_is_read_once_and_an_odd_row_is_quoted_without_its_hash(sim):
    assert run_module(ispconfig_client, dict(api_url=sim.url, api_username='demo', api_password='demo-password',
                                             username='acme', password='Client-Pass-123', contact_name='A',
                                             email='a@acme.example'))['changed']
    sim.simulator.reset_stats()
    client = client_for(sim)
    group = client.owner('acme')[1]
    assert client.group_client(group)['username'] == 'acme'
    assert client.group_client(group) is client.group_client(group)
    assert sim.simulator.stats()['calls'].count('client_get_by_groupid') == 1

    odd = '{"code":"ok","message":"","response":{"client_id":"0","username":"x","password":"$6$rounds=5000$secret"}}'
    sim.simulator.add_fault(status=200, content_type='application/json', body=odd)
    with pytest.raises(TransportError) as caught:
        client.group_client(group + 1)
    assert 'client_get_by_groupid' in caught.value.message and 'the client row of group' in caught.value.message
    assert '"password": string' in caught.value.message and '$6$' not in caught.value.message
