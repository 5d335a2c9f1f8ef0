# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every module's results are the same on both paths of a task (plugins/plugin_utils/in_process.py), through
ansible-playbook: in-process on the controller, and as a module (the switch off, or async): check mode, diff,
warnings, failures, bad input, no_log masking, module_defaults groups, the task's environment and API faults."""

import json
import os
import re
import subprocess
import sys
import pytest

from playbook_runner import environment
from scenarios import HTML_PAGE, INFO_SCENARIOS, PASSWORD, WRITE_SCENARIOS

from ansible_collections.hosting.provision.plugins.plugin_utils import in_process

IN_PROCESS = re.compile(r'^<[^>]+> hosting\.provision\.(\w+) runs in-process on the controller$', re.M)
AS_MODULE = re.compile(r'^<[^>]+> hosting\.provision\.(\w+) runs as a module: (.*)$', re.M)
# async results name their job and its files, which differ from run to run
ASYNC_KEYS = ('ansible_job_id', 'results_file', 'started', 'finished')
# a playbook pair per share of the modules, so that the workers share one of the longest tests of the suite
SHARES = 3


def scenario_tasks(scenario, sim):
    """The module test matrix of one module as tasks: check mode, diff, a change, no change, an API fault, bad
    input, a delete (an info module: a list, bad input, wrong credentials)."""
    module = 'hosting.provision.' + scenario.name
    if scenario.info is not None:
        options = scenario.options(sim, 'info')
        return [('lists', {module: options}),
                ('with an unknown option', {module: dict(options, no_such_option=1), 'ignore_errors': True}),
                ('with wrong credentials', {module: wrong_credentials(options), 'ignore_errors': True})]
    sim.simulator.add_fault(kind='http', status=500, body=HTML_PAGE, content_type='text/html',
                            call=scenario.writes['update'])
    create, update = scenario.options(sim, 'create'), scenario.options(sim, 'update')

    def settle(after):
        return [('settles after %s' % after, scenario.settle_task(sim))] if scenario.settle_control else []
    return [
        ('create in check mode', {module: create, 'check_mode': True, 'diff': True}),
        ('create', {module: create, 'diff': True}),
    ] + settle('create') + [
        ('update meets a server fault', {module: update, 'ignore_errors': True}),
        ('update', {module: update, 'diff': True}),
    ] + settle('update') + [
        ('update again', {module: update}),
        ('with an unknown option', {module: dict(update, no_such_option=1), 'ignore_errors': True}),
        ('delete', {module: scenario.options(sim, 'absent'), 'diff': True}),
    ]


def wrong_credentials(options):
    if 'api_salt' in options:
        return dict(options, api_salt='Wr0ng-Api-Salt')
    return dict(options, api_password='Wr0ng-Api-Passw0rd')


def keyword_tasks(url):
    """Task keywords and argument-spec rules around one ISPConfig simulator at `url`."""
    connection = dict(api_url=url, api_username='demo', api_password='demo-password')
    return [
        ('mail domain from module_defaults of the group', {
            'hosting.provision.ispconfig_mail_domain': dict(domain='example.com'), 'diff': True,
            'module_defaults': {'group/hosting.provision.ispconfig': connection}}),
        ('connection from the environment', {
            'hosting.provision.ispconfig_mail_user_info': dict(domain='example.com'),
            'environment': dict(ISPCONFIG_URL=url, ISPCONFIG_USERNAME='demo', ISPCONFIG_PASSWORD='demo-password')}),
        ('no connection at all', {'hosting.provision.ispconfig_mail_user_info': {}, 'ignore_errors': True}),
        ('no_log', {'hosting.provision.ispconfig_mail_user': dict(
            connection, email='carol@example.com', password=PASSWORD, quota='1 GiB'), 'no_log': True}),
        ('an option and its alias', {'hosting.provision.ispconfig_client': dict(
            connection, username='acme', contact_name='Jane Doe', email='jane@acme.example', zip='53111',
            postal_code='53111'), 'diff': True}),
        ('a wrong type', {'hosting.provision.ispconfig_mail_domain': dict(connection, domain='example.org',
                                                                          server_id='first'),
                          'ignore_errors': True}),
        ('a wrong choice', {'hosting.provision.ispconfig_mail_domain': dict(connection, domain='example.org',
                                                                            state='gone'),
                            'ignore_errors': True}),
        ('mutually exclusive options', {'hosting.provision.ispconfig_mail_user_info': dict(
            connection, domain='example.com', email='carol@example.com'), 'ignore_errors': True}),
        ('a required option missing', {'hosting.provision.ispconfig_mail_user': dict(connection, name='Carol'),
                                       'ignore_errors': True}),
        ('async', {'hosting.provision.ispconfig_mail_user_info': dict(connection, domain='example.com'),
                   'async': 60, 'poll': 1}),
        ('switched off for the task', {'hosting.provision.ispconfig_mail_user_info': dict(
            connection, domain='example.com'), 'vars': {in_process.SWITCH: False}}),
    ]


def share_of_the_modules(share):
    """Every SHARES-th scenario; the first share holds ispconfig_mail_user, whose outcomes are checked by name."""
    scenarios = WRITE_SCENARIOS + INFO_SCENARIOS
    first = [scenario.name for scenario in scenarios].index('ispconfig_mail_user')
    return scenarios[(first + share) % SHARES::SHARES]


