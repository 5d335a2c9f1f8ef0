# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""Connection of the Easy-WI external API (`POST <panel>/api.php`): `type=user`, and `type=gserver` / `type=voice` /
`type=mysql` (game and voice servers, MySQL databases, docs/api/webiface.md section 8).

Facts: docs/api/webiface.md and the recorded exchanges with Easy-WI 6.2.5 (where they disagree the
recording wins). Each request carries the API user and password (no session). The XML document is
URL-encoded before base64, because the server URL-decodes after base64 (a `+` would become a space).
Replies: `<voice>` for add/mod/del/clean and a failed ls, `<user>` for ls of one user, `<users>` for the
list; HTTP 200 with `<action>fail</action>` for the API's own errors; plain-text `403 Forbidden: ...` for
refused requests; HTTP 500 with an empty body for SQL errors.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import re
from xml.etree import ElementTree
from urllib.parse import quote_plus

from ._connection import Connection, connection_argument_spec
from ._engine import InputError
from ._transport import ApiError, AuthenticationError, TransportError, describe_body, http_error, wrong_shape

ENV_PREFIX = 'WEBIFACE'
API_PATH = '/api.php'

# Always sent, even empty: Easy-WI reads them without checking they exist (a PHP notice breaks the XML
# reply when the panel's debug output is on). An empty element counts as absent on the server.
ALWAYS_SENT = ('action', 'identify_by', 'username', 'external_id', 'localid', 'email', 'password', 'active')

NOT_FOUND = 'Can not find a user with this data!'
REFUSED = 'No valid api data'
NO_API_USER = 'No valid access data. No API user given.'
INSTALL_FOLDER = 'Please remove the "install" folder'
# <voice> (a copy-paste bug in api_users.php; the docs say <users>) for add/mod/del/clean and a failed ls,
# <user> for ls of one user, <users> for the list
REPLY_ROOTS = ('voice', 'user', 'users')
# type=gserver and type=voice: these twelve keys must be present in every request (empty ones count as present
# there), else the server refuses it ("Data key does not exist")
SERVER_KEYS = ('action', 'identify_server_by', 'server_local_id', 'server_external_id', 'active', 'private', 'slots',
               'shorten', 'identify_user_by', 'user_localid', 'user_externalid', 'username')
# type=mysql: these nine, for add, mod and del alike
MYSQL_KEYS = ('action', 'active', 'identify_server_by', 'server_local_id', 'server_external_id', 'identify_user_by',
              'user_localid', 'user_externalid', 'username')
# api type -> (the document's root element, the elements always sent, the reply roots of that type)
API_TYPES = {
    'user': ('users', ALWAYS_SENT, REPLY_ROOTS),
    'gserver': ('server', SERVER_KEYS, ('gserver',)),
    'voice': ('server', SERVER_KEYS, ('voice',)),
    'mysql': ('server', MYSQL_KEYS, ('mysql',)),
}

# The API's error strings (exact) -> what they mean for the user.
ERROR_TEXTS = (
    ('user with this e-mail already exists: ',
     'Easy-WI already has an account with this e-mail address or login name (login %(rest)r). Both must be '
     'unique across the whole panel, admins and resellers included, and an account waiting for its delete job '
     'still counts until the panel\'s cron job has removed it.'),
    ('user with external ID exists: ',
     'another Easy-WI account already has this external_id.'),
    ('Can not identify user or bad email', 'Easy-WI rejected the e-mail address.'),
    ('No usergroup available',
     'the panel has no active user group to put the user in: create one (Users > Groups) or activate it.'),
    ('No user can be found to edit', 'the user no longer exists (deleted meanwhile?).'),
    ('Could not write user to database', 'the panel could not store the user (see its PHP error log).'),
)


