"""docs/: the generated reference builds cleanly from the modules' own docs, and the AWX credential types match
the environment variables the doc fragments document."""

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from project_paths import COLLECTIONS_ROOT, ROOT

API_FRAGMENTS = ('ispconfig', 'mailbox_org', 'teamdrive', 'webiface', 'subaccount')


def test_reference_builds_without_errors(tmp_path):
    # the script's venv is the one running these tests
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_ROOT, HP_VENV=sys.prefix)
    result = subprocess.run(['bash', os.path.join(ROOT, 'docs', 'reference.sh'), str(tmp_path)], env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = set(os.listdir(tmp_path / 'collections' / 'hosting' / 'provision'))
    modules = {name[:-3] for name in os.listdir(os.path.join(ROOT, 'plugins', 'modules')) if name.endswith('.py')}
    assert {'%s_module.rst' % name for name in modules} | {'customer_role.rst'} <= pages


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
