# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""The ISPConfig DNS objects the modules manage: zones (table dns_soa) and record sets (the dns_rr rows of one name
and type in a zone), checked as the panel's forms check them and saved as its edit pages save them.

Facts: docs/api/ispconfig.md section 9 and docs/api/ispconfig-panel.md (DNS zone, DNS records). What the panel does
on save and the API does not, and these resources do instead: the zone page adds the trailing dots, turns the `@` of
the mailbox into a dot and raises the SOA serial (YYYYMMDDnn) on every change; the record page stores the name `@` as
the zone's origin, gives a record the zone's server and owner, stamps it and counts up its serial, and raises the
zone's serial after every record save; deleting a zone first deletes its records. A record set task writes its
records and then raises the zone's serial once (finish()), however many records it wrote; a record gets the serial
its zone is raised to, so that a later task sees a zone whose raise failed (serial_behind()) and raises it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import re
import time

from . import _engine as engine
from . import ispconfig
from ._idn import to_ascii_domain
from ._transport import ApiError, TransportError, wrong_shape
from .ispconfig_resources import Client, Owned, ServerId, group_owner

# The record types the record set modules manage: those the panel has a plain form for and the API a
# dns_<type>_* function group.
RECORD_TYPES = ('A', 'AAAA', 'CAA', 'CNAME', 'MX', 'NS', 'SRV', 'TXT')
# Types whose dns_<type>_delete exists (any of them deletes a dns_rr row by id, whatever its type).
DELETE_FUNCTIONS = RECORD_TYPES + ('ALIAS', 'DNAME', 'HINFO', 'LOC', 'NAPTR', 'PTR', 'RP', 'SSHFP', 'TLSA')
# the panel's function group of each record type's dns_<type>_* functions (System > Remote Users)
RECORD_GROUPS = dict(('dns_%s' % rr_type.lower(), 'DNS %s functions' % rr_type.lower()) for rr_type in DELETE_FUNCTIONS)
TTL_RANGE = (60, 2 ** 31 - 1)  # the panel's "at least 60", and RFC 2181's largest TTL
PRIORITY_MAX = 65535  # MX preference and SRV priority, weight and port are 16-bit numbers
DEFAULT_PRIORITY = {'MX': 10, 'SRV': 0}  # the panel forms' aux defaults
DEFAULT_TTL = 3600  # the record forms' default (the CAA form takes the zone's TTL instead)
# A TXT record's text goes into one RDATA of at most 65535 bytes, as strings of 255 bytes with a length byte each.
TXT_MAX_BYTES = 65280
DNSSEC_ALGORITHM = 'ECDSAP256SHA256'  # the zone form's default, which it also sets when DNSSEC is wanted without one

# The zone form's SOA defaults (dns_soa.tform.php): the API would refuse a zone without them.
SOA_DEFAULTS = dict(refresh=7200, retry=540, expire=604800, minimum=3600, ttl=3600)
# The name check of each record form (dns_<type>.tform.php), on the name as stored: (pattern, what it allows)
NAME_RULES = {
    'A': (r'^[a-z0-9.\-*]{0,64}$', 'letters, digits, ".", "-" and "*", at most 64 characters'),
    'AAAA': (r'^[a-z0-9.\-*]{0,64}$', 'letters, digits, ".", "-" and "*", at most 64 characters'),
    'CAA': (r'^[a-z0-9.\-_]{0,255}$', 'letters, digits, ".", "-" and "_"'),
    'CNAME': (r'^[a-z0-9.\-*_]{0,255}$', 'letters, digits, ".", "-", "*" and "_"'),
    'MX': (r'^[a-z0-9.\-*]{0,255}$', 'letters, digits, ".", "-" and "*"'),
    'NS': (r'^[_a-z0-9.\-]{0,255}$', 'letters, digits, ".", "-" and "_"'),
    'SRV': (r'^[a-z0-9.\-_]{0,255}$', 'letters, digits, ".", "-" and "_"'),
    'TXT': (r'^(\*\.|[a-z0-9.\-_]){0,255}$', 'letters, digits, ".", "-", "_" and a leading "*."'),
}
# A label with an underscore (service labels such as _sip, _tcp, _dmarc, _domainkey) is no host name: ASCII only.
UNDERSCORE_LABEL = re.compile(r'^[a-z0-9_]([a-z0-9_\-]{0,61}[a-z0-9_])?$')
CAA_TAGS = ('issue', 'issuewild')  # what the panel's CAA form makes
CAA_FLAGS = ('0', '128')
CAA_OPTION = re.compile(r'^\w+=[^\s;"]+$')
MBOX_LOCAL = re.compile(r'^[a-z0-9._+\-]+$')  # the characters the zone form's mbox check lets through
STAMP_DAY = re.compile(r'^(\d{4})-(\d{2})-(\d{2})')  # dns_rr.stamp, 'YYYY-MM-DD HH:MM:SS'


# --- serials -----------------------------------------------------------------------------------------------------

def today():
    """The date part of a serial written now (UTC; the panel uses its server's time zone, which the API does not
    tell: the two differ only around midnight, and a serial never goes down either way)."""
    return time.strftime('%Y%m%d', time.gmtime())


def next_serial(serial, day=None):
    """The panel's increase_serial (validate_dns.inc.php): YYYYMMDDnn, today's date and 01 unless the stored serial
    is of today or later, which counts up (after nn 99 it adds 1 to the date as a number, and 00)."""
    text = str(serial or '')
    stored_day, count = _number(text[:8]), _number(text[8:10])
    day = int(day or today())
    if stored_day >= day:
        count += 1
        if count > 99:
            stored_day, count = stored_day + 1, 0
        return int('%d%02d' % (stored_day, count))
    return int('%d01' % day)


