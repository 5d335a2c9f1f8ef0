# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Panel parity for DNS: a zone and its records made by the modules leave, column by column, the rows the panel's
zone and record pages leave for the same inputs (an admin saving them for the client acme).

The PANEL_* rows are written down from the panel's source (ISPConfig 3.2: interface/web/dns/form/dns_soa.tform.php
and dns_<type>.tform.php, dns_soa_edit.php, dns_edit_base.php, lib/plugins/dns_dns_soa_plugin.inc.php,
install/sql/ispconfig3.sql) as docs/ispconfig.md explains them. Each column where a module-made row cannot equal
the panel's is listed in NOT_COMPARED with the reason; every other column must be equal.
"""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_dns_resources import next_serial
from ansible_collections.hosting.provision.plugins.modules import (ispconfig_client, ispconfig_dns_record_sets,
                                                                   ispconfig_dns_zone)

GENERATED = 'a value the server generates (id, time stamp)'
ADMIN_CLICKED = ('the panel records the admin who clicked "Save" (user 1); the API records the owning client\'s '
                 'panel user; the owner group, which decides who sees the row, is the same')

# zone example.org for the client acme (group 2): the form's fields with its defaults, then the plugin gives the zone
# the client's group, read/update only
PANEL_ZONE = dict(
    sys_userid='1', sys_groupid='2', sys_perm_user='riud', sys_perm_group='ru', sys_perm_other='', server_id='1',
    origin='example.org.', ns='ns1.example.com.', mbox='hostmaster.example.org.', serial='0', refresh='7200',
    retry='540', expire='604800', minimum='3600', ttl='3600', active='Y', xfer='', also_notify='', update_acl='',
    dnssec_initialized='N', dnssec_wanted='Y', dnssec_algo='ECDSAP256SHA256', dnssec_last_signed='0', dnssec_info='')


def panel_record(name, rr_type, data, aux='0'):
    """A record saved on its page: the zone's server and group, the form's TTL, a stamp and the record's serial."""
    return dict(sys_userid='1', sys_groupid='2', sys_perm_user='riud', sys_perm_group='riud', sys_perm_other='',
                server_id='1', zone='1', name=name, type=rr_type, data=data, aux=aux, ttl='3600', active='Y',
                serial=str(next_serial(0)))


PANEL_RECORDS = {
    ('www', 'A'): panel_record('www', 'A', '192.0.2.10'),
    ('example.org.', 'MX'): panel_record('example.org.', 'MX', 'mail.example.org.', aux='10'),
    ('example.org.', 'TXT'): panel_record('example.org.', 'TXT', 'v=spf1 mx -all'),
}

NOT_COMPARED = {
    'dns_soa': {
        'id': GENERATED, 'sys_userid': ADMIN_CLICKED,
        'sys_perm_group': 'the panel\'s plugin makes a client\'s zone read/update only for it (ru); the API writes '
                          'the form\'s riud and has no field for it',
        'serial': 'the panel saves a new zone with 0 and raises it on every record save (today 01, 02, 03 after '
                  'three records); the module starts at today 01, as the panel\'s wizard, and raises it once per '
                  'task: both are YYYYMMDDnn serials of today that grew with the change',
    },
    'dns_rr': {
        'id': GENERATED, 'stamp': GENERATED, 'sys_userid': ADMIN_CLICKED,
        'serial': 'the panel counts up the record\'s own serial (today 01 for a new record); the module gives a '
                  'record the serial its zone is raised to (today 02 here), so that a zone whose raise failed is seen '
                  'behind its records; only the panel reads it (the zone file carries the zone\'s serial)',
    },
}


@pytest.fixture
def made(ispconfig):
    assert run_module(ispconfig_client, dict(ispconfig.conn, username='acme', password='Corr3ct-Horse-Battery',
                                             contact_name='Jane Doe', email='jane@acme.example'))['changed']
    zone = dict(ispconfig.conn, zone='example.org', ns='ns1.example.com', email='hostmaster@example.org',
                client='acme')
    records = dict(ispconfig.conn, zone='example.org', record_sets=[
        dict(record='www', type='A', value=['192.0.2.10']), dict(record='@', type='MX', value=['10 mail']),
        dict(record='@', type='TXT', value=['v=spf1 mx -all'])])
    assert run_module(ispconfig_dns_zone, zone)['changed'] and run_module(ispconfig_dns_record_sets, records)[
        'changed']
    ispconfig.tasks = (zone, records)
    return ispconfig


def compare(table, made_row, panel_row):
    skipped = NOT_COMPARED[table]
    assert set(made_row) == set(panel_row) | set(skipped), 'every column is compared or explained'
    return dict((column, (made_row[column], panel_row[column])) for column in made_row
                if column not in skipped and made_row[column] != panel_row[column])


def test_zone_is_what_the_panel_makes(made):
    (row,) = made.simulator.state()['tables']['dns_soa']
    assert compare('dns_soa', row, PANEL_ZONE) == {}
    assert row['serial'] == str(next_serial(next_serial(0)))  # today 01 on create, raised once by the records


def test_records_are_what_the_panel_makes(made):
    rows = made.simulator.state()['tables']['dns_rr']
    assert sorted((row['name'], row['type']) for row in rows) == sorted(PANEL_RECORDS)
    for row in rows:
        assert compare('dns_rr', row, PANEL_RECORDS[(row['name'], row['type'])]) == {}, row


def test_every_task_runs_again_with_no_change(made):
    for options in made.tasks:
        assert run_module(ispconfig_dns_zone if 'ns' in options else ispconfig_dns_record_sets, options)[
            'changed'] is False
