# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_dns_record_sets against the ISPConfig simulator: one list read per zone, only the needed writes, the
serial raised once per zone, purge that leaves the zone's own NS records, checks across items."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (ispconfig_client, ispconfig_dns_record_set,
                                                                   ispconfig_dns_record_sets, ispconfig_dns_zone)

READ = ['login', 'dns_zone_get', 'dns_rr_get_all_by_zone']


@pytest.fixture
def sim(ispconfig):
    assert run_module(ispconfig_client, dict(ispconfig.conn, username='acme', password='Corr3ct-Horse-Battery',
                                             contact_name='Jane Doe', email='jane@acme.example'))['changed']
    for zone in ('example.org', 'example.net'):
        assert run_module(ispconfig_dns_zone, dict(ispconfig.conn, zone=zone, ns='ns1.example.com',
                                                   email='hostmaster@example.org', client='acme'))['changed']
    ispconfig.simulator.reset_stats()
    return ispconfig


def hosts(count, prefix='h'):
    return [dict(record='%s%d' % (prefix, i), type='A', value=['192.0.2.%d' % (i % 250 + 1)]) for i in range(count)]


def task(sim, items, **options):
    return dict(sim.conn, **dict(dict(zone='example.org', record_sets=items), **options))


def stats(sim):
    return sim.simulator.stats()


def serials(sim):
    return dict((row['origin'], int(row['serial'])) for row in sim.simulator.state()['tables']['dns_soa'])


def records(sim):
    return sim.simulator.state()['tables']['dns_rr']


def test_create_many_with_one_list_read_and_one_serial_raise(sim):
    before = serials(sim)
    result = run_module(ispconfig_dns_record_sets, task(sim, hosts(3) + [
        dict(record='@', type='MX', value=['10 mail']), dict(record='@', type='TXT', value=['v=spf1 mx -all'])]))
    assert result['changed'] is True
    assert result['created'] == ['h0.example.org A', 'h1.example.org A', 'h2.example.org A', 'example.org MX',
                                 'example.org TXT']
    assert stats(sim)['calls'] == READ + ['client_get_by_groupid'] + ['dns_a_add'] * 3 + \
        ['dns_mx_add', 'dns_txt_add', 'dns_zone_get', 'dns_zone_update', 'dns_rr_get_all_by_zone', 'logout']
    assert serials(sim) == dict(before, **{'example.org.': before['example.org.'] + 1})


def test_no_op_over_a_thousand_records_makes_four_requests(sim):
    run_module(ispconfig_dns_record_sets, task(sim, hosts(1000)))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_dns_record_sets, task(sim, hosts(1000)))
    assert result['changed'] is False
    assert result['created'] == result['updated'] == result['deleted'] == []
    assert stats(sim)['calls'] == READ + ['logout']


def test_same_rows_as_the_single_module(sim):
    run_module(ispconfig_dns_record_set, dict(sim.conn, zone='example.org', record='single', type='A',
                                              value=['192.0.2.1']))
    run_module(ispconfig_dns_record_sets, task(sim, [dict(record='bulk', type='A', value=['192.0.2.1'])]))
    single, bulk = [row for row in records(sim) if row['name'] in ('single', 'bulk')]
    own = ('id', 'name', 'stamp', 'serial')  # serial: the one the zone was raised to by each task
    assert [key for key in single if single[key] != bulk[key] and key not in own] == []
    assert run_module(ispconfig_dns_record_sets, task(sim, [dict(record='single', type='A', value=['192.0.2.1'])]))[
        'changed'] is False


def test_update_and_delete_write_only_what_differs_with_one_raise_per_zone(sim):
    run_module(ispconfig_dns_record_sets, task(sim, hosts(5)))
    run_module(ispconfig_dns_record_sets, task(sim, hosts(2), zone='example.net'))
    before = serials(sim)
    sim.simulator.reset_stats()
    items = hosts(5)
    items[1]['value'] = ['198.51.100.1']
    items[3] = dict(record='h3', type='A', state='absent')
    items.append(dict(zone='example.net', record='h0', type='A', state='absent'))
    result = run_module(ispconfig_dns_record_sets, task(sim, items), diff=True)
    assert (result['updated'], result['deleted']) == (['h1.example.org A'], ['h3.example.org A', 'h0.example.net A'])
    assert stats(sim)['writes'] == ['dns_a_update', 'dns_a_delete', 'dns_a_delete', 'dns_zone_update',
                                    'dns_zone_update']
    assert serials(sim) == dict((zone, serial + 1) for zone, serial in before.items())
    assert result['diff']['after']['h1.example.org A']['value'] == ['198.51.100.1']
    assert result['diff']['after']['h3.example.org A'] == {}


def test_check_mode_writes_nothing_and_predicts_the_real_run(sim):
    run_module(ispconfig_dns_record_sets, task(sim, hosts(2)))
    items = hosts(4)
    items[0]['ttl'] = 600
    sim.simulator.reset_stats()
    predicted = run_module(ispconfig_dns_record_sets, task(sim, items, purge=True), check=True, diff=True)
    assert sim.simulator.write_calls == []
    real = run_module(ispconfig_dns_record_sets, task(sim, items, purge=True), diff=True)
    for key in ('changed', 'created', 'updated', 'deleted', 'diff'):
        assert predicted[key] == real[key], key


