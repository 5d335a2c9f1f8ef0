# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_dns_record_set against the ISPConfig simulator: the module test matrix, exact request counts, the set
converged as a whole, the zone's serial raised once per task, names and values as the panel stores them."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_dns_resources import next_serial
from ansible_collections.hosting.provision.plugins.modules import (ispconfig_client, ispconfig_dns_record_set,
                                                                   ispconfig_dns_zone)

READ = ['login', 'dns_zone_get', 'dns_rr_get_all_by_zone']
BUMP = ['dns_zone_get', 'dns_zone_update']
READ_BACK = ['dns_rr_get_all_by_zone']  # after records were added: identical ones another controller made?


@pytest.fixture
def sim(ispconfig):
    assert run_module(ispconfig_client, dict(ispconfig.conn, username='acme', password='Corr3ct-Horse-Battery',
                                             contact_name='Jane Doe', email='jane@acme.example'))['changed']
    assert run_module(ispconfig_dns_zone, dict(ispconfig.conn, zone='example.org', ns='ns1.example.com',
                                               email='hostmaster@example.org', client='acme'))['changed']
    ispconfig.simulator.reset_stats()
    return ispconfig


def task(sim, **options):
    return dict(sim.conn, **dict(dict(zone='example.org', record='www', type='A'), **options))


def records(sim, **match):
    return [row for row in sim.simulator.state()['tables']['dns_rr']
            if all(row[key] == value for key, value in match.items())]


def serial(sim):
    return int(sim.simulator.state()['tables']['dns_soa'][0]['serial'])


def stats(sim):
    return sim.simulator.stats()


def test_create_writes_the_records_then_raises_the_serial_once(sim):
    before = serial(sim)
    result = run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.11', '192.0.2.10']))
    assert result['changed'] is True
    assert result['record_set'] == dict(zone='example.org', record='www', type='A', ttl=3600, active=True,
                                        value=['192.0.2.10', '192.0.2.11'])
    # the owner of the zone (read once), two adds, the zone's serial read and raised once, the records read back
    assert stats(sim)['calls'] == READ + ['client_get_by_groupid', 'dns_a_add', 'dns_a_add'] + BUMP + READ_BACK + [
        'logout']
    assert serial(sim) == before + 1
    zone = sim.simulator.state()['tables']['dns_soa'][0]
    for row in records(sim):
        # as the panel's record page saves it: the zone's server and owner group, a stamp, a record serial (the one
        # its zone is raised to)
        assert (row['name'], row['type'], row['ttl'], row['active'], row['zone']) == ('www', 'A', '3600', 'Y', '1')
        assert (row['server_id'], row['sys_groupid']) == (zone['server_id'], zone['sys_groupid'])
        assert row['serial'] == zone['serial'] and row['stamp'] != '0000-00-00 00:00:00'


def test_no_op_makes_four_requests_and_writes_nothing(sim):
    run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.10', '192.0.2.11']))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.11', '192.0.2.10']))
    assert result['changed'] is False
    assert stats(sim)['calls'] == READ + ['logout']


def test_update_reuses_records_and_deletes_the_rest(sim):
    run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.10', '192.0.2.11', '192.0.2.12']))
    ids = sorted(row['id'] for row in records(sim))
    before = serial(sim)
    sim.simulator.reset_stats()
    result = run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.10', '198.51.100.1'], ttl=600),
                        diff=True)
    assert result['diff']['before']['value'] == ['192.0.2.10', '192.0.2.11', '192.0.2.12']
    assert result['diff']['after'] == dict(result['record_set'], value=['192.0.2.10', '198.51.100.1'], ttl=600)
    # the kept record gets the new TTL, one record takes the new address, the third goes
    assert stats(sim)['writes'] == ['dns_a_update', 'dns_a_update', 'dns_a_delete', 'dns_zone_update']
    assert sorted((row['id'], row['data'], row['ttl']) for row in records(sim)) == [
        (ids[0], '192.0.2.10', '600'), (ids[1], '198.51.100.1', '600')]
    assert serial(sim) == before + 1
    assert run_module(ispconfig_dns_record_set, task(sim, value=['198.51.100.1', '192.0.2.10']))['changed'] is False


def test_check_mode_predicts_and_writes_nothing(sim):
    run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.10']))
    sim.simulator.reset_stats()
    options = task(sim, value=['192.0.2.20', '192.0.2.21'], active=False)
    predicted = run_module(ispconfig_dns_record_set, options, check=True, diff=True)
    assert sim.simulator.write_calls == []
    real = run_module(ispconfig_dns_record_set, options, diff=True)
    assert (predicted['changed'], predicted['record_set'], predicted['diff']) == (
        real['changed'], real['record_set'], real['diff'])
    assert [row['active'] for row in records(sim)] == ['N', 'N']


