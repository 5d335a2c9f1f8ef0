# -*- coding: utf-8 -*-
# Private to the hosting.provision collection: not a public API, may change without notice.
"""Client of the Easy-WI external API (`POST <panel>/api.php`, `type=user`).

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

from ._client import Client, connection_argument_spec
from ._engine import InputError
from ._transport import ApiError, AuthenticationError, TransportError, http_error, wrong_shape

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


def encode_document(action, elements):
    """The `xml` form value: base64 of the URL-encoded XML text (the server URL-decodes after base64).

    elements: name -> text or list of texts (a repeated element, e.g. groupID); None or '' is sent empty.
    """
    root = ElementTree.Element('users')
    values = dict((name, '') for name in ALWAYS_SENT)
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


def explain_error(errors):
    for prefix, text in ERROR_TEXTS:
        if errors.startswith(prefix):
            return text % {'rest': errors[len(prefix):]} if '%(rest)' in text else text
    return ''


class WebifaceClient(Client):
    """Stateless: every request carries the credentials; reads may be retried, writes never."""

    api_path = API_PATH

    def __init__(self, transport, username, password):
        check_api_credentials(username, password)
        super(WebifaceClient, self).__init__(transport)
        self.username = username
        self.password = password

    # --- wire ---------------------------------------------------------------------------------------
    def post(self, action, elements, write):
        """One request to api.php; returns the parsed XML root. Refusals and faults raise."""
        call = 'user.%s' % action
        form = dict(user=self.username, pwd=self.password, type='user', xml=encode_document(action, elements))
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
        if root is None or root.tag not in REPLY_ROOTS:
            snippet = ' '.join(body.split())[:200] or 'an empty body'
            raise TransportError(self.transport.redact(
                '%s failed: the answer from %s is not Easy-WI XML (%s). Check that api_url points at the panel '
                '(the URL that serves api.php).' % (call, self.transport.base_url, snippet)),
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

    def _answer(self, root, call):
        """The fields of a <voice> reply; `<action>fail</action>` raises."""
        reply = children(root)
        if reply.get('action') == 'fail':
            errors = reply.get('errors', '')
            explained = explain_error(errors)
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
                              ElementTree.tostring(root, encoding='unicode'))
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
