# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""Connection of the TeamDrive Hosting Service (Host Server) API.

Facts: docs/api/teamdrive.md. One POST per command to <path>?checksum=<md5>: the body is a raw XML
document <teamdrive> with apiversion, command and requesttime; the checksum is the lowercase hex md5 of the
body bytes followed by the salt. There is no login: the server trusts the caller's IP (APIAccessList) and the
checksum. Replies are <teamdrive> documents with the result or an <exception>; misconfigured servers answer
with HTML pages instead (404, 503, or an HTTP 200 "Execution Error").
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import re
import time
from xml.parsers.expat import ExpatError
from xml.sax.saxutils import escape

try:
    import xmltodict
    HAS_XMLTODICT = True
    XMLTODICT_IMPORT_ERROR = None
except ImportError as exc:  # reported by the module through missing_required_lib
    HAS_XMLTODICT = False
    XMLTODICT_IMPORT_ERROR = exc

from ansible.module_utils.basic import env_fallback, missing_required_lib
from ansible.module_utils.six.moves.urllib.parse import urlsplit

from . import _engine as engine
from ._connection import Connection, connection_argument_spec
from ._transport import ApiError, AuthenticationError, TransportError, describe_body, http_error, wrong_shape

# Every command and element name this client puts on the wire or reads from it, with the reference's tag:
# C = confirmed, S = seen in the stripped vendor text, I = inferred placeholder. The vendor page that would
# confirm the [I] names could not be read with its XML intact: correct a name here and the client follows.
WIRE_NAMES = {
    # envelope
    'root': ('teamdrive', 'C'),
    'apiversion': ('apiversion', 'C'),
    'command': ('command', 'C'),
    'requesttime': ('requesttime', 'C'),
    'intresult': ('intresult', 'C'),
    'exception': ('exception', 'C'),
    'primarycode': ('primarycode', 'C'),
    'secondarycode': ('secondarycode', 'C'),
    'message': ('message', 'C'),
    # commands
    'getdepotdata': ('getdepotdata', 'C'),
    'getspacedata': ('getspacedata', 'C'),
    'getdepotdocument': ('getdepotdocument', 'C'),
    'createdepot': ('createdepot', 'C'),
    'createdepotwithoutuser': ('createdepotwithoutuser', 'C'),
    'assignusertodepot': ('assignusertodepot', 'C'),
    'setdepot': ('setdepot', 'C'),
    'addusertodepot': ('addusertodepot', 'C'),
    'deleteuserfromdepot': ('deleteuserfromdepot', 'C'),
    'updatecontract': ('updatecontract', 'C'),
    'deactivatedepot': ('deactivatedepot', 'C'),
    'deletedepot': ('deletedepot', 'C'),
    # request elements
    'username': ('username', 'C'),
    'depotid': ('depotid', 'C'),
    'disclimit': ('disclimit', 'C'),
    'trafficlimit': ('trafficlimit', 'C'),
    'userlist': ('users', 'I'),  # comma-separated user names of add/deleteuserfromdepot and createdepot
    'contract': ('contract', 'I'),  # optional contract reference of updatecontract
    # reply elements
    'depot': ('depot', 'I'),
    'depotdata': ('depotdata', 'C'),  # wraps the depots of the Registration Server's getdefaultdepotdata

    'useddisc': ('useddisc', 'I'),
    'usedtraffic': ('usedtraffic', 'I'),
    'depotusers': ('users', 'I'),  # the depot's list of users allowed to create spaces ...
    'depotuser': ('username', 'I'),  # ... one element per user
    'status': ('status', 'I'),  # active | deactivated; not known to exist (see Depot.resolve)
    'space': ('space', 'I'),
    'spaceid': ('spaceid', 'I'),
    'spacename': ('spacename', 'I'),
    'depotdocument': ('depotdocument', 'I'),  # base64 depot document
}
N = dict((key, wire) for key, (wire, _tag) in WIRE_NAMES.items())

ENV_PREFIX = 'TEAMDRIVE'
DEFAULT_API_VERSION = '3.0.003'
# The vendor's Host Server reference (releases 3.0.013 to 3.7.9) shows only PBAS_PATH, so it is the default
# api_path. The third-party teamdrive_api gem's README names YVVA_PATH for Host Server 3.5 and later (Yvva
# runtime); a server that answers 404 gets a hint naming both.
PBAS_PATH = '/pbas/p1_as/api/api.htm'
YVVA_PATH = '/yvva/api/api.htm'
DEFAULT_PATH = PBAS_PATH
REGSERVER_PATH_PART = 'td2a'  # /yvva/td2api/..., /pbas/td2api/..., /pbas/td2as/...

