# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The mailbox.org domain ownership round trip (error 218) in a real ansible-playbook run against the simulator.

tests/integration/targets/mailbox_domain_verification/playbook.yml adds a domain, registers the failure that
names the TXT record, publishes the record through the simulator's /__sim__/dns control with
ansible.builtin.uri, adds the domain again and checks that a third run changes nothing.
"""

import os

from playbook_runner import ansible_playbook as run_playbook, environment, recap, shows
from project_paths import ROOT

PLAYBOOK = os.path.join(ROOT, 'tests', 'integration', 'targets', 'mailbox_domain_verification', 'playbook.yml')


def ansible_playbook(running, *args):
    return run_playbook(PLAYBOOK, environment({'mailbox_org': running}), '-e', 'sim_url=%s' % running.url, *args)


def test_verification_round_trip(serve):
    running = serve('mailbox_org')
    sim = running.simulator
    record = sim.challenge('demo', 'verify.example')

    check = ansible_playbook(running, '--check')
    assert check.returncode == 0, check.stdout + check.stderr
    assert shows(check.stdout + check.stderr, 'Check mode cannot tell whether mailbox.org will accept verify.example')
    assert sim.write_calls == [] and sim.state()['dns'] == {}

    sim.reset_stats()
    first = ansible_playbook(running)
    assert first.returncode == 0, first.stdout + first.stderr
    assert recap(first.stdout) == dict(ok=6, changed=1, failed=0, skipped=0)
    # the record the play published is exactly the one mailbox.org asked for
    assert sim.state()['dns'] == {record['host']: [record['txt']]}
    assert sim.stats()['writes'] == ['domain.add']
    assert sim.stats()['calls'].count('domain.add') == 2, 'one refused with 218, one accepted'
    assert not shows(first.stdout + first.stderr, 'Verify-Domain-Passw0rd')

    sim.reset_stats()
    again = ansible_playbook(running)
    assert again.returncode == 0, again.stdout + again.stderr
    assert recap(again.stdout) == dict(ok=4, changed=0, failed=0, skipped=2)
    assert sim.stats()['writes'] == []
    assert sim.stats()['calls'] == ['auth', 'domain.list', 'context.list', 'domain.get', 'deauth'] * 3
