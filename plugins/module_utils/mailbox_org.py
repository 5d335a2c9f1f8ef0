# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""Connection to the mailbox.org business API (JSON-RPC 2.0 over POST https://api.mailbox.org/v1/).

Facts: docs/api/mailbox_org.md. Every reply is HTTP 200; an error object {code, message, data?} wins
over `result`. `auth` answers an auth id (sent as the HPLS-AUTH header) and the login's level; the id dies 20
minutes after its last use (253). Only 253 and 218 (domain ownership TXT record, with error.data {host, txt})
are documented codes; the codes of "not found", "exists" and "forbidden" are unknown, so callers decide
existence from list calls, never from an error code.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible.module_utils.basic import env_fallback

from . import _session_cache
from ._connection import SessionConnection, connection_argument_spec
from ._transport import (ApiError, AuthenticationError, SessionExpired, TransportError, http_error, json_reply,
                         wrong_shape)

ENV_PREFIX = 'MAILBOX_ORG'
DEFAULT_URL = 'https://api.mailbox.org/v1/'
API_PATH = '/v1'
SESSION_LIFETIME = 20 * 60  # seconds after the last use

SESSION_INVALID = 253
DNS_RECORD_MISSING = 218

# The documented codes and the JSON-RPC 2.0 ones, each with what to do about it.
CODE_HINTS = {
    SESSION_INVALID: 'The auth id is invalid or expired (it lives 20 minutes after its last use).',
    DNS_RECORD_MISSING: 'The DNS TXT record that proves ownership of the domain is missing or wrong.',
    -32700: 'The API could not parse the request as JSON; a proxy may have altered it.',
    -32600: 'The API did not accept the request as JSON-RPC 2.0; check that api_url points at the API '
            '(https://api.mailbox.org/v1/).',
    -32601: 'The API does not know this method; check that api_url points at the mailbox.org API.',
    -32602: 'The API refused the parameters (wrong type or name); this is a bug of the module, please report it.',
}

# Minimum levels per method, from the API's method index; checked before the call so a login that cannot
# make it gets a clear message instead of an undocumented error code.
METHOD_LEVELS = {
    'domain.list': ('admin', 'reseller', 'account'),
    'domain.add': ('admin', 'reseller', 'account'),
    'domain.del': ('admin', 'reseller', 'account'),
    'context.list': ('admin', 'reseller', 'account'),
    'domain.get': ('admin', 'reseller', 'account', 'domain'),
    'domain.set': ('admin', 'reseller', 'account', 'domain'),
    'mail.add': ('admin', 'account', 'domain'),
    'mail.get': ('admin', 'account', 'domain', 'mail'),
    'mail.set': ('admin', 'account', 'domain', 'mail'),
    'mail.list': ('admin', 'reseller', 'account', 'domain'),
    'mail.del': ('admin', 'reseller', 'account', 'domain'),
    'account.add': ('admin', 'reseller'),
    'account.del': ('admin', 'reseller'),
    'account.list': ('admin', 'reseller'),
    'account.get': ('admin', 'reseller', 'account'),
    # the method index names admin and reseller; the client's live tests set an account's memo with its own login
    'account.set': ('admin', 'reseller', 'account'),
    # inferred: the method index of 2022 has no group and account capability methods; their optional `account`
    # parameter names the account a reseller or admin acts on, an account login acts on its own
    'account.capabilities.get': ('admin', 'reseller', 'account'),
    'account.capabilities.set': ('admin', 'reseller', 'account'),
    'group.list': ('admin', 'reseller', 'account'),
    'group.get': ('admin', 'reseller', 'account'),
    'group.add': ('admin', 'reseller', 'account'),
    'group.set': ('admin', 'reseller', 'account'),
    'group.del': ('admin', 'reseller', 'account'),
    'mail.spamprotect.get': ('admin', 'account', 'domain', 'mail'),
    'mail.spamprotect.set': ('admin', 'account', 'domain', 'mail'),
    # inferred: not in the method index of 2022; a mailbox's settings like mail.get and mail.set
    'mail.vacation.get': ('admin', 'account', 'domain', 'mail'),
    'mail.vacation.set': ('admin', 'account', 'domain', 'mail'),
    'mail.vacation.delete': ('admin', 'account', 'domain', 'mail'),
    'mail.capabilities.set': ('admin', 'account', 'domain', 'mail'),
}


