# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ISPConfig 3 remote API, DNS: the `dns_*` functions of the simulator (ispconfig.py), as recorded in
tests/conformance/data/ispconfig/10-14 and described in docs/api/ispconfig.md section 9 and
docs/api/ispconfig-panel.md. Unrecorded corners follow the public source of the same release
(`interface/lib/classes/remote.d/dns.inc.php`, `remoting.inc.php`, `validate_dns.inc.php`, the `dns/form` tforms,
`install/sql/ispconfig3.sql`).

`DnsPanel` is a part of the simulator: its tables, forms and function groups are declared below and listed on
the class; ispconfig.py's ISPConfigSimulator inherits it. Modelled: `active` upper case, `dns_zone_set_status`
as a plain UPDATE, the SOA serial (`YYYYMMDDnn` from the simulator clock's UTC date) bumped only by a record call
with `update_serial`, `dns_zone_delete` leaving the records, `dns_templatezone_add` answering an empty HTTP 200
(the seeded dns_template 1 `Default`), the unique key origin of dns_soa (a duplicate the validators let through
dies with HTTP 500 and spends the auto-increment id).

Panel invariants (the `panel_invariants` option of ispconfig.py): a zone's origin, ns and mbox are lower case and
fully qualified, its serial is 0 or YYYYMMDDnn, it is on a DNS server and has an algorithm when DNSSEC is wanted;
a record is in an existing zone, on its server and in its owner group, has a type, a name as the record page
stores it, a stamp and a serial; deleting a zone leaves no record in it.

Where the simulator had to choose: the serial's date is the simulator clock's UTC date (PHP uses the server's
time zone); the `dns_<type>_*` functions exist for the eight types below, the other record types of the API
answer `Method ... does not exist`.
"""

import datetime
import ipaddress
import re

from .ispconfig_base import (BR, DOMAIN_FILTERS, REMOTING_CALLS, _ADD, _DELETE, _UPDATE, Exit, Fatal,
                             Fault, Field, Form, FunctionGroup, PanelBase, Parent, Table, at_least, checkbox,
                             column_equals, is_numeric, loose_blank, php_empty, php_intval, php_str, php_trim,
                             regex, required, unique, NULL)

DNS_TEMPLATE = ('[ZONE]\norigin={DOMAIN}.\nns={NS1}.\nmbox={EMAIL}.\nrefresh=7200\nretry=540\nexpire=604800\n'
                'minimum=3600\nttl=3600\nxfer=\nalso_notify=\ndnssec_wanted=N\ndnssec_algo=ECDSAP256SHA256\n\n'
                '[DNS_RECORDS]\nA|{DOMAIN}.|{IP}|0|3600\nA|www|{IP}|0|3600\nA|mail|{IP}|0|3600\n'
                'NS|{DOMAIN}.|{NS1}.|0|3600\nNS|{DOMAIN}.|{NS2}.|0|3600\nMX|{DOMAIN}.|mail.{DOMAIN}.|10|3600\n'
                'TXT|{DOMAIN}.|v=spf1 mx a ~all|0|3600')

RR_TYPES = ('A', 'AAAA', 'ALIAS', 'CNAME', 'DNAME', 'CAA', 'DS', 'HINFO', 'LOC', 'MX', 'NAPTR', 'NS', 'PTR', 'RP',
            'SRV', 'SSHFP', 'TXT', 'TLSA', 'DNSKEY')  # enum of dns_rr.type
RECORD_TYPES = ('a', 'aaaa', 'caa', 'cname', 'mx', 'ns', 'srv', 'txt')  # the dns_<type>_* functions modelled


# --- validators of the DNS forms (called by PanelBase._validate) -----------------------------------------

def ip_address(version, message):
    """ISIPV4 / ISIPV6 (filter_var FILTER_VALIDATE_IP)."""
    def check(sim, name, value, record, own_id):
        try:
            valid = '%' not in value and ipaddress.ip_address(value).version == version
        except ValueError:
            valid = False
        return '' if valid else message + BR
    return (check,)


def ip_list():
    """validate_dns::validate_ip: '' and `any` pass, else a comma list of addresses, each optionally with a
    /prefix. Its fault text goes through $app->tform, which the API never loads: a bad list is a PHP error
    (HTTP 500)."""
    def check(sim, name, value, record, own_id):
        if value in ('', 'any'):
            return ''
        for item in value.split(','):
            address, slash, prefix = item.strip().partition('/')
            try:
                parsed = ipaddress.ip_address(address.strip()) if '%' not in address else None
            except ValueError:
                parsed = None
            if parsed is None or (slash and (not is_numeric(prefix) or not 1 <= float(prefix) <= (
                    128 if parsed.version == 6 else 32))):
                raise Fatal('Call to a member function lng() on null')
        return ''
    return (check,)


# --- what the panel's pages always leave in each table (Table.invariants) ---------------------------------

# dns_rr.stamp as the record page writes it (date('Y-m-d H:i:s')); the API's '' becomes zeros
_ZERO_STAMP = '0000-00-00 00:00:00'


def _panel_serial(serial):
    """validate_dns::increase_serial's form: YYYYMMDDnn, ten digits (after nn 99 it adds 1 to the date as a number,
    so the date part is not always a real date)."""
    return re.match(r'^\d{10}$', php_str(serial)) is not None


def dns_soa_invariants(sim, row):
    """What dns_soa_edit.php and dns_dns_soa_plugin.inc.php always leave: origin, ns and mbox lower case and
    fully qualified (the page adds the dots and turns the mailbox's @ into a dot), a serial the panel wrote
    (0 from the new-zone form, else YYYYMMDDnn), a DNS server, and a DNSSEC algorithm when DNSSEC is wanted."""
    name = 'dns_soa %s' % row['origin']
    problems = ['%s: %s %r is not lower case with a trailing dot (the panel stores it so)' % (
        name, column, row[column]) for column in ('origin', 'ns', 'mbox')
        if not php_str(row[column]).endswith('.') or php_str(row[column]) != php_str(row[column]).lower()]
    if '@' in php_str(row['mbox']):
        problems.append('%s: mbox %r holds "@" (the panel turns it into a dot)' % (name, row['mbox']))
    if php_str(row['serial']) != '0' and not _panel_serial(row['serial']):
        problems.append('%s: serial %r is not YYYYMMDDnn (the panel writes none on a new zone, then raises '
                        'it so)' % (name, row['serial']))
    server = sim.tables['server'].get(php_intval(row['server_id']))
    if server is None or server['dns_server'] != '1':
        problems.append('%s: server %s is not a DNS server (the panel offers only those)' % (
            name, row['server_id']))
    if row['dnssec_wanted'] == 'Y' and not row['dnssec_algo']:
        problems.append('%s: DNSSEC is wanted without an algorithm (the panel sets ECDSAP256SHA256)' % name)
    return problems


def dns_rr_invariants(sim, row):
    """What dns_edit_base.php (and dns_caa_edit.php) always leave: a record of an existing zone, on its server
    and in its owner group, with a type, a name as the page stores it (no `@`, no bare `*`, lower case but for
    AAAA, whose form has no filter; CAA fully qualified), a stamp and a record serial."""
    name = 'dns_rr %s %s %s' % (row['id'], row['name'], row['type'])
    zone = sim.tables['dns_soa'].get(php_intval(row['zone']))
    if zone is None:
        return ['%s: its zone %s does not exist (the panel adds records to a zone it shows)' % (name, row['zone'])]
    problems = []
    if not row['type']:
        problems.append('%s: no type (each record form sets its own)' % name)
    if row['server_id'] != zone['server_id']:
        problems.append('%s: server %s is not the server of its zone (%s)' % (
            name, row['server_id'], zone['server_id']))
    if row['sys_groupid'] != zone['sys_groupid']:
        problems.append('%s: owner group %s is not the group of its zone (%s)' % (
            name, row['sys_groupid'], zone['sys_groupid']))
    stored = php_str(row['name'])
    if stored in ('@', '*'):
        problems.append('%s: name %r (the page stores it as the zone\'s origin)' % (name, stored))
    if row['type'] != 'AAAA' and stored != stored.lower():
        problems.append('%s: name %r is not lower case (the form lower-cases it)' % (name, stored))
    if row['type'] == 'CAA' and not stored.endswith('.' + zone['origin']) and stored != zone['origin']:
        problems.append('%s: a CAA name is stored fully qualified in its zone (%s)' % (name, zone['origin']))
    if row['stamp'] in (None, '', _ZERO_STAMP) or not _panel_serial(row['serial']):
        problems.append('%s: stamp %r / serial %r were not set (the page stamps every save and counts the '
                        'serial up)' % (name, row['stamp'], row['serial']))
    return problems


# --- tables ------------------------------------------------------------------------------------------

# remote function groups as System > Remote Users offers them (interface/web/*/lib/remote.conf.php)
DNS_ZONE = FunctionGroup('dns_zone', 'DNS zone functions', [
    'dns_zone_get', 'dns_zone_get_id', 'dns_zone_add', 'dns_zone_update', 'dns_zone_delete', 'dns_zone_set_status',
    'dns_templatezone_add'])
DNS_RECORD_GROUPS = {rr_type: FunctionGroup('dns_%s' % rr_type, 'DNS %s functions' % rr_type, [
    'dns_%s_%s' % (rr_type, call) for call in ('get', 'add', 'update', 'delete')]) for rr_type in RECORD_TYPES}
# the record calls take update_serial
RECORD_CALLS = {'get': REMOTING_CALLS['get'], 'add': ('dns_rr_add', _ADD + ('update_serial',)),
                'update': ('dns_rr_update', _UPDATE + ('update_serial',)),
                'delete': ('dns_rr_delete', _DELETE + ('update_serial',))}

_DNS_META = {'sys_userid': '0', 'sys_groupid': '0', 'sys_perm_user': '', 'sys_perm_group': '', 'sys_perm_other': ''}
_DNS_PRESET = {'sys_perm_user': 'riud', 'sys_perm_group': 'riud', 'sys_perm_other': ''}  # the forms' auth preset


def _dns_columns(key, rest, defaults):
    """dns_soa and dns_rr columns; `defaults` are the real column defaults, the form inserts the preset."""
    columns = {key: None}
    columns.update(_DNS_META if defaults else dict(_DNS_META, **_DNS_PRESET))
    columns.update(rest)
    return columns


_SOA_REST = {
    'server_id': '1', 'origin': '', 'ns': '', 'mbox': '', 'serial': '1', 'refresh': '28800', 'retry': '7200',
    'expire': '604800', 'minimum': '3600', 'ttl': '3600', 'active': 'N', 'xfer': NULL, 'also_notify': NULL,
    'update_acl': NULL, 'dnssec_initialized': 'N', 'dnssec_wanted': 'N', 'dnssec_algo': 'ECDSAP256SHA256',
    'dnssec_last_signed': '0', 'dnssec_info': NULL}
DNS_SOA_TABLE = Table('dns_soa', 'id', _dns_columns('id', _SOA_REST, True), label='dns_soa {origin}',
                      invariants=dns_soa_invariants, parent=None)
DNS_SOA = Form('dns_zone', DNS_SOA_TABLE, group=DNS_ZONE, calls=REMOTING_CALLS, columns=_dns_columns('id', _SOA_REST, False),
               fields=[
    Field('server_id', 'int', validators=(required('server_id_error_empty'),)),
    Field('origin', filters=DOMAIN_FILTERS, validators=(
        required('origin_error_empty'), unique('origin_error_unique'),
        regex(r'^[a-zA-Z0-9\.\-\/]{1,255}\.[a-zA-Z0-9\-]{2,63}[\.]{0,1}$', 'origin_error_regex'))),
    Field('ns', filters=DOMAIN_FILTERS, validators=(regex(r'^[a-zA-Z0-9\.\-]{1,255}$', 'ns_error_regex'),)),
    Field('mbox', filters=DOMAIN_FILTERS, validators=(
        required('mbox_error_empty'), regex(r'^[a-zA-Z0-9\.\-\_\+]{0,255}\.$', 'mbox_error_regex'))),
    Field('serial', 'int'),
    Field('refresh', 'int', validators=(at_least(60, 'refresh_range_error'),)),
    Field('retry', 'int', validators=(at_least(60, 'retry_range_error'),)),
    Field('expire', 'int', validators=(at_least(60, 'expire_range_error'),)),
    Field('minimum', 'int', validators=(at_least(60, 'minimum_range_error'),)),
    Field('ttl', 'int', validators=(at_least(60, 'ttl_range_error'),)),
    Field('xfer', validators=(ip_list(),)), Field('also_notify', validators=(ip_list(),)),
    Field('update_acl', filters=('STRIPTAGS', 'STRIPNL')),
    checkbox('active', 'N', 'Y'), checkbox('dnssec_wanted', 'N', 'Y'),
    # a SET column: anything but its members (or both, comma-joined) is stored as ''
    Field('dnssec_algo', 'enum', enum=('NSEC3RSASHA1', 'ECDSAP256SHA256', 'NSEC3RSASHA1,ECDSAP256SHA256')),
    Field('dnssec_info', filters=('STRIPTAGS',)),
])

_RR_REST = {'server_id': '1', 'zone': '0', 'name': '', 'type': NULL, 'data': '', 'aux': '0', 'ttl': '3600',
            'active': 'Y', 'stamp': NULL, 'serial': NULL}  # stamp: CURRENT_TIMESTAMP, set on insert
DNS_RR_TABLE = Table('dns_rr', 'id', _dns_columns('id', _RR_REST, True), label='dns_rr {id} {name} {type}',
                     invariants=dns_rr_invariants, parent=Parent('dns_soa', 'zone', 'zone'))
# the templates of System > DNS templates (dns_templatezone_add reads them)
DNS_TEMPLATE_TABLE = Table('dns_template', 'template_id', label='dns_template {name}', invariants=None, parent=None)
_HOST = r'^[a-zA-Z0-9\.\-]{1,255}$'
# per type: (name regex, name lower-cased and punycoded, data filters, data validators, has aux)
_RR_FORMS = {
    'a': (r'^[a-zA-Z0-9\.\-\*]{0,64}$', True, (), (required('data_error_empty'), ip_address(4, 'ip_error_wrong')),
          False),
    'aaaa': (r'^[a-zA-Z0-9\.\-\*]{0,64}$', False, (), (required('data_error_empty'),
                                                       ip_address(6, 'ip_error_wrong')), False),
    'caa': (r'^[a-zA-Z0-9\.\-\_]{0,255}$', True, (), (), False),
    'cname': (r'^[a-zA-Z0-9\.\-\*\_]{0,255}$', True, DOMAIN_FILTERS,
              (required('data_error_empty'), regex(r'^[a-zA-Z0-9\.\-\_]{1,255}$', 'data_error_regex')), False),
    'mx': (r'^[a-zA-Z0-9\.\-\*]{0,255}$', True, DOMAIN_FILTERS,
           (required('data_error_empty'), regex(_HOST, 'data_error_regex')), True),
    'ns': (r'^[_a-zA-Z0-9\.\-]{0,255}$', True, DOMAIN_FILTERS,
           (required('data_error_empty'), regex(_HOST, 'data_error_regex')), False),
    'srv': (r'^[a-zA-Z0-9\.\-_]{0,255}$', True, (),
            (required('data_error_empty'),
             regex(r'^[\w\.\-]{0,64}\s[\w\.\-]{0,64}\s[\w\.\-]{0,64}$', 'srv_error_regex')), True),
    # the DKIM/DMARC/SPF refusals of dns_txt.tform.php apply to non-admins only; the API is an admin
    'txt': (r'^(\*\.|[a-zA-Z0-9\.\-\_]){0,255}$', True, (), (required('data_error_empty'),), False),
}


def _rr_form(rr_type):
    name_pattern, name_filtered, data_filters, data_validators, has_aux = _RR_FORMS[rr_type]
    fields = [Field('server_id', 'int'), Field('zone', 'int'),
              Field('name', filters=DOMAIN_FILTERS if name_filtered else (),
                    validators=(regex(name_pattern, 'name_error_regex'),)),
              Field('type', 'enum', enum=RR_TYPES),
              Field('data', filters=data_filters, validators=data_validators)]
    if has_aux:
        fields.append(Field('aux', 'int'))
    fields += [Field('ttl', 'int', validators=(at_least(60, 'ttl_range_error'),)),
               checkbox('active', 'N', 'Y'), Field('stamp'), Field('serial', 'int')]
    return Form('dns_%s' % rr_type, DNS_RR_TABLE, fields, group=DNS_RECORD_GROUPS[rr_type], calls=RECORD_CALLS,
                columns=_dns_columns('id', _RR_REST, False))


DNS_RR = {rr_type: _rr_form(rr_type) for rr_type in RECORD_TYPES}


class DnsPanel(PanelBase):
    """The dns_* functions, their tables and forms."""

    tables = (DNS_SOA_TABLE, DNS_RR_TABLE, DNS_TEMPLATE_TABLE)
    forms = (DNS_SOA,) + tuple(DNS_RR.values())
    functions = {
        'dns_zone_get_id': ('dns_zone_get_id', ('session_id', 'origin')),
        'dns_zone_get_by_user': ('dns_zone_get_by_user', ('session_id', 'client_id', 'server_id')),
        'dns_zone_set_status': ('dns_zone_set_status', ('session_id', 'primary_id', 'status')),
        'dns_rr_get_all_by_zone': ('dns_rr_get_all_by_zone', ('session_id', 'zone_id')),
        'dns_templatezone_add': ('dns_templatezone_add', ('session_id', 'client_id', 'template_id', 'domain', 'ip',
                                                          'ns1', 'ns2', 'email')),
    }
    permission_of = {'dns_zone_get_by_user': 'dns_zone_get', 'dns_rr_get_all_by_zone': 'dns_zone_get'}

    def seed(self):
        super().seed()
        self._insert('dns_template', {
            'sys_userid': '1', 'sys_groupid': '1', 'sys_perm_user': 'riud', 'sys_perm_group': 'riud',
            'sys_perm_other': '', 'name': 'Default', 'fields': 'DOMAIN,IP,NS1,NS2,EMAIL,DKIM,DNSSEC',
            'template': DNS_TEMPLATE, 'visible': 'Y'})

    def dns_zone_get_id(self, method, session_id, origin):
        self._check_perm(session_id, method)
        origin = php_str(origin)
        if not re.match(r'^[\w\.\-]{1,64}\.[a-zA-Z0-9\-]{2,63}$', origin, re.ASCII):
            raise Fault('Invalid domain name.')
        for row in self.tables['dns_soa'].values():
            if self._matches(row['origin'], origin + '%'):
                return php_intval(row['id'])
        raise Fault('There is no domain ID with informed domain name.')

    def dns_zone_get_by_user(self, method, session_id, client_id, server_id):
        self._check_perm(session_id, method)
        if php_empty(client_id) or php_empty(server_id):
            return False
        user = self._find('sys_user', 'client_id', str(php_intval(client_id)))
        return [{'id': row['id'], 'origin': row['origin']} for row in self.tables['dns_soa'].values()
                if user is not None and row['sys_groupid'] == user['default_group']
                and row['server_id'] == str(php_intval(server_id))]

    def dns_zone_set_status(self, method, session_id, primary_id, status):
        self._check_perm(session_id, method)
        if status is not True and status not in ('active', 'inactive'):
            raise Fault('The status is not available')
        wanted = 'Y' if status in (True, 'active') else 'N'
        self.record_write(method)
        affected = 0
        for row in self.tables['dns_soa'].values():  # UPDATE dns_soa SET active = ? WHERE id = ?
            if column_equals(row['id'], primary_id, True) and row['active'] != wanted:
                row['active'] = wanted
                affected += 1
        return affected

    def dns_rr_get_all_by_zone(self, method, session_id, zone_id):
        self._check_perm(session_id, method)
        return [dict(row) for row in self.tables['dns_rr'].values() if column_equals(row['zone'], zone_id, True)]

    def _today_serial(self):
        return datetime.datetime.fromtimestamp(self.clock.now(), datetime.timezone.utc).strftime('%Y%m%d')

    def _next_serial(self, serial):
        """validate_dns::increase_serial: YYYYMMDDnn, today + 01 unless the stored one is today or later."""
        serial = php_str(serial)
        day, count, today = php_intval(serial[:8]), php_intval(serial[8:10]), self._today_serial()
        if day >= int(today):
            count += 1
            if count > 99:
                day, count = day + 1, 0
            return '%d%02d' % (day, count)
        return today + '01'

    def _increase_serial(self, session_id, client_id, params):
        """dns.inc.php increase_serial: dns_zone_get of params' zone (or the record's), then dns_zone_update
        of the whole zone with the next serial; no zone means no id, which answers "Primary ID fehlt!"."""
        zone = params.get('zone')
        if zone is None and params.get('dns_rr_id') is not None:
            record = self.tables['dns_rr'].get(php_intval(params['dns_rr_id'])) \
                if is_numeric(params['dns_rr_id']) else None
            zone = record['zone'] if record else None
        soa = self.generic_get('dns_zone_get', session_id, zone)
        soa = dict(soa) if isinstance(soa, dict) else {}
        soa['serial'] = self._next_serial(soa.get('serial'))
        self.hosting_update('dns_zone_update', session_id, client_id, soa.get('id'), soa)

    def dns_rr_add(self, method, session_id, client_id, params, update_serial):
        self._check_perm(session_id, method)
        params = self._params(params, method)
        if not php_empty(update_serial):
            self._increase_serial(session_id, client_id, params)
        record_id = self.hosting_add(method, session_id, client_id, params)
        self._zero_stamp(int(record_id))
        return record_id

    def dns_rr_update(self, method, session_id, client_id, primary_id, params, update_serial):
        affected = self.hosting_update(method, session_id, client_id, primary_id, params)
        if is_numeric(primary_id) and php_intval(primary_id) in self.tables['dns_rr']:
            self._zero_stamp(php_intval(primary_id))
        if not php_empty(update_serial):
            self._increase_serial(session_id, client_id, self._params(params, method))
        return affected

    def dns_rr_delete(self, method, session_id, primary_id, update_serial):
        self._check_perm(session_id, method)
        if not php_empty(update_serial):
            self._increase_serial(session_id, 0, {'dns_rr_id': primary_id})
        return self.hosting_delete(method, session_id, primary_id)

    def _zero_stamp(self, record_id):
        """`stamp` is a TIMESTAMP column: the form writes '' (or any text), MySQL stores zeros for what is no
        'YYYY-MM-DD HH:MM:SS'."""
        row = self.tables['dns_rr'][record_id]
        stamp = php_str(row['stamp'])
        try:
            datetime.datetime.strptime(stamp, '%Y-%m-%d %H:%M:%S')
        except ValueError:
            row['stamp'] = '0000-00-00 00:00:00'

    def dns_templatezone_add(self, method, session_id, client_id, template_id, domain, ip, ns1, ns2, email):
        """A zone and its records from a dns_template; answers nothing (PHP `exit`) on success."""
        self._check_perm(session_id, method)
        client = self.tables['client'].get(php_intval(client_id)) if client_id is not None else None
        template = self.tables['dns_template'].get(php_intval(template_id)) if is_numeric(template_id) else None
        text = template['template'] if template else ''
        for placeholder, value in (('{DOMAIN}', domain), ('{IP}', ip), ('{NS1}', ns1), ('{NS2}', ns2),
                                   ('{EMAIL}', email)):
            if not loose_blank(value):
                text = text.replace(placeholder, php_str(value))
        zone, records, section = {}, [], ''
        for line in text.split('\n'):
            line = php_trim(line)
            if line.startswith('['):
                if line not in ('[ZONE]', '[DNS_RECORDS]'):
                    raise Exit('Unknown section type')
                section = line
            elif line and section == '[ZONE]':
                parts = line.split('=')  # explode('='): a value stops at a second '='
                if parts[0].strip():
                    zone[parts[0].strip()] = php_trim(parts[1]) if len(parts) > 1 else ''
            elif line and section == '[DNS_RECORDS]':
                parts = line.split('|') + [None] * 5
                records.append({'name': parts[1], 'type': parts[0], 'data': parts[2], 'aux': parts[3],
                                'ttl': parts[4]})
        needed = ('origin', 'ns', 'mbox', 'refresh', 'retry', 'expire', 'minimum', 'ttl')
        errors = ''.join('error_%s_empty<br />' % key for key in needed if loose_blank(zone.get(key)))
        if errors:
            raise Fault(errors)
        user = self._find('sys_user', 'client_id', str(php_intval(client_id))) if client_id is not None else None
        if user is None or client is None:
            raise Fatal("Column 'sys_userid' cannot be null")
        owner = {'sys_userid': user['userid'], 'sys_groupid': user['default_group'], 'sys_perm_user': 'riud',
                 'sys_perm_group': 'riud', 'sys_perm_other': '', 'server_id': client['default_dnsserver']}
        soa = dict(DNS_SOA_TABLE.columns, **owner)
        del soa['id']
        soa.update({key: php_str(zone.get(key)) for key in ('origin', 'ns', 'refresh', 'retry', 'expire', 'minimum',
                                                            'ttl', 'xfer')})
        for key in ('refresh', 'retry', 'expire', 'minimum', 'ttl'):
            soa[key] = str(max(0, php_intval(soa[key])))  # int unsigned columns
        soa.update(mbox=php_str(zone.get('mbox')).replace('@', '.'), serial=self._next_serial(0), active='Y',
                   also_notify=zone.get('also_notify'), update_acl=zone.get('update_acl'))
        self.record_write(method)
        zone_id = self._insert('dns_soa', soa)
        self._refuse_duplicate('dns_soa', zone_id, ('origin',))
        for record in records:
            if None in record.values():
                raise Fatal("Column 'aux' cannot be null")  # a short template line: the zone and earlier records stay
            row = dict(DNS_RR_TABLE.columns, **owner)
            del row['id']
            rr_type = [member for member in RR_TYPES if member.lower() == php_str(record['type']).lower()]
            row.update(zone=str(zone_id), name=php_str(record['name']), type=rr_type[0] if rr_type else '',
                       data=php_str(record['data']), aux=str(max(0, php_intval(record['aux']))),
                       ttl=str(max(0, php_intval(record['ttl']))), active='Y',
                       stamp=datetime.datetime.fromtimestamp(self.clock.now(), datetime.timezone.utc)
                       .strftime('%Y-%m-%d %H:%M:%S'))
            self._insert('dns_rr', row)
        raise Exit('')