def _number(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return 0


def _newest(rows):
    """(the highest serial, the latest stamp's day as YYYYMMDD) of a zone's dns_rr rows; 0 for none (the API
    stores a record without them as 0 and zeros)."""
    serials = [_number(row.get('serial')) for row in rows]
    days = [STAMP_DAY.match(str(row.get('stamp') or '')) for row in rows]
    return max(serials + [0]), max([int(''.join(day.groups())) for day in days if day] + [0])


def serial_behind(serial, rows):
    """Whether a zone holds records written after its SOA serial `serial` was last raised: a record's serial
    above it, or a record stamped on a later day than its date. A save that raises the zone's serial after its
    records (the panel's, the modules') leaves neither; a task whose raise failed leaves one or both (the modules
    give a record the serial its zone is raised to, so that a failure on the serial's own day shows too)."""
    newest, day = _newest(rows)
    return newest > _number(serial) or day > _number(str(serial or '')[:8])


def raised_serial(serial, rows):
    """The serial a zone gets after its records `rows` changed: the panel's next one, and past every record's serial
    and stamp, so that serial_behind() no longer holds."""
    newest, day = _newest(rows)
    return next_serial(max(_number(serial), newest), max(int(today()), day))


# --- names ------------------------------------------------------------------------------------------------------

def zone_origin(value):
    """A zone as the modules name it: A-labels, lower case, no trailing dot ("example.org"). Refuses what the zone
    form's origin check refuses (at least two labels, a top-level label of 2 to 63 characters)."""
    origin = to_ascii_domain(value)
    if not origin:
        raise engine.InputError('the zone is empty')
    if '.' not in origin or len(origin.rpartition('.')[2]) < 2:
        raise engine.InputError('%r is not a zone the panel accepts: it needs at least two labels and a top-level '
                                'label of 2 to 63 characters' % value)
    return origin


def _labels(text, what, wildcard=False):
    """A dotted name in its stored form: each label lower case and in punycode (IDNA 2008), a label with an
    underscore ASCII only, `*` only as the first label where `wildcard` allows it."""
    if engine.CONTROL_CHARACTERS.search(text) or re.search(r'\s', text):
        raise engine.InputError('%r is not a valid %s: it holds a space or a control character' % (text, what))
    converted = []
    for index, label in enumerate(text.split('.')):
        if label == '*' and wildcard and index == 0:
            converted.append(label)
        elif not label:
            raise engine.InputError('%r is not a valid %s: it has an empty label' % (text, what))
        elif '_' in label or '*' in label:
            if '*' in label or not UNDERSCORE_LABEL.match(label.lower()):
                raise engine.InputError('%r is not a valid %s: the label %r may hold only letters, digits, "-" and '
                                        '"_"%s' % (text, what, label, ' ("*" only as a whole first label)'
                                                   if '*' in label else ''))
            converted.append(label.lower())
        else:
            try:
                converted.append(to_ascii_domain(label))
            except engine.InputError as exc:
                raise engine.InputError('%r is not a valid %s: %s' % (text, what, exc))
    return '.'.join(converted)


def _check_length(name, text, what):
    if len(name) > 253:
        raise engine.InputError('%r is not a valid %s: the full name %s is longer than 253 characters' % (
            text, what, name))


def relative_name(value, origin):
    """A record name as the modules name it: relative to the zone, `@` for the zone itself.

    The user may write `@` for the zone itself, a name relative to the zone (`www`, `_dmarc`, `*.dev`), or a
    fully qualified name, with its trailing dot as in a zone file (`www.example.org.`) or without it as other
    Ansible DNS modules take it: a name that is the zone's own or ends with `.<zone>` (`www.example.org` in
    example.org) is that name, never the name below the zone it would be in a zone file (www.example.org.example.org,
    which the trailing dot still writes). An empty name is refused: an unset variable would otherwise mean the
    zone itself.
    """
    text = '' if value is None else str(value).strip()
    if not text:
        raise engine.InputError('the record name is empty: write @ for the zone itself')
    if text == '@':
        return '@'
    absolute = text.endswith('.')
    name = _labels(text[:-1] if absolute else text, 'record name', wildcard=True)
    if name == origin:
        return '@'
    if name.endswith('.' + origin):
        name = name[:-len(origin) - 1]
    elif absolute:
        raise engine.InputError('the record name %r is not in the zone %s' % (text, origin))
    _check_length('%s.%s' % (name, origin), text, 'record name')
    return name


def stored_name(name, origin):
    """A dns_rr name as the modules name it (relative, `@` for the zone itself): the panel stores `@` as the
    origin with its trailing dot, other names as typed (relative, or absolute with the dot)."""
    text = str(name or '').strip().lower()
    if text in ('', '@', origin + '.'):
        return '@'
    if text.endswith('.' + origin + '.'):
        return text[:-len(origin) - 2]
    return text  # relative, or a name outside the zone (kept with its trailing dot)


def fqdn(record, origin):
    """The full name of a record (without the trailing dot)."""
    if record == '@':
        return origin
    return record[:-1] if record.endswith('.') else '%s.%s' % (record, origin)


def written_name(record, origin, rr_type):
    """The name a record is stored with, as the panel's record page stores it: `@` as the origin with its trailing
    dot, `*` as `*.<origin>.`, CAA names fully qualified (its form always builds them so), others as relative."""
    if record == '@':
        return origin + '.'
    if record == '*' or rr_type == 'CAA':
        return '%s.%s.' % (record, origin)
    return record


def host_name(text, origin, what, underscore=False):
    """The target of a CNAME, MX, NS or SRV record, fully qualified with its trailing dot.

    `@` is the zone itself, a name with a trailing dot is absolute, a single label (`mail`) is relative to the zone.
    A dotted name without the trailing dot (`mail.example.net`) is refused: the zone file would read it as relative
    to the zone (mail.example.net.example.org), which is almost never what was meant.
    """
    text = text.strip()
    if text == '@':
        return origin + '.'
    absolute = text.endswith('.')
    name = _labels(text[:-1] if absolute else text, what)
    if '_' in name and not underscore:
        raise engine.InputError('%r is not a valid %s: the panel allows no "_" in it' % (text, what))
    if not absolute:
        if '.' in name:
            raise engine.InputError(
                'the %s %r has no trailing dot, so the zone file would read it as %s.%s; write %r for that host, or '
                'a single label such as "mail" for a host in the zone' % (what, text, name, origin, name + '.'))
        name = '%s.%s' % (name, origin)
    _check_length(name, text, what)
    return name + '.'


def stored_host(text, origin):
    """A stored target in the comparable form: fully qualified with its trailing dot (a relative one gets the
    zone's name, as the zone file reads it)."""
    text = str(text or '').strip().lower()
    if text in ('', '@'):
        return origin + '.'
    if text.endswith('.'):
        return text
    return '%s.%s.' % (text, origin)


def mailbox(value):
    """The SOA mailbox in the zone form's stored form: `hostmaster@example.org` or `hostmaster.example.org` become
    `hostmaster.example.org.` (the form turns `@` into a dot and adds the trailing dot)."""
    text = str(value or '').strip()
    if '@' in text:
        local, _sep, domain = text.rpartition('@')
        local = local.lower()
        if not MBOX_LOCAL.match(local):
            raise engine.InputError('%r is not an SOA mailbox the panel accepts: the part before "@" may hold only '
                                    'letters, digits, ".", "-", "_" and "+"' % text)
        return '%s.%s.' % (local, to_ascii_domain(domain))
    name = to_ascii_domain(text)
    if '.' not in name:
        raise engine.InputError('%r is not an SOA mailbox: write hostmaster@example.org' % text)
    return name + '.'


# --- record values ----------------------------------------------------------------------------------------------

def _priority(text, what):
    try:
        number = int(str(text))
    except (TypeError, ValueError):
        number = -1
    if not 0 <= number <= PRIORITY_MAX:
        raise engine.InputError('%s %r is not a number from 0 to %d' % (what, text, PRIORITY_MAX))
    return number


def _ip(text, version):
    try:
        address = ipaddress.ip_address(u'%s' % text.strip())
    except ValueError:
        address = None
    if address is None or address.version != version or '%' in text:
        raise engine.InputError('%r is not an IPv%d address' % (text, version))
    return address.compressed


def _txt(text):
    if not text:
        raise engine.InputError('a TXT value may not be empty')
    if '"' in text or '\\' in text:
        raise engine.InputError(
            'the TXT value %r holds a %s: give the text itself, without quotes or escapes. ISPConfig writes it into '
            'the zone file between double quotes as it is (split into strings of 255 characters when longer), so a '
            'quote or a backslash in it would break the record' % (text[:60], 'quote' if '"' in text else 'backslash'))
    if engine.CONTROL_CHARACTERS.search(text):
        raise engine.InputError('the TXT value %r holds a control character (such as a line break)' % text[:60])
    size = len(text.encode('utf-8'))
    if size > TXT_MAX_BYTES:
        raise engine.InputError('the TXT value is %d bytes long; one TXT record holds at most %d' % (
            size, TXT_MAX_BYTES))
    return text


def _caa(text):
    """`<flags> <tag> "<CA>[; key=value...]"` as the panel's CAA form writes it."""
    parts = text.split(None, 2)
    if len(parts) != 3:
        raise engine.InputError('the CAA value %r is not "<flags> <tag> <value>", e.g. 0 issue "letsencrypt.org"' %
                                text)
    flags, tag, value = parts[0], parts[1].lower(), parts[2].strip()
    if flags not in CAA_FLAGS:
        raise engine.InputError('the CAA value %r has the flags %r: the panel sets 0 or 128' % (text, flags))
    if tag not in CAA_TAGS:
        raise engine.InputError('the CAA value %r has the tag %r: the panel makes %s records only' % (
            text, parts[1], ' and '.join(CAA_TAGS)))
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    if '"' in value or '\\' in value:
        raise engine.InputError('the CAA value %r holds a quote or backslash inside its value' % text)
    items = [item.strip() for item in value.split(';')]
    if not items[0]:
        raise engine.InputError('the CAA value %r names no certificate authority (the panel requires one)' % text)
    authority = _labels(items[0], 'certificate authority domain')
    for option in items[1:]:
        if not CAA_OPTION.match(option):
            raise engine.InputError('the CAA value %r has the option %r, which is not key=value' % (text, option))
    return '%s %s "%s"' % (flags, tag, '; '.join([authority] + items[1:]))


def record_entry(rr_type, text, origin, priority=None):
    """One value of a record set: (the comparable value, the API's aux, the API's data).

    The comparable value is what the modules report: A and AAAA addresses in canonical form, host names fully
    qualified with their trailing dot, MX as "<priority> <host>", SRV as "<priority> <weight> <port> <target>",
    CAA as `<flags> <tag> "<value>"`, TXT as the text itself.
    """
    if not isinstance(text, str):
        text = str(text)
    text = text if rr_type == 'TXT' else text.strip()
    if not text:
        raise engine.InputError('a %s value may not be empty' % rr_type)
    if rr_type in ('A', 'AAAA'):
        data = _ip(text, 4 if rr_type == 'A' else 6)
        return data, 0, data
    if rr_type in ('CNAME', 'NS'):
        data = host_name(text, origin, '%s target' % rr_type, underscore=rr_type == 'CNAME')
        return data, 0, data
    if rr_type == 'TXT':
        data = _txt(text)
        return data, 0, data
    if rr_type == 'CAA':
        data = _caa(text)
        return data, 0, data
    parts = text.split()
    given = {'MX': 2, 'SRV': 4}[rr_type]
    if len(parts) == given:
        aux = _priority(parts[0], '%s priority' % rr_type)
        parts = parts[1:]
    elif len(parts) == given - 1:
        aux = DEFAULT_PRIORITY[rr_type] if priority is None else _priority(priority, 'priority')
    else:
        raise engine.InputError('the %s value %r is not %s' % (rr_type, text, {
            'MX': '"[<priority>] <host>", e.g. "10 mail.example.org."',
            'SRV': '"[<priority>] <weight> <port> <target>", e.g. "10 5 5060 sip.example.org."'}[rr_type]))
    if rr_type == 'MX':
        data = host_name(parts[0], origin, 'MX host')
        return '%d %s' % (aux, data), aux, data
    weight, port = _priority(parts[0], 'SRV weight'), _priority(parts[1], 'SRV port')
    target = '.' if parts[2] == '.' else host_name(parts[2], origin, 'SRV target', underscore=True)
    if len(target) > 64:
        raise engine.InputError('the SRV target %r is longer than the 64 characters the panel allows' % parts[2])
    data = '%d %d %s' % (weight, port, target)
    return '%d %s' % (aux, data), aux, data


def stored_value(row, origin):
    """A dns_rr row's value in the comparable form of record_entry() (a value that would not be accepted today,
    such as an older panel's row, is compared as it is)."""
    rr_type = str(row.get('type') or '').upper()
    data = str(row.get('data') or '')
    aux = _number(row.get('aux'))
    if rr_type in ('A', 'AAAA'):
        try:
            return _ip(data, 4 if rr_type == 'A' else 6)
        except engine.InputError:
            return data.strip().lower()
    if rr_type in ('CNAME', 'NS'):
        return stored_host(data, origin)
    if rr_type == 'MX':
        return '%d %s' % (aux, stored_host(data, origin))
    if rr_type == 'SRV':
        parts = data.split()
        if len(parts) == 3:
            target = parts[2] if parts[2] == '.' else stored_host(parts[2], origin)
            return '%d %s %s %s' % (aux, parts[0], parts[1], target)
        return '%d %s' % (aux, data.strip())
    if rr_type == 'CAA':
        try:
            return _caa(data)
        except engine.InputError:
            return data.strip()
    return data


class _Values(engine.ValueType):
    """The `value` list of a record set: the comparable values (record_entry), sorted, each at most once."""

    def __init__(self, rr_type, origin, priority):
        self.rr_type = rr_type
        self.origin = origin
        self.priority = priority

    def entries(self, value):
        entries = []
        for text in value or []:
            entry = record_entry(self.rr_type, text, self.origin, self.priority)
            if entry[0] in [known[0] for known in entries]:
                raise engine.InputError('%r is listed twice (as %s): a record set holds each value once' % (
                    text, entry[0]))
            entries.append(entry)
        return entries

    def from_user(self, value):
        return sorted(entry[0] for entry in self.entries(value))


class _Seconds(engine.Integer):
    """A TTL or an SOA time: whole seconds the panel accepts (at least 60)."""

    def from_user(self, value):
        number = super(_Seconds, self).from_user(value)
        if not TTL_RANGE[0] <= number <= TTL_RANGE[1]:
            raise engine.InputError('%r seconds is not in the range the panel accepts (%d to %d)' % (
                value, TTL_RANGE[0], TTL_RANGE[1]))
        return number


class _RecordName(engine.ValueType):
    def __init__(self, origin):
        self.origin = origin

    def from_user(self, value):
        return relative_name(value, self.origin)


class _ZoneName(engine.ValueType):
    def from_user(self, value):
        return zone_origin(value)

    def from_api(self, raw):
        return str(raw or '').strip().lower().rstrip('.')

    def to_api(self, value):
        return value + '.'


class _NameServer(engine.ValueType):
    def from_user(self, value):
        return host_name(value if str(value).strip().endswith('.') else str(value).strip() + '.', '', 'name server')

    def from_api(self, raw):
        return str(raw or '').strip().lower()


class _Mailbox(engine.ValueType):
    def from_user(self, value):
        return mailbox(value)

    def from_api(self, raw):
        return str(raw or '').strip().lower()


class _Addresses(engine.TextList):
    """xfer / also_notify: IPv4 and IPv6 addresses or networks, stored comma-separated without spaces as the zone
    form stores them (validate_dns::validate_ip; `any` alone lets every server transfer the zone)."""

    def __init__(self, option):
        super(_Addresses, self).__init__(separator=',')
        self.option = option

    def from_user(self, value):
        items = super(_Addresses, self).from_user(value)
        if items == ['any'] and self.option == 'xfer':
            return items
        return [self._address(item) for item in items]

    def from_api(self, raw):
        return [item.strip() for item in str(raw or '').split(',') if item.strip()]

    def _address(self, text):
        address, _sep, prefix = text.partition('/')
        try:
            parsed = ipaddress.ip_address(u'%s' % address.strip())
        except ValueError:
            parsed = None
        if parsed is None or (prefix and not (prefix.isdigit() and 1 <= int(prefix) <= parsed.max_prefixlen)):
            raise engine.InputError('%r is not an IP address or network (address/prefix)%s' % (
                text, ', and "any" stands alone' if self.option == 'xfer' else ''))
        return parsed.compressed + ('/%d' % int(prefix) if prefix else '')


# --- reads -------------------------------------------------------------------------------------------------------

def zone_rows(connection, filters):
    """dns_soa rows matching `filters` (a `_get` filter: the values ignore case and `%` makes a LIKE)."""
    rows = connection.find(DnsZone, **filters)
    if not all('origin' in row for row in rows):
        raise wrong_shape(connection.transport, 'dns_zone_get', 'a list of zones ([] when none matches)', rows)
    return rows


def find_zone(connection, origin):
    """The dns_soa row of the zone `origin` (no trailing dot), or None. Read with a filter on the stored origin,
    compared exactly here (dns_zone_get_id matches a prefix: example.org would also find example.organic)."""
    for row in zone_rows(connection, {'origin': origin + '.'}):
        if str(row['origin']).lower() == origin + '.':
            return row
    return None


def zone_records(connection, zone_id):
    """Every dns_rr row of a zone, by id, from one dns_rr_get_all_by_zone."""
    rows = connection.call('dns_rr_get_all_by_zone', zone_id=int(zone_id))
    if not isinstance(rows, list) or not all(isinstance(row, dict) and 'id' in row and 'type' in row and 'name' in row
                                             for row in rows):
        raise wrong_shape(connection.transport, 'dns_rr_get_all_by_zone', 'a list of records ([] when none)', rows)
    return sorted(rows, key=lambda row: _number(row['id']))


def record_set_identity(row, origin):
    """The name a bulk task knows a row's record set by: "<full name> <type>"."""
    return '%s %s' % (fqdn(stored_name(row['name'], origin), origin), str(row['type'] or '').upper())


def _set_state(origin, record, rr_type, rows):
    """A record set's rows as the modules report the set; ttl and active are lists when its records differ."""
    ttls = sorted(set(_number(row.get('ttl')) for row in rows))
    actives = sorted(set(str(row.get('active') or '').upper() == 'Y' for row in rows))
    return dict(zone=origin, record=record, type=rr_type, value=sorted(stored_value(row, origin) for row in rows),
                ttl=ttls[0] if len(ttls) == 1 else ttls, active=actives[0] if len(actives) == 1 else actives)


# --- the resources -------------------------------------------------------------------------------------------------

class DnsZone(Owned):
    """A DNS zone (dns_soa row), found by its origin."""

    kind = 'DNS zone'
    result_key = 'dns_zone'
    module_name = 'ispconfig_dns_zone'
    function_family = 'dns_zone'
    id_column = 'id'
    # dns_rr_get_all_by_zone is allowed by dns_zone_get; its delete deletes its records of every type
    function_groups = dict({'dns_zone': 'DNS zone functions', 'dns_rr': 'DNS zone functions'}, **RECORD_GROUPS)
    prefix_setting = stock_prefix = None
    secret_columns = ()
    parent_class = Client
    parent_column = None  # its owner's group is its sys_groupid
    children_block_delete = False  # its delete deletes its records first, as the panel's zone page does
    name_column = 'origin'
    # defaults: what the panel's zone form stores (dns_soa.tform.php)
    fields = (
        engine.Field('zone', api='origin', value_type=_ZoneName()),
        engine.Field('client', value_type=engine.Text(), virtual=True),
        engine.Field('server_id', value_type=ServerId()),
        engine.Field('ns', value_type=_NameServer()),
        engine.Field('email', api='mbox', value_type=_Mailbox()),
        engine.Field('serial', value_type=engine.Integer()),
        engine.Field('refresh', value_type=_Seconds(), default=SOA_DEFAULTS['refresh']),
        engine.Field('retry', value_type=_Seconds(), default=SOA_DEFAULTS['retry']),
        engine.Field('expire', value_type=_Seconds(), default=SOA_DEFAULTS['expire']),
        engine.Field('minimum', value_type=_Seconds(), default=SOA_DEFAULTS['minimum']),
        engine.Field('ttl', value_type=_Seconds(), default=SOA_DEFAULTS['ttl']),
        engine.Field('xfer', value_type=_Addresses('xfer'), default=[]),
        engine.Field('also_notify', value_type=_Addresses('also_notify'), default=[]),
        engine.Field('active', value_type=engine.Flag('Y', 'N'), default=True),
        engine.Field('dnssec', api='dnssec_wanted', value_type=engine.Flag('Y', 'N'), default=True),
    )

    def __init__(self, connection, params, check_mode=False):
        super(DnsZone, self).__init__(connection, params, check_mode)
        self.origin = zone_origin(params['zone'])
        self.server = None  # the DNS server of a new zone, found by read()

    def describe(self):
        return 'DNS zone %s' % self.origin

    def read(self):
        self.read_owner()
        raw = find_zone(self.connection, self.origin)
        if raw is None and self.params.get('state', 'present') == 'present':
            missing = [option for option in ('ns', 'email') if not self.params.get(option)]
            if missing:
                raise engine.InputError('%s required to create %s: the panel saves no zone without its primary '
                                        'name server (ns) and the mailbox of its SOA (email)' % (
                                            ' and '.join(missing) + (' is' if len(missing) == 1 else ' are'),
                                            self.describe()))
            if self.params.get('server_id') is None:
                self.server = self._default_server()
        return raw

    def _default_server(self):
        """The server the panel's new-zone form selects: its settings' default DNS server, else the first DNS
        server that mirrors no other."""
        servers = self.connection.servers_for_new_client()
        if servers is None:
            self.warnings.append(
                'The remote user may not read the panel\'s servers and settings, so the new zone goes to server 1. '
                'Tick "%s" for it, or set server_id.' % ispconfig.SERVER_FUNCTIONS)
            return 1
        return servers['dns'] or 1

    def resolve(self, desired, raw):
        # the zone page raises the serial whenever a save changes anything
        if raw is not None:
            before = self.normalise(raw)
            if any(before.get(option) != value for option, value in desired.items() if option != 'client'):
                desired['serial'] = next_serial(raw.get('serial'))
            if desired.get('client') not in (None, before.get('client')):
                self.warnings.append('%s moves to the client %s, but its records keep their owner: the API has no '
                                     'call that moves them together as the panel does.' % (
                                         self.describe(), desired['client']))

    def create_defaults(self, after):
        return dict(serial=next_serial(0), server_id=self.server)

    def create_payload(self, after):
        # the form's defaults for the fields the module has no option for
        return dict(dnssec_algo=DNSSEC_ALGORITHM, update_acl='')

    def update_payload(self, raw, changes):
        if changes.get('dnssec') and not raw.get('dnssec_algo'):
            return dict(dnssec_algo=DNSSEC_ALGORITHM)
        return {}

    def delete(self, raw):
        """As the panel's zone page: the zone's records first (dns_zone_delete would leave them), then the zone."""
        zone_id = int(raw['id'])
        rows = zone_records(self.connection, zone_id)
        steps = [('record %s' % row['id'], self._record_delete(row)) for row in rows]
        steps.append(('zone', lambda: self.connection.delete('dns_zone', zone_id)))
        ispconfig.send_steps(self, steps)

    def _record_delete(self, row):
        rr_type = str(row['type'] or '').upper()
        function = 'dns_%s_delete' % (rr_type if rr_type in DELETE_FUNCTIONS else 'TXT').lower()
        return lambda: self.connection.call(function, write=True, primary_id=int(row['id']))


class DnsRecordSet(Owned):
    """Every dns_rr row of one name and type in a zone, converged as a whole."""

    kind = 'DNS record set'
    result_key = 'record_set'
    module_name = 'ispconfig_dns_record_set'
    function_family = None  # its calls are dns_<type>_add/_update/_delete, its read dns_rr_get_all_by_zone
    id_column = 'id'
    function_groups = RECORD_GROUPS
    prefix_setting = stock_prefix = None
    secret_columns = ()
    parent_class = DnsZone
    parent_column = 'zone'
    children_block_delete = False
    name_column = 'name'
    id_key = None  # a set of rows, each with its own id, reported by its values

    def __init__(self, connection, params, check_mode=False):
        super(DnsRecordSet, self).__init__(connection, params, check_mode)
        if not params.get('zone'):
            raise engine.InputError('zone is required: set it for the task or for the record set')
        self.origin = zone_origin(params['zone'])
        self.type = str(params['type']).upper()
        self.record = relative_name(params.get('record'), self.origin)
        self.values = _Values(self.type, self.origin, params.get('priority'))
        self.zone = None  # the dns_soa row, found by read()
        self.kept = False  # state=absent left the set as it is (on_existing)
        self.added = False  # the task added records to the set, which finish() reads back
        self.fields = (
            engine.Field('zone', value_type=_ZoneName(), virtual=True),
            engine.Field('record', value_type=_RecordName(self.origin), virtual=True),
            engine.Field('type', value_type=engine.Text(), virtual=True),
            engine.Field('value', value_type=self.values, virtual=True),
            engine.Field('ttl', value_type=_Seconds(), virtual=True),
            engine.Field('active', value_type=engine.Flag('Y', 'N'), default=True, virtual=True),
        )

    def describe(self):
        return 'DNS record set %s %s' % (fqdn(self.record, self.origin), self.type)

    def identity(self):
        return '%s %s' % (fqdn(self.record, self.origin), self.type)

    def parent(self):
        return self.origin

    # --- reads ------------------------------------------------------------------------------------------
    def validate(self, desired):
        state = self.params.get('state', 'present')
        if self.type == 'CNAME' and state == 'present' and len(desired.get('value', [])) > 1:
            raise engine.InputError('a name has at most one CNAME record, and this set lists %d values' % len(
                desired['value']))
        if self.type == 'CNAME' and self.record == '@' and state == 'present':
            raise engine.InputError('a CNAME record at the zone itself (@) would stop the zone from loading: its SOA '
                                    'and NS records are there')
        if state == 'absent' and self.params.get('on_existing', 'replace') != 'replace' and \
                self.params.get('value') is None:
            raise engine.InputError('value is required to delete a record set with on_existing=%s: the set is '
                                    'deleted only when it holds exactly these values' % self.params['on_existing'])
        pattern, allowed = NAME_RULES[self.type]
        name = written_name(self.record, self.origin, self.type)
        if not re.match(pattern, name):
            raise engine.InputError('the panel refuses %r as the name of %s records: it stores %r, and %s '
                                    'record names may hold %s' % (
                                        self.params.get('record'), self.type, name, self.type, allowed))

    @staticmethod
    def _zone_cache(shared):
        return shared.setdefault('dns_zone', {})

    def zone_row(self):
        """The zone's dns_soa row, read once per task (a bulk task's record sets share it)."""
        zones = self._zone_cache(self.shared)
        if self.origin not in zones:
            zones[self.origin] = find_zone(self.connection, self.origin)
        return zones[self.origin]

    def read(self):
        self.zone = self.zone_row()
        state = self.params.get('state', 'present')
        if self.zone is None:
            if state == 'present':
                self.check_parent(self._missing_zone)
            return None
        raw = self.lookup()
        if raw is not None and state == 'absent' and self._kept(raw):
            return None
        return raw

    def _missing_zone(self):
        # check mode warns once per zone, however many of its record sets a task names
        missing = 'the DNS zone %s does not exist in ISPConfig; create it first ' \
                  '(hosting.provision.ispconfig_dns_zone).' % self.origin
        raise ispconfig.MissingParent(missing[0].upper() + missing[1:] if self.check_mode else
                                      'Cannot create %s: %s' % (self.describe(), missing), call='dns_zone_get')

    def find_record(self):
        rows = zone_records(self.connection, self.zone['id'])
        self.shared.setdefault('dns_rr', {})[self.origin] = rows
        return self._set_of(rows)

    def _set_of(self, rows):
        mine = [row for row in rows
                if (str(row['type'] or '').upper(), stored_name(row['name'], self.origin)) == (self.type, self.record)]
        return dict(zone=self.zone, rows=mine) if mine else None

    @classmethod
    def list_parent(cls, connection, parent, shared):
        shared['dns_bulk'] = True  # conflicts between record sets wait for every item's plan (check_write)
        zones = cls._zone_cache(shared)
        if parent not in zones:
            zones[parent] = find_zone(connection, parent)
        if zones[parent] is None:
            return None  # each record set explains the missing zone
        rows = zone_records(connection, zones[parent]['id'])
        shared.setdefault('dns_rr', {})[parent] = rows
        sets = {}
        for row in rows:
            sets.setdefault(record_set_identity(row, parent), []).append(row)
        return dict((identity, [dict(zone=zones[parent], rows=group)]) for identity, group in sets.items())

    @classmethod
    def purge_params(cls, identity, parent):
        """Purge leaves what the module does not manage: the zone's own NS records, record types other than
        RECORD_TYPES, and names outside the zone."""
        name, _sep, rr_type = identity.rpartition(' ')
        if rr_type not in RECORD_TYPES or (rr_type == 'NS' and name == parent):
            return None
        if name == parent:
            record = '@'
        elif name.endswith('.' + parent):
            record = name[:-len(parent) - 1]
        else:
            return None
        return dict(zone=parent, record=record, type=rr_type, state='absent', on_existing='replace')

    def normalise(self, raw):
        return _set_state(self.origin, self.record, self.type, raw['rows'])

    def _mismatch(self, desired, before):
        compared = [option for option in ('value', 'ttl', 'active') if option in desired]
        return [option for option in compared if desired[option] != before[option]]

    def _kept(self, raw):
        """state=absent with on_existing other than replace: the set stays unless it holds exactly `value`."""
        on_existing = self.params.get('on_existing', 'replace')
        if on_existing == 'replace':
            return False
        desired = engine.desired_values(self, self.params)
        if not self._mismatch(desired, self.normalise(raw)):
            return False
        self._keep(on_existing, 'delete')
        self.kept = True
        return True

    def _keep(self, on_existing, what):
        message = '%s exists with other values than the task gives, so it was left as it is (on_existing=%s); ' \
                  'on_existing=replace would %s it.' % (self.describe(), on_existing, what)
        if on_existing == 'keep_and_fail':
            raise engine.InputError(message.replace('so it was left as it is', 'and the task stops'))
        if on_existing == 'keep_and_warn':
            self.warnings.append(message)

    def resolve(self, desired, raw):
        # this set's planned presence, for the conflict checks of the other record sets of a bulk task
        self.shared.setdefault('dns_planned', {}).setdefault((self.origin, self.record), {})[self.type] = \
            self.params.get('state', 'present') == 'present' or self.kept
        if raw is None or self.params.get('state', 'present') != 'present':
            return
        on_existing = self.params.get('on_existing', 'replace')
        if on_existing != 'replace' and self._mismatch(desired, self.normalise(raw)):
            self._keep(on_existing, 'replace')
            for option in ('value', 'ttl', 'active'):
                desired.pop(option, None)

    # --- writes -----------------------------------------------------------------------------------------
    def create_defaults(self, after):
        # the CAA form starts with the zone's TTL, the others with 3600
        ttl = _number(self.zone.get('ttl')) if self.type == 'CAA' and self.zone else DEFAULT_TTL
        return dict(ttl=ttl or DEFAULT_TTL)

    def create_payload(self, after):
        if not self.shared.get('dns_bulk'):
            self._check_conflicts()
        return dict(records=self._writes([], after))

    def update_payload(self, raw, changes):
        if not self.shared.get('dns_bulk'):
            self._check_conflicts()
        after = dict(self.normalise(raw), **changes)
        return dict(records=self._writes(raw['rows'], after))

    def check_write(self, action, payload):
        if action != 'delete':
            self._check_conflicts()

    def _writes(self, rows, after):
        """The calls that turn `rows` into the set `after`: a row that holds a wanted value keeps it (and gets the
        TTL and active flag), other rows take the remaining values, the values left over are added and the rows
        left over deleted. -> [('update', row, params) ..., ('add', None, params) ..., ('delete', row, None) ...]"""
        wanted = list(after['value'])
        ttl = after['ttl'] if isinstance(after['ttl'], int) else None  # a list: the rows keep their own
        active = after['active'] if isinstance(after['active'], bool) else None
        writes, spare = [], []
        for row in rows:
            value = stored_value(row, self.origin)
            if value in wanted:
                wanted.remove(value)
                params = self._changed(row, ttl, active)
                if params:
                    writes.append(('update', row, params))
            else:
                spare.append(row)
        for shown, aux, data in self.values.entries(wanted):
            params = dict(data=data)
            if self.type in DEFAULT_PRIORITY:
                params['aux'] = aux
            if spare:
                row = spare.pop(0)
                params.update(self._changed(row, ttl, active))
                writes.append(('update', row, self._stamped(row, params)))
            else:
                params.update(ttl=ttl or DEFAULT_TTL, active='N' if active is False else 'Y')
                writes.append(('add', None, params))
        writes.extend(('delete', row, None) for row in spare)
        return writes

    def _changed(self, row, ttl, active):
        params = {}
        if ttl is not None and _number(row.get('ttl')) != ttl:
            params['ttl'] = ttl
        if active is not None and (str(row.get('active') or '').upper() == 'Y') != active:
            params['active'] = 'Y' if active else 'N'
        return self._stamped(row, params) if params else params

    def _stamped(self, row, params):
        """The record page stamps every save and counts the record's serial up. The panel counts up the record's
        own; this gives it the serial its zone is raised to after the write (nothing but the panel reads it: the
        zone file carries the zone's), so that a zone whose raise fails is seen behind its records the same day."""
        return dict(params, stamp=time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime()), serial=next_serial(
            max(_number(row.get('serial') if row else None), _number(self.zone.get('serial')))))

    def _check_conflicts(self):
        """What the panel's record pages refuse at a name: a CNAME next to an A, AAAA or another CNAME, and an A
        or AAAA next to a CNAME (dns_a_edit.php, dns_aaaa_edit.php, dns_cname_edit.php)."""
        rows = self.shared.get('dns_rr', {}).get(self.origin, [])
        types = set(str(row['type'] or '').upper() for row in rows
                    if stored_name(row['name'], self.origin) == self.record)
        for rr_type, present in self.shared.get('dns_planned', {}).get((self.origin, self.record), {}).items():
            if present:
                types.add(rr_type)
            else:
                types.discard(rr_type)
        types.discard(self.type)
        blocking = {'A': ('CNAME', 'ALIAS'), 'AAAA': ('CNAME', 'ALIAS'),
                    'CNAME': ('A', 'AAAA', 'DNAME', 'ALIAS')}.get(self.type, ())
        found = sorted(set(blocking) & types)
        if found:
            raise engine.InputError('the panel refuses %s records at %s while it has %s records there; remove '
                                    'those first (state=absent)' % (self.type, fqdn(self.record, self.origin),
                                                                    ' and '.join(found)))

    def create(self, payload):
        self._send(payload['records'])

    def update(self, raw, payload):
        self._send(payload['records'])

    def delete(self, raw):
        self._send([('delete', row, None) for row in raw['rows']])

    def _send(self, writes):
        function = 'dns_%s_%%s' % self.type.lower()
        self.added = any(action == 'add' for action, row, params in writes)
        steps = []
        for action, row, params in writes:
            if action == 'add':
                params = dict(params, server_id=int(self.zone['server_id']), zone=int(self.zone['id']), type=self.type,
                              name=written_name(self.record, self.origin, self.type))
                steps.append((action, self._call(function % 'add', client_id=self._owner_client(),
                                                 params=self._stamped(None, params))))
            elif action == 'update':
                steps.append((action, self._call(function % 'update', client_id=0, primary_id=int(row['id']),
                                                 params=params)))
            else:
                steps.append((action, self._call(function % 'delete', primary_id=int(row['id']))))
        ispconfig.send_steps(self, steps)

    def _call(self, function, **arguments):
        return lambda: self.connection.call(function, write=True, **arguments)

    def _owner_client(self):
        """The client id that makes a new record the zone's owner's, as the panel gives a record its zone's group
        (0, the admin, for a zone of the admin group)."""
        group = _number(self.zone.get('sys_groupid'))
        return 0 if group <= 1 else group_owner(self.connection, group).client_id

    def unfinished(self):
        """The zone's records are newer than its SOA serial (serial_behind): an earlier task wrote them and failed
        to raise it, so secondary name servers never fetch them. finish() raises it now."""
        if self.zone is None:
            return False
        behind = self.shared.setdefault('dns_behind', {})
        if self.origin not in behind:
            behind[self.origin] = serial_behind(self.zone.get('serial'), self.shared['dns_rr'][self.origin])
            if behind[self.origin]:
                self.warnings.append(
                    'The DNS zone %s holds records written after its SOA serial %s was last raised (a task that wrote '
                    'them could not raise it), so secondary name servers have not fetched them: this task %s the '
                    'serial.' % (self.origin, self.zone.get('serial'), 'would raise' if self.check_mode else 'raises'))
        return behind[self.origin]

    def finish(self, written):
        """Raise the zone's SOA serial once, as the panel does after a record save: read the serial the zone has now
        (another task may have raised it meanwhile) and write the next one, past its records' (raised_serial).
        `written` is empty when the task raises the serial an earlier task's records left behind (unfinished()).

        Then read back the sets the task added records to: the controller's lock keeps the runs of one controller
        apart, not those of several (AWX nodes, two admins), and the API takes identical records."""
        zone_id = int(self.zone['id'])
        try:
            zone = self.connection.call('dns_zone_get', primary_id=zone_id)
            if not isinstance(zone, dict) or 'serial' not in zone:
                raise wrong_shape(self.connection.transport, 'dns_zone_get', 'the zone whose records were written', zone)
            self.connection.call('dns_zone_update', write=True, client_id=0, primary_id=zone_id,
                                 params=dict(serial=raised_serial(zone['serial'], self.shared['dns_rr'][self.origin])))
        except TransportError as exc:
            by_whom = '' if written else ' by an earlier task'
            exc.message = '%s The records of the DNS zone %s were written%s, but its SOA serial was not raised, so ' \
                          'secondary name servers do not fetch the change: run the task again, or save the zone in ' \
                          'the panel, to raise it.' % (exc.message, self.origin, by_whom)
            raise
        created = [resource for resource in written if resource.added]
        if created:
            rows = zone_records(self.connection, zone_id)
            twice = [found for resource in created for found in resource.duplicates(rows)]
            if twice:
                raise ApiError(
                    'After this task created records, the DNS zone %s holds identical records: %s. Another controller '
                    'probably created the same at the same time; running the task again keeps one of each and deletes '
                    'the others.' % (self.origin, '; '.join(twice)), call='dns_rr_get_all_by_zone')

    def duplicates(self, rows):
        """'<name> <type> <value> (ids ...)' for each value this set holds in more than one of the zone's `rows`."""
        ids = {}
        for row in (self._set_of(rows) or dict(rows=[]))['rows']:
            ids.setdefault(stored_value(row, self.origin), []).append(str(row['id']))
        return ['%s %r (ids %s)' % (self.identity(), value, ', '.join(found))
                for value, found in sorted(ids.items()) if len(found) > 1]


