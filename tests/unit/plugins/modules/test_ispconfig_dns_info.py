# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_dns_zone_info and ispconfig_dns_record_set_info: what they list, and the reads they make."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (ispconfig_client, ispconfig_dns_record_set,
                                                                   ispconfig_dns_record_set_info,
                                                                   ispconfig_dns_zone, ispconfig_dns_zone_info)


@pytest.fixture
def sim(ispconfig):
    run_module(ispconfig_client, dict(ispconfig.conn, username='acme', password='Corr3ct-Horse-Battery',
                                      contact_name='Jane Doe', email='jane@acme.example'))
    for zone, client in (('example.org', 'acme'), ('example.net', None)):
        options = dict(ispconfig.conn, zone=zone, ns='ns1.example.com', email='hostmaster@example.org')
        if client:
            options['client'] = client
        assert run_module(ispconfig_dns_zone, options)['changed']
    for record, rr_type, value in (('www', 'A', ['192.0.2.10', '192.0.2.11']), ('@', 'MX', ['10 mail']),
                                   ('www', 'AAAA', ['2001:db8::10'])):
        run_module(ispconfig_dns_record_set, dict(ispconfig.conn, zone='example.org', record=record, type=rr_type,
                                                  value=value))
    ispconfig.simulator.reset_stats()
    return ispconfig


def test_zones_all_one_and_a_clients(sim):
    listed = run_module(ispconfig_dns_zone_info, dict(sim.conn))
    assert listed['changed'] is False
    assert [zone['zone'] for zone in listed['dns_zones']] == ['example.net', 'example.org']
    assert sim.simulator.stats()['calls'] == ['login', 'dns_zone_get', 'logout']
    one = run_module(ispconfig_dns_zone_info, dict(sim.conn, zone='EXAMPLE.org.'))['dns_zones']
    assert [zone['zone'] for zone in one] == ['example.org']
    # the same fields as ispconfig_dns_zone returns (but the owner, which only a task's client names)
    single = run_module(ispconfig_dns_zone, dict(sim.conn, zone='example.org'))['dns_zone']
    assert one[0] == single
    owned = run_module(ispconfig_dns_zone_info, dict(sim.conn, client='acme'))['dns_zones']
    assert [zone['zone'] for zone in owned] == ['example.org']
    assert run_module(ispconfig_dns_zone_info, dict(sim.conn, client='nobody'))['dns_zones'] == []
    assert run_module(ispconfig_dns_zone_info, dict(sim.conn, zone='example.com'))['dns_zones'] == []


def test_record_sets_of_a_zone_from_one_list_read(sim):
    listed = run_module(ispconfig_dns_record_set_info, dict(sim.conn, zone='example.org'))
    assert listed['changed'] is False
    assert [(item['record'], item['type'], item['value']) for item in listed['record_sets']] == [
        ('@', 'MX', ['10 mail.example.org.']), ('www', 'A', ['192.0.2.10', '192.0.2.11']),
        ('www', 'AAAA', ['2001:db8::10'])]
    assert sim.simulator.stats()['calls'] == ['login', 'dns_zone_get', 'dns_rr_get_all_by_zone', 'logout']
    single = run_module(ispconfig_dns_record_set, dict(sim.conn, zone='example.org', record='www', type='A',
                                                       value=['192.0.2.10', '192.0.2.11']))['record_set']
    assert listed['record_sets'][1] == single
    www = run_module(ispconfig_dns_record_set_info, dict(sim.conn, zone='example.org', record='www', type='aaaa'))
    assert [item['type'] for item in www['record_sets']] == ['AAAA']
    assert run_module(ispconfig_dns_record_set_info, dict(sim.conn, zone='example.com'))['record_sets'] == []


def test_types_the_modules_do_not_manage_are_listed_as_stored(sim):
    """A template zone (dns_templatezone_add) holds what the wizard makes; a PTR-like type shows its data."""
    sim.simulator.control('set_row', dict(table='dns_rr', id=1, values={'type': 'HINFO', 'data': '"PC" "Linux"'}))
    listed = run_module(ispconfig_dns_record_set_info, dict(sim.conn, zone='example.org', type='HINFO'))
    assert [(item['record'], item['value']) for item in listed['record_sets']] == [('www', ['"PC" "Linux"'])]


def test_record_names_as_the_record_set_modules_take_them(sim):
    www = run_module(ispconfig_dns_record_set_info, dict(sim.conn, zone='example.org', record='WWW.example.org'))
    assert [(item['record'], item['type']) for item in www['record_sets']] == [('www', 'A'), ('www', 'AAAA')]
    sim.simulator.reset_stats()
    empty = run_module(ispconfig_dns_record_set_info, dict(sim.conn, zone='example.org', record=''))
    assert empty['failed'] and 'the record name is empty' in empty['msg']
    assert sim.simulator.stats()['requests'] == 0
