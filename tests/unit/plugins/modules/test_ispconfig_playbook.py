# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The README's example playbook (tests/demo/site.yml, the sample customer across all five APIs through the
hosting.provision.customer role) through ansible-playbook against the simulators, as tests/demo/run.sh runs it."""

import os

from playbook_runner import ansible_playbook, recap, serve_all, shows, write_calls
from project_paths import ROOT

PLAYBOOK = os.path.join(ROOT, 'tests', 'demo', 'site.yml')


def test_second_run_reports_changed_0(serve):
    running, env = serve_all(serve)
    check = ansible_playbook(PLAYBOOK, env, '--check', '--diff')
    assert check.returncode == 0, check.stdout + check.stderr
    assert write_calls(running) == {}
    first = ansible_playbook(PLAYBOOK, env, '--diff')
    assert first.returncode == 0, first.stdout + first.stderr
    assert recap(first.stdout)['changed'] == 19  # web hosting 5; DNS: the zone, then its records; game servers; a database
    assert not shows(first.stdout + first.stderr, 'Passw0rd') and '$6$' not in first.stdout
    second = ansible_playbook(PLAYBOOK, env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert recap(second.stdout)['changed'] == 0


def test_wrong_api_password_is_one_clear_sentence(serve):
    running, env = serve_all(serve)
    env['ISPCONFIG_PASSWORD'] = 'Not-The-Password'
    result = ansible_playbook(PLAYBOOK, env)
    assert result.returncode != 0
    assert 'failed: The login failed. Username or password wrong. Check api_username and api_password' in \
        result.stdout
    assert 'Traceback' not in result.stdout + result.stderr
    assert not shows(result.stdout + result.stderr, 'Not-The-Password')
    assert write_calls(running) == {}