def run_playbook(serve, tmp_path, label, share, *args):
    """The matrix of a share of the modules (the first share: with the keyword tasks) against fresh simulators, at
    -vvv; -> (registered results by task name with each simulator's URL replaced by its scenario's name, -vvv
    output, task names)."""
    named, urls = [], {}
    for scenario in share_of_the_modules(share):
        sim = scenario.start(serve)
        urls[sim.url] = 'http://%s' % scenario.name
        named.extend(('%s %s' % (scenario.name, what), task) for what, task in scenario_tasks(scenario, sim))
    if share == 0:
        sim = serve('ispconfig')
        urls[sim.url] = 'http://keywords'
        named.extend(keyword_tasks(sim.url))
    tasks = [dict(task, name=name, register='r%d' % index) for index, (name, task) in enumerate(named)]
    out = tmp_path / ('%s.json' % label)
    tasks.append({'name': 'results', 'ansible.builtin.copy': dict(dest=str(out), content='{{ %s | to_json }}' % (
        '{%s}' % ', '.join("'%s': r%d" % (name, index) for index, (name, _task) in enumerate(named))))})
    playbook = tmp_path / ('%s.yml' % label)
    playbook.write_text(json.dumps([{'hosts': 'localhost', 'gather_facts': False, 'tasks': tasks}], indent=1))
    env = environment({})  # the connection comes from the tasks, the module_defaults or the environment keyword
    command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), str(playbook), '-vvv'] + list(args)
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900, check=False, cwd=str(tmp_path))
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-3000:]
    text = out.read_text()
    for url, name in urls.items():
        text = text.replace(url, name)
    return json.loads(text), run.stdout, [name for name, _task in named]


def comparable(result):
    """A registered result without what differs between any two runs of a task (an async job's id and files), and
    with warnings as their text (ansible-core 2.19 keeps a module's warnings as structured summaries)."""
    result = dict((key, value) for key, value in result.items() if key not in ASYNC_KEYS)
    if 'warnings' in result:
        result['warnings'] = [w.get('event', {}).get('msg') if isinstance(w, dict) else w for w in result['warnings']]
    return result


# this test runs both paths itself: it takes no part in the module_path fixture's parametrisation
@pytest.mark.parametrize('share', range(SHARES), ids=lambda share: 'share %d of %d' % (share + 1, SHARES))
@pytest.mark.parametrize('module_path', ['both'])
def test_every_module_gives_the_same_results_on_both_paths(serve, tmp_path, module_path, share):
    as_module, module_output, names = run_playbook(serve, tmp_path, 'module', share,
                                                   '-e', '%s=false' % in_process.SWITCH)
    inside, inside_output, _names = run_playbook(serve, tmp_path, 'in_process', share)

    # which path each task took, as -vvv says (the simulators' controls are uri tasks); of the keyword tasks, two
    # run as a module on either path
    names = [name for name in names if ' settles after ' not in name]
    modules_run = len(names)
    as_module_anyway = ['%s is false' % in_process.SWITCH, 'the task is async'] if share == 0 else []
    assert IN_PROCESS.findall(module_output) == []
    assert len(AS_MODULE.findall(module_output)) == modules_run
    assert set(reason for _task, reason in AS_MODULE.findall(module_output)) == {'%s is false' % in_process.SWITCH}
    assert len(IN_PROCESS.findall(inside_output)) == modules_run - len(as_module_anyway)
    assert sorted(reason for _task, reason in AS_MODULE.findall(inside_output)) == as_module_anyway

    different = ['%s:\n  module:     %r\n  in-process: %r' % (name, comparable(as_module[name]), comparable(
        inside[name])) for name in names if comparable(as_module[name]) != comparable(inside[name])]
    assert different == [], '\n'.join(different)
    assert PASSWORD not in module_output + inside_output
    if share == 0:
        check_each_kind_of_outcome(as_module, module_output, inside_output)


def check_each_kind_of_outcome(as_module, module_output, inside_output):
    """The matrix tested what it claims: each kind of outcome occurred (the first share's modules and keywords)."""
    def outcome(name):
        return as_module[name]
    assert outcome('ispconfig_mail_user create in check mode')['changed'] is True
    assert outcome('ispconfig_mail_user create')['diff']['after']['password'] == '<hidden, changed>'
    assert outcome('ispconfig_mail_user update again')['changed'] is False
    assert 'HTTP 500' in outcome('ispconfig_mail_user update meets a server fault')['msg']
    assert 'Unsupported parameters for (hosting.provision.ispconfig_mail_user) module: no_such_option' in \
        outcome('ispconfig_mail_user with an unknown option')['msg']
    assert outcome('mail domain from module_defaults of the group')['changed'] is True
    assert outcome('connection from the environment')['mail_users'] == []
    assert 'Missing connection options api_url' in outcome('no connection at all')['msg']
    assert outcome('no_log')['changed'] is True
    censored = "the output has been hidden due to the fact that 'no_log: true' was specified for this result"
    assert censored in module_output.split('TASK [no_log]')[1] and censored in inside_output.split('TASK [no_log]')[1]
    assert comparable(outcome('an option and its alias'))['warnings'] == [
        'Both option zip and its alias postal_code are set.']
    assert "unable to convert to int" in outcome('a wrong type')['msg']
    assert 'value of state must be one of: present, absent, got: gone' in outcome('a wrong choice')['msg']
    assert 'parameters are mutually exclusive: email|domain' in outcome('mutually exclusive options')['msg']
    assert 'missing required arguments: email' in outcome('a required option missing')['msg']
