# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""AWX proven with ansible-runner: every credential type in docs/awx/ is injected as AWX injects it (its `env`,
`extra_vars` and `file` injectors, templates rendered in a Jinja2 sandbox) into an ansible-runner private data
directory, and `ansible-runner run` runs the demo playbook (tests/demo/site.yml) against the simulators, twice.

Each API's simulator accepts only the login and a random secret that its credential carries, so a job that
succeeds used every credential; no secret may appear in the runner's stdout or job events.
"""

import glob
import json
import os
import secrets
import shutil
import stat
import subprocess
import sys
import tempfile

import pytest
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

from playbook_runner import writes
from project_paths import COLLECTIONS_ROOT, ROOT

AWX_DIR = os.path.join(ROOT, 'docs', 'awx')
CREDENTIAL_TYPES = sorted(glob.glob(os.path.join(AWX_DIR, 'credential_type_*.yml')))
DEMO = os.path.join(ROOT, 'tests', 'demo')


def passwords(node):
    """Every value of a `password` key in a parsed YAML document."""
    if isinstance(node, dict):
        return {value for key, value in node.items() if key == 'password'} | passwords(list(node.values()))
    if isinstance(node, list):
        return set().union(*(passwords(item) for item in node))
    return set()


with open(os.path.join(DEMO, 'customer.yml')) as sample:
    CUSTOMER_PASSWORDS = sorted(passwords(yaml.safe_load(sample)))

# how each API's simulator is made to accept exactly the login and secret of the credential
SIMULATOR_LOGINS = {
    'ispconfig': lambda serve, login, secret: _ispconfig(serve('ispconfig'), login, secret),
    'mailbox_org': lambda serve, login, secret: serve('mailbox_org', user=login, password=secret),
    'subaccount': lambda serve, login, secret: serve('subaccount', username=login, password=secret),
    'teamdrive': lambda serve, login, secret: serve('teamdrive', salt=secret),
    'webiface': lambda serve, login, secret: serve('webiface', api_user=login, api_password=secret),
}


def _ispconfig(running, login, secret):
    running.simulator.add_remote_user(login, secret)
    return running


def api_of(path):
    return os.path.basename(path)[len('credential_type_'):-len('.yml')]


def credential_inputs(credential_type, url, login, secret):
    """What a user types into the credential: the URL, the login, the secret; other fields keep their default."""
    inputs = {}
    for field in credential_type['inputs']['fields']:
        if field.get('secret'):
            inputs[field['id']] = secret
        elif field['id'].endswith('url'):
            inputs[field['id']] = url
        elif field['id'].endswith('username'):
            inputs[field['id']] = login
        elif 'default' in field:
            inputs[field['id']] = field['default']
        else:
            raise AssertionError('no test value for field %r of %s' % (field['id'], credential_type['name']))
    return inputs


class Filenames:
    """AWX's `tower.filename` in injector templates: one file (`file.template`) or several (`file.template.x`)."""


def inject(credential_type, inputs, private_data_dir):
    """AWX's injection of one credential: -> (environment variables, ansible-playbook arguments).

    Fields with an empty value are left out of the template namespace, booleans never are (unset: False).
    File templates are written to private files under env/ and their paths offered as `tower.filename`;
    extra_vars go to a read-only YAML file passed with -e @file.
    """
    sandbox = ImmutableSandboxedEnvironment()
    tower = Filenames()
    namespace = {'tower': tower}
    for field in credential_type['inputs']['fields']:
        value = inputs.get(field['id'])
        if field.get('type') == 'boolean':
            namespace[field['id']] = bool(value)
        elif value:
            namespace[field['id']] = value
    injectors = credential_type.get('injectors', {})
    env_dir = os.path.join(private_data_dir, 'env')
    for label, template in injectors.get('file', {}).items():
        handle, path = tempfile.mkstemp(dir=env_dir)
        with os.fdopen(handle, 'w') as injected:
            injected.write(sandbox.from_string(template).render(**namespace))
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
        if '.' in label:
            if not isinstance(getattr(tower, 'filename', None), Filenames):
                tower.filename = Filenames()
            setattr(tower.filename, label.split('.', 1)[1], path)
        else:
            tower.filename = path
    env = {name: sandbox.from_string(template).render(**namespace)
           for name, template in injectors.get('env', {}).items()}

    def render(node):
        if isinstance(node, dict):
            return {render(key): render(value) for key, value in node.items()}
        if isinstance(node, list):
            return [render(item) for item in node]
        return sandbox.from_string(node).render(**namespace)

    args = []
    extra_vars = render(injectors.get('extra_vars', {}))
    if extra_vars:
        handle, path = tempfile.mkstemp(dir=env_dir)
        with os.fdopen(handle, 'w') as injected:
            yaml.safe_dump(extra_vars, injected)
        os.chmod(path, stat.S_IRUSR)
        args += ['-e', '@' + path]
    return env, args