def argument_spec(**extra):
    spec = connection_argument_spec(ENV_PREFIX, dict(_session_cache.argument_spec(ENV_PREFIX), **extra))
    # the public API has one address: make it the default, still overridable through the environment
    spec['api_url'] = dict(type='str', default=DEFAULT_URL, fallback=(env_fallback, ['%s_URL' % ENV_PREFIX]))
    return spec


class DnsVerificationRequired(ApiError):
    """domain.add answered 218: the ownership TXT record `txt` must be published at `host`."""

    def __init__(self, message, host, txt, **kwargs):
        super(DnsVerificationRequired, self).__init__(message, **kwargs)
        self.host = host
        self.txt = txt

    def details(self):
        details = super(DnsVerificationRequired, self).details()
        details['verification'] = dict(host=self.host, txt=self.txt)
        return details


class MailboxOrgConnection(SessionConnection):
    """auth once (or resume a cached auth id), call with HPLS-AUTH, re-auth once on 253, deauth at the end."""

    api_path = API_PATH
    api_name = 'mailbox.org'
    session_name = 'auth id'
    cache_name = 'mailbox_org'
    session_lifetime = SESSION_LIFETIME
    sliding = True

    def __init__(self, transport, username, password, session_cache=None):
        super(MailboxOrgConnection, self).__init__(transport, username, password, session_cache)
        self.level = None  # the login's auth level (admin, reseller, account, domain, mail)
        self.request_id = 0

    # --- wire -------------------------------------------------------------------------------------
    def _post(self, method, params, write):
        self.request_id += 1
        request_id = str(self.request_id)
        headers = {'Content-Type': 'application/json'}
        if self.session and method != 'auth':
            headers['HPLS-AUTH'] = self.session
        body = json.dumps(dict(jsonrpc='2.0', id=request_id, method=method, params=params))
        response = self.transport.request('POST', API_PATH + '/', method, idempotent=not write,
                                          data=body, headers=headers)
        if response.status_code != 200:
            # the API answers every error with HTTP 200: anything else comes from a proxy or an outage
            hint = ('Check api_url: the mailbox.org API is https://api.mailbox.org/v1/.'
                    if response.status_code in (404, 405) else 'The API or a proxy before it failed; try again later.')
            error = http_error(self.transport, response, method, hint)
            error.maybe_applied = write and response.status_code >= 500
            raise error
        reply = json_reply(self.transport, response, method, 'Check api_url.', maybe_applied=write)
        if not isinstance(reply, dict) or ('result' not in reply and not reply.get('error')):
            raise TransportError('%s failed: the answer from %s is not a JSON-RPC reply.' % (
                method, self.transport.base_url), call=method, maybe_applied=write)
        if reply.get('error'):
            raise self._fault(method, params, reply['error'])
        if reply.get('id') != request_id:
            raise TransportError('%s failed: the answer carries id %r, not %r; a proxy may mix up replies.' % (
                method, reply.get('id'), request_id), call=method, maybe_applied=write)
        return reply['result']

    def _fault(self, method, params, error):
        error = error if isinstance(error, dict) else {'message': str(error)}
        code = error.get('code')
        message = str(error.get('message') or 'no message')
        data = error.get('data') if isinstance(error.get('data'), dict) else {}
        said = '%s failed (%s: %s).' % (method, code, message)
        if method == 'auth':
            return AuthenticationError(self.transport.redact(
                'Login to mailbox.org at %s as %r failed (%s: %s). Check api_username and api_password.' % (
                    self.transport.base_url, self.username, code, message)),
                call=method, code=code, api_message=message)
        # a code that is no number (a broken reply) may not even be hashable
        explained = '%s %s' % (said, CODE_HINTS[code]) if isinstance(code, int) and code in CODE_HINTS else said
        if code == SESSION_INVALID:
            return SessionExpired(explained, call=method, code=code, api_message=message)
        if code == DNS_RECORD_MISSING and data.get('host') and data.get('txt'):
            domain = params.get('domain')
            return DnsVerificationRequired(
                'mailbox.org needs proof that you own %s: create a DNS TXT record at %s with the value %s, wait '
                'until it is visible (DNS caches can take hours), then run the task again or set '
                'wait_for_verification. %s' % (domain, data['host'], data['txt'], said),
                host=data['host'], txt=data['txt'], call=method, code=code, api_message=message)
        return ApiError(self.transport.redact(explained), call=method, code=code, api_message=message)

    def authenticate(self):
        result = self._post('auth', {'user': self.username, 'pass': self.password}, write=False)
        if not isinstance(result, dict) or not result.get('session'):
            raise TransportError('auth answered without an auth id.', call='auth')
        return result['session'], dict(level=result.get('level'))

    def adopt(self, extras):
        self.level = extras.get('level')

    def deauthenticate(self):
        self._post('deauth', {}, write=False)  # else the auth id dies 20 minutes after its last use

    def send(self, call, params, write):
        # retrying a write after 253 is safe: the API refused it before doing anything
        return self._post(call, params, write)

    def check_call(self, call):
        self.check_level(call)

    def check_level(self, method):
        """Fail clearly when the login's level may not call `method`."""
        allowed = METHOD_LEVELS.get(method)
        if allowed and self.level not in allowed:
            raise ApiError('%s needs an auth level of %s, but %r logged in with level %r. Use a login of the '
                           'account that owns the object (or a reseller/admin login).' % (
                               method, ', '.join(allowed), self.username, self.level), call=method)

    # --- lists: the only trustworthy way to learn whether something exists -------------------------
    # An object is absent only when its list ([] for none) lacks it; a list call that answers anything but a
    # list of items is an error naming the call, never an empty list.
    def domains(self, account):
        """The account's domains as {name: list item}."""
        return self._listed('domain.list', 'domain', self.call('domain.list', account=account))

    def contexts(self, account):
        """{domain: context id} of the account's domains."""
        contexts = self.call('context.list', account=account)
        if contexts == []:  # PHP's empty array: no contexts
            return {}
        if not isinstance(contexts, dict) or not all(
                isinstance(domains, list) and all(isinstance(domain, str) for domain in domains)
                for domains in contexts.values()):
            raise wrong_shape(self.transport, 'context.list', 'an object of context ids and their domains', contexts)
        return dict((domain.lower(), str(context_id))
                    for context_id, domains in contexts.items() for domain in domains)

    def accounts(self, account):
        """The accounts a reseller (or admin) login manages whose name matches `account`, as {name: list item}."""
        return self._listed('account.list', 'account', self.call('account.list', query=account), lower=False)

    def groups(self, account):
        """The account's groups (team addresses) as {name: list item}."""
        return self._listed('group.list', 'name', self.call('group.list', account=account), lower=False)

    def mails(self, domain, details=False):
        """The domain's mail accounts as {address: list item}."""
        return self._listed('mail.list', 'mail', self.call('mail.list', domain=domain, details=details))

    def _listed(self, method, key, items, lower=True):
        if not isinstance(items, list) or not all(isinstance(item, dict) and isinstance(item.get(key), str)
                                                  for item in items):
            raise wrong_shape(self.transport, method, 'a list of objects with "%s" ([] when there are none)' % key,
                              items)
        return dict((item[key].lower() if lower else item[key], item) for item in items)

    def record(self, method, key=None, **params):
        """The object a get method answers (domain.get, mail.get); with `key`, the object must name itself in
        that field as it was asked for (mail.get answers its `mail`)."""
        result = self.call(method, **params)
        if not isinstance(result, dict) or (
                key is not None and str(result.get(key) or '').lower() != str(params[key]).lower()):
            raise wrong_shape(self.transport, method, 'an object' if key is None else 'the object with %s %s' % (
                key, params[key]), result)
        return result