# --- options and listing -----------------------------------------------------------------------------------------

def dns_zone_options():
    """The argument spec of ispconfig_dns_zone (without the connection)."""
    return dict(
        zone=dict(type='str', required=True),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        client=dict(type='str'),
        server_id=dict(type='int'),
        ns=dict(type='str'),
        email=dict(type='str'),
        refresh=dict(type='int'),
        retry=dict(type='int'),
        expire=dict(type='int'),
        minimum=dict(type='int'),
        ttl=dict(type='int'),
        xfer=dict(type='list', elements='str'),
        also_notify=dict(type='list', elements='str'),
        active=dict(type='bool'),
        dnssec=dict(type='bool'),
    )


def dns_record_set_options():
    """The argument spec of one record set: the options of ispconfig_dns_record_set, an item of
    ispconfig_dns_record_sets."""
    return dict(
        zone=dict(type='str', required=True),
        record=dict(type='str', required=True),
        type=dict(type='str', required=True, choices=list(RECORD_TYPES)),
        value=dict(type='list', elements='str'),
        ttl=dict(type='int'),
        priority=dict(type='int'),
        active=dict(type='bool'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        on_existing=dict(type='str', default='replace', choices=['replace', 'keep_and_fail', 'keep_and_warn', 'keep']),
    )


def dns_zone_record(row):
    """A dns_soa row as the modules report a zone (without its owner, which only a task's client names)."""
    return dict(engine.field_values(DnsZone.fields, row), id=int(row['id']))


def list_dns_zones(connection, zone=None, owner=None):
    """The zones, one of them (`zone`) or a client's (`owner`, a client username), as ispconfig_dns_zone reports
    them, by name."""
    if zone:
        origin = zone_origin(zone)
        found = find_zone(connection, origin)
        rows = [found] if found else []
    elif owner:
        try:
            group = connection.owner(owner)[1]
        except ispconfig.MissingParent:
            return []  # no such client, so no zones of it
        rows = [row for row in zone_rows(connection, {'sys_groupid': str(group)})
                if _number(row.get('sys_groupid')) == group]
    else:
        rows = zone_rows(connection, {})
    return sorted((dns_zone_record(row) for row in rows), key=lambda found: found['zone'])


def list_dns_record_sets(connection, zone, record=None, rr_type=None):
    """The record sets of a zone (every record type, grouped by name and type), or those of one name and/or type,
    as ispconfig_dns_record_set reports them, from one list read; [] when the zone does not exist."""
    origin = zone_origin(zone)
    name = relative_name(record, origin) if record is not None else None
    found = find_zone(connection, origin)
    if found is None:
        return []
    sets = {}
    for row in zone_records(connection, found['id']):
        key = (stored_name(row['name'], origin), str(row['type'] or '').upper())
        if (name is None or key[0] == name) and (rr_type is None or key[1] == rr_type.upper()):
            sets.setdefault(key, []).append(row)
    return [_set_state(origin, key[0], key[1], rows) for key, rows in sorted(sets.items())]
