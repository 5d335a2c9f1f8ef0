# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_dns_zone against the ISPConfig simulator: the module test matrix, exact request counts, the serial."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_dns_resources import next_serial
from ansible_collections.hosting.provision.plugins.modules import (ispconfig_client, ispconfig_dns_record_set,
                                                                   ispconfig_dns_zone)

ZONE = dict(zone='example.org', ns='ns1.example.com', email='hostmaster@example.org')


@pytest.fixture
def sim(ispconfig):
    ispconfig.simulator.reset_stats()
    return ispconfig


def task(sim, **options):
    return dict(sim.conn, **dict(ZONE, **options))


def rows(sim, table='dns_soa'):
    return sim.simulator.state()['tables'][table]


def stats(sim):
    return sim.simulator.stats()


def with_client(sim):
    assert run_module(ispconfig_client, dict(sim.conn, username='acme', password='Corr3ct-Horse-Battery',
                                             contact_name='Jane Doe', email='jane@acme.example'))['changed']


def test_create_sends_the_zone_forms_row(sim):
    result = run_module(ispconfig_dns_zone, task(sim, zone='Example.ORG.'))
    assert result['changed'] is True
    # the default DNS server as the panel picks it: its settings, else the first DNS server
    assert stats(sim)['calls'] == ['login', 'dns_zone_get'] + ['system_config_get'] * 3 + \
        ['server_get_all', 'server_get_functions', 'dns_zone_add', 'logout']
    row = rows(sim)[0]
    today = str(next_serial(0))
    assert (row['origin'], row['ns'], row['mbox'], row['serial']) == (
        'example.org.', 'ns1.example.com.', 'hostmaster.example.org.', today)
    assert (row['refresh'], row['retry'], row['expire'], row['minimum'], row['ttl']) == (
        '7200', '540', '604800', '3600', '3600')
    assert (row['active'], row['dnssec_wanted'], row['dnssec_algo'], row['xfer'], row['server_id']) == (
        'Y', 'Y', 'ECDSAP256SHA256', '', '1')
    assert today.endswith('01') and len(today) == 10
    assert result['dns_zone']['serial'] == int(today) and result['dns_zone']['email'] == 'hostmaster.example.org.'


def test_no_op_reads_once(sim):
    run_module(ispconfig_dns_zone, task(sim))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_dns_zone, task(sim, email='hostmaster.example.org.', ns='ns1.example.com.'))
    assert result['changed'] is False
    assert stats(sim)['calls'] == ['login', 'dns_zone_get', 'logout']


def test_a_change_raises_the_serial_in_the_same_write(sim):
    run_module(ispconfig_dns_zone, task(sim))
    first = int(rows(sim)[0]['serial'])
    sim.simulator.reset_stats()
    result = run_module(ispconfig_dns_zone, task(sim, refresh=14400, xfer=['198.51.100.53', '2001:DB8::53/64']),
                        diff=True)
    assert stats(sim)['writes'] == ['dns_zone_update']
    assert int(rows(sim)[0]['serial']) == first + 1 == result['dns_zone']['serial']
    assert rows(sim)[0]['xfer'] == '198.51.100.53,2001:db8::53/64'
    assert result['diff']['before']['serial'] == first and result['diff']['after']['refresh'] == 14400
    assert run_module(ispconfig_dns_zone, task(sim, refresh=14400, xfer=['198.51.100.53', '2001:db8::53/64']))[
        'changed'] is False


def test_serial_of_an_earlier_day_starts_today_at_01(sim):
    run_module(ispconfig_dns_zone, task(sim))
    sim.simulator.control('set_row', dict(table='dns_soa', id=1, values={'serial': '2001010105'}))
    run_module(ispconfig_dns_zone, task(sim, active=False))
    assert rows(sim)[0]['serial'] == str(next_serial(0)) and rows(sim)[0]['active'] == 'N'


def test_check_mode_predicts_and_writes_nothing(sim):
    run_module(ispconfig_dns_zone, task(sim))
    sim.simulator.reset_stats()
    predicted = run_module(ispconfig_dns_zone, task(sim, ttl=7200), check=True, diff=True)
    assert sim.simulator.write_calls == []
    real = run_module(ispconfig_dns_zone, task(sim, ttl=7200), diff=True)
    assert predicted['dns_zone'] == real['dns_zone'] and predicted['diff'] == real['diff']


def test_owner_is_the_client(sim):
    with_client(sim)
    run_module(ispconfig_dns_zone, task(sim, client='acme'))
    group = [row for row in rows(sim, 'sys_group') if row['name'] == 'acme'][0]['groupid']
    assert rows(sim)[0]['sys_groupid'] == group
    assert run_module(ispconfig_dns_zone, task(sim, client='acme'))['changed'] is False


def test_delete_removes_the_records_first_then_the_zone(sim):
    with_client(sim)
    run_module(ispconfig_dns_zone, task(sim, client='acme'))
    for record, value in (('www', '192.0.2.10'), ('mail', '192.0.2.11')):
        run_module(ispconfig_dns_record_set, dict(sim.conn, zone='example.org', record=record, type='A',
                                                  value=[value]))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_dns_zone, dict(sim.conn, zone='example.org', state='absent'), diff=True)
    assert result['changed'] is True and result['dns_zone'] == {} and result['diff']['after'] == {}
    assert stats(sim)['writes'] == ['dns_a_delete', 'dns_a_delete', 'dns_zone_delete']
    assert rows(sim) == [] and rows(sim, 'dns_rr') == []
    sim.simulator.reset_stats()
    assert run_module(ispconfig_dns_zone, dict(sim.conn, zone='example.org', state='absent'))['changed'] is False
    assert stats(sim)['writes'] == []


def test_new_zone_needs_ns_and_email(sim):
    result = run_module(ispconfig_dns_zone, dict(sim.conn, zone='example.org'))
    assert result['failed'] and 'ns and email are required to create DNS zone example.org' in result['msg']
    assert stats(sim)['writes'] == []


@pytest.mark.parametrize('options, message', [
    (dict(zone='example'), 'needs at least two labels'),
    (dict(zone='bad_zone!.org'), 'not a valid domain name'),
    (dict(email='host master@example.org'), 'is not an SOA mailbox'),
    (dict(refresh=10), 'not in the range the panel accepts (60 to 2147483647)'),
    (dict(xfer=['192.0.2.300']), "is not an IP address or network"),
    (dict(also_notify=['any']), "is not an IP address or network"),
    (dict(ns='ns_1.example.com'), 'the panel allows no "_" in it'),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(ispconfig_dns_zone, task(sim, **options))
    assert result['failed'] and message in result['msg'], result['msg']
    assert stats(sim)['requests'] == 0


def test_moving_a_zone_warns_that_its_records_keep_their_owner(sim):
    run_module(ispconfig_dns_zone, task(sim))
    with_client(sim)
    result = run_module(ispconfig_dns_zone, task(sim, client='acme'))
    assert result['changed'] is True
    assert any('its records keep their owner' in warning for warning in result['warnings'])
