# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""What every API connection shares: the connection options, the Transport built from them, and, for an API with a
login, one session per task.

Each API's connection (ispconfig.py, mailbox_org.py ...) subclasses `Connection`, or `SessionConnection` when the API has a
login, and implements the hooks documented below; `from_module()` then builds it from any module's options.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
from urllib.parse import urlsplit

from ansible.module_utils.basic import env_fallback, missing_required_lib

from . import _session_cache
from ._engine import InputError
from ._transport import HAS_REQUESTS, REQUESTS_IMPORT_ERROR, ApiError, SessionExpired, Transport, TransportError

# The connection options no task can do without. The argument spec cannot mark them required, because their
# environment variable may supply them; check_connection() names what is missing instead.
NEEDED_CONNECTION_OPTIONS = ('api_url', 'api_username', 'api_password', 'api_salt')


def connection_argument_spec(env_prefix, extra=None, credentials=True):
    """api_url, api_username, api_password, validate_certs, ca_path, timeout, each with an env fallback.

    @param env_prefix: the prefix of the environment variables (ISPCONFIG -> ISPCONFIG_URL ...)
    @param extra: the API's own connection options and the module's options
    @param credentials: False for an API without a login (TeamDrive trusts the caller's IP and a checksum):
                        then api_username and api_password are left out
    """
    spec = dict(
        api_url=dict(type='str', fallback=(env_fallback, ['%s_URL' % env_prefix])),
        validate_certs=dict(type='bool', default=True,
                            fallback=(env_fallback, ['%s_VALIDATE_CERTS' % env_prefix])),
        ca_path=dict(type='path', fallback=(env_fallback, ['%s_CA_PATH' % env_prefix])),
        timeout=dict(type='int', default=30, fallback=(env_fallback, ['%s_TIMEOUT' % env_prefix])),
    )
    if credentials:
        spec.update(
            api_username=dict(type='str', fallback=(env_fallback, ['%s_USERNAME' % env_prefix])),
            api_password=dict(type='str', no_log=True, fallback=(env_fallback, ['%s_PASSWORD' % env_prefix])),
        )
    spec.update(extra or {})
    return spec


def check_connection(module):
    """Fail with one sentence when a needed connection option is set neither in the task nor in its variable."""
    missing = ['%s (or the environment variable %s)' % (option, module.argument_spec[option]['fallback'][1][0])
               for option in NEEDED_CONNECTION_OPTIONS
               if option in module.argument_spec and module.params.get(option) in (None, '')]
    if missing:
        listed = missing[0] if len(missing) == 1 else '%s and %s' % (', '.join(missing[:-1]), missing[-1])
        module.fail_json(msg='Missing connection option%s %s.' % ('s' if len(missing) > 1 else '', listed))


def make_transport(module, base_url):
    """The Transport for a module's connection options; the module's no_log set learns every secret, and a plain
    http:// api_url to another machine gets a warning."""
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=str(REQUESTS_IMPORT_ERROR))
    host = clear_text_host(base_url)
    if host:
        module.warn('api_url reaches %s over plain http://, so the credentials and every value the task sends '
                    '(passwords included) cross the network unencrypted. Use https://.' % host)
    transport = Transport(base_url, timeout=module.params['timeout'],
                          validate_certs=module.params['validate_certs'], ca_path=module.params['ca_path'])
    transport.secret_sink = module.no_log_values.add
    transport.add_secret(module.params.get('api_password'))
    return transport


def clear_text_host(url):
    """The host an http:// URL sends to in clear text over the network, or None: https, or a loopback host
    (localhost, 127.0.0.0/8, ::1), whose requests never leave the machine."""
    parts = urlsplit(url)
    host = (parts.hostname or '').rstrip('.')
    if parts.scheme.lower() != 'http' or not host or host.lower() == 'localhost':
        return None
    try:
        return None if ipaddress.ip_address(host).is_loopback else host
    except ValueError:  # a name, not an address
        return host


class Connection:
    """A connection to one API endpoint over one Transport.

    A subclass sets `api_path` where users may give api_url with or without the API's own path, and overrides
    from_params() where its constructor takes more than (transport, api_username, api_password).
    """

    api_path = ''  # the API's own path (/remote/json.php): cut off the end of api_url, whichever way it is given

    def __init__(self, transport):
        self.transport = transport

    @classmethod
    def from_module(cls, module):
        """The connection of a module's connection options; a missing or unusable one fails the module in one
        sentence, before any request."""
        check_connection(module)
        try:
            return cls.from_params(make_transport(module, cls.base_url(module.params)), module.params)
        except InputError as exc:
            module.fail_json(msg=str(exc))

    @classmethod
    def base_url(cls, params):
        """
        @param params: the module's options
        @return: what the transport's requests are relative to: api_url without `api_path`
        @raise InputError: for an api_url the API cannot be reached at
        """
        url = params['api_url'].rstrip('/')
        return url[:-len(cls.api_path)] if cls.api_path and url.endswith(cls.api_path) else url

    @classmethod
    def from_params(cls, transport, params):
        """
        @param transport: the Transport to base_url()
        @param params: the module's options
        @return: the connection
        @raise InputError: for a connection option the API would refuse
        """
        return cls(transport, params['api_username'], params['api_password'])

    def close(self):
        """The task is done with the API."""
        self.transport.close()


