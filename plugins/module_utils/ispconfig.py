# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""Connection to the ISPConfig 3 remote JSON API (remote/json.php?<function>).

Facts: docs/api/ispconfig.md and the recorded exchanges. Every reply is HTTP 200 with
{"code", "message", "response"}; faults carry only a text (validator keys with `<br />`), a database
error on PHP 8 is HTTP 500 with an empty body, sessions die 1800 s after login however busy.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from . import _engine as engine
from . import _session_cache
from ._connection import SessionConnection, connection_argument_spec
from ._transport import (ApiError, AuthenticationError, SessionExpired, TransportError, body_snippet, http_error,
                         json_reply, wrong_shape)

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

DKIM_SELECTOR = re.compile(r'^[a-z0-9]{0,63}$')
# The panel's ISDOMAIN check (mail_domain.tform), applied to the punycode form
MAIL_DOMAIN = re.compile(r'^[\w.\-]{2,255}\.[a-zA-Z0-9\-]{2,30}$')
# The password rule of a stock panel (install/tpl/system.ini.master [misc]), for a remote user that may not read
# the panel's own settings; validate_password.inc.php names the strengths 1-5 as below.
STOCK_PASSWORD_RULE = (8, 3)
STRENGTH_NAMES = {1: 'Weak', 2: 'Fair', 3: 'Good', 4: 'Strong', 5: 'Very Strong'}
# the panel's function group of the calls that belong to no object: the panel's settings and servers
SERVER_FUNCTIONS = 'Server functions'


def password_strength(password):
    """The panel's strength of a password, 1 (weak) to 5 (very strong), as validate_password.inc.php rates it:
    by its length in bytes and by how many of lower case, upper case, digits and punctuation it uses."""
    length = len(password.encode('utf-8'))
    if length < 5:
        return 1
    lower = re.search('[a-z]', password) is not None
    others = sum(re.search(pattern, password) is not None
                 for pattern in ('[A-Z]', '[0-9]', r'''[`~!@#$%^&*()_+|=\-\[\]}{';:/?.>,<" ]'''))
    if others == 0 or lower + others < 3:
        return 1 if length <= 6 else 2 if length <= 8 else 3
    # 1, 2 or 3 classes beyond lower case: (up to this many bytes, strength) steps
    steps = {1: ((6, 2), (10, 3), (None, 4)), 2: ((8, 3), (10, 4), (None, 5)), 3: ((6, 3), (8, 4), (None, 5))}
    for longest, strength in steps[others]:
        if longest is None or length <= longest:
            return strength


class _Unstated(object):
    """The value of a fact a class has not stated (false, so code that reads it takes the safe branch)."""

    def __bool__(self):
        return False

    __nonzero__ = __bool__

    def __repr__(self):
        return 'UNSTATED'


UNSTATED = _Unstated()


class PanelObject(engine.Resource):
    """An ISPConfig object a module manages, and the facts about it that the client, the messages and the tests
    read from here: adding an object is this class and its modules, and tests/unit/test_drift.py fails, naming
    the class and the fact, when one of the facts below is left unstated (docs/api/ispconfig.md, "The facts of
    each object", says where each comes from)."""

    # its own calls are <function_family>_get/_add/_update/_delete ("mail_user")
    function_family = UNSTATED
    # the argument of its _get that carries an id or filter
    id_argument = 'primary_id'
    # the id column every row its _get answers has
    id_column = UNSTATED
    # {function family: the group that allows it under System > Remote Users} of every family its calls use
    function_groups = UNSTATED
    # the panel setting (System > Interface > Main Config > Sites) of its name prefix, None for no prefix, and the
    # value a stock install has (install/tpl/system.ini.master)
    prefix_setting = UNSTATED
    stock_prefix = UNSTATED
    # columns of its rows that hold a password hash, a password or a private key (no message quotes a value of a
    # row: wrong_shape names keys and types only; tests/unit/test_drift.py checks these against the simulator)
    secret_columns = UNSTATED
    # the class of the object it belongs to (its website, zone, mail domain or owning client), None for none; the
    # column of its rows that holds that object's id (None: it is found another way, by address or group)
    parent_class = UNSTATED
    parent_column = UNSTATED
    # whether objects whose parent_class is this class stop its deletion (the API would delete it alone and
    # leave them behind, where the panel deletes them with it)
    children_block_delete = UNSTATED
    # the column that names one of its rows in a message, and the module that manages it
    name_column = UNSTATED
    module_name = UNSTATED

    @property
    def id_key(self):
        """Its id is reported under its id column."""
        return self.id_column


