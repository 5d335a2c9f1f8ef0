# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The modules' EXAMPLES are playbook tasks a user can copy: all of them pass `ansible-playbook --syntax-check`
with only this collection installed (a module of another collection is shown as a comment), and the umbrella
action group the README names reaches every module."""

import ast
import glob
import os
import subprocess
import sys

import pytest
import yaml

from project_paths import COLLECTIONS_ROOT, ROOT, module_names

BIN = os.path.dirname(sys.executable)
MODULES = sorted(glob.glob(os.path.join(ROOT, 'plugins', 'modules', '*.py')))


def examples(path):
    with open(path) as source:
        for node in ast.parse(source.read()).body:
            if isinstance(node, ast.Assign) and [target.id for target in node.targets] == ['EXAMPLES']:
                return node.value.value
    raise AssertionError('%s has no EXAMPLES' % path)


def indented(text, spaces):
    return ''.join(' ' * spaces + line if line.strip() else line for line in text.splitlines(True))


def only_this_collection(**extra):
    """An environment in which Ansible finds this collection and no other (not even one bundled with Python)."""
    return dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_ROOT, ANSIBLE_COLLECTIONS_SCAN_SYS_PATH='false',
                ANSIBLE_NOCOLOR='1', ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
                **extra)


def ansible_playbook(playbook, *args, **env):
    return subprocess.run([os.path.join(BIN, 'ansible-playbook'), str(playbook)] + list(args),
                          env=only_this_collection(**env), capture_output=True, text=True, timeout=300, check=False)


def test_every_module_has_task_examples_that_name_modules_by_fqcn():
    for path in MODULES:
        tasks = yaml.safe_load(examples(path))
        assert isinstance(tasks, list) and tasks, '%s: EXAMPLES is no list of tasks' % path
        name = 'hosting.provision.' + os.path.basename(path)[:-3]
        assert name in examples(path), '%s: no example uses %s' % (path, name)


def test_every_example_passes_syntax_check(tmp_path):
    # one play per module, named after it, so an error message says whose example it is
    plays = ''.join('- name: EXAMPLES of %s\n  hosts: localhost\n  gather_facts: false\n  tasks:\n%s\n' % (
        os.path.basename(path)[:-3], indented(examples(path).strip('\n'), 4)) for path in MODULES)
    playbook = tmp_path / 'examples.yml'
    playbook.write_text(plays)
    assert len(yaml.safe_load(plays)) == len(MODULES)
    result = ansible_playbook(playbook, '--syntax-check')
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def ispconfig_without_url(serve, monkeypatch):
    running = serve('ispconfig')
    monkeypatch.delenv('ISPCONFIG_URL', raising=False)
    return running


def test_umbrella_group_sets_an_option_of_every_module(ispconfig_without_url, tmp_path):
    """module_defaults for group/hosting.provision.all reaches the modules (here: the URL of an ISPConfig task)."""
    playbook = tmp_path / 'all.yml'
    playbook.write_text(yaml.safe_dump([dict(
        name='Umbrella group', hosts='localhost', gather_facts=False,
        module_defaults={'group/hosting.provision.all': dict(api_url=ispconfig_without_url.url)},
        tasks=[{'name': 'List mailboxes', 'hosting.provision.ispconfig_mail_user_info': {}}])]))
    result = ansible_playbook(playbook, ISPCONFIG_USERNAME='demo', ISPCONFIG_PASSWORD='demo-password')
    assert result.returncode == 0, result.stdout + result.stderr
    assert ispconfig_without_url.simulator.stats()['requests'] > 0
    with open(os.path.join(ROOT, 'meta', 'runtime.yml')) as runtime:
        groups = yaml.safe_load(runtime)['action_groups']
    extended = groups['all'][0]['metadata']['extend_group']
    assert sorted(extended) == sorted('hosting.provision.' + group for group in groups if group != 'all')
    grouped = {module for group, members in groups.items() if group != 'all' for module in members}
    # (the customer role's warning takes no connection: it is in no group)
    assert grouped == set(module_names()), 'a module outside every action group'
