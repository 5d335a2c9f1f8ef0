# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The customer role's DNS part through ansible-playbook against the ISPConfig simulator: a zone with A, MX and
TXT records is created, a second run changes nothing, --check after a change predicts exactly that change and
writes nothing, and offboarding deletes the records before the zone."""

import copy
import json
import os

import pytest
import yaml

from playbook_runner import ansible_playbook, environment, recap
from project_paths import ROOT

with open(os.path.join(ROOT, 'tests', 'demo', 'customer.yml')) as sample:
    ISPCONFIG = yaml.safe_load(sample)['customer']['ispconfig']
CUSTOMER = dict(name='ACME DNS', ispconfig=ISPCONFIG)


@pytest.fixture
def play(serve, tmp_path):
    running = serve('ispconfig')
    env = environment({'ispconfig': running})

    def _play(customer, *args, **role_vars):
        playbook = tmp_path / 'customer.yml'
        playbook.write_text(json.dumps([dict(
            name='Customer', hosts='localhost', gather_facts=False,
            roles=[dict(role='hosting.provision.customer', vars=dict(role_vars, customer=customer))])]))
        result = ansible_playbook(str(playbook), env, *args)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    _play.sim = running.simulator
    return _play


def dns(sim):
    tables = sim.state()['tables']
    return tables['dns_soa'], sorted((row['name'], row['type'], row['aux'], row['data']) for row in tables['dns_rr'])


def test_zone_with_records_created_then_unchanged(play):
    first = play(CUSTOMER)
    zones, records = dns(play.sim)
    assert [(zone['origin'], zone['ns'], zone['mbox']) for zone in zones] == [
        ('acme.example.', 'ns1.acme.example.', 'hostmaster.acme.example.')]
    assert records == [('acme.example.', 'A', '0', '192.0.2.10'), ('acme.example.', 'MX', '10', 'mail.acme.example.'),
                       ('acme.example.', 'TXT', '0', 'v=spf1 mx -all'), ('mail', 'A', '0', '192.0.2.25'),
                       ('www', 'A', '0', '192.0.2.10')]
    # the zone and its records belong to the customer's client; the serial was raised once after the records
    group = [row['groupid'] for row in play.sim.state()['tables']['sys_group'] if row['name'] == 'acme']
    assert {zones[0]['sys_groupid']} | {row['sys_groupid'] for row in play.sim.state()['tables']['dns_rr']} == \
        set(group)
    assert zones[0]['serial'].endswith('02')
    assert 'ISPConfig DNS records' in first.stdout
    play.sim.reset_stats()
    second = play(CUSTOMER)
    assert recap(second.stdout)['changed'] == 0
    assert play.sim.stats()['writes'] == []


def test_check_mode_after_a_change_predicts_it_and_writes_nothing(play):
    play(CUSTOMER)
    changed = copy.deepcopy(CUSTOMER)
    zone = changed['ispconfig']['dns_zones'][0]
    zone['records'][1]['value'] = ['192.0.2.11']  # www moves
    zone['records'].append({'record': '_dmarc', 'type': 'TXT', 'value': ['v=DMARC1; p=quarantine']})
    play.sim.reset_stats()
    check = play(changed, '--check', '--diff')
    assert play.sim.write_calls == []
    real = play(changed, '--diff')
    assert recap(check.stdout)['changed'] == recap(real.stdout)['changed'] == 1
    assert play.sim.stats()['writes'] == ['dns_a_update', 'dns_txt_add', 'dns_zone_update']
    # the diff check mode showed is the diff the real run made
    assert diff_lines(check.stdout) == diff_lines(real.stdout) and diff_lines(real.stdout)
    assert recap(play(changed).stdout)['changed'] == 0


def diff_lines(output):
    return [line for line in output.splitlines() if line[:1] in '+-' and not line.startswith(('---', '+++'))]


def test_offboarding_deletes_the_records_then_the_zone(play):
    play(CUSTOMER)
    play.sim.reset_stats()
    play(CUSTOMER, customer_state='absent')
    writes = play.sim.stats()['writes']
    assert writes[:6] == ['dns_a_delete', 'dns_a_delete', 'dns_a_delete', 'dns_mx_delete', 'dns_txt_delete',
                          'dns_zone_delete']
    assert dns(play.sim) == ([], [])
    assert recap(play(CUSTOMER, customer_state='absent').stdout)['changed'] == 0