NO_DEPOT, DEPOT_MISMATCH = -30301, -30302
ACCESS_DENIED = -30000

# The vendor's error texts, and what to check for each.
ERRORS = {
    -30000: ('Access denied', 'The Host Server refuses this caller: add the IP address of the machine that runs '
                              'the module to the Host Server setting APIAccessList, and make api_salt equal to '
                              'its APISalt setting (the answer to a wrong checksum is not documented; expect this code).'),
    -30001: ('Invalid Command', 'The server does not know this command: check that api_url points at the Host '
                                'Server API, and that the Host Server is recent enough (setdepot needs API '
                                '3.0.003; deactivatedepot, updatecontract, createdepotwithoutuser and '
                                'assignusertodepot 3.0.002).'),
    -30002: ('Invalid Request', 'The server found a field missing or malformed; if the server limits the age of '
                                'requesttime, check the clock of the machine that runs the module.'),
    -30003: ('Invalid XML', 'The server could not parse the request; a proxy may have changed the body.'),
    -30100: ('Username does not exists', 'The user is unknown to the Registration Server.'),
    -30101: ('Wrong password', 'The Registration Server refused the user\'s password.'),
    -30102: ('Account not Activated by activation mail', 'The user has not activated the account yet.'),
    -30112: ('Invalid location', 'Use EU, US or an IP address as location.'),
    -30114: ('Provider not found', 'Check the distributor (provider) code.'),
    -30144: ('Setting does not exist / not permitted', 'The Registration Server refused the setting.'),
    -30301: ('No Depot for User', 'The user has no depot on this Host Server.'),
    -30302: ('Depot-ID does not match', 'The depot does not exist on this Host Server or belongs to another user.'),
    -30303: ('Space-ID does not match', 'The space is not in this depot.'),
    -30304: ('Increasing Depot failed', 'The server refused the limits: storage_limit must be more than 0 bytes '
                                        'and both limits whole numbers of bytes.'),
    -30305: ('Decreasing Depot failed', 'The server refused the limits.'),
    -30306: ('Invalid storage limit', 'The server refused the storage limit: it must be more than 0 bytes.'),
}
VM_ERRORS = 'PrimeBase virtual machine or database error on the Host Server: see its log.'
PATH_HINT = 'Check api_url and api_path: the vendor documents the Host Server API at https://<host>%s; Host ' \
            'Server 3.5 and later may serve it at https://<host>%s instead.' % (PBAS_PATH, YVVA_PATH)


def argument_spec(**extra):
    """The connection options: api_url, api_salt, api_version and the common TLS/timeout ones.

    The Hosting Service API has no user name or password (access is by IP and checksum), so the shared
    api_username/api_password options are left out.
    """
    return connection_argument_spec(ENV_PREFIX, dict(
        api_salt=dict(type='str', no_log=True, fallback=(env_fallback, ['%s_SALT' % ENV_PREFIX])),
        api_version=dict(type='str', default=DEFAULT_API_VERSION,
                         fallback=(env_fallback, ['%s_API_VERSION' % ENV_PREFIX])),
        # no default here: a path given in api_url is used unless api_path is set too (then they must agree)
        api_path=dict(type='str', fallback=(env_fallback, ['%s_API_PATH' % ENV_PREFIX])),
        **extra), credentials=False)


