# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The DNS names, values and serials of ispconfig_dns_resources, without a server."""

import datetime

import pytest
from hypothesis import example, given, strategies as st

from ansible_collections.hosting.provision.plugins.module_utils._engine import InputError
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_dns_resources import (
    next_serial, raised_serial, record_entry, relative_name, serial_behind, stored_name, stored_value, today,
    written_name, zone_origin)

# dates as YYYYMMDD numbers
DAYS = st.dates(datetime.date(2000, 1, 1), datetime.date(2099, 12, 30)).map(lambda day: int(day.strftime('%Y%m%d')))


@st.composite
def serials_and_days(draw):
    """(a stored serial YYYYMMDDnn, the day it is raised on): the stored day is that day as often as another one
    (earlier or later), and nn goes up to 99."""
    day = draw(DAYS)
    stored = draw(st.one_of(st.just(day), DAYS))
    return stored * 100 + draw(st.integers(0, 99)), day


@pytest.mark.parametrize('serial, day, expected', [
    ('0', '20261130', 2026113001),           # a new zone (the panel's form stores 0)
    ('', '20261130', 2026113001),
    ('2024010105', '20261130', 2026113001),  # an earlier day starts today at 01
    ('2026113001', '20261130', 2026113002),  # the same day counts up
    ('2026113099', '20261130', 2026113100),  # after 99 the panel adds 1 to the date as a number (no real date)
    ('2026120305', '20261130', 2026120306),  # a serial of a later day keeps counting: it never goes down
])
def test_next_serial_is_the_panels(serial, day, expected):
    assert next_serial(serial, day) == expected