def test_inject_renders_env_extra_vars_and_file_templates_as_awx_does(tmp_path):
    (tmp_path / 'env').mkdir()
    credential_type = dict(name='t', inputs=dict(fields=[
        dict(id='url', type='string'), dict(id='token', type='string', secret=True),
        dict(id='note', type='string'), dict(id='verify', type='boolean')]), injectors=dict(
        file={'template.conf': 'token={{ token }}', 'template.ca': 'ca'},
        env=dict(T_URL='{{ url }}', T_CONF='{{ tower.filename.conf }}', T_NOTE='{{ note | default("none") }}'),
        extra_vars=dict(t_verify='{{ verify }}', t_list=['{{ url }}/a'])))
    env, args = inject(credential_type, dict(url='https://x.example', token='s3cret', note=''), str(tmp_path))
    assert env['T_URL'] == 'https://x.example' and env['T_NOTE'] == 'none'  # empty inputs are undefined
    with open(env['T_CONF']) as conf:
        assert conf.read() == 'token=s3cret'
    assert os.path.dirname(env['T_CONF']) == str(tmp_path / 'env') and stat.S_IMODE(os.stat(env['T_CONF']).st_mode) == 0o600
    assert args[0] == '-e' and args[1].startswith('@')
    with open(args[1][1:]) as extra_vars:
        assert yaml.safe_load(extra_vars) == dict(t_verify='False', t_list=['https://x.example/a'])


@pytest.fixture
def awx_job(serve, tmp_path):
    """A private data directory as AWX hands it to ansible-runner: the demo project, a localhost inventory and
    one credential of every type in docs/awx/, each logging in to its own simulator with a random secret."""
    private_data_dir = tmp_path / 'job'
    (private_data_dir / 'env').mkdir(parents=True)
    (private_data_dir / 'inventory').mkdir()
    (private_data_dir / 'inventory' / 'hosts').write_text(
        'localhost ansible_connection=local ansible_python_interpreter=%s\n' % sys.executable)
    shutil.copytree(DEMO, str(private_data_dir / 'project'))
    env, args, running, job_secrets = {}, [], {}, []
    for path in CREDENTIAL_TYPES:
        api = api_of(path)
        assert api in SIMULATOR_LOGINS, 'tests/unit/test_awx_runner.py does not know the simulator of %s' % path
        with open(path) as definition:
            credential_type = yaml.safe_load(definition)
        login, secret = 'awx-%s' % api, 'awx-%s-%s' % (api, secrets.token_hex(8))
        running[api] = SIMULATOR_LOGINS[api](serve, login, secret)
        injected_env, injected_args = inject(
            credential_type, credential_inputs(credential_type, running[api].url, login, secret),
            str(private_data_dir))
        assert not set(injected_env) & set(env), 'two credential types inject the same variable'
        env.update(injected_env)
        args += injected_args
        job_secrets.append(secret)
    (private_data_dir / 'env' / 'envvars').write_text(yaml.safe_dump(env))
    if args:
        (private_data_dir / 'env' / 'cmdline').write_text(' '.join(args))
    return private_data_dir, running, job_secrets


def ansible_runner(private_data_dir, ident):
    """`ansible-runner run` as AWX starts it (the collection installed, as in the execution environment)."""
    bin_dir = os.path.dirname(sys.executable)
    environment = {name: value for name, value in os.environ.items() if not name.startswith(
        ('ISPCONFIG_', 'MAILBOX_ORG_', 'TEAMDRIVE_', 'WEBIFACE_', 'SUBACCOUNT_', 'ANSIBLE_'))}
    environment.update(PATH=bin_dir + os.pathsep + os.environ['PATH'], ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_ROOT)
    result = subprocess.run([os.path.join(bin_dir, 'ansible-runner'), 'run', str(private_data_dir),
                             '-p', 'site.yml', '--ident', ident], env=environment, capture_output=True, text=True,
                            timeout=600, check=False)
    artifacts = private_data_dir / 'artifacts' / ident
    events = [json.loads(path.read_text()) for path in sorted((artifacts / 'job_events').glob('*.json'))]
    stats, = [event['event_data'] for event in events if event['event'] == 'playbook_on_stats']
    return result, artifacts, events, stats


def test_demo_through_ansible_runner_with_awx_credentials_is_idempotent_and_keeps_secrets(awx_job):
    private_data_dir, running, job_secrets = awx_job
    never_shown = job_secrets + CUSTOMER_PASSWORDS
    for ident, changes_expected in (('first', True), ('second', False)):
        for served in running.values():
            served.simulator.reset_stats()
        result, artifacts, events, stats = ansible_runner(private_data_dir, ident)
        stdout = (artifacts / 'stdout').read_text()
        assert result.returncode == 0 and (artifacts / 'status').read_text() == 'successful', \
            result.stdout + result.stderr
        assert not stats['failures'] and not stats['dark'], stdout
        assert [event for event in events if event['event'] == 'runner_on_ok'], 'no task results to look into'
        if changes_expected:
            assert sorted(writes(running)) == sorted(running), 'an API the job did not write to: ' + stdout
        else:
            assert not any(stats['changed'].values()) and writes(running) == {}, stdout
        for secret in never_shown:
            assert secret not in stdout, 'a secret in the job output'
            assert secret not in json.dumps(events), 'a secret in the job events'
        # docs/awx/README.md warns about this file: it holds the job's whole environment, credentials included
        assert all(secret in (artifacts / 'command').read_text() for secret in job_secrets)