def test_purge_leaves_the_zones_own_ns_records_and_other_zones(sim):
    run_module(ispconfig_dns_record_sets, task(sim, hosts(3) + [
        dict(record='@', type='NS', value=['ns1.example.com.', 'ns2.example.com.']),
        dict(record='sub', type='NS', value=['ns.sub.example.org.'])]))
    run_module(ispconfig_dns_record_sets, task(sim, hosts(1), zone='example.net'))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_dns_record_sets, task(sim, hosts(1), purge=True))
    assert result['deleted'] == ['h1.example.org A', 'h2.example.org A', 'sub.example.org NS']
    left = sorted((row['zone'], row['name'], row['type']) for row in records(sim))
    assert left == [('1', 'example.org.', 'NS'), ('1', 'example.org.', 'NS'), ('1', 'h0', 'A'), ('2', 'h0', 'A')]
    assert stats(sim)['writes'].count('dns_zone_update') == 1


def test_items_are_checked_together_before_any_write(sim):
    run_module(ispconfig_dns_record_sets, task(sim, [dict(record='www', type='A', value=['192.0.2.1'])]))
    sim.simulator.reset_stats()
    # a CNAME may replace the A set that another item of the same task deletes
    swap = [dict(record='www', type='CNAME', value=['web.example.net.']),
            dict(record='www', type='A', state='absent')]
    assert run_module(ispconfig_dns_record_sets, task(sim, swap))['changed'] is True
    sim.simulator.reset_stats()
    clash = [dict(record='x', type='A', value=['192.0.2.1']), dict(record='x', type='CNAME', value=['www'])]
    result = run_module(ispconfig_dns_record_sets, task(sim, clash))
    assert result['failed'] and 'refuses A records at x.example.org while it has CNAME records there' in result['msg']
    assert stats(sim)['writes'] == []


@pytest.mark.parametrize('items, options, message', [
    ([dict(record='www', type='A', value=['192.0.2.1'])] * 2, {}, 'both name www.example.org A'),
    ([dict(record='www', type='A', value=['nope'])], {}, 'DNS record set www.example.org A: value:'),
    ([dict(record='www', type='A', value=['192.0.2.1'])], dict(zone=None), 'zone is required'),
    # a name that ends in the zone is that name, however it is spelt
    ([dict(record='www', type='A', value=['192.0.2.1']), dict(record='WWW.example.org', type='A', value=['192.0.2.1'])],
     {}, 'both name www.example.org A'),
    ([dict(record='', type='A', value=['192.0.2.1'])], {}, 'record_sets[0]: the record name is empty'),
])
def test_bad_items_fail_before_any_request(sim, items, options, message):
    result = run_module(ispconfig_dns_record_sets, task(sim, items, **options))
    assert result['failed'] and message in result['msg'], result['msg']
    assert stats(sim)['requests'] == 0


def test_an_item_of_a_missing_zone_fails_before_any_write(sim):
    items = [dict(record='www', type='A', value=['192.0.2.1']),
             dict(zone='example.com', record='www', type='A', value=['192.0.2.1'])]
    result = run_module(ispconfig_dns_record_sets, task(sim, items))
    assert result['failed'] and 'the DNS zone example.com does not exist' in result['msg']
    assert stats(sim)['writes'] == []


def test_a_serial_a_failed_raise_left_behind_is_raised_by_the_next_run(sim):
    sim.simulator.add_fault(call='dns_zone_update', kind='http', status=503, body='down', content_type='text/plain')
    options = task(sim, hosts(2))
    failed = run_module(ispconfig_dns_record_sets, options)
    assert failed['failed'] is True and failed['changed'] is True and 'its SOA serial was not raised' in failed['msg']
    before = serials(sim)
    sim.simulator.reset_stats()
    assert run_module(ispconfig_dns_record_sets, options, check=True)['changed'] is True
    assert sim.simulator.write_calls == []
    result = run_module(ispconfig_dns_record_sets, options)
    assert result['changed'] is True and result['created'] == result['updated'] == result['deleted'] == []
    assert any('holds records written after its SOA serial' in warning for warning in result['warnings'])
    assert stats(sim)['writes'] == ['dns_zone_update']
    assert serials(sim)['example.org.'] > max(int(row['serial']) for row in records(sim)) > before['example.org.']
    assert serials(sim)['example.net.'] == before['example.net.']
    assert run_module(ispconfig_dns_record_sets, options)['changed'] is False


def test_identical_records_another_controller_made_at_the_same_time_fail_the_task(sim):
    simulator = sim.simulator
    dispatch = simulator.dispatch

    def twice(request):  # the second add arrives twice: another controller's identical one, then this task's
        if simulator.call_name(request) == 'dns_a_add' and len([call for call in simulator.calls
                                                                if call == 'dns_a_add']) == 1:
            dispatch(request)
        return dispatch(request)
    simulator.dispatch = twice
    result = run_module(ispconfig_dns_record_sets, task(sim, hosts(3)))
    simulator.dispatch = dispatch
    assert result['failed'] is True and result['changed'] is True
    assert "identical records: h1.example.org A '192.0.2.2' (ids 2, 3). Another controller" in result['msg']
    assert result['created'] == ['h0.example.org A', 'h1.example.org A', 'h2.example.org A']
    assert run_module(ispconfig_dns_record_sets, task(sim, hosts(3)))['updated'] == ['h1.example.org A']
    assert len(records(sim)) == 3
