# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""docs/: the site's link check, the AWX credential types against the environment variables the doc fragments
document, and the execution environment definition."""

import importlib.util
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

from project_paths import ROOT

API_FRAGMENTS = ('ispconfig', 'mailbox_org', 'teamdrive', 'webiface', 'subaccount')


def load_link_checker():
    spec = importlib.util.spec_from_file_location('check_links', os.path.join(ROOT, 'docs', 'site', 'check_links.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_site_link_checker_finds_missing_pages_and_anchors(tmp_path):
    """docs/build.sh builds the site (tests/run.sh runs it); its offline link check must catch what Sphinx misses."""
    (tmp_path / 'guide').mkdir()
    (tmp_path / 'index.html').write_text(
        '<a href="guide/a.html#options">ok</a> <a href="guide/a.html#gone">anchor</a> <a href="b.html">file</a>'
        '<a href="https://example.com/x">external</a> <a href="#top">self</a> <a href="/">root</a>'
        '<link href="_static/site.css"> <img src="guide/">')
    (tmp_path / 'guide' / 'a.html').write_text('<h2 id="options">Options</h2><a href="../index.html#top">up</a>')
    (tmp_path / 'guide' / 'index.html').write_text('<a name="top"></a>')
    assert sorted(load_link_checker().broken_links(str(tmp_path))) == [
        ('guide/a.html', '../index.html#top', 'no such anchor'),
        ('index.html', '#top', 'no such anchor'),
        ('index.html', '/', 'leaves the site'),
        ('index.html', '_static/site.css', 'no such file'),
        ('index.html', 'b.html', 'no such file'),
        ('index.html', 'guide/a.html#gone', 'no such anchor'),
    ]


def fragment_env_vars(api):
    with open(os.path.join(ROOT, 'plugins', 'doc_fragments', api + '.py')) as fragment:
        return set(re.findall(r'E\(([A-Z_]+)\)', fragment.read())) - {'HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY'}


@pytest.mark.parametrize('api', API_FRAGMENTS)
def test_awx_credential_type_injects_documented_variables(api):
    with open(os.path.join(ROOT, 'docs', 'awx', 'credential_type_%s.yml' % api)) as definition:
        credential_type = yaml.safe_load(definition)
    fields = {field['id']: field for field in credential_type['inputs']['fields']}
    injected = credential_type['injectors']['env']
    assert set(injected) <= fragment_env_vars(api), 'variables the modules do not read'
    for variable, template in injected.items():
        field = re.fullmatch(r'\{\{ *(\w+) *\}\}', template).group(1)
        assert field in fields, '%s injects an unknown field %s' % (variable, field)
    for field in fields.values():
        if re.search('password|salt', field['id']):
            assert field.get('secret') is True, '%s must be secret' % field['id']
    assert set(credential_type['inputs']['required']) <= set(fields)


def test_execution_environment_takes_the_current_ansible_core_line():
    """The image's Python and ansible-core requirement admit the current release line (2.21 needs Python 3.12+)."""
    with open(os.path.join(ROOT, 'docs', 'ee', 'execution-environment.yml')) as definition:
        dependencies = yaml.safe_load(definition)['dependencies']
    wanted = Requirement(dependencies['ansible_core']['package_pip'])
    assert wanted.name == 'ansible-core'
    assert all(wanted.specifier.contains(version) for version in ('2.16.0', '2.19.0', '2.20.0', '2.21.0'))
    python = re.fullmatch(r'/usr/bin/python(3\.\d+)', dependencies['python_interpreter']['python_path']).group(1)
    assert Version(python) >= Version('3.12')


def test_execution_environment_definition_makes_a_build_context(tmp_path):
    """ansible-builder accepts docs/ee/execution-environment.yml (building the image needs a container engine)."""
    bin_dir = os.path.dirname(sys.executable)
    shutil.copy(os.path.join(ROOT, 'docs', 'ee', 'execution-environment.yml'), str(tmp_path))
    subprocess.run([os.path.join(bin_dir, 'ansible-galaxy'), 'collection', 'build', '--output-path', str(tmp_path),
                    ROOT], check=True, capture_output=True, timeout=300)
    result = subprocess.run([os.path.join(bin_dir, 'ansible-builder'), 'create', '-f',
                             str(tmp_path / 'execution-environment.yml'), '--context', str(tmp_path / 'context')],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    build = tmp_path / 'context' / '_build'
    assert [name for name in os.listdir(build / 'collections') if name.startswith('hosting-provision-')]
    assert 'hosting-provision.tar.gz' in (build / 'requirements.yml').read_text()