def test_delete_then_delete_again(sim):
    run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.10', '192.0.2.11']))
    before = serial(sim)
    sim.simulator.reset_stats()
    result = run_module(ispconfig_dns_record_set, task(sim, state='absent'), diff=True)
    assert result['changed'] is True and result['record_set'] == {} and result['diff']['after'] == {}
    assert stats(sim)['writes'] == ['dns_a_delete', 'dns_a_delete', 'dns_zone_update']
    assert records(sim) == [] and serial(sim) == before + 1
    sim.simulator.reset_stats()
    assert run_module(ispconfig_dns_record_set, task(sim, state='absent'))['changed'] is False
    assert stats(sim)['writes'] == []


def test_the_apex_is_stored_as_the_panel_stores_at(sim):
    result = run_module(ispconfig_dns_record_set, task(sim, record='@', type='MX', value=['mail', '20 mx.example.net.']))
    assert result['record_set']['value'] == ['10 mail.example.org.', '20 mx.example.net.']
    assert sorted((row['name'], row['aux'], row['data']) for row in records(sim)) == [
        ('example.org.', '10', 'mail.example.org.'), ('example.org.', '20', 'mx.example.net.')]
    # the zone's own name with the dot, and an empty name, are the same set
    assert run_module(ispconfig_dns_record_set, task(sim, record='example.org.', type='MX',
                                                     value=['10 mail.example.org.', '20 mx.example.net.']))[
        'changed'] is False


def test_a_set_made_in_the_panel_under_another_spelling_is_the_same_set(sim):
    """Rows the panel stored as `www` and as `WWW.example.org.` (names the API lower-cases) are one set."""
    run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.10']))
    sim.simulator.control('set_row', dict(table='dns_rr', id=1, values={'name': 'www.example.org.'}))
    assert run_module(ispconfig_dns_record_set, task(sim, record='www.example.org.', value=['192.0.2.10']))[
        'changed'] is False


def test_wildcard_and_service_names(sim):
    run_module(ispconfig_dns_record_set, task(sim, record='*', value=['192.0.2.10']))
    run_module(ispconfig_dns_record_set, task(sim, record='_sip._tcp', type='SRV', value=['5 5060 sip'],
                                              priority=10))
    names = sorted((row['type'], row['name'], row['aux'], row['data']) for row in records(sim))
    assert names == [('A', '*.example.org.', '0', '192.0.2.10'), ('SRV', '_sip._tcp', '10', '5 5060 sip.example.org.')]
    assert run_module(ispconfig_dns_record_set, task(sim, record='*', value=['192.0.2.10']))['changed'] is False


def test_txt_values_are_compared_exactly_and_long_ones_kept_whole(sim):
    key = 'v=DKIM1; k=rsa; p=' + 'A' * 400
    run_module(ispconfig_dns_record_set, task(sim, record='default._domainkey', type='TXT', value=[key]))
    assert records(sim)[0]['data'] == key
    assert run_module(ispconfig_dns_record_set, task(sim, record='default._domainkey', type='TXT', value=[key]))[
        'changed'] is False
    result = run_module(ispconfig_dns_record_set, task(sim, record='default._domainkey', type='TXT',
                                                       value=[key + ' ']))
    assert result['changed'] is True and records(sim)[0]['data'] == key + ' '


def test_aaaa_and_caa_values_in_canonical_form(sim):
    run_module(ispconfig_dns_record_set, task(sim, type='AAAA', value=['2001:DB8:0:0::10']))
    assert records(sim)[0]['data'] == '2001:db8::10'
    assert run_module(ispconfig_dns_record_set, task(sim, type='AAAA', value=['2001:db8::10']))['changed'] is False
    result = run_module(ispconfig_dns_record_set, task(sim, record='@', type='CAA',
                                                       value=['0 ISSUE letsencrypt.org']))
    assert result['record_set']['value'] == ['0 issue "letsencrypt.org"']
    row = records(sim, type='CAA')[0]
    assert (row['name'], row['data']) == ('example.org.', '0 issue "letsencrypt.org"')


def test_cname_next_to_an_address_is_refused_as_in_the_panel(sim):
    run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.10']))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_dns_record_set, task(sim, type='CNAME', value=['web.example.net.']))
    assert result['failed'] and 'refuses CNAME records at www.example.org while it has A records there' in \
        result['msg']
    assert stats(sim)['writes'] == []
    run_module(ispconfig_dns_record_set, task(sim, state='absent'))
    assert run_module(ispconfig_dns_record_set, task(sim, type='CNAME', value=['web.example.net.']))['changed']
    result = run_module(ispconfig_dns_record_set, task(sim, type='AAAA', value=['2001:db8::1']))
    assert result['failed'] and 'while it has CNAME records there' in result['msg']