@given(serials_and_days())
@example((2026113098, 20261130))
@example((2026113099, 20261130))
def test_a_serial_never_goes_down(serial_and_day):
    """A serial of the day or later counts up by one (nn 99 + 1 is the next date number and 00, as the panel's);
    an earlier one starts the day at 01. Either way it goes up."""
    serial, day = serial_and_day
    raised = next_serial(serial, str(day))
    assert raised == (serial + 1 if serial // 100 >= day else day * 100 + 1)
    assert raised > serial


# dns_rr rows: a serial and a stamp as the panel writes them, or as the API leaves a record that gave none
ROW = st.fixed_dictionaries(dict(
    serial=st.one_of(st.just('0'), serials_and_days().map(lambda pair: str(pair[0]))),
    stamp=st.one_of(st.just('0000-00-00 00:00:00'), st.none(),
                    DAYS.map(lambda day: '%s-%s-%s 12:00:00' % (str(day)[:4], str(day)[4:6], str(day)[6:])))))
ROWS = st.lists(ROW, max_size=4)


@given(serials_and_days(), ROWS)
def test_a_raised_serial_is_past_the_records(serial_and_day, rows):
    """The serial a zone is raised to is above the one it had, and its records are no longer newer."""
    serial = serial_and_day[0]
    raised = raised_serial(serial, rows)
    assert raised > serial and raised >= int(today()) * 100 + 1
    assert not serial_behind(raised, rows)


@pytest.mark.parametrize('serial, row, behind', [
    ('2026113003', dict(serial='2026113004', stamp='2026-11-30 10:00:00'), True),  # written, raise failed
    ('2026113003', dict(serial='2026113003', stamp='2026-11-30 10:00:00'), False),  # written, raised
    ('2026112903', dict(serial='2026113001', stamp='2026-11-30 10:00:00'), True),  # a raise failed the next day
    ('2026112903', dict(serial='2026112901', stamp='2026-11-30 10:00:00'), True),  # saved a day later, serial its own
    ('2026113001', dict(serial='0', stamp='0000-00-00 00:00:00'), False),  # a record the API wrote bare
    ('0', dict(serial='0', stamp=None), False),
])
def test_a_zone_behind_its_records(serial, row, behind):
    assert serial_behind(serial, [dict(serial='0', stamp=None), row]) is behind


@pytest.mark.parametrize('given, expected', [
    ('@', '@'), ('example.org.', '@'), ('WWW', 'www'), ('www.example.org.', 'www'),
    ('*', '*'), ('*.dev', '*.dev'), ('_dmarc', '_dmarc'), ('selector1._domainkey', 'selector1._domainkey'),
    ('bücher', 'xn--bcher-kva'), ('*.example.org.', '*'),
    # without the trailing dot, the zone's name or a name ending in it is the absolute name, as other DNS modules
    # take it; the name below the zone that a zone file would read needs the dot
    ('example.org', '@'), ('Example.ORG', '@'), ('www.example.org', 'www'), ('*.example.org', '*'),
    ('_dmarc.example.org', '_dmarc'), ('www.example.org.example.org.', 'www.example.org'),
    ('www.example.org.example.org', 'www.example.org'), ('www.example.net', 'www.example.net'),
    ('example.org.net', 'example.org.net'), ('myexample.org', 'myexample.org'),
])
def test_record_names(given, expected):
    assert relative_name(given, 'example.org') == expected


@pytest.mark.parametrize('given', ['', ' ', None, 'www..x', 'a*b', 'x.*', '-www', 'www.other.', 'with space',
                                   'x' * 64])
def test_record_names_refused(given):
    with pytest.raises(InputError):
        relative_name(given, 'example.org')


@pytest.mark.parametrize('stored, expected', [
    ('', '@'), ('example.org.', '@'), ('EXAMPLE.ORG.', '@'), ('www', 'www'), ('www.example.org.', 'www'),
    ('*.example.org.', '*'), ('mail.example.net.', 'mail.example.net.'),
])
def test_stored_names(stored, expected):
    assert stored_name(stored, 'example.org') == expected


@pytest.mark.parametrize('record, rr_type, expected', [
    ('@', 'A', 'example.org.'), ('*', 'A', '*.example.org.'), ('www', 'A', 'www'), ('www', 'CAA', 'www.example.org.'),
    ('@', 'CAA', 'example.org.'),
])
def test_written_names_as_the_panel_stores_them(record, rr_type, expected):
    assert written_name(record, 'example.org', rr_type) == expected


@pytest.mark.parametrize('rr_type, text, expected', [
    ('A', ' 192.0.2.1 ', ('192.0.2.1', 0, '192.0.2.1')),
    ('AAAA', '2001:DB8:0::1', ('2001:db8::1', 0, '2001:db8::1')),
    ('CNAME', 'www', ('www.example.org.', 0, 'www.example.org.')),
    ('CNAME', '@', ('example.org.', 0, 'example.org.')),
    ('NS', 'NS1.Example.NET.', ('ns1.example.net.', 0, 'ns1.example.net.')),
    ('MX', 'mail', ('10 mail.example.org.', 10, 'mail.example.org.')),
    ('MX', '5 mx.example.net.', ('5 mx.example.net.', 5, 'mx.example.net.')),
    ('SRV', '10 5 5060 sip', ('10 5 5060 sip.example.org.', 10, '5 5060 sip.example.org.')),
    ('SRV', '5 5060 .', ('0 5 5060 .', 0, '5 5060 .')),
    ('TXT', ' v=spf1 -all', (' v=spf1 -all', 0, ' v=spf1 -all')),
    ('CAA', '128 issuewild  "letsencrypt.org; validationmethods=dns-01"',
     ('128 issuewild "letsencrypt.org; validationmethods=dns-01"', 0,
      '128 issuewild "letsencrypt.org; validationmethods=dns-01"')),
])
def test_values(rr_type, text, expected):
    assert record_entry(rr_type, text, 'example.org') == expected


@pytest.mark.parametrize('rr_type, text', [
    ('A', '01.2.3.4'), ('A', '1.2.3'), ('AAAA', 'fe80::1%eth0'), ('CNAME', 'www.example.net'), ('MX', 'a b c'),
    ('MX', 'mail_x'), ('SRV', '1 2 3 4 5'), ('SRV', '10 5 70000 sip'), ('TXT', ''), ('TXT', 'a\\b'),
    ('CAA', 'issue letsencrypt.org'), ('CAA', '0 issue ""'), ('CAA', '0 issue "ca; bad option"'),
])
def test_values_refused(rr_type, text):
    with pytest.raises(InputError):
        record_entry(rr_type, text, 'example.org')


@pytest.mark.parametrize('row, expected', [
    (dict(type='A', data='192.0.2.1', aux='0'), '192.0.2.1'),
    (dict(type='MX', data='mail', aux='10'), '10 mail.example.org.'),
    (dict(type='SRV', data='5 5060 sip.example.org.', aux='10'), '10 5 5060 sip.example.org.'),
    (dict(type='TXT', data='"quoted value"', aux='0'), '"quoted value"'),  # what the API took, compared as it is
    (dict(type='CAA', data='0 issue "letsencrypt.org"', aux='0'), '0 issue "letsencrypt.org"'),
    (dict(type='AAAA', data='not an address', aux='0'), 'not an address'),
])
def test_stored_values(row, expected):
    assert stored_value(row, 'example.org') == expected


LABELS = st.from_regex(r'[a-zA-Z][a-zA-Z0-9]{0,9}(-[a-z0-9]{1,9})?', fullmatch=True)
# a host as a value names it: the zone itself, one label in the zone, or a fully qualified name with the dot
HOSTS = st.one_of(st.just('@'), LABELS,
                  st.lists(LABELS, min_size=2, max_size=4).map(lambda labels: '.'.join(labels) + '.'))
PRIORITIES = st.integers(0, 65535)


def _with_priority(priority, rest):
    return rest if priority is None else '%d %s' % (priority, rest)


VALUES = {
    'A': st.ip_addresses(v=4).map(str),
    'AAAA': st.ip_addresses(v=6).flatmap(lambda address: st.sampled_from([str(address), address.exploded.upper()])),
    'CNAME': HOSTS,
    'NS': HOSTS,
    'MX': st.builds(_with_priority, st.none() | PRIORITIES, HOSTS),
    'SRV': st.builds(lambda priority, weight, port, target: _with_priority(priority, '%d %d %s' % (
        weight, port, target)), st.none() | PRIORITIES, PRIORITIES, PRIORITIES,
        HOSTS.filter(lambda host: len(host) < 40) | st.just('.')),  # the panel's SRV target has 64 characters
    # one record's text: no quote, backslash or control character (refused), up to a long DKIM key
    'TXT': st.text(st.characters(blacklist_categories=('Cc', 'Cs'), blacklist_characters='"\\\u2028\u2029'),
                   min_size=1, max_size=600),
    'CAA': st.builds(lambda flags, tag, authority, option, quoted: '%s %s %s' % (
        flags, tag, ('"%s"' if quoted else '%s') % '; '.join([authority] + option)),
        st.sampled_from(['0', '128']), st.sampled_from(['issue', 'issuewild', 'ISSUE']),
        st.lists(LABELS, min_size=2, max_size=3).map('.'.join),
        st.lists(st.from_regex(r'[a-z]{1,8}=[a-z0-9\-]{1,10}', fullmatch=True), max_size=2), st.booleans()),
}


@given(st.sampled_from(sorted(VALUES)), st.data())
def test_a_value_written_reads_back_as_the_same_value(rr_type, data):
    """What the module writes (aux, data) is what it compares after a read: no change on the second run; and the
    form it reports, given again, is the same value."""
    text = data.draw(VALUES[rr_type])
    shown, aux, written = record_entry(rr_type, text, 'example.org')
    assert stored_value(dict(type=rr_type, data=written, aux=str(aux)), 'example.org') == shown
    assert record_entry(rr_type, shown, 'example.org') == (shown, aux, written)


@pytest.mark.parametrize('given, expected', [('Example.ORG.', 'example.org'), ('bücher.example', 'xn--bcher-kva.example')])
def test_zone_names(given, expected):
    assert zone_origin(given) == expected


@pytest.mark.parametrize('given', ['example', 'example.c', '', 'bad_zone!.org'])
def test_zone_names_refused(given):
    with pytest.raises(InputError):
        zone_origin(given)
