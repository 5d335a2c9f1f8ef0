# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""Domain names and addresses in the form panels store them: lowercase, internationalised labels in punycode.

Domains are converted with IDNA 2008 and the UTS #46 mapping (the `idna` package, which requests depends on),
not with Python's built-in `idna` codec, which implements IDNA 2003 and turns `straße.de` into `strasse.de`.
What IDNA 2008 refuses is refused here. Without the `idna` package, ASCII names are still checked (letters,
digits and hyphens) and internationalised ones fail with a message naming the missing package.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils.basic import missing_required_lib

from ._engine import CONTROL_CHARACTERS, InputError, ValueType

try:
    import idna
    HAS_IDNA = True
except ImportError:  # only internationalised names need it; the error says so when one comes
    HAS_IDNA = False

# a label of the stored (ASCII) form: letters, digits and hyphens, neither first nor last a hyphen
ASCII_LABEL = re.compile(r'^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$')


def to_ascii_domain(domain):
    """The domain as panels store it: A-labels, lowercase, without the trailing dot of a fully qualified name.

    '' when nothing is given; InputError for anything IDNA 2008 refuses.
    """
    text = (domain or '').strip()
    if not text:
        return ''
    if CONTROL_CHARACTERS.search(text):
        raise InputError('%r is not a valid domain name: it holds a control character' % text)
    if HAS_IDNA:
        try:
            ascii_name = idna.encode(text, uts46=True, transitional=False).decode('ascii')
        except (idna.IDNAError, UnicodeError, ValueError) as exc:
            raise InputError('%r is not a valid domain name (IDNA 2008: %s)' % (text, exc))
    elif all(ord(char) < 128 for char in text):
        ascii_name = text.lower()
    else:
        raise InputError('%r needs IDNA 2008 to be converted: %s' % (text, missing_required_lib('idna')))
    if ascii_name.endswith('.'):
        ascii_name = ascii_name[:-1]
    labels = ascii_name.split('.')
    if len(ascii_name) > 253 or not all(ASCII_LABEL.match(label) for label in labels):
        raise InputError('%r is not a valid domain name (letters, digits and hyphens in labels of 1 to 63 '
                         'characters, at most 253 in all)' % text)
    return ascii_name


def to_ascii_email(address):
    """local@domain with the domain in punycode; the local part lowercased as the panels store it."""
    text = (address or '').strip()
    local, sep, domain = text.rpartition('@')
    problem = None
    if not sep or not local or not domain.strip():
        problem = 'local@domain'
    elif '@' in local:
        problem = 'it has more than one "@"'
    elif re.search(r'\s', local) or CONTROL_CHARACTERS.search(local):
        problem = 'spaces and control characters are not allowed'
    if problem:
        raise InputError('%r is not an e-mail address (%s)' % (text, problem))
    return '%s@%s' % (local.lower(), to_ascii_domain(domain))


class DomainName(ValueType):
    def from_user(self, value):
        return to_ascii_domain(value)

    def from_api(self, raw):
        return _stored(to_ascii_domain, raw)


class EmailAddress(ValueType):
    def from_user(self, value):
        return to_ascii_email(value)

    def from_api(self, raw):
        return _stored(to_ascii_email, raw) if raw else ''


def _stored(convert, raw):
    """A stored name in the comparable form; one that would not be accepted today (an older panel's row) is
    compared as it is, lowercased, instead of failing the read."""
    try:
        return convert(raw)
    except InputError:
        return str(raw).strip().lower()