@pytest.mark.parametrize('options, message', [
    (dict(value=['192.0.2.300']), "is not an IPv4 address"),
    (dict(value=['2001:db8::1']), "is not an IPv4 address"),
    (dict(type='AAAA', value=['192.0.2.1']), "is not an IPv6 address"),
    (dict(value=['192.0.2.1', '192.0.2.1']), 'is listed twice'),
    (dict(record=''), 'the record name is empty: write @ for the zone itself'),
    # ansible-core before 2.19 refuses a required option without a value itself, naming the option
    (dict(record=None), ('the record name is empty', "argument 'record' is of type <class 'NoneType'>")),
    (dict(record='www.example.net.'), 'is not in the zone example.org'),
    (dict(record='under_score'), 'may hold letters, digits, ".", "-" and "*", at most 64 characters'),
    (dict(record='x' * 70), 'is not a valid record name'),
    (dict(type='CNAME', value=['a.example.net.', 'b.example.net.']), 'at most one CNAME record'),
    (dict(type='CNAME', record='@', value=['a.example.net.']), 'would stop the zone from loading'),
    (dict(type='MX', value=['mail.example.net']), 'has no trailing dot, so the zone file would read it'),
    (dict(type='MX', value=['70000 mail']), 'MX priority'),
    (dict(type='SRV', value=['10 x 5060 sip']), 'SRV weight'),
    (dict(type='TXT', value=['"v=spf1 -all"']), 'holds a quote'),
    (dict(type='TXT', value=['a\nb']), 'control character'),
    (dict(type='TXT', value=['x' * 65281]), 'at most 65280'),
    (dict(type='CAA', value=['0 iodef "mailto:x@example.org"']), 'the panel makes issue and issuewild records only'),
    (dict(type='CAA', value=['5 issue "letsencrypt.org"']), 'the panel sets 0 or 128'),
    (dict(value=['192.0.2.1'], ttl=30), 'not in the range the panel accepts'),
    (dict(state='absent', on_existing='keep', value=None), 'value is required to delete a record set with on_existing=keep'),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(ispconfig_dns_record_set, task(sim, **dict(dict(value=['192.0.2.1']), **options)))
    messages = message if isinstance(message, tuple) else (message,)
    assert result.get('failed') and any(text in result['msg'] for text in messages), result['msg']
    assert stats(sim)['requests'] == 0


def test_a_missing_zone_fails_and_check_mode_warns(sim):
    options = task(sim, zone='example.net', value=['192.0.2.10'])
    result = run_module(ispconfig_dns_record_set, options)
    assert result['failed'] and 'the DNS zone example.net does not exist' in result['msg']
    checked = run_module(ispconfig_dns_record_set, options, check=True)
    assert checked['changed'] is True and any('does not exist' in warning for warning in checked['warnings'])
    assert stats(sim)['writes'] == []


@pytest.mark.parametrize('on_existing, fails, warns', [
    ('keep_and_fail', True, False), ('keep_and_warn', False, True), ('keep', False, False)])
def test_on_existing_keeps_a_different_set(sim, on_existing, fails, warns):
    run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.10']))
    sim.simulator.reset_stats()
    for state in ('present', 'absent'):
        result = run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.99'], state=state,
                                                           on_existing=on_existing))
        assert bool(result.get('failed')) is fails, result
        assert any('on_existing=replace' in warning for warning in result['warnings']) is warns
        assert not result.get('changed')
    assert stats(sim)['writes'] == []
    # with the values it holds, absent deletes the set whatever on_existing says
    assert run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.10'], state='absent',
                                                     on_existing=on_existing))['changed'] is True


def test_a_failed_serial_raise_is_reported_after_the_records_were_written(sim):
    sim.simulator.add_fault(call='dns_zone_update', kind='http', status=503, body='down', content_type='text/plain')
    result = run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.10']))
    assert result['failed'] is True and result['changed'] is True
    assert 'its SOA serial was not raised' in result['msg']
    assert len(records(sim)) == 1


def test_a_failed_second_write_says_how_far_the_task_got(sim):
    simulator = sim.simulator
    dispatch, adds = simulator.dispatch, []

    def second_add_fails(request):
        if simulator.call_name(request) == 'dns_a_add':
            adds.append(request)
            if len(adds) == 2:
                simulator.add_fault(call='dns_a_add', kind='http', status=400, body='no', content_type='text/plain')
        return dispatch(request)
    simulator.dispatch = second_add_fails
    result = run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.10', '192.0.2.11']))
    assert result['failed'] is True and result['changed'] is True, result
    assert '1 of its 2 calls were made before this one' in result['msg']