class SessionConnection(Connection):
    """A connection to an API with a login: one session per task, or one resumed from the session cache (option
    `session_cache`); one fresh login and one retry when the API says the session died; a logout at the end,
    except of a cached session, which stays open for the next task.

    A subclass sets the class attributes below and implements authenticate(), send() and, where the API has
    them, deauthenticate(), adopt() and check_call(); its own calls go through call().
    """

    api_name = None  # the API's name in messages ("mailbox.org")
    session_name = 'session'  # what the API calls its session in messages ("auth id")
    cache_name = None  # the session cache's file prefix; None for an API without the session_cache option
    session_lifetime = None  # seconds the API keeps a session
    sliding = False  # True when every use restarts the session's lifetime, False when it counts from login

    def __init__(self, transport, username, password, session_cache=None):
        super(SessionConnection, self).__init__(transport)
        self.username = username
        self.password = password
        self.session_cache = session_cache
        self.session = None

    @classmethod
    def from_params(cls, transport, params):
        return cls(transport, params['api_username'], params['api_password'], cls.session_cache_for(params))

    @classmethod
    def session_cache_for(cls, params):
        """The SessionCache of the login the options name, when the API has one and `session_cache` is on."""
        if cls.cache_name is None:
            return None
        return _session_cache.for_login(params, cls.cache_name, cls.session_lifetime, cls.sliding)

    # --- hooks ------------------------------------------------------------------------------------------
    def authenticate(self):
        """Log in with username and password.

        @return: (session, extras): the session id the API answered, and what else the login told that a
                 cached session must remember (a dict, e.g. the login's level)
        @raise AuthenticationError: the credentials were refused
        """
        raise NotImplementedError

    def adopt(self, extras):
        """Take what a login told (authenticate()'s extras, or the cached entry of a resumed session)."""

    def deauthenticate(self):
        """Log out (self.session). Without this hook the API has no logout: the session expires by itself."""

    def send(self, call, params, write):
        """Send one call with self.session.

        @param call: the API's name of the call
        @param params: its parameters
        @param write: whether it may change something (never retried blindly)
        @return: the API's answer
        @raise SessionExpired: the session died (see session_expired())
        """
        raise NotImplementedError

    def session_expired(self, exc):
        """Whether `exc`, an ApiError send() raised, means the session died; then call() logs in once more and
        repeats the call (the API refused it before doing anything, so even a write is safe to repeat).

        @return: True for SessionExpired; an API that names no code for a dead session decides otherwise
        """
        return isinstance(exc, SessionExpired)

    def check_call(self, call):
        """Refuse, before it is sent, a call the login may not make (raise ApiError). Called with the session
        open."""

    # --- the lifecycle ----------------------------------------------------------------------------------
    def login(self):
        """A fresh session (replacing a cached one)."""
        self.session = None
        if self.session_cache:
            self.session_cache.drop()
        session, extras = self.authenticate()
        self.transport.add_secret(session)
        self.session = session
        self.adopt(extras)
        if self.session_cache:
            self.session_cache.store(session, **extras)

    def start(self):
        """Resume the cached session if there is one the API should still accept, else log in."""
        cached = self.session_cache.load() if self.session_cache else None
        if cached:
            self.transport.add_secret(cached['session'])
            self.session = cached['session']
            self.adopt(cached)
        else:
            self.login()

    def logout(self):
        if self.session:
            try:
                self.deauthenticate()
            except TransportError:
                pass  # the session expires by itself
            self.session = None

    def close(self):
        if self.session_cache:
            if self.session:
                self.session_cache.touch()  # a sliding lifetime restarts now; the session stays for the next task
        else:
            self.logout()
        super(SessionConnection, self).close()

    def call(self, call, write=False, **params):
        """Send a call with the task's session; a session that died gets one fresh login and one retry."""
        if self.session is None:
            self.start()
        self.check_call(call)
        for attempt in (1, 2):
            try:
                return self.send(call, params, write)
            except ApiError as exc:
                if attempt == 2:
                    if isinstance(exc, SessionExpired):
                        exc.message = '%s %s refused a fresh %s as well; try again later.' % (
                            exc.message, self.api_name, self.session_name)
                    raise
                if not self.session_expired(exc):
                    raise
                self.login()
