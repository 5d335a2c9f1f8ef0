# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""No secret in any output: every module through ansible-playbook at -vvvv with --diff, succeeding and failing
(an API fault, wrong credentials), with Ansible's log file on, run in-process and as a module (module_path).
Searched for: the connection passwords and salt, every password the tasks set, every session id / token the
simulators issued, every secret the simulators store (hashes, salts)."""

import json
import os
import re
import subprocess
import sys

import pytest

from module_runner import PATHS
from playbook_runner import unwrapped
from project_paths import COLLECTIONS_ROOT

from scenarios import HTML_PAGE, INFO_SCENARIOS, OTHER_PASSWORD, PASSWORD, WRITE_SCENARIOS

from ansible_collections.hosting.provision.plugins.plugin_utils.in_process import SWITCH

WRONG_PASSWORD = 'Wr0ng-Api-Passw0rd'
WRONG_SALT = 'Wr0ng-Api-Salt'
SECRET_KEYS = ('pass', 'salt', 'security', 'pwd', 'token', 'session', 'kmd')


def stored_secrets(value, key=''):
    """Every string the simulator keeps under a secret-looking key (hashes, salts, clear passwords)."""
    if isinstance(value, dict):
        return set().union(*[stored_secrets(v, str(k)) for k, v in value.items()] or [set()])
    if isinstance(value, list):
        return set().union(*[stored_secrets(v, key) for v in value] or [set()])
    if isinstance(value, str) and len(value) >= 6 and any(part in key.lower() for part in SECRET_KEYS) \
            and not value.startswith('%%'):
        return {value}
    return set()


def record_sessions(simulator, issued):
    """Wrap dispatch so every session id the simulator hands out is remembered (logout deletes them)."""
    dispatch = simulator.dispatch

    def recording(request):
        answer = dispatch(request)
        issued.update(getattr(simulator, 'sessions', {}) or {})
        issued.update(stored_secrets(simulator.state()))
        return answer
    simulator.dispatch = recording


def wrong_credentials(options):
    if 'api_salt' in options:
        return dict(options, api_salt=WRONG_SALT)
    return dict(options, api_password=WRONG_PASSWORD)


def tasks_for(scenario, sim):
    module = 'hosting.provision.' + scenario.name
    if scenario.info is not None:
        return [{'name': '%s lists' % scenario.name, module: scenario.options(sim, 'info')},
                {'name': '%s with wrong credentials' % scenario.name, module:
                 wrong_credentials(scenario.options(sim, 'info')), 'ignore_errors': True}]
    sim.simulator.add_fault(kind='http', status=500, body=HTML_PAGE, content_type='text/html',
                            call=scenario.writes['update'])
    return [
        {'name': '%s create' % scenario.name, module: scenario.options(sim, 'create')},
    ] + ([scenario.settle_task(sim)] if scenario.settle_control else []) + [
        {'name': '%s update meets a server fault' % scenario.name, module: scenario.options(sim, 'update'),
         'ignore_errors': True},
        {'name': '%s update' % scenario.name, module: scenario.options(sim, 'update')},
        {'name': '%s update again' % scenario.name, module: scenario.repeat_options(sim, 'update')},
        {'name': '%s with wrong credentials' % scenario.name, module:
         wrong_credentials(scenario.options(sim, 'update')), 'ignore_errors': True},
        {'name': '%s delete' % scenario.name, module: scenario.options(sim, 'absent')},
    ]


def task_outcomes(stdout):
    """{task name: 'failed' (and ignored) or 'ok'} from the default callback's output."""
    headers = list(re.finditer(r'^TASK \[(.*)\] \**$', stdout, re.M))
    outcomes = {}
    for header, following in zip(headers, headers[1:] + [None]):
        section = stdout[header.end():following.start() if following else len(stdout)]
        if re.search(r'^fatal: \[localhost\]: FAILED!', section, re.M) and '...ignoring' in section:
            outcomes[header.group(1)] = 'failed'
        elif re.search(r'^(ok|changed): \[localhost\]', section, re.M) and 'FAILED!' not in section:
            outcomes[header.group(1)] = 'ok'
        else:
            outcomes[header.group(1)] = 'unclear'
    return outcomes


# a playbook per share of the modules, so that the workers share the longest test of the suite
SHARES = 3


# both paths in every run: each hands a task's arguments and result to Ansible's output and log its own way
@pytest.mark.parametrize('share', range(SHARES), ids=lambda share: 'share %d of %d' % (share + 1, SHARES))
@pytest.mark.parametrize('module_path', PATHS)
def test_no_secret_in_output_or_log_at_vvvv_with_diff(serve, tmp_path, module_path, share):
    issued = set()
    tasks = []
    for scenario in (WRITE_SCENARIOS + INFO_SCENARIOS)[share::SHARES]:
        sim = scenario.start(serve)
        record_sessions(sim.simulator, issued)
        tasks.extend(tasks_for(scenario, sim))
    playbook = tmp_path / 'site.yml'
    playbook.write_text(json.dumps([{'hosts': 'localhost', 'gather_facts': False, 'tasks': tasks}], indent=1))
    log = tmp_path / 'ansible.log'
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_ROOT, ANSIBLE_LOG_PATH=str(log),
               ANSIBLE_NOCOLOR='1', ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
               ANSIBLE_STDOUT_CALLBACK='default')
    command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), str(playbook), '-vvvv', '--diff',
               '-e', '%s=%s' % (SWITCH, module_path == 'in_process')]
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False,
                         cwd=str(tmp_path))
    outputs = {'stdout': run.stdout, 'stderr': run.stderr, 'log': log.read_text()}
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    # each task meant to fail failed, each other one succeeded: the search covers both kinds of output
    assert task_outcomes(run.stdout) == dict(
        (task['name'], 'failed' if task.get('ignore_errors') else 'ok') for task in tasks)
    assert 'Traceback' not in run.stdout + run.stderr
    secrets = {PASSWORD, OTHER_PASSWORD, WRONG_PASSWORD, WRONG_SALT, 'demo-password', 'demo-salt'} | issued
    assert any(len(s) > 20 for s in issued), 'the simulators issued no session ids: the search would prove nothing'
    # ansible-core 2.16 wraps warnings, also inside a hyphenated secret: searched without white space
    searched = dict((where, unwrapped(text)) for where, text in outputs.items())
    leaks = sorted('%r in %s' % (secret, where) for secret in secrets for where, text in searched.items()
                   if unwrapped(secret) in text)
    assert leaks == []
