# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The collection as users get it: `ansible-galaxy collection build` makes a tarball without test or cache junk,
it installs, and a module runs from the installed copy against a simulator."""

import ast
import glob
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import tarfile
import urllib.parse

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

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


def third_party_imports():
    """{top-level module name: first file importing it} for every import in plugins/ outside the standard library,
    ansible-core and this collection."""
    found = {}
    for path in sorted(glob.glob(os.path.join(ROOT, 'plugins', '**', '*.py'), recursive=True)):
        with open(path) as handle:
            tree = ast.parse(handle.read(), path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split('.')[0]
                if top not in sys.stdlib_module_names and top not in ('ansible', 'ansible_collections', '__future__'):
                    found.setdefault(top, os.path.relpath(path, ROOT))
    return found


def test_requirements_txt_names_every_library_the_plugins_import():
    """requirements.txt lists what plugins/ imports, not what arrives with something else (idna with requests)."""
    with open(os.path.join(ROOT, 'requirements.txt')) as handle:
        listed = {canonicalize_name(Requirement(line.strip()).name) for line in handle
                  if line.strip() and not line.startswith('#')}
    distributions = importlib.metadata.packages_distributions()
    imported = third_party_imports()
    assert {'requests', 'xmltodict', 'idna'} <= set(imported)
    unlisted = ['%s (%s)' % (module, path) for module, path in sorted(imported.items())
                if not listed & {canonicalize_name(name) for name in distributions.get(module, [module])}]
    assert not unlisted, 'imported by plugins/ but not in requirements.txt: %s' % ', '.join(unlisted)


# names that never resolve to a real site (RFC 2606 and RFC 6761)
RESERVED_HOST = re.compile(r'(^|\.)(invalid|test|example|localhost|example\.(com|net|org))$')


def test_galaxy_yml_and_links_yml_give_no_dead_link():
    """galaxy.yml's links become buttons on Galaxy and on every page of the docs site: none may lead nowhere."""
    urls = []
    for name in ('galaxy.yml', os.path.join('docs', 'docsite', 'links.yml')):
        with open(os.path.join(ROOT, name)) as handle:
            urls.extend(re.findall(r'https?://[^\s\'"]+', handle.read()))
    dead = [url for url in urls if RESERVED_HOST.search(urllib.parse.urlsplit(url).hostname or '')]
    assert not dead, 'links to names that do not exist: %s' % ', '.join(dead)
