# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The release as README.md "Releasing" cuts it: the changelog fragments pass antsibull-changelog's lint, and
`antsibull-changelog release` (run on a copy) makes release notes with a summary that list every module and role
of the version under "New Modules" / "New Roles"; galaxy-importer's role description is there."""

import ast
import glob
import os
import re
import shutil
import subprocess
import sys

import yaml

from project_paths import ROOT

BIN = os.path.dirname(sys.executable)


def antsibull_changelog(*args, cwd=ROOT):
    # ansible-doc, which it runs to find the plugins, from this venv
    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ['PATH'])
    return subprocess.run([os.path.join(BIN, 'antsibull-changelog')] + list(args), cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def galaxy_version():
    with open(os.path.join(ROOT, 'galaxy.yml')) as galaxy:
        return yaml.safe_load(galaxy)['version']


def module_version_added(path):
    """version_added of a module's DOCUMENTATION, read without importing the module."""
    with open(path) as source:
        for node in ast.parse(source.read()).body:
            if isinstance(node, ast.Assign) and [target.id for target in node.targets] == ['DOCUMENTATION']:
                return str(yaml.safe_load(node.value.value).get('version_added'))
    raise AssertionError('%s has no DOCUMENTATION' % path)


def role_meta(role_dir, name):
    with open(os.path.join(role_dir, 'meta', name)) as meta:
        return yaml.safe_load(meta)


def test_changelog_fragments_pass_lint():
    result = antsibull_changelog('lint')
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_every_module_and_role_says_since_when_and_every_role_has_galaxy_metadata():
    for path in glob.glob(os.path.join(ROOT, 'plugins', 'modules', '*.py')):
        assert re.fullmatch(r'\d+\.\d+\.\d+', module_version_added(path)), path
    for role_dir in glob.glob(os.path.join(ROOT, 'roles', '*')):
        main = role_meta(role_dir, 'argument_specs.yml')['argument_specs']['main']
        assert re.fullmatch(r'\d+\.\d+\.\d+', str(main.get('version_added'))), role_dir
        galaxy_info = role_meta(role_dir, 'main.yml')['galaxy_info']  # galaxy-importer warns without it
        assert galaxy_info['description'] and galaxy_info['license'] and galaxy_info['author'], role_dir


def test_release_notes_list_the_new_modules_and_roles_of_the_version(tmp_path):
    version = galaxy_version()
    with open(os.path.join(ROOT, 'changelogs', 'changelog.yaml')) as changes:
        released = version in (yaml.safe_load(changes).get('releases') or {})
    if released:  # after the release: the committed notes
        with open(os.path.join(ROOT, 'CHANGELOG.rst')) as notes:
            text = notes.read()
    else:  # before it: the release on a copy, as README.md says to cut it
        copy = tmp_path / 'provision'
        copy.mkdir()
        for part in ('galaxy.yml', 'meta', 'plugins', 'roles', 'changelogs'):
            source = os.path.join(ROOT, part)
            (shutil.copytree if os.path.isdir(source) else shutil.copy)(source, str(copy / part))
        result = antsibull_changelog('release', '--version', version, cwd=str(copy))
        assert result.returncode == 0, result.stdout + result.stderr
        text = (copy / 'CHANGELOG.rst').read_text()
        assert not os.listdir(copy / 'changelogs' / 'fragments'), 'the release consumes the fragments'
    section = re.search(r'\nv%s\n=+\n(.*?)(\nv\d+\.\d+\.\d+\n=|\Z)' % re.escape(version), text, re.S).group(1)
    assert '\nRelease Summary\n---' in section
    modules = sorted(os.path.basename(path)[:-3] for path in glob.glob(os.path.join(ROOT, 'plugins', 'modules', '*.py'))
                     if module_version_added(path) == version)
    roles = sorted(os.path.basename(role_dir) for role_dir in glob.glob(os.path.join(ROOT, 'roles', '*'))
                   if str(role_meta(role_dir, 'argument_specs.yml')['argument_specs']['main'].get('version_added'))
                   == version)
    for heading, names in (('New Modules', modules), ('New Roles', roles)):
        if names:
            listed = re.search(r'\n%s\n-+\n\n((?:- .*\n)+)' % heading, section).group(1)
            assert re.findall(r'^- hosting\.provision\.(\w+) - ', listed, re.M) == names, heading


def test_release_notes_of_the_first_release_say_what_it_offers_and_name_no_commit():
    """Release notes are for users: the first release describes what it offers (a summary, its modules and roles),
    not the development that led to it; no entry names a commit, which a user cannot look up."""
    with open(os.path.join(ROOT, 'changelogs', 'changelog.yaml')) as handle:
        releases = yaml.safe_load(handle)['releases']
    first = releases[min(releases, key=lambda version: [int(part) for part in version.split('.')])]
    assert set(first['changes']) == {'release_summary'}, 'sections against states no user had: %s' % sorted(
        set(first['changes']) - {'release_summary'})
    assert first['modules'] and first['objects']['role']
    for name in ('changelogs/changelog.yaml', 'CHANGELOG.rst'):
        with open(os.path.join(ROOT, name)) as handle:
            text = handle.read()
        # a hash has letters and digits; a number (a size such as 1048576) is not one
        assert not re.search(r'\bcommit\b|\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}\b', text), \
            '%s names a commit' % name
