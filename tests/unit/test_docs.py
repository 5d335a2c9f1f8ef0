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
import tarfile

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
    tarball, = [name for name in os.listdir(build / 'collections') if name.startswith('hosting-provision-')]
    assert 'hosting-provision.tar.gz' in (build / 'requirements.yml').read_text()

    # the image installs an ansible-core that meta/runtime.yml supports
    containerfile, = [tmp_path / 'context' / name for name in ('Containerfile', 'Dockerfile')
                      if (tmp_path / 'context' / name).exists()]
    install = re.search(r'ANSIBLE_INSTALL_REFS="([^"]*)"', containerfile.read_text()).group(1).split()
    core, = [Requirement(ref) for ref in install if ref.startswith('ansible-core')]
    with open(os.path.join(ROOT, 'meta', 'runtime.yml')) as handle:
        oldest = re.fullmatch(r'>=\s*([\d.]+)', yaml.safe_load(handle)['requires_ansible']).group(1)
    assert core.specifier.contains(oldest) and not core.specifier.contains('2.15.0'), core

    # ansible-builder's own introspection (what the image build runs) finds the collection's requirements.txt
    collections = tmp_path / 'installed'
    with tarfile.open(build / 'collections' / tarball) as packed:
        packed.extractall(collections / 'ansible_collections' / 'hosting' / 'provision', filter='data')
    result = subprocess.run([sys.executable, str(build / 'scripts' / 'introspect.py'), 'introspect', str(collections)],
                            capture_output=True, text=True, timeout=120, check=True)
    found = {Requirement(line.split('#')[0].strip()).name for line in yaml.safe_load(result.stdout)['python']}
    with open(os.path.join(ROOT, 'requirements.txt')) as handle:
        wanted = {Requirement(line.strip()).name for line in handle if line.strip() and not line.startswith('#')}
    assert found == wanted == {'requests', 'xmltodict', 'idna'}, result.stdout


def load_guide_renderer():
    spec = importlib.util.spec_from_file_location('render_guides',
                                                  os.path.join(ROOT, 'docs', 'docsite', 'render_guides.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_standard_docs_build_has_every_guide_as_written_now():
    """docs/docsite/extra-docs.yml lists every guide of the site's "User guides" and docs/docsite/rst/ holds each
    as its docs/*.md renders now (the standard collection docs build reads only those)."""
    renderer = load_guide_renderer()
    with open(os.path.join(ROOT, 'docs', 'site', 'index.rst')) as handle:
        site_guides = re.search(r':caption: User guides\n(?: +:\w+:.*\n)*\n((?: +\S+\n)+)', handle.read()).group(1).split()
    assert sorted(renderer.pages()) == sorted(page.replace('/README', '') for page in site_guides)
    written = {name: open(os.path.join(renderer.RST, name)).read() for name in os.listdir(renderer.RST)}
    assert written == renderer.rendered(), 'docs/docsite/rst/ is stale: python docs/docsite/render_guides.py'


def test_guide_links_become_references_or_repository_paths():
    renderer = load_guide_renderer()
    page = renderer.rendered()['awx.rst']
    assert ':ref:`execution environment <ansible_collections.hosting.provision.docsite.execution-environment>`' in page
    assert '``docs/awx/credential_type_ispconfig.yml``' in page
    assert '](' not in page and '.md>' not in page
