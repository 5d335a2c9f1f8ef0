# -*- coding: utf-8 -*-
# Private to the hosting.provision collection: not a public API, may change without notice.
"""Client of the TeamDrive Hosting Service (Host Server) API, and the depot it manages.

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
from ._client import Client, connection_argument_spec
from ._transport import ApiError, AuthenticationError, TransportError, http_error, wrong_shape

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


def _int(value):
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


class TeamDriveClient(Client):
    """Builds, signs and sends one request per command; turns every failure shape into a clear error."""

    def __init__(self, transport, path, salt, api_version=DEFAULT_API_VERSION, clock=time.time):
        super(TeamDriveClient, self).__init__(transport)
        self.path = path
        self.salt = salt
        self.api_version = api_version
        self.clock = clock
        transport.add_secret(salt)

    @classmethod
    def from_module(cls, module):
        if not HAS_XMLTODICT:
            module.fail_json(msg=missing_required_lib('xmltodict'), exception=str(XMLTODICT_IMPORT_ERROR))
        return super(TeamDriveClient, cls).from_module(module)

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
        text = ' '.join(response.text.split())
        codes = re.search(r'Primary error code:\s*(-?\d+)', text)
        if codes:
            message = ('%s failed: the Host Server at %s answered with an "Execution Error" page (primary error '
                       'code %s), a script error on the server: see its log. Page: %s' % (
                           command, self.transport.base_url, codes.group(1), text[:200]))
        else:
            message = '%s failed: the answer from %s is not a TeamDrive XML reply (%s). %s' % (
                command, self.transport.base_url, text[:200] or 'an empty body', PATH_HINT)
        # a script error may stop a command half-way: a write is re-read before anything else is decided
        raise TransportError(self.transport.redact(message), call=command, status=response.status_code,
                             code=int(codes.group(1)) if codes else None, maybe_applied=write)

    def _exception(self, command, exception):
        code = _int(exception.get(N['primarycode']))
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
            depotid=_int(item.get(N['depotid'])),
            disclimit=_int(item.get(N['disclimit'])),
            trafficlimit=_int(item.get(N['trafficlimit'])),
            useddisc=_int(item.get(N['useddisc'])),
            usedtraffic=_int(item.get(N['usedtraffic'])),
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
        return dict(spaceid=_int(item.get(N['spaceid'])), depotid=_int(item.get(N['depotid'])),
                    name=_text(item.get(N['spacename'])), useddisc=_int(item.get(N['useddisc'])),
                    usedtraffic=_int(item.get(N['usedtraffic'])))

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


# --- the depot as the modules manage it -----------------------------------------------------------------

class _Limit(engine.Size):
    """A depot limit in bytes; TeamDrive documents no "unlimited" value."""

    def from_user(self, value):
        if str(value).strip().lower() == 'unlimited':
            raise engine.InputError('TeamDrive has no unlimited depot; give a size such as "10 GiB"')
        return super(_Limit, self).from_user(value)


def check_user_name(name, option):
    """A user name goes into comma-separated lists: a comma would split it, a control character is no name."""
    if not name.strip() or ',' in name or engine.CONTROL_CHARACTERS.search(name):
        raise engine.InputError('%s: %r is not a TeamDrive user name (not empty, no comma, no control characters)' % (
            option, name))


class _Users(engine.TextList):
    """The users allowed to create spaces: compared as a set; written as a comma-separated list."""

    def __init__(self):
        super(_Users, self).__init__(separator=',', ordered=False)

    def from_user(self, value):
        for name in value or []:
            check_user_name(str(name), 'authorized_users')
        return super(_Users, self).from_user(value)

    def from_api(self, raw):
        # the read gives a list (one element per user), a payload the comma-separated text
        names = raw.split(',') if isinstance(raw, str) else raw
        return engine.TextList.from_user(self, names)


class Depot(engine.Resource):
    """One depot of one user on one Host Server, found by the owner's username and, optionally, its id."""

    kind = 'depot'
    result_key = 'depot'
    fields = (
        engine.Field('storage_limit', api='disclimit', kind=_Limit()),
        engine.Field('traffic_limit', api='trafficlimit', kind=_Limit()),
        engine.Field('authorized_users', api='users', kind=_Users()),
        # updatecontract has no read-back: a contract given is always different from the read (None)
        engine.Field('contract', api='contract', kind=engine.Text()),
        # set only by state=deactivated; read back only from servers that report it
        engine.Field('status', api='status', kind=engine.Text()),
    )

    def __init__(self, client, params, check_mode=False):
        super(Depot, self).__init__(client, params, check_mode)
        self.username = params['username']
        self.depot_id = params.get('depot_id')
        self.state = params.get('state') or 'present'
        self.assign = False  # the depot exists without this owner: assignusertodepot instead of a create
        self.created = {}  # what only the create tells: the new depot's id (an assigned depot's whole state)

    def describe(self):
        if self.depot_id is not None:
            return 'depot %s of %s' % (self.depot_id, self.username)
        return 'the depot of %s' % self.username

    def validate(self, desired):
        check_user_name(self.username, 'username')
        if desired.get('storage_limit') == 0:
            raise engine.InputError('storage_limit must be more than 0 bytes')

    def resolve(self, desired, raw):
        if self.state != 'deactivated':
            if raw is not None and raw['status'] == 'deactivated':
                self.warnings.append('%s is deactivated; the Hosting Service API has no call to reactivate it.' % (
                    self.describe().capitalize()))
            return
        # deactivated is the wanted value of the status the read may report
        desired['status'] = 'deactivated'
        if raw is not None and raw['status'] is None:
            self.warnings.append(
                'The Host Server does not report whether %s is deactivated, so deactivatedepot is sent on every run '
                '(deactivating twice is harmless) and the task reports changed.' % self.describe())

    def read(self):
        depots = self.client.depots(self.username, self.depot_id)
        if len(depots) > 1:
            raise engine.InputError('%s has %d depots on this Host Server (ids %s): set depot_id to choose one.' % (
                self.username, len(depots), ', '.join(str(d['depotid']) for d in depots)))
        raw = depots[0] if depots else None
        if self.state == 'absent':
            if raw is not None and not self.params.get('force'):
                self._refuse_delete(raw)
            return raw
        if raw is None:
            self._check_create()
        return raw

    def _refuse_delete(self, raw):
        spaces = self.client.spaces(self.username, raw['depotid'])
        raise engine.InputError(
            'Deleting depot %s of %s also deletes all of its %d spaces (%d bytes of data). Set force: true to '
            'delete it, or state: deactivated to keep the data.' % (
                raw['depotid'], self.username, len(spaces), sum(s['useddisc'] or 0 for s in spaces)))

    def _check_create(self):
        """Decide, before any write, how a missing depot comes about (in check mode too)."""
        if self.state == 'deactivated':
            raise engine.InputError('%s does not exist, so it cannot be deactivated.' % self.describe().capitalize())
        if self.depot_id is not None:
            if not self.params.get('assign'):
                raise engine.InputError(
                    'Depot %s does not exist on this Host Server or does not belong to %s. Leave depot_id out to '
                    'create a depot, or set assign: true to give %s a depot created without a user.' % (
                        self.depot_id, self.username, self.username))
            self.assign = True
        elif self.params.get('storage_limit') is None:
            raise engine.InputError('storage_limit is required to create the depot of %s' % self.username)

    def normalise(self, raw):
        return depot_record(raw, self.username)

    # --- writes -------------------------------------------------------------------------------------
    def create_defaults(self, after):
        defaults = dict(username=self.username)
        if self.assign:
            defaults['depot_id'] = self.depot_id
            return defaults
        defaults['authorized_users'] = []  # "this list is empty for a default depot"
        # sent explicitly so that the result is known; the vendor's default for an omitted traffic limit
        defaults['traffic_limit'] = after['storage_limit'] * 10
        return defaults

    def create(self, payload):
        if self.assign:
            self.client.call('assignusertodepot', write=True, username=self.username, depotid=self.depot_id)
            raw = self._read_one(self.depot_id)
            # only now readable: what the task did not set is reported as the depot holds it (settle)
            self.created = self.normalise(raw)
            self._converge(raw, payload, ['assignusertodepot'])
            return
        limits = dict(disclimit=payload['disclimit'], trafficlimit=payload['trafficlimit'],
                      userlist=payload.get('users') or None)
        if self.params.get('create_without_user'):
            reply = self.client.call('createdepotwithoutuser', write=True, **limits)
            depot_id = _int(reply.get(N['depotid']))
            if depot_id is None:
                raise ApiError('createdepotwithoutuser answered without a depot id: a depot without a user was '
                               'probably created; find it on the Host Server and assign it with depot_id and '
                               'assign: true.', call='createdepotwithoutuser')
            self.created = dict(depot_id=depot_id)
            try:
                self.client.call('assignusertodepot', write=True, username=self.username, depotid=depot_id)
            except TransportError as exc:
                exc.message = ('%s Depot %s was created without a user; run again with depot_id: %s and assign: '
                               'true to give it to %s.' % (exc.message, depot_id, depot_id, self.username))
                raise
            done = ['createdepotwithoutuser', 'assignusertodepot']
        else:
            reply = self.client.call('createdepot', write=True, username=self.username, **limits)
            depot_id = _int(reply.get(N['depotid']))  # inferred: the read-back below finds it without
            done = ['createdepot']
        self.created = dict(depot_id=self._the_new_depot(done[0], depot_id))
        self._converge(None, dict((key, value) for key, value in payload.items() if key == 'contract'), done)

    def settle(self, action, after):
        """A new depot's id, which the server assigns (and what an assigned depot holds that the task left out)."""
        if action != 'create' or not self.created:
            return None
        return dict(self.created, **after)

    def _the_new_depot(self, command, depot_id):
        """The id of the depot just created, read back: the API does not refuse a second depot for a user, so a
        run on another controller (or the panel) may have created one at the same time."""
        ids = sorted(depot['depotid'] for depot in self.client.depots(self.username))
        if len(ids) == 1 and depot_id in (None, ids[0]):
            return ids[0]
        made = '%s made depot %s' % (command, depot_id) if depot_id is not None else '%s succeeded' % command
        if len(ids) > 1:
            raise ApiError(
                '%s, but %s now has %d depots on this Host Server (ids %s): another run (or the panel) created one '
                'at the same time. Keep one and delete the others (depot_id, state: absent, force: true); this run '
                'does not count as a success.' % (made, self.username, len(ids), ', '.join(str(i) for i in ids)),
                call='getdepotdata')
        raise ApiError('%s, but reading the depots of %s back found %s; check them on the Host Server before running '
                       'again.' % (made, self.username, 'depot %s' % ids[0] if ids else 'none'), call='getdepotdata')

    def _read_one(self, depot_id):
        depots = self.client.depots(self.username, depot_id)
        if len(depots) != 1:
            raise ApiError('%s was written, but reading it back found %d depots.' % (
                self.describe().capitalize(), len(depots)), call='getdepotdata')
        return depots[0]

    def update(self, raw, payload):
        self._converge(raw, payload, [])

    def _converge(self, raw, payload, done):
        """Apply payload to the depot with the absolute calls; a fault names what was already applied."""
        depot_id = raw['depotid'] if raw else self.created['depot_id']
        common = dict(username=self.username, depotid=depot_id)
        steps = []
        if raw is not None:
            disclimit = int(payload.get('disclimit', raw['disclimit']))
            trafficlimit = int(payload.get('trafficlimit', raw['trafficlimit']))
            if (disclimit, trafficlimit) != (raw['disclimit'], raw['trafficlimit']):
                # setdepot sets both limits absolutely; increase/decreasedepot would reset an omitted traffic
                # limit to 10 x storage, so they are never used
                steps.append(('setdepot', dict(common, disclimit=disclimit, trafficlimit=trafficlimit)))
            if 'users' in payload:
                wanted = _Users().from_api(payload['users'])
                added = [name for name in wanted if name not in raw['users']]
                removed = sorted(name for name in raw['users'] if name not in wanted)
                if added:
                    steps.append(('addusertodepot', dict(common, userlist=','.join(added))))
                if removed:
                    steps.append(('deleteuserfromdepot', dict(common, userlist=','.join(removed))))
        if 'contract' in payload:
            steps.append(('updatecontract', dict(common, contract=payload['contract'] or None)))
        if payload.get('status') == 'deactivated':
            steps.append(('deactivatedepot', common))
        for command, elements in steps:
            try:
                self.client.call(command, write=True, **elements)
            except TransportError as exc:
                if done:
                    exc.message = '%s Already applied to depot %s of %s: %s.' % (
                        exc.message, depot_id, self.username, ', '.join(done))
                raise
            done.append(command)

    def delete(self, raw):
        self.client.call('deletedepot', write=True, username=self.username, depotid=raw['depotid'])


def depot_record(raw, username):
    """A depot as the modules report it (the contract has no read-back)."""
    state = engine.field_values(Depot.fields, raw)
    del state['contract']
    state.update(depot_id=raw['depotid'], username=username, used_storage=raw['useddisc'],
                 used_traffic=raw['usedtraffic'])
    return state


def space_record(raw):
    return dict(space_id=raw['spaceid'], depot_id=raw['depotid'], name=raw['name'], used_storage=raw['useddisc'],
                used_traffic=raw['usedtraffic'])


def list_depots(client, username, depot_id=None, spaces=True, depot_document=False):
    """The user's depots (all, or the one with depot_id) sorted by id, each with its spaces (one request for
    all) and its depot document (one request per depot) when asked."""
    depots = sorted((depot_record(raw, username) for raw in client.depots(username, depot_id)),
                    key=lambda depot: depot['depot_id'])
    if depots and spaces:
        listed = client.spaces(username, depot_id)
        for depot in depots:
            depot['spaces'] = sorted((space_record(raw) for raw in listed if raw['depotid'] == depot['depot_id']),
                                     key=lambda space: space['space_id'])
    if depot_document:
        for depot in depots:
            depot['depot_document'] = client.depot_document(username, depot['depot_id'])
    return depots
