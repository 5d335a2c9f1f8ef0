"""The mailbox.org domain ownership round trip (error 218) in a real ansible-playbook run against the simulator.

tests/integration/targets/mailbox_domain_verification/playbook.yml adds a domain, registers the failure that
names the TXT record, publishes the record through the simulator's /__sim__/dns control with
ansible.builtin.uri, adds the domain again and checks that a third run changes nothing.
"""

import os
import re
import subprocess
import sys

from project_paths import COLLECTIONS_ROOT, ROOT

PLAYBOOK = os.path.join(ROOT, 'tests', 'integration', 'targets', 'mailbox_domain_verification', 'playbook.yml')


def ansible_playbook(running, *args):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_ROOT, MAILBOX_ORG_URL=running.url,
               MAILBOX_ORG_USERNAME='demo', MAILBOX_ORG_PASSWORD='demo-password', ANSIBLE_NOCOLOR='1',
               ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
               ANSIBLE_STDOUT_CALLBACK='default')
    command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), PLAYBOOK,
               '-e', 'sim_url=%s' % running.url] + list(args)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


def recap(output):
    match = re.search(r'localhost\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)\s+skipped=(\d+)',
                      output)
    assert match, output
    return dict(zip(('ok', 'changed', 'failed', 'skipped'), map(int, match.groups())))


def test_verification_round_trip(serve):
    running = serve('mailbox_org')
    sim = running.simulator
    record = sim.challenge('demo', 'verify.example')

    check = ansible_playbook(running, '--check')
    assert check.returncode == 0, check.stdout + check.stderr
    assert 'Check mode cannot tell whether mailbox.org will accept verify.example' in check.stdout + check.stderr
    assert sim.stats()['writes'] == [] and sim.state()['dns'] == {}

    sim.reset_stats()
    first = ansible_playbook(running)
    assert first.returncode == 0, first.stdout + first.stderr
    assert recap(first.stdout) == dict(ok=6, changed=1, failed=0, skipped=0)
    # the record the play published is exactly the one mailbox.org asked for
    assert sim.state()['dns'] == {record['host']: [record['txt']]}
    assert sim.stats()['writes'] == ['domain.add']
    assert sim.stats()['calls'].count('domain.add') == 2, 'one refused with 218, one accepted'
    assert 'Verify-Domain-Passw0rd' not in first.stdout + first.stderr

    sim.reset_stats()
    again = ansible_playbook(running)
    assert again.returncode == 0, again.stdout + again.stderr
    assert recap(again.stdout) == dict(ok=4, changed=0, failed=0, skipped=2)
    assert sim.stats()['writes'] == []
    assert sim.stats()['calls'] == ['auth', 'domain.list', 'context.list', 'domain.get', 'deauth'] * 3
