# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ISPConfig simulator's DNS panel invariants (dns_soa, dns_rr) and client_get_by_groupid: what raw API calls
leave that the panel's zone and record pages never would is recorded, and what the pages would leave is not."""

from test_ispconfig_simulator import Api, add_client

ZONE = {'server_id': 1, 'origin': 'example.org.', 'ns': 'ns1.example.org.', 'mbox': 'hostmaster.example.org.',
        'serial': 2026113001, 'refresh': 7200, 'retry': 540, 'expire': 604800, 'minimum': 3600, 'ttl': 3600,
        'active': 'y', 'dnssec_wanted': 'N'}
RECORD = {'server_id': 1, 'zone': 1, 'name': 'www', 'type': 'A', 'data': '192.0.2.10', 'ttl': 3600, 'active': 'y',
          'stamp': '2026-11-30 10:00:00', 'serial': 2026113001}


def start(serve):
    running = serve('ispconfig')
    api = Api(running)
    api.login()
    add_client(api, default_dnsserver=1)  # client 1, group 2
    taken(running)  # the API's client_add itself is no panel-made client (tested with the mail invariants)
    return running, api


def taken(running):
    violations, running.simulator.invariant_violations = running.simulator.invariant_violations, []
    return violations


def test_rows_as_the_panel_makes_them_pass(serve):
    running, api = start(serve)
    api.ok('dns_zone_add', session_id=api.session, client_id=1, params=ZONE)
    api.ok('dns_a_add', session_id=api.session, client_id=1, params=RECORD)
    api.ok('dns_mx_add', session_id=api.session, client_id=1, params=dict(
        RECORD, name='example.org.', type='MX', data='mail.example.org.', aux=10))
    api.ok('dns_caa_add', session_id=api.session, client_id=1, params=dict(
        RECORD, name='example.org.', type='CAA', data='0 issue "letsencrypt.org"'))
    api.ok('dns_zone_update', session_id=api.session, client_id=0, primary_id=1, params={'serial': 2026113002})
    assert taken(running) == []


def test_what_raw_api_calls_leave_is_recorded(serve):
    running, api = start(serve)
    api.ok('dns_zone_add', session_id=api.session, client_id=1, params=dict(
        ZONE, origin='Example.org', ns='ns1.example.org', serial=5, dnssec_wanted='Y'))
    api.ok('dns_a_add', session_id=api.session, client_id=0, params=dict(RECORD, name='WWW', stamp='', serial=''))
    api.ok('dns_cname_add', session_id=api.session, client_id=1, params=dict(RECORD, zone=99, type='CNAME'))
    api.ok('dns_caa_add', session_id=api.session, client_id=1, params=dict(RECORD, name='x', type='CAA'))
    assert taken(running) == [
        "dns_zone_add: dns_soa example.org: origin 'example.org' is not lower case with a trailing dot (the panel "
        "stores it so)",
        "dns_zone_add: dns_soa example.org: ns 'ns1.example.org' is not lower case with a trailing dot (the panel "
        "stores it so)",
        "dns_zone_add: dns_soa example.org: serial '5' is not YYYYMMDDnn (the panel writes none on a new zone, then "
        "raises it so)",
        'dns_zone_add: dns_soa example.org: DNSSEC is wanted without an algorithm (the panel sets ECDSAP256SHA256)',
        'dns_a_add: dns_rr 1 www A: owner group 1 is not the group of its zone (2)',
        "dns_a_add: dns_rr 1 www A: stamp '' / serial '0' were not set (the page stamps every save and counts the "
        "serial up)",
        'dns_cname_add: dns_rr 2 www CNAME: its zone 99 does not exist (the panel adds records to a zone it shows)',
        'dns_caa_add: dns_rr 3 x CAA: a CAA name is stored fully qualified in its zone (example.org)',
    ]


def test_a_zone_deleted_without_its_records_leaves_orphans(serve):
    running, api = start(serve)
    api.ok('dns_zone_add', session_id=api.session, client_id=1, params=ZONE)
    api.ok('dns_a_add', session_id=api.session, client_id=1, params=RECORD)
    assert taken(running) == []
    assert api.ok('dns_zone_delete', session_id=api.session, primary_id=1) == 1
    assert taken(running) == ['dns_zone_delete: dns_rr 1 www A is left in the zone 1, which is gone']
    # the records first, as the panel's zone delete does: nothing left behind
    api.ok('dns_zone_add', session_id=api.session, client_id=1, params=dict(ZONE, origin='example.net.'))
    api.ok('dns_a_add', session_id=api.session, client_id=1, params=dict(RECORD, zone=2))
    api.ok('dns_a_delete', session_id=api.session, primary_id=2)
    api.ok('dns_zone_delete', session_id=api.session, primary_id=2)
    assert taken(running) == []


def test_client_get_by_groupid(serve):
    running, api = start(serve)
    assert api.ok('client_get_by_groupid', session_id=api.session, group_id=2)['username'] == 'jdoe'
    assert api.fault('client_get_by_groupid', session_id=api.session, group_id=77) == \
        'There is no client for this group ID.'
