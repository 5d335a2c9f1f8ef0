# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The obvious task is idempotent: a task with a password and without update_password reports changed=0 on its
second run, for every API that has passwords, whether or not the API can compare a stored one (update_password
defaults to what each API can compare)."""

import pytest

from module_runner import run_module

from scenarios import WRITE_SCENARIOS

SECRETS = ('password', 'relay_password')
APIS_WITH_PASSWORDS = ['ispconfig', 'mailbox_org', 'subaccount', 'webiface']  # TeamDrive has no passwords


def sets_a_password(options):
    """Whether a module's options, or an item of a bulk module's list, set a password."""
    items = [item for value in options.values() if isinstance(value, list) for item in value if isinstance(item, dict)]
    return any(options.get(secret) for secret in SECRETS) or any(sets_a_password(item) for item in items)


WITH_PASSWORDS = [scenario for scenario in WRITE_SCENARIOS if sets_a_password(scenario.create)]


def test_every_api_with_passwords_is_covered():
    assert sorted(set(scenario.api for scenario in WITH_PASSWORDS)) == APIS_WITH_PASSWORDS


@pytest.mark.parametrize('scenario', WITH_PASSWORDS, ids=repr)
def test_a_task_with_a_password_and_no_update_password_is_idempotent(serve, scenario):
    sim = scenario.start(serve)
    assert run_module(scenario.module, scenario.options(sim, 'create'))['changed'] is True
    options = scenario.repeat_options(sim, 'create')  # what the server does by itself between runs has run
    assert 'update_password' not in options
    sim.simulator.reset_stats()
    again = run_module(scenario.module, options, diff=True)
    assert again['changed'] is False, again
    assert sim.simulator.stats()['writes'] == []
