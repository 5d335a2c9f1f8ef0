# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The same keys for the same meaning in every module: the result of a create has the keys a repeat run returns,
the new object's id among them (under the key a repeat reports it by, with the same value), so a play can use the
id right after the task that made the object."""

import pytest

from module_runner import run_module

from scenarios import WRITE_SCENARIOS

NOISE = ('invocation', '_raw', 'warnings')
# fields the provider fills that a create neither sends nor reads back: module -> (keys, why)
NOT_READ_BACK = {
    'mailbox_account': (('active', 'additional_cloud_quota', 'additional_mail_quota', 'aliases', 'allow_nets',
                         'alternate_mail', 'birthday', 'cell_phone', 'city', 'company', 'department', 'fax', 'language',
                         'memo', 'phone', 'position', 'postal_code', 'require_reset_password',
                         'same_password_disallowed', 'street', 'title', 'uid_extern'),
                        'what mailbox.org stores for the options a task leaves out is not documented'),
    'mailbox_customer': (('address', 'contact', 'language', 'memo', 'payment_address', 'status', 'tariff_limits',
                          'ustid'), 'what mailbox.org stores for the options a task leaves out is not documented'),
    'subaccount': (('fields',), 'the provider-specific fields the API fills by its own rules'),
    'teamdrive_depot': (('status', 'used_storage', 'used_traffic'), 'what the Host Server reports of a depot in use'),
    'webiface_user': (('city', 'last_name', 'mobile', 'phone', 'postcode', 'street', 'street_number'),
                      'Easy-WI fills the address fields a create leaves out'),
}

# values the server sets between the two runs: module -> keys
SET_LATER = {'webiface_voiceserver': ('virtual_server_id',)}  # once Easy-WI's cron job made the server on its master


@pytest.mark.parametrize('scenario', WRITE_SCENARIOS, ids=repr)
def test_a_create_returns_the_keys_of_a_repeat(serve, scenario):
    running = scenario.start(serve)
    created = run_module(scenario.module, scenario.options(running, 'create'))
    assert created['changed'] is True and not created.get('failed'), created
    again = run_module(scenario.module, scenario.repeat_options(running, 'create'))
    assert again['changed'] is False, again
    assert sorted(key for key in created if key not in NOISE) == sorted(key for key in again if key not in NOISE)
    for key, value in again.items():
        if key in NOISE or not isinstance(value, dict):
            continue
        unread = set(NOT_READ_BACK.get(scenario.name, ((), ''))[0])
        assert sorted(set(value) - set(created[key])) == sorted(unread), '%s: %s' % (scenario.name, key)
        later = SET_LATER.get(scenario.name, ())
        assert dict((k, v) for k, v in created[key].items() if k not in later) == dict(
            (k, v) for k, v in value.items() if k not in unread and k not in later), scenario.name


@pytest.mark.parametrize('scenario', WRITE_SCENARIOS, ids=repr)
def test_a_result_says_what_the_task_did(serve, scenario):
    """action: the words the bulk modules list their objects by, predicted alike in check mode."""
    running = scenario.start(serve)
    steps = [('create', 'created'), ('create', 'none'), ('update', 'updated'), ('absent', 'deleted')]
    for which, done in steps:
        options = scenario.repeat_options(running, which) if done == 'none' else scenario.options(running, which)
        predicted = run_module(scenario.module, options, check=True)
        result = run_module(scenario.module, options)
        if 'created' in result:  # a bulk module lists its objects by what was done to each
            assert 'action' not in result and result.get(done, [None]) != [], (scenario.name, which, result)
            continue
        assert (predicted['action'], result['action']) == (done, done), (scenario.name, which)
        assert result['changed'] is (done != 'none')
