# -*- coding: utf-8 -*-
# Private to the hosting.provision collection: not a public API, may change without notice.
"""Client of the ISPConfig 3 remote JSON API (remote/json.php?<function>).

Facts: shared/reference/ispconfig.md and the recorded transcripts. Every reply is HTTP 200 with
{"code", "message", "response"}; faults carry only a text (validator keys with `<br />`), a database
error on PHP 8 is HTTP 500 with an empty body, sessions die 1800 s after login however busy.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from . import _session_cache
from ._engine import check_connection, connection_argument_spec, make_transport
from ._transport import (ApiError, AuthenticationError, SessionExpired, TransportError, body_snippet, http_error,
                         json_reply)

ENV_PREFIX = 'ISPCONFIG'
JSON_PATH = '/remote/json.php'
SESSION_LIFETIME = 1800  # seconds from login, however busy

SESSION_EXPIRED = 'The Session is expired or does not exist.'
LOGIN_FAULTS = ('The login failed.', 'The login username is empty.', 'The login password is empty.',
                'The login is not allowed from')
PERMISSION_DENIED = 'You do not have the permissions to access this function.'

# Untranslated validator keys (the remote API does not load the language files) -> the panel's UI text.
VALIDATOR_TEXTS = {
    'email_error_isemail': 'Email address is invalid.',
    'email_error_unique': 'Duplicate Email address.',
    'email_error_empty': 'Email is empty.',
    'login_error_regex': 'Valid characters are A-Z, a-z, 0-9, ., _ and -.',
    'login_error_unique': 'Login is already taken.',
    'quota_error_value': 'Invalid quota value. Allowed values are: 0 for unlimited or numbers > 1',
    'quota_error_isint': 'The quota must be a whole number of bytes.',
    'domain_error_empty': 'Domain is empty.',
    'domain_error_unique': 'Duplicate Domain.',
    'domain_error_regex': 'Invalid domain name.',
    'destination_error_isemail': 'Destination Emailaddress is invalid.',
    'cc_error_isemail': 'A copy-to (cc) address is invalid.',
    'sender_cc_error_isemail': 'The sender copy-to address is invalid.',
    'dkim_selector_error': 'The DKIM selector may hold only a-z and 0-9 (at most 63).',
    'username_error_empty': 'Username is empty.',
    'username_error_unique': 'The username is already taken.',
    'username_error_collision': 'The username may not be "web" or "web<number>".',
    'username_error_regex': 'The username holds characters that are not allowed.',
    'contact_error_empty': 'Contact name is empty.',
    'web_php_options_notempty': 'No PHP options selected.',
    'ssh_chroot_notempty': 'No SSH chroot options selected.',
}

# Function groups a remote user needs (System > Remote Users), for the permission error.
FUNCTION_GROUPS = (
    ('mail_domain_', 'Mail domain functions'), ('mail_user_', 'Mail user functions'),
    ('mail_alias_', 'Mail alias functions'), ('mail_forward_', 'Mail forward functions'),
    ('client_', 'Client functions'), ('server_', 'Server functions'),
)


DKIM_SELECTOR = re.compile(r'^[a-z0-9]{0,63}$')
# The panel's ISDOMAIN check (mail_domain.tform), applied to the punycode form
MAIL_DOMAIN = re.compile(r'^[\w.\-]{2,255}\.[a-zA-Z0-9\-]{2,30}$')
# limit_* values the client form accepts: numbers (-1 unlimited), checkboxes, and the cron type
LIMIT_VALUE = re.compile(r'^(-?[0-9]+|y|n|url|chrooted|full)$')


class MissingParent(ApiError):
    """An object this one belongs to (its client, its mail domain) does not exist."""


def argument_spec(**extra):
    return connection_argument_spec(ENV_PREFIX, dict(_session_cache.argument_spec(ENV_PREFIX), **extra))


def explain_fault(message):
    """Readable text for a fault message: validator keys translated, <br /> separators removed."""
    parts = [p.strip() for p in re.split(r'<br\s*/?>', message or '') if p.strip()]
    readable = []
    for part in parts:
        text = VALIDATOR_TEXTS.get(part)
        readable.append('%s (%s)' % (part, text) if text else part)
    return '; '.join(readable) or 'no message'


def _function_group(function):
    for prefix, group in FUNCTION_GROUPS:
        if function.startswith(prefix):
            return group
    return 'the group that holds %s' % function


class IspconfigClient:
    """login once (or resume a cached session), call, re-login once on an expired session, logout."""

    def __init__(self, transport, username, password, session_cache=None):
        self.transport = transport
        self.username = username
        self.password = password
        self.session_cache = session_cache
        self.session_id = None
        self._owners = {}

    @classmethod
    def from_module(cls, module):
        check_connection(module)
        url = module.params['api_url'].rstrip('/')
        base = url[:-len(JSON_PATH)] if url.endswith(JSON_PATH) else url
        return cls(make_transport(module, base), module.params['api_username'], module.params['api_password'],
                   _session_cache.from_module(module, 'ispconfig', SESSION_LIFETIME, sliding=False))

    # --- wire -------------------------------------------------------------------------------------
    def _post(self, function, args, write):
        response = self.transport.request(
            'POST', '%s?%s' % (JSON_PATH, function), function, idempotent=not write,
            data=json.dumps(args), headers={'Content-Type': 'application/json'})
        if response.status_code != 200:
            hint = ''
            if response.status_code == 500 and not response.text:
                hint = ('An empty HTTP 500 is how ISPConfig on PHP 8 reports a database error (for example a '
                        'strict sql_mode or a missing required field); see the panel\'s PHP error log.')
            elif response.status_code == 404:
                hint = 'Check api_url: it should point at the panel, e.g. https://panel.example.com:8080.'
            error = http_error(self.transport, response, function, hint)
            error.maybe_applied = write
            raise error
        try:
            reply = json_reply(self.transport, response, function, 'Check that api_url points at the ISPConfig panel.')
        except TransportError:
            if 'Remote API is disabled' in body_snippet(response):  # plain text json.php prints before the API
                raise ApiError('%s failed: the remote API is disabled in the panel\'s security settings '
                               '(System > Security settings > remote_api_allowed).' % function, call=function)
            raise
        if not isinstance(reply, dict) or 'code' not in reply:
            raise TransportError('%s failed: unexpected answer shape from %s.' % (function, self.transport.base_url),
                                 call=function)
        if reply['code'] != 'ok':
            raise self._fault(function, reply)
        return reply.get('response')

    def _fault(self, function, reply):
        message = str(reply.get('message') or '')
        code = reply.get('code')
        if message == SESSION_EXPIRED or message == 'The SessionID is empty.':
            return SessionExpired('%s: %s' % (function, message), call=function, code=code, api_message=message)
        if function == 'login' and message.startswith(LOGIN_FAULTS):
            return AuthenticationError(self.transport.redact(
                'Login to ISPConfig at %s as %r failed: %s Check api_username and api_password (a remote user '
                'under System > Remote Users, not a panel login).' % (
                    self.transport.base_url, self.username, message)),
                call=function, code=code, api_message=message)
        if message == PERMISSION_DENIED:
            return ApiError('%s was refused: the remote user %r may not call it. Tick "%s" for it under '
                            'System > Remote Users.' % (function, self.username, _function_group(function)),
                            call=function, code=code, api_message=message)
        return ApiError(self.transport.redact('%s failed (%s): %s' % (function, code, explain_fault(message))),
                        call=function, code=code, api_message=message)

    def login(self):
        self.session_id = None
        if self.session_cache:
            self.session_cache.drop()
        session_id = self._post('login', {'username': self.username, 'password': self.password}, write=False)
        if not isinstance(session_id, str) or not session_id:
            raise TransportError('login answered without a session id.', call='login')
        self.transport.add_secret(session_id)
        self.session_id = session_id
        if self.session_cache:
            self.session_cache.store(session_id)

    def start(self):
        """Resume the cached session if there is one the panel should still accept, else log in."""
        cached = self.session_cache.load() if self.session_cache else None
        if cached:
            self.transport.add_secret(cached['session'])
            self.session_id = cached['session']
        else:
            self.login()

    def logout(self):
        if self.session_id:
            try:
                self._post('logout', {'session_id': self.session_id}, write=False)
            except TransportError:
                pass  # the session dies by itself 30 minutes after login
            self.session_id = None

    def close(self):
        if not self.session_cache:
            self.logout()  # a cached session stays open for the next task
        self.transport.close()

    def call(self, function, write=False, **args):
        """Call a remote function with a session; an expired session gets one fresh login and one retry."""
        if self.session_id is None:
            self.start()
        for attempt in (1, 2):
            try:
                return self._post(function, dict(args, session_id=self.session_id), write)
            except SessionExpired:
                if attempt == 2:
                    raise
                self.login()

    # --- generic CRUD -----------------------------------------------------------------------------
    def find(self, kind, **filters):
        """Rows of `kind` (mail_domain, mail_user, mail_alias, client ...) whose columns equal `filters`."""
        rows = self.call('%s_get' % kind, primary_id=filters) if kind != 'client' else \
            self.call('client_get', client_id=filters)
        return rows if isinstance(rows, list) else []

    def find_one(self, kind, **filters):
        rows = self.find(kind, **filters)
        if len(rows) > 1:
            raise ApiError('%s: %d %s records match %s; remove the duplicates in the panel first.' % (
                '%s_get' % kind, len(rows), kind, json.dumps(filters, sort_keys=True)), call='%s_get' % kind)
        return rows[0] if rows else None

    def add(self, kind, client_id, params):
        return self.call('%s_add' % kind, write=True, client_id=client_id, params=params)

    def update(self, kind, client_id, primary_id, params):
        return self.call('%s_update' % kind, write=True, client_id=client_id, primary_id=primary_id, params=params)

    def delete(self, kind, primary_id):
        return self.call('%s_delete' % kind, write=True, primary_id=primary_id)

    # --- owners -----------------------------------------------------------------------------------
    def owner(self, username):
        """(client_id, sys_groupid) of a panel client login name; (0, 1) for none (the admin).

        client_get_by_username answers the client's panel user (sys_user): its client_id and default_group,
        the group that owns the client's records.
        """
        if not username:
            return 0, 1
        if username not in self._owners:
            self._owners[username] = self._lookup_owner(username)
        return self._owners[username]

    def _lookup_owner(self, username):
        try:
            user = self.call('client_get_by_username', username=username)
        except ApiError as exc:
            if exc.api_message == 'There is no user account for this user name.':
                raise MissingParent('There is no ISPConfig client with the username %r; create it first '
                                    '(hosting.provision.ispconfig_client).' % username,
                                    call='client_get_by_username')
            raise
        return int(user['client_id']), int(user['default_group'])

    def owner_name(self, raw, wanted):
        """`wanted` when the record belongs to that client, else a short description of its owner."""
        group = int(raw.get('sys_groupid') or 0)
        try:
            if group == self.owner(wanted)[1]:
                return wanted
        except MissingParent:
            pass  # only check mode gets here: the owner does not exist yet
        return '' if group == 1 else 'the client of group %d' % group
