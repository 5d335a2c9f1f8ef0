# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The action plugin of every module (plugins/plugin_utils/in_process.py): when a task runs in-process and when
as a module, and what it keeps of the controller's environment. tests/unit/reliability/test_both_paths_agree.py
runs every module through both paths."""

import json
import os
import re
import subprocess
import sys
from unittest import mock

import pytest

from playbook_runner import environment
from project_paths import ROOT

from ansible_collections.hosting.provision.plugins.plugin_utils import in_process

IN_PROCESS = re.compile(r'^<[^>]+> hosting\.provision\.(\w+) runs in-process on the controller$', re.M)
AS_MODULE = re.compile(r'^<[^>]+> hosting\.provision\.(\w+) runs as a module: (.*)$', re.M)


def test_a_task_delegated_to_another_host_runs_as_a_module(serve, tmp_path):
    """A host reached over ssh (here an ssh that runs the command on this machine) gets the module; the same task
    delegated to localhost runs in-process."""
    ssh = tmp_path / 'ssh'
    ssh.write_text('#!/bin/sh\n# the last argument is the remote command\n'
                   'for last; do :; done\nexec /bin/sh -c "$last"\n')
    ssh.chmod(0o755)
    inventory = tmp_path / 'hosts.json'
    inventory.write_text(json.dumps({'all': {'hosts': {'remote': dict(
        ansible_connection='ssh', ansible_ssh_executable=str(ssh), ansible_python_interpreter=sys.executable,
        ansible_ssh_pipelining=True)}}}))
    sim = serve('ispconfig')
    task = {'hosting.provision.ispconfig_mail_user_info': dict(
        api_url=sim.url, api_username='demo', api_password='demo-password', domain='example.com')}
    playbook = tmp_path / 'site.yml'
    playbook.write_text(json.dumps([{'hosts': 'localhost', 'gather_facts': False, 'tasks': [
        dict(task, name='on remote', delegate_to='remote', register='remote'),
        dict(task, name='on the controller', register='controller'),
        {'name': 'same results', 'ansible.builtin.assert': {'that': [
            'remote.mail_users == controller.mail_users', 'not remote.changed and not controller.changed']}},
    ]}]))
    run = subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), str(playbook), '-vvv',
                          '-i', str(inventory)], env=environment({}), capture_output=True, text=True, timeout=300,
                         check=False, cwd=str(tmp_path))
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-3000:]
    assert AS_MODULE.findall(run.stdout) == [
        ('ispconfig_mail_user_info', 'the task runs over the ssh connection, not on the controller')]
    assert IN_PROCESS.findall(run.stdout) == ['ispconfig_mail_user_info']
    assert sim.simulator.stats()['calls'] == ['login', 'mail_user_get', 'logout'] * 2


# --- when a task runs as a module --------------------------------------------------------------------------

def action(switch=None, transport='local', become=False, async_val=0):
    """The action plugin of a task, with the connection, become, async and the switch given."""
    task = mock.Mock(async_val=async_val)
    plugin = in_process.InProcessAction(task=task, connection=mock.Mock(transport=transport),
                                        play_context=mock.Mock(become=become), loader=None,
                                        templar=mock.Mock(template=lambda value: value), shared_loader_obj=None)
    return plugin._module_reason({} if switch is None else {in_process.SWITCH: switch})


def test_a_task_on_the_controller_runs_in_process():
    assert action() is None
    assert action(switch='yes') is None


@pytest.mark.parametrize('options, reason', [
    (dict(switch=False), 'hosting_provision_in_process is false'),
    (dict(switch='no'), 'hosting_provision_in_process is false'),
    (dict(transport='ssh'), 'the task runs over the ssh connection, not on the controller'),
    (dict(become=True), 'the task uses become'),
    (dict(async_val=30), 'the task is async'),
])
def test_a_task_runs_as_a_module(options, reason):
    assert action(**options) == reason


def test_a_controller_without_the_requirements_runs_the_module(monkeypatch):
    monkeypatch.setattr(in_process, 'REQUIREMENTS', ('requests', 'no_such_library_here'))
    assert action() == "the controller's Python lacks no_such_library_here"


def test_a_switch_that_is_no_boolean_fails_the_task():
    with pytest.raises(Exception, match='hosting_provision_in_process must be true or false'):
        action(switch='sometimes')


def test_the_requirements_are_the_collections():
    with open(os.path.join(ROOT, 'requirements.txt')) as handle:
        names = [re.split(r'[<>=!~ ]', line.strip())[0] for line in handle if line.strip() and not line.startswith('#')]
    assert sorted(in_process.REQUIREMENTS) == sorted(names)


def test_the_environment_is_the_tasks_only_while_it_runs(monkeypatch):
    monkeypatch.setenv('HP_KEPT', 'before')
    monkeypatch.delenv('HP_ADDED', raising=False)
    with in_process.environment(dict(HP_KEPT='during', HP_ADDED=8080)):
        assert (os.environ['HP_KEPT'], os.environ['HP_ADDED']) == ('during', '8080')
    assert os.environ['HP_KEPT'] == 'before' and 'HP_ADDED' not in os.environ