@pytest.mark.parametrize('on_existing, fails', [('keep_and_fail', True), ('keep', False)])
def test_on_existing_compares_the_ttl_too(sim, on_existing, fails):
    """A set with the same values and another TTL is not the set the task gives."""
    run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.10']))
    sim.simulator.reset_stats()
    for state in ('present', 'absent'):
        result = run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.10'], ttl=600, state=state,
                                                           on_existing=on_existing))
        assert bool(result.get('failed')) is fails and not result.get('changed'), result
    assert stats(sim)['writes'] == []
    assert [row['ttl'] for row in records(sim)] == ['3600']


def test_a_name_ending_in_the_zone_is_that_name(sim):
    """As community.dns takes it: www.example.org in example.org is www, example.org is the zone itself."""
    result = run_module(ispconfig_dns_record_set, task(sim, record='www.example.org', value=['192.0.2.10']))
    assert result['record_set']['record'] == 'www' and [row['name'] for row in records(sim)] == ['www']
    assert run_module(ispconfig_dns_record_set, task(sim, record='www', value=['192.0.2.10']))['changed'] is False
    run_module(ispconfig_dns_record_set, task(sim, record='example.org', type='MX', value=['mail']))
    assert [row['name'] for row in records(sim, type='MX')] == ['example.org.']


def test_a_serial_a_failed_raise_left_behind_is_raised_by_the_next_run(sim):
    sim.simulator.add_fault(call='dns_zone_update', kind='http', status=503, body='down', content_type='text/plain')
    options = task(sim, value=['192.0.2.10'])
    assert run_module(ispconfig_dns_record_set, options)['failed'] is True
    left = serial(sim)
    assert int(records(sim)[0]['serial']) > left  # the record carries the serial its zone was to get
    sim.simulator.reset_stats()
    checked = run_module(ispconfig_dns_record_set, options, check=True)
    assert checked['changed'] is True and sim.simulator.write_calls == []
    assert any('holds records written after its SOA serial' in warning for warning in checked['warnings'])
    # the set is as the task wants it; the zone's serial is raised past its records, and then all is done
    result = run_module(ispconfig_dns_record_set, options)
    assert result['changed'] is True and stats(sim)['writes'] == ['dns_zone_update']
    assert serial(sim) > int(records(sim)[0]['serial']) > left
    assert run_module(ispconfig_dns_record_set, options)['changed'] is False


def test_a_raise_that_fails_again_says_whose_records_wait(sim):
    sim.simulator.add_fault(call='dns_zone_update', kind='http', status=503, body='down', content_type='text/plain',
                            times=2)
    options = task(sim, value=['192.0.2.10'])
    run_module(ispconfig_dns_record_set, options)
    result = run_module(ispconfig_dns_record_set, options)
    assert result['failed'] is True and not result.get('changed')
    assert 'were written by an earlier task, but its SOA serial was not raised' in result['msg']


def test_records_stamped_after_the_zone_serials_day_raise_it(sim):
    """Records an earlier version or another tool saved without raising the zone: stamped on a later day than the
    zone's serial, with a record serial of their own below the zone's."""
    run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.10']))
    sim.simulator.control('set_row', dict(table='dns_soa', id=1, values={'serial': '2024010105'}))
    sim.simulator.control('set_row', dict(table='dns_rr', id=1, values={'serial': '2024010101'}))
    result = run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.10']))
    assert result['changed'] is True and serial(sim) == next_serial(0)
    assert run_module(ispconfig_dns_record_set, task(sim, value=['192.0.2.10']))['changed'] is False


def another_controller_adds_the_same(simulator, call):
    """The first `call` arrives twice: another controller's identical one at the same time, then this task's."""
    dispatch = simulator.dispatch

    def twice(request):
        if simulator.call_name(request) == call:
            simulator.dispatch = dispatch
            dispatch(request)
        return dispatch(request)
    simulator.dispatch = twice


def test_identical_records_another_controller_made_at_the_same_time_fail_the_task(sim):
    options = task(sim, record='_dmarc', type='TXT', value=['v=DMARC1; p=none'])
    another_controller_adds_the_same(sim.simulator, 'dns_txt_add')
    result = run_module(ispconfig_dns_record_set, options)
    assert result['failed'] is True and result['changed'] is True
    assert [row['id'] for row in records(sim)] == ['1', '2']
    assert "_dmarc.example.org TXT 'v=DMARC1; p=none' (ids 1, 2)" in result['msg']
    assert 'Another controller probably created the same at the same time' in result['msg']
    assert serial(sim) == int(records(sim)[1]['serial'])  # the serial was raised all the same
    # the next run keeps one of them
    assert run_module(ispconfig_dns_record_set, options)['changed'] is True
    assert [row['id'] for row in records(sim)] == ['1']
    assert run_module(ispconfig_dns_record_set, options)['changed'] is False
