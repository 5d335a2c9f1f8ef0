# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Connection options that an environment variable can supply are not `required` in the argument specs; a task
that has neither the option nor its variable fails in one sentence naming both, before any request."""

import importlib

import pytest

from module_runner import run_module

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
