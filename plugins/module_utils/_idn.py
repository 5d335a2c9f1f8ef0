# -*- coding: utf-8 -*-
# Private to the hosting.provision collection: not a public API, may change without notice.
"""Domain names and addresses in the form panels store them: lowercase, internationalised labels in punycode."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ._engine import InputError, Kind


def to_ascii_domain(domain):
    domain = (domain or '').strip().rstrip('.').lower()
    try:
        return domain.encode('idna').decode('ascii') if domain else ''
    except UnicodeError as exc:
        raise InputError('%r is not a valid domain name (%s)' % (domain, exc))


def to_ascii_email(address):
    """local@domain with the domain in punycode; the local part lowercased as the panels store it."""
    address = (address or '').strip()
    local, sep, domain = address.rpartition('@')
    if not sep or not local or not domain:
        raise InputError('%r is not an e-mail address (local@domain)' % address)
    return '%s@%s' % (local.lower(), to_ascii_domain(domain))


class DomainName(Kind):
    def from_user(self, value):
        return to_ascii_domain(value)

    from_api = from_user


class EmailAddress(Kind):
    def from_user(self, value):
        return to_ascii_email(value)

    def from_api(self, raw):
        return to_ascii_email(raw) if raw else ''
