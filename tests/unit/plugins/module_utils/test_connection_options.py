# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Connection options that an environment variable can supply are not `required` in the argument specs; a task
that has neither the option nor its variable fails in one sentence naming both, before any request. A plain
http:// api_url to another machine gets a warning."""

import importlib
import socket

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.module_utils._connection import clear_text_host

# one module per API client (every module of an API connects through the same client), with its required options
MODULES = {
    'ispconfig': ('ispconfig_mail_user_info', {}),
    'mailbox_org': ('mailbox_domain_info', {}),
    'teamdrive': ('teamdrive_depot_info', {'username': 'acme'}),
    'webiface': ('webiface_user_info', {}),
    'subaccount': ('subaccount_info', {}),
}
NEEDED = {
    'ispconfig': ['api_url', 'api_username', 'api_password'],
    'mailbox_org': ['api_username', 'api_password'],  # api_url defaults to the public API
    'teamdrive': ['api_url', 'api_salt'],
    'webiface': ['api_url', 'api_username', 'api_password'],
    'subaccount': ['api_url', 'api_username', 'api_password'],
}
VARIABLES = {'api_url': 'URL', 'api_username': 'USERNAME', 'api_password': 'PASSWORD', 'api_salt': 'SALT'}


def variable(api, option):
    return '%s_%s' % (api.upper(), VARIABLES[option])


@pytest.fixture
def no_connection_variables(monkeypatch):
    for api in NEEDED:
        for option in VARIABLES:
            monkeypatch.delenv(variable(api, option), raising=False)


def run(api, **connection):
    name, args = MODULES[api]
    module = importlib.import_module('ansible_collections.hosting.provision.plugins.modules.' + name)
    return run_module(module, dict(args, **connection))


@pytest.mark.parametrize('api', sorted(MODULES))
def test_missing_connection_options_are_named_with_their_variables(api, serve, no_connection_variables):
    running = serve(api)
    result = run(api)
    assert result['failed']
    named = ['%s (or the environment variable %s)' % (option, variable(api, option)) for option in NEEDED[api]]
    assert result['msg'] == 'Missing connection options %s and %s.' % (', '.join(named[:-1]), named[-1])
    assert running.simulator.stats()['requests'] == 0


@pytest.mark.parametrize('api', sorted(MODULES))
def test_one_missing_option_is_named_alone_and_an_empty_value_counts_as_missing(api, serve, no_connection_variables,
                                                                                monkeypatch):
    running = serve(api)
    *given, missing = NEEDED[api]
    for option in given:
        monkeypatch.setenv(variable(api, option), running.url if option == 'api_url' else 'demo')
    result = run(api, **{missing: ''})
    assert result['msg'] == 'Missing connection option %s (or the environment variable %s).' % (
        missing, variable(api, missing))
    assert running.simulator.stats()['requests'] == 0


# --- plain http:// to another machine: a warning that the login goes out in clear text ------------------------

REMOTE_HOST = 'api.example.test'  # resolved to the simulator on loopback by remote_host_is_the_simulator


def credentials(api):
    return dict(api_salt='demo-salt') if api == 'teamdrive' else dict(api_username='demo', api_password='demo-password')


@pytest.fixture
def remote_host_is_the_simulator(monkeypatch):
    """REMOTE_HOST resolves to 127.0.0.1, so a task can reach a simulator by a name that is not loopback."""
    resolve = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        return resolve('127.0.0.1' if host == REMOTE_HOST else host, *args, **kwargs)
    monkeypatch.setattr(socket, 'getaddrinfo', getaddrinfo)
    monkeypatch.setenv('NO_PROXY', REMOTE_HOST)


def clear_text_warnings(result):
    return [warning for warning in result['warnings'] if 'plain http://' in warning]


@pytest.mark.parametrize('api', sorted(MODULES))
def test_plain_http_to_another_host_warns_that_the_login_goes_out_in_clear_text(
        api, serve, remote_host_is_the_simulator):
    running = serve(api)
    result = run(api, api_url=running.url.replace('127.0.0.1', REMOTE_HOST), **credentials(api))
    assert not result.get('failed'), result
    assert clear_text_warnings(result) == [
        'api_url reaches %s over plain http://, so the credentials and every value the task sends (passwords '
        'included) cross the network unencrypted. Use https://.' % REMOTE_HOST]
    assert running.simulator.stats()['requests'] > 0


@pytest.mark.parametrize('api', sorted(MODULES))
@pytest.mark.parametrize('host', ['127.0.0.1', 'localhost'])
def test_plain_http_to_loopback_does_not_warn(api, host, serve):
    running = serve(api)
    result = run(api, api_url=running.url.replace('127.0.0.1', host), **credentials(api))
    assert not result.get('failed'), result
    assert clear_text_warnings(result) == []


@pytest.mark.parametrize('url, host', [
    ('http://127.0.0.1:8080/remote/json.php', None), ('http://127.3.2.1/', None), ('http://[::1]:8080/', None),
    ('http://localhost/', None), ('http://LocalHost.:80/', None), ('https://api.example.com/', None),
    ('http://api.example.com/remote/json.php', 'api.example.com'), ('http://192.0.2.10:8080/', '192.0.2.10'),
    ('http://[2001:db8::1]/', '2001:db8::1'), ('HTTP://user:secret@Api.Example.com/', 'api.example.com'),
])
def test_which_urls_send_in_clear_text_over_the_network(url, host):
    assert clear_text_host(url) == host
