# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The DNS names, values and serials of ispconfig_dns_resources, without a server."""

import pytest
from hypothesis import given, strategies as st

from ansible_collections.hosting.provision.plugins.module_utils._engine import InputError
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_dns_resources import (
    next_serial, record_entry, relative_name, stored_name, stored_value, written_name, zone_origin)


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


@given(st.integers(min_value=2000010100, max_value=2099123199))
def test_a_serial_never_goes_down(serial):
    assert next_serial(serial, '20261130') > serial


@pytest.mark.parametrize('given, expected', [
    ('@', '@'), ('', '@'), (None, '@'), ('example.org.', '@'), ('WWW', 'www'), ('www.example.org.', 'www'),
    ('*', '*'), ('*.dev', '*.dev'), ('_dmarc', '_dmarc'), ('selector1._domainkey', 'selector1._domainkey'),
    ('bücher', 'xn--bcher-kva'), ('*.example.org.', '*'),
])
def test_record_names(given, expected):
    assert relative_name(given, 'example.org') == expected


@pytest.mark.parametrize('given', ['www.example.org', 'example.org', 'www..x', 'a*b', 'x.*', '-www', 'www.other.',
                                   'with space', 'x' * 64])
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


@given(st.sampled_from(['A', 'AAAA', 'CNAME', 'MX', 'NS', 'SRV', 'TXT', 'CAA']), st.data())
def test_a_value_written_reads_back_as_the_same_value(rr_type, data):
    """What the module writes (aux, data) is what it compares after a read: no change on the second run."""
    text = data.draw(st.sampled_from({
        'A': ['192.0.2.7'], 'AAAA': ['2001:db8::7', '::1'], 'CNAME': ['www', 'a.example.net.'],
        'MX': ['mail', '20 mx.example.net.'], 'NS': ['ns1.example.net.'], 'SRV': ['1 2 3 sip', '0 0 .'],
        'TXT': ['v=DMARC1; p=none', 'x' * 600], 'CAA': ['0 issue "ca.example.net"']}[rr_type]))
    shown, aux, written = record_entry(rr_type, text, 'example.org')
    assert stored_value(dict(type=rr_type, data=written, aux=str(aux)), 'example.org') == shown


@pytest.mark.parametrize('given, expected', [('Example.ORG.', 'example.org'), ('bücher.example', 'xn--bcher-kva.example')])
def test_zone_names(given, expected):
    assert zone_origin(given) == expected


@pytest.mark.parametrize('given', ['example', 'example.c', '', 'bad_zone!.org'])
def test_zone_names_refused(given):
    with pytest.raises(InputError):
        zone_origin(given)