def as_list(value):
    """xmltodict gives one repeated element as a dict, several as a list, an empty one as None."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value):
    """The text of a leaf element ('' for an empty one)."""
    return '' if value is None else str(value).strip()


def whole_number(value):
    """The whole number of a leaf element (None for an empty one); TransportError for anything else."""
    text = _text(value)
    try:
        return int(text) if text else None
    except ValueError:
        raise TransportError('The Host Server answered %r where a whole number belongs; this is not a TeamDrive reply '
                             'the module understands.' % text[:50])


def _names(value):
    """The user names of a list element: one child element per user, or the comma-separated text in which every
    user list of the requests is written; an empty element is the empty list of a default depot."""
    if value is None:
        return []
    if isinstance(value, dict):
        names = [_text(name) for name in as_list(value.get(N['depotuser']))]
    elif isinstance(value, str):
        names = [name.strip() for name in value.split(',')]
    else:
        return None
    return [name for name in names if name]


class TeamDriveConnection(Connection):
    """Builds, signs and sends one request per command; turns every failure shape into a clear error."""

    def __init__(self, transport, path, salt, api_version=DEFAULT_API_VERSION, clock=time.time):
        super(TeamDriveConnection, self).__init__(transport)
        self.path = path
        self.salt = salt
        self.api_version = api_version
        self.clock = clock
        transport.add_secret(salt)

    @classmethod
    def from_module(cls, module):
        if not HAS_XMLTODICT:
            module.fail_json(msg=missing_required_lib('xmltodict'), exception=str(XMLTODICT_IMPORT_ERROR))
        return super(TeamDriveConnection, cls).from_module(module)

    @classmethod
    def base_url(cls, params):
        return split_api_url(params['api_url'], params.get('api_path'))[0]

    @classmethod
    def from_params(cls, transport, params):
        path = split_api_url(params['api_url'], params.get('api_path'))[1]
        return cls(transport, path, params['api_salt'], params['api_version'])

    # --- wire -------------------------------------------------------------------------------------
    def body(self, command, elements):
        """The request document, built once: these exact bytes are hashed and sent."""
        parts = [("apiversion", self.api_version), ('command', N[command]),
                 ('requesttime', int(self.clock()))]
        parts.extend((key, value) for key, value in elements.items() if value is not None)
        inner = ''.join('<%s>%s</%s>' % (N[key], escape(str(value)), N[key]) for key, value in parts)
        return ("<?xml version='1.0' encoding='UTF-8' ?><%s>%s</%s>" % (N['root'], inner, N['root'])).encode('utf-8')

    def checksum(self, body):
        return hashlib.md5(body + self.salt.encode('utf-8')).hexdigest()

    def call(self, command, write=False, **elements):
        """Send `command` with `elements` (logical names of WIRE_NAMES); -> the reply's children as a dict."""
        body = self.body(command, elements)
        response = self.transport.request(
            'POST', '%s?checksum=%s' % (self.path, self.checksum(body)), command, idempotent=not write,
            data=body, headers={'Content-Type': 'application/x-www-form-urlencoded'})
        if response.status_code != 200:
            raise self._http_failure(command, response)
        reply = self._parse(command, response, write)
        exception = reply.get(N['exception'])
        if exception is not None:
            raise self._exception(command, exception if isinstance(exception, dict) else {})
        return reply

    def _http_failure(self, command, response):
        if response.status_code == 404:
            hint = PATH_HINT
        elif 'SendCGIRequest' in response.text:
            hint = ('The web server could not reach the Host Server\'s API handler (td2api): check that the Host '
                    'Server service runs and its Apache configuration.')
        else:
            hint = 'Check api_url and the Host Server\'s web server.'
        # a non-200 page comes from the web server in front of the API: the command did not run
        return http_error(self.transport, response, command, hint)

    def _parse(self, command, response, write):
        """The children of the <teamdrive> root; anything else (an HTML page) raises a clear error."""
        try:
            document = xmltodict.parse(response.content)
        except ExpatError:
            document = None
        if isinstance(document, dict) and N['root'] in document:
            root = document[N['root']]
            return root if isinstance(root, dict) else {}
        # the page's words without its markup; the script error follows the error codes
        text = ' '.join(re.sub(r'<[^>]*>', ' ', response.text).split())
        codes = re.search(r'Primary error code:\s*(-?\d+)(?:,\s*Secondary error code:\s*-?\d+)?\s*', text)
        if codes:
            detail = text[codes.end():][:200]
            message = ('%s failed: the Host Server at %s answered with an "Execution Error" page (primary error '
                       'code %s), a script error on the server%s: see its log.' % (
                           command, self.transport.base_url, codes.group(1), ' (%s)' % detail if detail else ''))
        else:
            message = '%s failed: the answer from %s is not a TeamDrive XML reply (%s). %s' % (
                command, self.transport.base_url, describe_body(response), PATH_HINT)
        # a script error may stop a command half-way: a write is re-read before anything else is decided
        raise TransportError(self.transport.redact(message), call=command, status=response.status_code,
                             code=int(codes.group(1)) if codes else None, maybe_applied=write)

    def _exception(self, command, exception):
        code = whole_number(exception.get(N['primarycode']))
        secondary = _text(exception.get(N['secondarycode']))
        api_message = _text(exception.get(N['message']))
        known, hint = ERRORS.get(code, (None, VM_ERRORS if code is not None and -23000 <= code <= 0 else ''))
        codes = '%s/%s' % (code, secondary) if secondary else str(code)
        text = '%s failed (%s): %s.%s' % (command, codes, api_message or known or 'no message',
                                          ' ' + hint if hint else '')
        error_class = AuthenticationError if code == ACCESS_DENIED else ApiError
        return error_class(self.transport.redact(text), call=command, code=code, api_message=api_message)

    # --- depot calls --------------------------------------------------------------------------------
    def depots(self, username, depot_id=None):
        """The user's depots (all, or the one with depot_id) as raw dicts; [] when there is none.

        "None" is only the documented answer (-30301 No Depot for User; -30302 for a depot_id the user does not
        own); a success reply without a readable depot is an error, never a reason to create one.
        """
        try:
            reply = self.call('getdepotdata', username=username, depotid=depot_id)
        except ApiError as exc:
            if exc.code == NO_DEPOT or (depot_id is not None and exc.code == DEPOT_MISMATCH):
                return []
            raise
        try:
            depots = [self._depot(item) for item in self._depot_items(reply)]
        except TransportError:
            raise self._shape('getdepotdata', 'one <depot> element per depot (or <depotdata><depot>), each with its '
                              '<depotid>, whole numbers of bytes and one list of users', reply)
        # the vendor's example sends only the user name: a server may ignore depotid and answer every depot
        return [depot for depot in depots if depot_id is None or depot['depotid'] == depot_id]

    def _depot_items(self, reply):
        """The depot elements of a getdepotdata reply: <depot> children of the root, or wrapped in <depotdata> as
        the Registration Server's getdefaultdepotdata answers."""
        items = reply.get(N['depot'])
        wrapper = reply.get(N['depotdata'])
        if items is None and isinstance(wrapper, dict):
            items = wrapper.get(N['depot'])
        items = as_list(items)
        if not items or not all(isinstance(item, dict) for item in items):
            raise TransportError('no depot element')
        return items

    @staticmethod
    def _depot(item):
        depot = dict(
            depotid=whole_number(item.get(N['depotid'])),
            disclimit=whole_number(item.get(N['disclimit'])),
            trafficlimit=whole_number(item.get(N['trafficlimit'])),
            useddisc=whole_number(item.get(N['useddisc'])),
            usedtraffic=whole_number(item.get(N['usedtraffic'])),
            users=_names(item.get(N['depotusers'])),
            status=_text(item.get(N['status'])) or None,
        )
        if depot['depotid'] is None or depot['users'] is None:
            raise TransportError('no depot id or no user list')
        return depot

    def _shape(self, command, expected, reply):
        reply = dict((key, value) for key, value in reply.items() if key != N['apiversion'])
        return wrong_shape(self.transport, command, expected, reply)

    def spaces(self, username, depot_id=None):
        """The spaces of the user's depots (or of one), as raw dicts; [] when the user has no depot."""
        try:
            reply = self.call('getspacedata', username=username, depotid=depot_id)
        except ApiError as exc:
            if exc.code == NO_DEPOT:
                return []
            raise
        try:
            spaces = [self._space(item) for item in as_list(reply.get(N['space']))]
        except TransportError:
            raise self._shape('getspacedata', 'one <space> element per space, with whole numbers for its ids and '
                              'bytes', reply)
        return [space for space in spaces if depot_id is None or space['depotid'] == depot_id]

    @staticmethod
    def _space(item):
        if not isinstance(item, dict):
            raise TransportError('a space without fields')
        return dict(spaceid=whole_number(item.get(N['spaceid'])), depotid=whole_number(item.get(N['depotid'])),
                    name=_text(item.get(N['spacename'])), useddisc=whole_number(item.get(N['useddisc'])),
                    usedtraffic=whole_number(item.get(N['usedtraffic'])))

    def depot_document(self, username, depot_id):
        return _text(self.call('getdepotdocument', username=username, depotid=depot_id).get(N['depotdocument']))


def split_api_url(url, api_path=None):
    """(scheme://host[:port], path): the path given in the URL or as api_path, else the vendor's."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        raise engine.InputError('api_url %r is not a URL such as https://teamdrive-host.example.com' % url)
    path = parts.path.rstrip('/')
    if api_path is not None:
        api_path = '/' + api_path.strip().strip('/')
        if path and path != api_path:
            raise engine.InputError('api_url names the path %s and api_path %s: give the path in one of them.' % (
                path, api_path))
    path = path or api_path or DEFAULT_PATH
    if REGSERVER_PATH_PART in path:
        raise engine.InputError('%s is a Registration Server API; the depot modules need the Host Server API. %s' % (
            '%s://%s%s' % (parts.scheme, parts.netloc, path), PATH_HINT))
    return '%s://%s' % (parts.scheme, parts.netloc), path