def panel_object_classes(base=PanelObject):
    """Every class of an object a module manages (it has a module_name) that the running module has imported."""
    found = []
    for subclass in base.__subclasses__():
        if subclass.module_name:
            found.append(subclass)
        found.extend(panel_object_classes(subclass))
    return found


def function_group(function):
    """The group under System > Remote Users that allows `function`, as the objects state them; None when no
    object states one."""
    groups = {'server': SERVER_FUNCTIONS, 'system_config': SERVER_FUNCTIONS}
    for panel_object in panel_object_classes():
        groups.update(panel_object.function_groups or {})
    families = [family for family in groups if function.startswith(family + '_')]
    return groups[max(families, key=len)] if families else None


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


class IspconfigConnection(SessionConnection):
    """login once (or resume a cached session), call, re-login once on an expired session, logout."""

    api_path = JSON_PATH
    api_name = 'ISPConfig'
    cache_name = 'ispconfig'
    session_lifetime = SESSION_LIFETIME

    def __init__(self, transport, username, password, session_cache=None):
        super(IspconfigConnection, self).__init__(transport, username, password, session_cache)
        self._owners = {}
        self._group_clients = {}
        self._settings = {}

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
            group = function_group(function)
            where = 'Tick "%s" for it' % group if group else 'Tick the function group that lists %s' % function
            return ApiError('%s was refused: the remote user %r may not call it. %s under System > Remote Users.' % (
                function, self.username, where), call=function, code=code, api_message=message)
        return ApiError(self.transport.redact('%s failed (%s): %s' % (function, code, explain_fault(message))),
                        call=function, code=code, api_message=message)

    def authenticate(self):
        session_id = self._post('login', {'username': self.username, 'password': self.password}, write=False)
        if not isinstance(session_id, str) or not session_id:
            raise TransportError('login answered without a session id.', call='login')
        return session_id, {}

    def deauthenticate(self):
        self._post('logout', {'session_id': self.session}, write=False)  # else it dies 30 minutes after login

    def send(self, call, params, write):
        return self._post(call, dict(params, session_id=self.session), write)

    # --- generic CRUD -----------------------------------------------------------------------------
    def find(self, panel_object, **filters):
        """Rows of a PanelObject (the class MailUser, WebDomain ..., or one object) whose columns equal `filters`.

        A filter get answers a list of rows, `[]` when nothing matches (as recorded from the panel): only that is
        "not found". Any other answer (null, a text, rows without their id) is an error naming the call.
        """
        call = '%s_get' % panel_object.function_family
        rows = self.call(call, **{panel_object.id_argument: filters})
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise wrong_shape(self.transport, call, 'a list of records ([] when none matches)', rows)
        for row in rows:
            if panel_object.id_column not in row:
                raise TransportError(
                    '%s answered %s with a row without its id column %s (its columns: %s), so nothing was decided '
                    'from it; check that api_url points at an ISPConfig 3 panel.' % (
                        call, self.transport.base_url, panel_object.id_column, ', '.join(sorted(row)) or 'none'),
                    call=call)
        return rows

    def find_one(self, panel_object, **filters):
        rows = self.find(panel_object, **filters)
        if len(rows) > 1:
            call = '%s_get' % panel_object.function_family
            raise ApiError('%s: %d %s records match %s; remove the duplicates in the panel first.' % (
                call, len(rows), panel_object.function_family, json.dumps(filters, sort_keys=True)), call=call)
        return rows[0] if rows else None

    def add(self, family, client_id, params):
        """Add a row; its new id (new_row_id)."""
        return new_row_id(self.call('%s_add' % family, write=True, client_id=client_id, params=params))

    def update(self, family, client_id, primary_id, params):
        return self.call('%s_update' % family, write=True, client_id=client_id, primary_id=primary_id, params=params)

    def delete(self, family, primary_id):
        return self.call('%s_delete' % family, write=True, primary_id=primary_id)

    # --- panel settings -----------------------------------------------------------------------------
    def system_config(self, section):
        """A section of the panel's settings (System > Interface > Main Config) as {key: value}, read once per
        task; None when the remote user may not read them (they are in the "Server functions" group)."""
        if section not in self._settings:
            try:
                values = self.call('system_config_get', section=section)
            except ApiError as exc:
                if exc.api_message != PERMISSION_DENIED:
                    raise
                values = None
            if values is not None and not isinstance(values, dict):
                values = {}  # false: the section is not set; []: it is empty
            self._settings[section] = values
        return self._settings[section]

    def weak_password(self, password, mailbox=True):
        """Why the panel would refuse a password, or None when it accepts it: the rule of its settings
        (validate_password.inc.php; for a mailbox an ASCII check in its place with mail_password_onlyascii), or
        the stock rule when the remote user may not read them."""
        mail = self.system_config('mail') if mailbox else None
        if mail is not None and mail.get('mail_password_onlyascii') == 'y':
            if all(ord(character) < 128 for character in password):
                return None
            return 'the password may hold only ASCII characters in this panel (its mail setting "only ASCII ' \
                   'characters in mail passwords")'
        misc = self.system_config('misc')
        if misc is None:
            length, strength = STOCK_PASSWORD_RULE
            source = ('ISPConfig\'s stock rule: the remote user may not read the panel\'s own, tick "%s" for it '
                      'to be used' % SERVER_FUNCTIONS)
        else:
            length = _number(misc.get('min_password_length'), 8)
            strength = _number(misc.get('min_password_strength'), 0)
            source = 'the panel\'s rule'
        if len(password.encode('utf-8')) >= length and password_strength(password) >= strength:
            return None
        need = 'at least %d characters' % length
        if strength > 0:
            need += ' and a strength of "%s" (%d of 5: longer, and mixing lower and upper case, digits and ' \
                    'punctuation, rates higher)' % (STRENGTH_NAMES.get(strength, strength), strength)
        return 'the password is too weak for ISPConfig: it needs %s (%s)' % (need, source)

    def servers_for_new_client(self):
        """{role: server id} for mail, web, dns and db: the server the panel gives a client it creates
        (client_edit.php, after the insert): the default server of the panel's settings, else the first server
        with that role that mirrors no other. None when the remote user may not read servers and settings."""
        defaults = {}
        for role, section, key in (('mail', 'mail', 'default_mailserver'), ('web', 'sites', 'default_webserver'),
                                   ('db', 'sites', 'default_dbserver'), ('dns', 'dns', 'default_dnsserver')):
            values = self.system_config(section)
            if values is None:
                return None
            defaults[role] = _number(values.get(key), 0)
        if all(defaults.values()):
            return defaults
        servers = self.call('server_get_all')
        first = {}
        for server in servers if isinstance(servers, list) else []:
            roles = self.call('server_get_functions', server_id=int(server['server_id'])) or {}
            if _number(roles.get('mirror_server_id'), 0) != 0:
                continue
            for role in defaults:
                if roles.get('%s_server' % role) == '1':
                    first.setdefault(role, int(server['server_id']))
        return dict((role, defaults[role] or first.get(role, 0)) for role in defaults)

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
        try:
            return int(user['client_id']), int(user['default_group'])
        except (TypeError, KeyError, ValueError):
            raise wrong_shape(self.transport, 'client_get_by_username', 'the panel user with its client_id and '
                              'default_group', user)

    def group_client(self, group_id):
        """The client row of a client's sys_group (client_get_by_groupid), read once per task."""
        if group_id not in self._group_clients:
            row = self.call('client_get_by_groupid', group_id=group_id)
            if not isinstance(row, dict) or _number(row.get('client_id'), 0) <= 0 or 'username' not in row:
                raise wrong_shape(self.transport, 'client_get_by_groupid', 'the client row of group %d' % group_id, row)
            self._group_clients[group_id] = row
        return self._group_clients[group_id]

    def owner_name(self, raw, wanted):
        """`wanted` when the record belongs to that client, else a short description of its owner."""
        group = int(raw.get('sys_groupid') or 0)
        try:
            if group == self.owner(wanted)[1]:
                return wanted
        except MissingParent:
            pass  # only check mode gets here: the owner does not exist yet
        return '' if group == 1 else 'the client of group %d' % group


def send_steps(resource, steps):
    """Send the calls of one write in order. When one fails after others took effect, the error says how far it
    got and that the task changed the server (engine.fail reports it)."""
    for number, (what, send) in enumerate(steps):
        try:
            send()
        except TransportError as exc:
            if number:
                exc.message = '%s (%s: %d of its %d calls were made before this one, the rest was not sent.)' % (
                    exc.message, resource.describe(), number, len(steps))
                exc.written = True
            raise


def new_row_id(answer):
    """The id an _add answers (the new id as text), or None when the answer holds none (the engine then reads the
    new row back)."""
    return int(answer) if isinstance(answer, (str, int)) and not isinstance(answer, bool) and \
        str(answer).isdigit() and int(answer) > 0 else None


def _number(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