MARKED_FOR_DELETION = 'Server is marked for deletion'
DATABASE_MARKED_FOR_DELETION = 'Database is already marked for deletion'
ROOT_SEARCH_FAILED = 'Cannot find free root server with given shorten'
# type=gserver error strings (exact prefixes) -> what they mean for the user
GSERVER_ERROR_TEXTS = (
    ('server with external ID already exists',
     'another game server already has this external_id: one of another Easy-WI user (a server cannot change its '
     'owner), or one waiting for its delete job until the panel\'s cron job removes it.'),
    ('user does not exist', 'the owner is not (or no longer) an Easy-WI user of this API user\'s reseller.'),
    ('image with the shorten', 'Easy-WI has no game template of that name.'),
    (ROOT_SEARCH_FAILED,
     'no active root server has a master server (the installed game files) for every game asked and room for the '
     'server: a free server place, more free slots than slots and more free RAM than ram_max.'),
    ('Slot amount needs to be specified', 'slots must be a whole number of at least 1.'),
    ('No server can be found to', 'the game server no longer exists (deleted meanwhile?).'),
)


# type=voice error strings (exact prefixes) -> what they mean for the user
VOICE_ERROR_TEXTS = (
    ('No free host',
     'no active TeamSpeak 3 master server has room for the server (fewer servers than its maximum, more free slots '
     'than slots).'),
    ('server with external ID already exists',
     'another voice server already has this external_id: one of another Easy-WI user, or one waiting for its '
     'delete job.'),
    ('user does not exist', 'the owner is not (or no longer) an Easy-WI user of this API user\'s reseller.'),
    ('No server can be found to', 'the voice server no longer exists (deleted meanwhile?).'),
    ('Not supported method or incomplete data', 'Easy-WI refused the request as incomplete.'),
)


# type=mysql error strings (exact prefixes) -> what they mean for the user
MYSQL_ERROR_TEXTS = (
    ('No free host',
     'no active MySQL master server of this API user has room (fewer databases than its maximum), or the '
     'master_server_id given is none of them.'),
    ('database with external ID already exists',
     'another database already has this external_id: one of another Easy-WI user, or one waiting for its delete '
     'job until the panel\'s cron job removes it.'),
    ('user does not exist', 'the owner is not (or no longer) an Easy-WI user of this API user\'s reseller.'),
    ('No database can be found to', 'the database no longer exists (deleted meanwhile?).'),
)
# API type -> (its error texts, the `fail` answer of a mod while a delete is queued, which still writes)
SERVER_TYPES = {
    'gserver': (GSERVER_ERROR_TEXTS, MARKED_FOR_DELETION),
    'voice': (VOICE_ERROR_TEXTS, MARKED_FOR_DELETION),
    'mysql': (MYSQL_ERROR_TEXTS, DATABASE_MARKED_FOR_DELETION),
}


def argument_spec(**extra):
    return connection_argument_spec(ENV_PREFIX, extra)


def check_api_credentials(username, password):
    """The panel's own checks of `user` and `pwd`: a request that fails them is refused as a whole."""
    if not username or not 2 <= len(username) <= 255 or not username[0].isalnum() or \
            not all(ch.isalnum() or ch in ' _.-' for ch in username):
        raise InputError('api_username %r is not a name Easy-WI accepts (2 to 255 letters, digits, spaces, '
                         '"_", "." and "-", starting with a letter or digit)' % (username,))
    if not password or not 6 <= len(password.strip()) <= 255 or re.search(r'\s', password.strip()):
        raise InputError('api_password must be 6 to 255 characters without white space (Easy-WI refuses '
                         'anything else)')


def encode_document(action, elements, root_name='users', always_sent=ALWAYS_SENT):
    """The `xml` form value: base64 of the URL-encoded XML text (the server URL-decodes after base64).

    elements: name -> text or list of texts (a repeated element, e.g. groupID); None or '' is sent empty.
    """
    root = ElementTree.Element(root_name)
    values = dict((name, '') for name in always_sent)
    values.update(elements)
    values['action'] = action
    for name, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            ElementTree.SubElement(root, name).text = '' if item is None else str(item)
    text = "<?xml version='1.0' encoding='UTF-8'?>\n" + ElementTree.tostring(root, encoding='unicode')
    return base64.b64encode(quote_plus(text).encode('ascii')).decode('ascii')


