# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Domain names and e-mail addresses: IDNA 2008 with the UTS #46 mapping, refusals, stable results."""

import pytest

from ansible_collections.hosting.provision.plugins.module_utils import _idn
from ansible_collections.hosting.provision.plugins.module_utils._engine import InputError, Text


@pytest.mark.parametrize('given, stored', [
    (u'straße.de', 'xn--strae-oqa.de'),  # IDNA 2003 (Python's codec) gave strasse.de
    (u'STRASSE.de', 'strasse.de'),
    (u'Bücher.Example.', 'xn--bcher-kva.example'),  # the trailing dot of a fully qualified name is dropped
    (u'ＡＢＣ.com', 'abc.com'),  # UTS #46 folds full-width forms
    (u'a\u3002b', 'a.b'),  # and the ideographic full stop
    ('XN--STRAE-OQA.DE', 'xn--strae-oqa.de'),
    ('  example.com ', 'example.com'),
    ('', ''),
])
def test_domains_are_stored_as_idna_2008_a_labels(given, stored):
    assert _idn.to_ascii_domain(given) == stored
    assert _idn.to_ascii_domain(stored) == stored


@pytest.mark.parametrize('refused', [
    '.', 'a..b', '-a.de', 'a-.de', 'ab--cd.de', 'a_b.de', 'ex ample.com', 'xn--a.b', u'x\u200d.de',
    'a\n.de', 'a' * 64 + '.de', '.'.join(['abcdefgh'] * 30), u'a\u2028.de',
])
def test_what_idna_2008_refuses_is_refused(refused):
    with pytest.raises(InputError):
        _idn.to_ascii_domain(refused)


@pytest.mark.parametrize('given, stored', [
    (u'Jane@Straße.de', 'jane@xn--strae-oqa.de'),
    ('0@0.', '0@0'),
])
def test_addresses(given, stored):
    assert _idn.to_ascii_email(given) == stored
    assert _idn.to_ascii_email(stored) == stored


@pytest.mark.parametrize('refused, words', [
    ('dave@@acme.example', 'is not an e-mail address'),  # was "the mail domain  does not exist"
    ('0@.', 'is not a valid domain name'),  # was '0@', which the next normalisation refused
    (u'0@\u2488', 'is not a valid domain name'),  # IDNA 2003 gave '0@1.', which normalised again to '0@1'
    ('0@', 'is not an e-mail address'),
    ('@acme.example', 'is not an e-mail address'),
    ('jane doe@acme.example', 'is not an e-mail address'),
    ('robot1\n@acme.example', 'is not an e-mail address'),
    ('jane@acme.example\x00', 'control character'),
    ('jane@a_b.example', 'is not a valid domain name'),
])
def test_what_is_no_address_is_refused(refused, words):
    with pytest.raises(InputError) as caught:
        _idn.to_ascii_email(refused)
    assert words in str(caught.value)


def test_a_stored_name_refused_today_is_compared_as_it_is():
    """An older panel's row (IDNA 2003, underscores) is read, not a failure of the whole read."""
    assert _idn.EmailAddress().from_api('Info@A_B.example') == 'info@a_b.example'
    assert _idn.DomainName().from_api('A_B.example') == 'a_b.example'


def test_without_the_idna_package_ascii_names_still_work(monkeypatch):
    monkeypatch.setattr(_idn, 'HAS_IDNA', False)
    assert _idn.to_ascii_domain('Example.COM.') == 'example.com'
    with pytest.raises(InputError) as caught:
        _idn.to_ascii_domain(u'straße.de')
    assert 'idna' in str(caught.value)
    with pytest.raises(InputError):
        _idn.to_ascii_domain('a_b.de')


@pytest.mark.parametrize('value', ['robot1\n', 'robot\t1', u'robot\u2028', 'ro\x7fbot'])
def test_identifiers_refuse_control_characters(value):
    with pytest.raises(InputError) as caught:
        Text(identifier=True).from_user(value)
    assert 'control character' in str(caught.value)
    assert Text().from_user(value) == value, 'free text (an autoresponder text, notes) keeps them'
    assert Text(identifier=True).from_api(value) == value, 'a stored value is read as it is'


def test_a_module_stores_strasse_de_as_idna_2008(serve):
    from module_runner import run_module
    from ansible_collections.hosting.provision.plugins.modules import ispconfig_mail_domain
    running = serve('ispconfig')
    conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    created = run_module(ispconfig_mail_domain, dict(conn, domain=u'Straße.de'))
    assert created['mail_domain']['domain'] == 'xn--strae-oqa.de'
    assert run_module(ispconfig_mail_domain, dict(conn, domain='xn--strae-oqa.de'))['changed'] is False
    other = run_module(ispconfig_mail_domain, dict(conn, domain='strasse.de'))
    assert other['changed'] is True, 'strasse.de is another domain under IDNA 2008'
