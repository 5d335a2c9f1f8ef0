"""The README's example playbook (tests/demo/site.yml) through ansible-playbook against the simulator."""

import os
import re
import subprocess
import sys

from project_paths import COLLECTIONS_ROOT, ROOT

PLAYBOOK = os.path.join(ROOT, 'tests', 'demo', 'site.yml')


def ansible_playbook(running, *args, password='demo-password'):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_ROOT, ISPCONFIG_URL=running.url,
               ISPCONFIG_USERNAME='demo', ISPCONFIG_PASSWORD=password, ANSIBLE_NOCOLOR='1',
               ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
               ANSIBLE_STDOUT_CALLBACK='default')
    command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), PLAYBOOK] + list(args)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)


def recap(output):
    match = re.search(r'localhost\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)', output)
    assert match, output
    return dict(ok=int(match.group(1)), changed=int(match.group(2)), failed=int(match.group(3)))


def test_second_run_reports_changed_0(serve):
    running = serve('ispconfig')
    check = ansible_playbook(running, '--check', '--diff')
    assert check.returncode == 0, check.stdout + check.stderr
    assert running.simulator.stats()['writes'] == []
    first = ansible_playbook(running, '--diff')
    assert first.returncode == 0, first.stdout + first.stderr
    assert recap(first.stdout)['changed'] == 5
    assert 'Demo-Mailbox-Passw0rd' not in first.stdout and '$6$' not in first.stdout
    second = ansible_playbook(running)
    assert second.returncode == 0, second.stdout + second.stderr
    assert recap(second.stdout) == dict(ok=7, changed=0, failed=0)


def test_wrong_api_password_is_one_clear_sentence(serve):
    running = serve('ispconfig')
    result = ansible_playbook(running, password='Not-The-Password')
    assert result.returncode != 0
    assert 'failed: The login failed. Username or password wrong. Check api_username and api_password' in \
        result.stdout
    assert 'Traceback' not in result.stdout + result.stderr
    assert 'Not-The-Password' not in result.stdout + result.stderr
