# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ansible-playbook against the simulators, as the demo runs it: the modules' environment variables point at
simulators served by the `serve` fixture, with their demo credentials."""

import os
import re
import subprocess
import sys

from project_paths import COLLECTIONS_ROOT

CREDENTIALS = {
    'ispconfig': dict(ISPCONFIG_USERNAME='demo', ISPCONFIG_PASSWORD='demo-password'),
    'mailbox_org': dict(MAILBOX_ORG_USERNAME='demo', MAILBOX_ORG_PASSWORD='demo-password'),
    'teamdrive': dict(TEAMDRIVE_SALT='demo-salt'),
    'webiface': dict(WEBIFACE_USERNAME='demo', WEBIFACE_PASSWORD='demo-password'),
    'subaccount': dict(SUBACCOUNT_USERNAME='demo', SUBACCOUNT_PASSWORD='demo-password'),
}


def serve_all(serve):
    """Start every simulator; -> ({api: Running}, environment for ansible-playbook)."""
    running = {api: serve(api) for api in CREDENTIALS}
    return running, environment(running)


def environment(running):
    """The environment for ansible-playbook: the modules' variables pointing at the given {api: Running}."""
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_ROOT, ANSIBLE_NOCOLOR='1',
               ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
               ANSIBLE_STDOUT_CALLBACK='default')
    for api, served in running.items():
        env['%s_URL' % api.upper()] = served.url
        env.update(CREDENTIALS[api])
    return env


def ansible_playbook(playbook, env, *args):
    command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), playbook] + list(args)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)


def shows(output, text):
    """True when `output` holds `text`, however Ansible wrapped it: ansible-core before 2.17 wraps warnings at 80
    columns, at spaces and after hyphens, so white space is left out of the comparison."""
    return unwrapped(text) in unwrapped(output)


def unwrapped(text):
    """`text` without white space, for comparisons that wrapping cannot break."""
    return ''.join(text.split())


def recap(output):
    match = re.search(r'localhost\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)\s+skipped=(\d+)',
                      output)
    assert match, output
    return dict(zip(('ok', 'changed', 'failed', 'skipped'), map(int, match.groups())))


def writes(running):
    """{api: [write, ...]} of every simulator that saw a write."""
    return {api: served.simulator.stats()['writes'] for api, served in running.items()
            if served.simulator.stats()['writes']}


def write_calls(running):
    """{api: [call, ...]} of every simulator that was sent a write, whether it took it or not (check mode)."""
    return {api: served.simulator.write_calls for api, served in running.items() if served.simulator.write_calls}