def parse_reply(text):
    """(root tag, {child: text or element}) of an XML reply; PHP notices before the XML are skipped."""
    start = text.find('<?xml')
    start = text.find('<') if start < 0 else start
    if start < 0:
        return None
    try:
        root = ElementTree.fromstring(text[start:].encode('utf-8'))
    except ElementTree.ParseError:
        return None
    return root


def children(element):
    """{name: text} of an element's children ('' for empty ones)."""
    return dict((child.tag, child.text or '') for child in element)


def explain_error(errors, texts=ERROR_TEXTS):
    for prefix, text in texts:
        if errors.startswith(prefix):
            return text % {'rest': errors[len(prefix):]} if '%(rest)' in text else text
    return ''


class WebifaceConnection(Connection):
    """Stateless: every request carries the credentials; reads may be retried, writes never."""

    api_path = API_PATH

    def __init__(self, transport, username, password):
        check_api_credentials(username, password)
        super(WebifaceConnection, self).__init__(transport)
        self.username = username
        self.password = password

    # --- wire ---------------------------------------------------------------------------------------
    def post(self, action, elements, write, api_type='user', always_sent=None):
        """One request to api.php; returns the parsed XML root. Refusals and faults raise.

        @param always_sent: the elements sent even empty, when the action needs fewer than its API type
        """
        call = '%s.%s' % (api_type, action)
        root_name, type_keys, reply_roots = API_TYPES[api_type]
        always_sent = type_keys if always_sent is None else always_sent
        form = dict(user=self.username, pwd=self.password, type=api_type,
                    xml=encode_document(action, elements, root_name, always_sent))
        response = self.transport.request('POST', API_PATH, call, idempotent=not write, data=form)
        body = response.text or ''
        if response.status_code == 403 or body.startswith('403 Forbidden'):
            raise self._refusal(call, response.status_code, body)
        if response.status_code != 200:
            raise self._http_fault(call, response, action, write)
        if body.startswith(INSTALL_FOLDER):
            raise ApiError('%s was refused: the Easy-WI installation at %s is not finished (%s). Finish the '
                           'installer and delete the "install" folder.' % (call, self.transport.base_url, body.strip()),
                           call=call, status=200, api_message=body.strip())
        root = parse_reply(body)
        if root is None or root.tag not in reply_roots:
            raise TransportError(self.transport.redact(
                '%s failed: the answer from %s is not Easy-WI XML (%s). Check that api_url points at the panel '
                '(the URL that serves api.php).' % (call, self.transport.base_url, describe_body(response))),
                call=call, status=response.status_code, maybe_applied=write)
        return root

    def _refusal(self, call, status, body):
        message = body[len('403 Forbidden: '):].strip() if body.startswith('403 Forbidden: ') else body.strip()
        ip = message.rsplit('Request IP is: ', 1)[1].strip() if 'Request IP is: ' in message else None
        if message.startswith(REFUSED):
            text = (
                'Easy-WI at %s refused the API login of %r from the IP address %s ("%s"). The panel gives this one '
                'answer when the caller IP is not allowed, when the API is switched off, and when api_username or '
                'api_password is wrong: in the panel under Jobs/API > API settings, switch the API on, add %s to '
                'the allowed IPs (the address the panel sees, behind NAT or a proxy this is not the host\'s own), '
                'and type the API password again and save (the first save of that page stores it wrongly). A panel '
                'running the repository HEAD since commit 98aa0597 (March 2026) refuses every API login with this '
                'answer: run release 6.2.5.' % (self.transport.base_url, self.username, ip, message, ip))
            return AuthenticationError(self.transport.redact(text), call=call, status=status, api_message=message)
        if message.startswith(NO_API_USER):
            return AuthenticationError(self.transport.redact(
                'Easy-WI at %s refused the request: "%s". Check api_username.' % (self.transport.base_url, message)),
                call=call, status=status, api_message=message)
        return ApiError(self.transport.redact('%s was refused by Easy-WI at %s: "%s".' % (
            call, self.transport.base_url, message)), call=call, status=status, api_message=message)

    def _http_fault(self, call, response, action, write):
        hint = 'Check api_url.' if response.status_code == 404 else ''
        empty_500 = response.status_code == 500 and not (response.text or '').strip()
        if empty_500:
            hint = ('An empty HTTP 500 is how Easy-WI reports an SQL error. On %s this is most likely the database '
                    'running in strict sql_mode (Easy-WI 6.2.5 writes empty values into integer and date columns): '
                    'set sql_mode to "" for the panel\'s database (MariaDB default is strict), then run again; the '
                    'panel\'s PHP error log has the details.' % call)
        error = http_error(self.transport, response, call, hint)
        # a failed SQL statement stops the script: an add stored nothing; mod and del may have done a part
        error.maybe_applied = write and not (empty_500 and action == 'add')
        return error

    def _answer(self, root, call, texts=ERROR_TEXTS):
        """The fields of a <voice> reply; `<action>fail</action>` raises."""
        reply = children(root)
        if reply.get('action') == 'fail':
            errors = reply.get('errors', '')
            explained = explain_error(errors, texts)
            raise ApiError(self.transport.redact('%s failed: "%s"%s' % (
                call, errors, ': ' + explained if explained else '.')), call=call, api_message=errors)
        if reply.get('action') != 'success':
            raise TransportError('%s: unexpected answer from %s (root <%s>, action %r).' % (
                call, self.transport.base_url, root.tag, reply.get('action')), call=call)
        return reply

    # --- user API -----------------------------------------------------------------------------------
    def get_user(self, identify_by, value):
        """userdetails of one user ({column: text}) or None. identify_by: localid, username, external_id, email."""
        root = self.post('ls', {'identify_by': identify_by, identify_by: value, 'show_user_data_only': '1'},
                         write=False)
        return self._user_details(root)

    def _user_details(self, root):
        """userdetails ({column: text}) of a user ls reply, or None for the API's not-found answer."""
        if root.tag != 'user':
            reply = children(root)
            if reply.get('errors') == NOT_FOUND:
                return None
            self._answer(root, 'user.ls')
            raise TransportError('user.ls: unexpected answer from %s (root <%s>).' % (
                self.transport.base_url, root.tag), call='user.ls')
        # absence is only the <voice> "Can not find a user" answer above; a <user> without its details is no answer
        details = root.find('userdetails')
        if details is None or not (details.findtext('id') or '').strip():
            raise wrong_shape(self.transport, 'user.ls', '<user><userdetails> with the user\'s id',
                              root)
        return children(details)

    def list_users(self, like=None):
        """Every user of the API owner ({column: text} each); like: an externalID prefix (\\w+ only)."""
        root = self.post('ls', {'identify_by': None, 'like': like}, write=False)
        if root.tag != 'users':
            self._answer(root, 'user.ls')
            raise TransportError('user.ls: unexpected answer from %s (root <%s>).' % (
                self.transport.base_url, root.tag), call='user.ls')
        return [children(user) for user in root.findall('user')]

    def add_user(self, elements):
        """Create a user; returns the reply (localid, username, ...). A generated password is never kept."""
        reply = self._answer(self.post('add', elements, write=True), 'user.add')
        self.transport.add_secret(reply.get('password'))
        reply.pop('password', None)
        return reply

    def modify_user(self, local_id, elements):
        elements = dict(elements, identify_by='localid', localid=str(local_id))
        reply = self._answer(self.post('mod', elements, write=True), 'user.mod')
        reply.pop('password', None)
        return reply

    def delete_user(self, local_id):
        return self._answer(self.post('del', {'identify_by': 'localid', 'localid': str(local_id)}, write=True),
                            'user.del')

    def clean_external_id(self, external_id):
        """Blank the externalID of every user of the API owner whose externalID equals `external_id`."""
        return self._answer(self.post('clean', {'external_id': external_id}, write=True), 'user.clean')

    # --- game servers (type=gserver) ----------------------------------------------------------------------
    def get_user_servers(self, identify_by, value, kind='gserver'):
        """(userdetails, servers) of one user, or None when there is no such user.

        The owner's `ls` (show_user_data_only 0) is the API's only read of game servers (and the read of all of
        a user's voice servers): servers is a list of {column: text}, one per server of `kind` (gserver, voice).
        """
        root = self.post('ls', {'identify_by': identify_by, identify_by: value, 'show_user_data_only': '0'},
                         write=False)
        details = self._user_details(root)
        if details is None:
            return None
        listed = root.find(kind)
        rows = [] if listed is None else [children(key) for key in listed]
        if listed is None or any(not key.tag.startswith('key') for key in listed) or \
                any(not (row.get('id') or '').strip() for row in rows):
            raise wrong_shape(self.transport, 'user.ls', "<user> with <%s> and a <keyN> with an id per server" % kind,
                              root)
        return details, rows

    def list_game_roots(self):
        """The root servers that still have room (type=gserver ls): {column: text} each, plus `games`, the
        {short name: description} of the games the root has a master server for. Full roots are not listed."""
        root = self.post('ls', {}, write=False, api_type='gserver')
        if root.find('action') is not None:
            self._answer(root, 'gserver.ls', GSERVER_ERROR_TEXTS)
        roots = []
        for server in root:
            games = server.find('gamesavailable')
            row = children(server)
            if server.tag != 'server' or games is None or not (row.get('id') or '').strip():
                raise wrong_shape(self.transport, 'gserver.ls', '<gserver> with a <server> per root server',
                                  root)
            row['games'] = dict((game.tag, game.text or '') for game in games)
            roots.append(row)
        return roots

    def add_gserver(self, elements):
        """Create a game server; returns the reply (server_local_id, ip, port ...). The FTP password in it is
        kept secret and dropped."""
        reply = self._answer(self.post('add', elements, write=True, api_type='gserver'), 'gserver.add',
                             GSERVER_ERROR_TEXTS)
        self.transport.add_secret(reply.pop('initialpassword', None))
        if not (reply.get('server_local_id') or '').strip().isdigit():
            raise TransportError('gserver.add: Easy-WI at %s answered success without the new server\'s id; the '
                                 'server may have been created.' % self.transport.base_url,
                                 call='gserver.add', maybe_applied=True)
        return reply

    def modify_gserver(self, local_id, elements, deletion_expected=False):
        """Change a game server (identified by its local id); returns True when Easy-WI answered that a delete
        of it is queued, which the API says only with `fail` while it writes the values all the same.

        @param deletion_expected: that answer is what the caller expects (it marks or restores a server it asked
                                  to delete); otherwise it raises, saying the change was written
        """
        return self._modify_server('gserver', local_id, elements, deletion_expected)

    def _modify_server(self, api_type, local_id, elements, deletion_expected):
        """mod of a game or voice server or a database by local id; True when Easy-WI answered that a delete of it
        is queued."""
        call = '%s.mod' % api_type
        texts, marked = SERVER_TYPES[api_type]
        elements = dict(elements, identify_server_by='server_local_id', server_local_id=str(local_id))
        root = self.post('mod', elements, write=True, api_type=api_type)
        reply = children(root)
        if reply.get('action') == 'fail' and marked in reply.get('errors', '').split(', '):
            if deletion_expected:
                return True
            error = ApiError(
                '%s failed: "%s": Easy-WI has a delete of it queued (or of a user with the same ID), which this '
                'module did not ask for (the panel or another client did). Easy-WI wrote the change all the same, and '
                'a change that queues a job of its own cancels that delete: check it in the panel before running '
                'again.' % (call, marked), call=call, api_message=marked)
            error.written = True
            raise error
        self._answer(root, call, texts)
        return False

    def run_gserver(self, local_id, restart):
        """Queue a (re)start (restart `re`) or a stop (`st`) of a game server (identified by its local id):
        `action=gs`, which needs only the four server keys and replaces a (re)start or stop still queued."""
        elements = {'identify_server_by': 'server_local_id', 'server_local_id': str(local_id), 'restart': restart}
        return self._answer(self.post('gs', elements, write=True, api_type='gserver', always_sent=SERVER_KEYS[:4]),
                            'gserver.gs', GSERVER_ERROR_TEXTS)

    def delete_gserver(self, local_id):
        """Queue the delete of a game server (identified by its local id)."""
        return self._answer(self.post('del', {'identify_server_by': 'server_local_id',
                                              'server_local_id': str(local_id)}, write=True, api_type='gserver'),
                            'gserver.del', GSERVER_ERROR_TEXTS)

    # --- voice servers (type=voice: TeamSpeak 3, every request with shorten=ts3) ---------------------------
    def get_voice_server(self, external_id):
        """The voice_server row ({column: text}) with this external ID, or None (Easy-WI's empty <voice/>). Its
        server password (initialpassword) is kept secret and dropped."""
        root = self.post('ls', {'shorten': 'ts3', 'identify_server_by': 'server_external_id',
                                'server_external_id': external_id}, write=False, api_type='voice')
        if root.find('action') is not None:
            self._answer(root, 'voice.ls', VOICE_ERROR_TEXTS)
        if not len(root):
            return None
        row = children(root)
        if not (row.get('id') or '').strip() or 'localserverid' not in row or 'externalID' not in row:
            raise wrong_shape(self.transport, 'voice.ls', "<voice> with the server's columns (id, localserverid ...)",
                              root)
        self.transport.add_secret(row.pop('initialpassword', None))
        return row

    def add_voice_server(self, elements):
        """Create a TeamSpeak 3 server; returns the reply (server_local_id, ip, port ...)."""
        reply = self._answer(self.post('add', dict(elements, shorten='ts3'), write=True, api_type='voice'),
                             'voice.add', VOICE_ERROR_TEXTS)
        if not (reply.get('server_local_id') or '').strip().isdigit():
            raise TransportError('voice.add: Easy-WI at %s answered success without the new server\'s id; the '
                                 'server may have been created.' % self.transport.base_url,
                                 call='voice.add', maybe_applied=True)
        return reply

    def modify_voice_server(self, local_id, elements, deletion_expected=False):
        """Change a voice server (identified by its local id); as modify_gserver()."""
        return self._modify_server('voice', local_id, dict(elements, shorten='ts3'), deletion_expected)

    def delete_voice_server(self, local_id):
        """Queue the delete of a voice server (identified by its local id)."""
        return self._answer(self.post('del', {'shorten': 'ts3', 'identify_server_by': 'server_local_id',
                                              'server_local_id': str(local_id)}, write=True, api_type='voice'),
                            'voice.del', VOICE_ERROR_TEXTS)

    # --- MySQL databases on a master server (type=mysql) ------------------------------------------------------
    def add_mysql(self, elements):
        """Create a database; returns the reply, whose `dbname` (sql<id>) names the new row. Easy-WI answers no local
        ID and no password (it makes one up and no call returns it)."""
        reply = self._answer(self.post('add', dict(elements, identify_server_by='server_external_id'), write=True,
                                       api_type='mysql'), 'mysql.add', MYSQL_ERROR_TEXTS)
        if not re.match(r'^sql[0-9]+\Z', reply.get('dbname') or ''):
            raise TransportError('mysql.add: Easy-WI at %s answered success without the new database\'s name; the '
                                 'database may have been created.' % self.transport.base_url,
                                 call='mysql.add', maybe_applied=True)
        return reply

    def modify_mysql(self, local_id, elements, deletion_expected=False):
        """Change a database (identified by its local id); as modify_gserver(). Easy-WI stores the sent
        server_external_id every time (an empty one clears it): `elements` must carry it."""
        return self._modify_server('mysql', local_id, elements, deletion_expected)

    def delete_mysql(self, local_id):
        """Queue the delete of a database (identified by its local id)."""
        return self._answer(self.post('del', {'identify_server_by': 'server_local_id',
                                              'server_local_id': str(local_id)}, write=True, api_type='mysql'),
                            'mysql.del', MYSQL_ERROR_TEXTS)
