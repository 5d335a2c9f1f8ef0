# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The collection as users get it: `ansible-galaxy collection build` makes a tarball without test or cache junk,
it installs, and a module runs from the installed copy against a simulator."""

import glob
import json
import os
import subprocess
import sys
import tarfile

from project_paths import ROOT

BIN = os.path.dirname(sys.executable)
JUNK = ('.tmp/', '.venv/', 'venv/', '.pytest_cache/', '.hypothesis/', '.git/', '.ci/', '__pycache__', '.pyc')


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_built_tarball_installs_and_its_modules_run(serve, tmp_path):
    run([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'build', '--output-path', str(tmp_path), ROOT])
    tarball, = glob.glob(str(tmp_path / 'hosting-provision-*.tar.gz'))
    with tarfile.open(tarball) as packed:
        names = packed.getnames()
    assert not [name for name in names if any(junk in name + '/' for junk in JUNK)]
    assert 'roles/customer/meta/argument_specs.yml' in names and 'meta/runtime.yml' in names
    assert 'LICENSES/GPL-3.0-or-later.txt' in names, 'the tarball lacks the licence text'

    installed = tmp_path / 'collections'
    # only the temporary tree, so a copy installed elsewhere (ansible-lint puts one in ~/.ansible) cannot answer
    only_installed = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(installed))
    run([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'install', tarball, '-p', str(installed)],
        env=only_installed)
    assert (installed / 'ansible_collections' / 'hosting' / 'provision' / 'MANIFEST.json').is_file()

    running = serve('ispconfig')
    env = dict(only_installed, ISPCONFIG_URL=running.url,
               ISPCONFIG_USERNAME='demo', ISPCONFIG_PASSWORD='demo-password', ANSIBLE_LOCALHOST_WARNING='false',
               ANSIBLE_INVENTORY_UNPARSED_WARNING='false', ANSIBLE_NOCOLOR='1', ANSIBLE_LOAD_CALLBACK_PLUGINS='1',
               ANSIBLE_STDOUT_CALLBACK='ansible.builtin.minimal')
    result = run([os.path.join(BIN, 'ansible'), 'localhost', '-m', 'hosting.provision.ispconfig_client',
                  '-a', 'username=acme contact_name="Jane Doe" email=jane@acme.example'], env=env, cwd=str(tmp_path))
    # minimal prints `localhost | CHANGED => {...}`
    outcome = json.loads(result.stdout.split(' => ', 1)[1])
    assert outcome['changed'] is True
    assert [row['username'] for row in running.simulator.state()['tables']['client']] == ['acme']
