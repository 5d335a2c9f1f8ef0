# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""TeamDrive Hosting Service (Host Server) API simulator, plus the one Registration Server call
that pairs with depots (gethostfordepot). Reference: docs/api/teamdrive.md.

Wire format: POST <path>?checksum=<md5> with a raw XML body; checksum = lowercase hex
md5(body bytes exactly as received + salt). Replies are XML documents with root <teamdrive>
(served as text/html, like the .htm page they come from), except the non-XML failure pages.

Paths
  Host Server:          /pbas/p1_as/api/api.htm (before 3.5), /yvva/api/api.htm (3.5+)
  Registration Server:  /pbas/td2api/api/api.htm, /yvva/td2api/api/api.htm, /pbas/td2as/api/api.htm
  anything else:        Apache "404 Not Found" HTML page

Default state (credentials: salt `demo-salt`, caller 127.0.0.1 allowed)
  host user `jane` owns depot 4711: disclimit 10 GiB, trafficlimit 100 GiB, authorised users [bob],
  spaces 1 (100000 bytes) and 2 (23456 bytes); host user `bob` has no depot.
  Registration Server users: jane, bob (activated), newbie (not activated).
  New depot ids count up from 10001, new space ids from 3.

Options (serve('teamdrive', key=value) or serve.py --option key=json)
  salt                 checksum salt (APISalt / APIChecksumSalt), default "demo-salt"
  checksum_required    False turns checksum verification off (APIChecksumRequired), default True
  allowed_ips          caller IPs let in (APIAccessList), default ["127.0.0.1"]
  client_ip            pretend every request comes from this IP (to test the -30000 refusal)
  server_apiversion    API version the host runs, default "3.0.003"; commands added later answer
                       -30001, and before 3.0.003 increase/decrease ignore trafficlimit/changehistory
  max_clock_skew       seconds requesttime may differ from the (movable) clock; default None = any
                       integer is accepted (no tolerance window is documented)
  return_space_names   True = StoreSpaceNames and APIReturnSpaceNames both on; default False (names empty)
  report_depot_status  True adds <status>active|deactivated</status> [I] to getdepotdata depots;
                       default False (the reference does not know whether the state is readable)
  depot_wrapper        True wraps the getdepotdata depots in <depotdata> as the Registration Server's sibling
                       call getdefaultdepotdata does [C]; default False (<depot> children of the root [I])
  user_list_as_text    True writes a depot's authorised users as comma-separated text (<users>bob,carl</users>),
                       as every user list of the requests is written; default False (one element per user [I])
  ignore_depotid       True: getdepotdata answers every depot of the user whatever depotid says (the vendor's
                       example sends only the user name); default False (the server filters)
  host_url             what gethostfordepot answers, default "https://teamdrive-host.example.com"
  empty                True starts with no host users, depots or spaces
  handler_unavailable  True: every API request gets the HTTP 503 "SendCGIRequest" page
  execution_error      True: every API request gets the HTTP 200 HTML "Execution Error" page

Controls (POST /__sim__/<name>, JSON payload)
  handler_unavailable  {"times": n, "call": command|null}  queue n HTTP 503 SendCGIRequest pages
  execution_error      {"times": n, "call": command|null}  queue n HTTP 200 "Execution Error" pages
  put_depot            {"depotid", "owner", "disclimit", "trafficlimit", "users", "active", "contract"}
                       create or update a depot directly (owner's host user created); -> the depot
  add_space            {"depotid", "name", "useddisc", "usedtraffic"} -> the new space
State (GET /__sim__/state): users, depots (keyed by id, usage summed from their spaces), spaces,
regserver_users. Writes: one record_write(<command>) per accepted state-changing command, also when it
changed nothing (deactivating twice): the counter says which writes reached the server.

Assumptions beyond the reference (marked in the unit tests too): a bad or missing checksum answers
-30000 Access denied; a requesttime outside max_clock_skew, a GET, and a root other than <teamdrive>
answer -30002; generic errors (-30000..-30003) and deactivatedepot's success carry apiversion 1.0.004
as in the vendor samples; sizes must be plain decimal byte counts; increase/decrease amounts are
deltas; createdepot without trafficlimit also uses 10 x storage; setdepot without trafficlimit keeps it.
"""

import base64
import hashlib
import html
import ipaddress
import re
from xml.etree import ElementTree
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

from ._base import Response, Simulator

# Every command and element name on the wire, with the reference's tag:
# C = confirmed, S = seen in the stripped vendor text, I = inferred placeholder.
# Correct a name here and the whole simulator follows.
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
    # Host Server commands
    'cmd_getdepotdata': ('getdepotdata', 'C'),
    'cmd_getspacedata': ('getspacedata', 'C'),
    'cmd_deletedepot': ('deletedepot', 'C'),
    'cmd_deactivatedepot': ('deactivatedepot', 'C'),
    'cmd_deletespace': ('deletespace', 'C'),
    'cmd_setdepot': ('setdepot', 'C'),
    'cmd_increasedepot': ('increasedepot', 'C'),
    'cmd_decreasedepot': ('decreasedepot', 'C'),
    'cmd_addusertodepot': ('addusertodepot', 'C'),
    'cmd_deleteuserfromdepot': ('deleteuserfromdepot', 'C'),
    'cmd_updatecontract': ('updatecontract', 'C'),
    'cmd_createdepot': ('createdepot', 'C'),
    'cmd_createdepotwithoutuser': ('createdepotwithoutuser', 'C'),
    'cmd_assignusertodepot': ('assignusertodepot', 'C'),
    'cmd_getdepotdocument': ('getdepotdocument', 'C'),
    # Registration Server command
    'cmd_gethostfordepot': ('gethostfordepot', 'C'),
    # request elements
    'username': ('username', 'C'),
    'depotid': ('depotid', 'C'),
    'disclimit': ('disclimit', 'C'),
    'trafficlimit': ('trafficlimit', 'C'),
    'increaselimit': ('increaselimit', 'S'),
    'decreaselimit': ('decreaselimit', 'S'),
    'changehistory': ('changehistory', 'I'),  # free-text change history of increase/decrease
    'request_spaceids': ('spaceid', 'I'),  # comma-separated space ids of deletespace
    'request_userlist': ('users', 'I'),  # comma-separated user names (add/delete user, createdepot)
    'contract': ('contract', 'I'),  # optional contract reference of updatecontract
    'location': ('location', 'I'),  # gethostfordepot: EU, US or the user's IP
    # reply elements
    'depot': ('depot', 'I'),
    'depotdata': ('depotdata', 'C'),  # wraps the depots of the Registration Server's getdefaultdepotdata
    'useddisc': ('useddisc', 'I'),
    'usedtraffic': ('usedtraffic', 'I'),
    'reply_userlist': ('users', 'I'),
    'reply_user': ('username', 'I'),
    'status': ('status', 'I'),  # only with option report_depot_status
    'space': ('space', 'I'),
    'spaceid': ('spaceid', 'I'),
    'spacename': ('spacename', 'I'),
    'depotdocument': ('depotdocument', 'I'),  # base64 depot document
    'hosturl': ('hosturl', 'I'),
}
N = {key: wire for key, (wire, _tag) in WIRE_NAMES.items()}

HOST_PATHS = ('/pbas/p1_as/api/api.htm', '/yvva/api/api.htm')
REGSERVER_PATHS = ('/pbas/td2api/api/api.htm', '/yvva/td2api/api/api.htm', '/pbas/td2as/api/api.htm')

ERROR_MESSAGES = {
    -30000: 'Access denied',
    -30001: 'Invalid Command',
    -30002: 'Invalid Request',
    -30003: 'Invalid XML',
    -30100: 'Username does not exists',
    -30101: 'Wrong password',
    -30102: 'Account not Activated by activation mail',
    -30112: 'Invalid location',
    -30114: 'Provider not found',
    -30144: 'Setting does not exist / not permitted',
    -30301: 'No Depot for User',
    -30302: 'Depot-ID does not match',
    -30303: 'Space-ID does not match',
    -30304: 'Increasing Depot failed',
    -30305: 'Decreasing Depot failed',
    -30306: 'Invalid storage limit',
}
ACCESS_DENIED, INVALID_COMMAND, INVALID_REQUEST, INVALID_XML = -30000, -30001, -30002, -30003
USER_UNKNOWN, NOT_ACTIVATED, INVALID_LOCATION = -30100, -30102, -30112
NO_DEPOT, DEPOT_MISMATCH, SPACE_MISMATCH = -30301, -30302, -30303
INCREASE_FAILED, DECREASE_FAILED, INVALID_STORAGE = -30304, -30305, -30306

# the vendor samples show this version in generic errors and some replies
OLD_REPLY_VERSION = '1.0.004'
REGSERVER_VERSION = '1.0.004'
GIB = 1024 ** 3

NOT_FOUND_PAGE = '''<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>404 Not Found</title>
</head><body>
<h1>Not Found</h1>
<p>The requested URL {path} was not found on this server.</p>
<hr>
<address>Apache/2.2.9 (Fedora) Server at {host} Port {port}</address>
</body></html>
'''
UNAVAILABLE_PAGE = '''<html><head><title>503 Service Unavailable</title></head><body>
<h1>503 Service Unavailable</h1>
<h2>Error Processing Request</h2>
<p>The following error occurred in 'SendCGIRequest("td2api")' while processing your request: -12996 (-12946).</p>
</body></html>
'''
EXECUTION_ERROR_PAGE = '''<html><head><title>Execution Error</title></head><body>
<h1>Execution Error</h1>
An error occurred while processing your request:<br>
Primary error code: -10005, Secondary error code: 0<br>
<br>
"api_init.sys"@client line 7: ';' token expected in place of 'execute'.<br>
</body></html>
'''


class ApiError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def _version(text):
    return tuple(int(part) for part in text.split('.'))


def _byte_count(text):
    """A plain decimal byte count, or None (no sign, unit or fraction is accepted)."""
    return int(text) if text and re.fullmatch(r'[0-9]+', text) else None


def _name_list(text):
    return [name.strip() for name in (text or '').split(',') if name.strip()]


class TeamDriveSimulator(Simulator):
    name = 'teamdrive'

    # command key -> (handler name, version the command was added in, changes state, server)
    COMMANDS = {
        'cmd_getdepotdata': ('_getdepotdata', '3.0.001', False, 'host'),
        'cmd_getspacedata': ('_getspacedata', '3.0.001', False, 'host'),
        'cmd_deletedepot': ('_deletedepot', '3.0.001', True, 'host'),
        'cmd_deactivatedepot': ('_deactivatedepot', '3.0.002', True, 'host'),
        'cmd_deletespace': ('_deletespace', '3.0.001', True, 'host'),
        'cmd_setdepot': ('_setdepot', '3.0.003', True, 'host'),
        'cmd_increasedepot': ('_increasedepot', '3.0.001', True, 'host'),
        'cmd_decreasedepot': ('_decreasedepot', '3.0.001', True, 'host'),
        'cmd_addusertodepot': ('_addusertodepot', '3.0.001', True, 'host'),
        'cmd_deleteuserfromdepot': ('_deleteuserfromdepot', '3.0.001', True, 'host'),
        'cmd_updatecontract': ('_updatecontract', '3.0.002', True, 'host'),
        'cmd_createdepot': ('_createdepot', '3.0.001', True, 'host'),
        'cmd_createdepotwithoutuser': ('_createdepotwithoutuser', '3.0.002', True, 'host'),
        'cmd_assignusertodepot': ('_assignusertodepot', '3.0.002', True, 'host'),
        'cmd_getdepotdocument': ('_getdepotdocument', '3.0.001', False, 'host'),
        'cmd_gethostfordepot': ('_gethostfordepot', '1.0.004', False, 'regserver'),
    }
    COMMAND_BY_WIRE = {N[key]: key for key in COMMANDS}

    # --- set-up ---------------------------------------------------------------
    def seed(self):
        self.users = {}
        self.depots = {}
        self.spaces = {}
        self.next_depot_id = 10001
        self.next_space_id = 1
        self.regserver_users = {
            'jane': {'activated': True}, 'bob': {'activated': True}, 'newbie': {'activated': False},
        }
        if self.options.get('empty'):
            return
        self.users = {'jane': {'username': 'jane'}, 'bob': {'username': 'bob'}}
        self._put_depot({'depotid': 4711, 'owner': 'jane', 'disclimit': 10 * GIB,
                         'trafficlimit': 100 * GIB, 'users': ['bob']})
        self._add_space({'depotid': 4711, 'name': 'Projects', 'useddisc': 100000, 'usedtraffic': 5000})
        self._add_space({'depotid': 4711, 'name': 'Photos', 'useddisc': 23456, 'usedtraffic': 0})

    @property
    def salt(self):
        return self.options.get('salt', 'demo-salt')

    @property
    def server_version(self):
        return self.options.get('server_apiversion', '3.0.003')

    # --- HTTP -------------------------------------------------------------------
    def call_name(self, request):
        if request.path not in HOST_PATHS + REGSERVER_PATHS:
            return 'not_found'
        try:
            return ElementTree.fromstring(request.body).findtext(N['command'], '').strip() or '?'
        except ElementTree.ParseError:
            return '?'

    def is_write_call(self, call):
        key = self.COMMAND_BY_WIRE.get(call)
        return key is not None and self.COMMANDS[key][2]

    def handle(self, request):
        if request.path in HOST_PATHS:
            server = 'host'
        elif request.path in REGSERVER_PATHS:
            server = 'regserver'
        else:
            return self._not_found_page(request)
        if self.options.get('handler_unavailable'):
            return Response(503, UNAVAILABLE_PAGE, 'text/html')
        if self.options.get('execution_error'):
            return Response(200, EXECUTION_ERROR_PAGE, 'text/html')
        try:
            return self._xml_reply(*self._api_call(request, server))
        except ApiError as error:
            return self._error_reply(error.code, server)

    def _not_found_page(self, request):
        host, dummy, port = request.headers.get('host', 'localhost').partition(':')
        page = NOT_FOUND_PAGE.format(path=html.escape(request.path), host=html.escape(host),
                                     port=html.escape(port or '80'))
        return Response(404, page, 'text/html; charset=iso-8859-1')

    def _api_call(self, request, server):
        """Check caller, checksum and envelope, run the command; -> (apiversion, reply elements)."""
        caller = self.options.get('client_ip') or request.client_ip
        if caller not in self.options.get('allowed_ips', ['127.0.0.1']):
            raise ApiError(ACCESS_DENIED)
        if request.method != 'POST':
            raise ApiError(INVALID_REQUEST)
        if self.options.get('checksum_required', True):
            sent = parse_qs(request.query, keep_blank_values=True).get('checksum', [''])[0]
            if sent != hashlib.md5(request.body + self.salt.encode('utf-8')).hexdigest():
                raise ApiError(ACCESS_DENIED)
        try:
            root = ElementTree.fromstring(request.body)
        except ElementTree.ParseError:
            raise ApiError(INVALID_XML)
        if root.tag != N['root']:
            raise ApiError(INVALID_REQUEST)
        fields = {}
        for child in root:
            fields.setdefault(child.tag, (child.text or '').strip())
        self._check_envelope(fields)
        key = self.COMMAND_BY_WIRE.get(fields[N['command']])
        if key is None:
            raise ApiError(INVALID_COMMAND)
        handler, added_in, writes, command_server = self.COMMANDS[key]
        if command_server != server or (server == 'host' and _version(added_in) > _version(self.server_version)):
            raise ApiError(INVALID_COMMAND)
        reply = getattr(self, handler)(fields)
        if writes:
            self.record_write(N[key])
        if server == 'regserver':
            return REGSERVER_VERSION, reply
        if key == 'cmd_deactivatedepot':
            return OLD_REPLY_VERSION, reply
        return self.server_version, reply

    def _check_envelope(self, fields):
        apiversion = fields.get(N['apiversion'])
        requesttime = fields.get(N['requesttime'], '')
        if not apiversion or not re.fullmatch(r'[0-9]+\.[0-9]+\.[0-9]+', apiversion):
            raise ApiError(INVALID_REQUEST)
        if not fields.get(N['command']) or not re.fullmatch(r'-?[0-9]+', requesttime):
            raise ApiError(INVALID_REQUEST)
        skew = self.options.get('max_clock_skew')
        if skew is not None and abs(int(requesttime) - self.clock.now()) > skew:
            raise ApiError(INVALID_REQUEST)

    def _xml_reply(self, apiversion, elements):
        body = "<?xml version='1.0' encoding='UTF-8' ?>\n<%s>%s%s</%s>" % (
            N['root'], _element('apiversion', apiversion), elements, N['root'])
        return Response(200, body, 'text/html; charset=UTF-8')

    def _error_reply(self, code, server):
        generic = code in (ACCESS_DENIED, INVALID_COMMAND, INVALID_REQUEST, INVALID_XML)
        apiversion = OLD_REPLY_VERSION if generic or server == 'regserver' else self.server_version
        exception = _element('primarycode', code) + _element('secondarycode', '') + _element(
            'message', ERROR_MESSAGES[code])
        return self._xml_reply(apiversion, _element('exception', exception, raw=True))

    # --- lookups ----------------------------------------------------------------
    def _required(self, fields, key):
        value = fields.get(N[key])
        if not value:
            raise ApiError(INVALID_REQUEST)
        return value

    def _depots_of(self, username):
        return [depot for depot in self.depots.values() if depot['owner'] == username]

    def _owned_depot(self, fields, no_depot_code=NO_DEPOT):
        """The depot named by username + depotid: -30301 if the user has none, -30302 if not this one."""
        username = self._required(fields, 'username')
        depotid = _byte_count(self._required(fields, 'depotid'))
        if not self._depots_of(username):
            raise ApiError(no_depot_code)
        depot = self.depots.get(depotid)
        if depot is None or depot['owner'] != username:
            raise ApiError(DEPOT_MISMATCH)
        return depot

    def _usage(self, depot, what):
        return sum(space[what] for space in self.spaces.values() if space['depotid'] == depot['depotid'])

    def _ensure_user(self, username):
        self.users.setdefault(username, {'username': username})

    def _depot_document(self, depot):
        document = '<?xml version="1.0" encoding="UTF-8"?><depot><depotid>%d</depotid>' \
                   '<owner>%s</owner><key>%s</key></depot>' % (
                       depot['depotid'], escape(depot['owner'] or ''),
                       hashlib.md5(('depot-%d' % depot['depotid']).encode()).hexdigest())
        return base64.b64encode(document.encode('utf-8')).decode('ascii')

    # --- Host Server commands -----------------------------------------------------------
    def _getdepotdata(self, fields):
        username = self._required(fields, 'username')
        depots = sorted(self._depots_of(username), key=lambda depot: depot['depotid'])
        if not depots:
            raise ApiError(NO_DEPOT)
        if fields.get(N['depotid']) and not self.options.get('ignore_depotid'):
            depots = [self._owned_depot(fields)]
        elements = ''.join(self._depot_element(depot) for depot in depots)
        return _element('depotdata', elements, raw=True) if self.options.get('depot_wrapper') else elements

    def _depot_element(self, depot):
        if self.options.get('user_list_as_text'):
            users = escape(','.join(depot['users']))
        else:
            users = ''.join(_element('reply_user', name) for name in depot['users'])
        inner = (_element('depotid', depot['depotid']) + _element('disclimit', depot['disclimit'])
                 + _element('useddisc', self._usage(depot, 'useddisc'))
                 + _element('trafficlimit', depot['trafficlimit'])
                 + _element('usedtraffic', self._usage(depot, 'usedtraffic'))
                 + _element('reply_userlist', users, raw=True))
        if self.options.get('report_depot_status'):
            inner += _element('status', 'active' if depot['active'] else 'deactivated')
        return _element('depot', inner, raw=True)

    def _getspacedata(self, fields):
        username = self._required(fields, 'username')
        if fields.get(N['depotid']):
            depotids = {self._owned_depot(fields)['depotid']}
        else:
            depotids = {depot['depotid'] for depot in self._depots_of(username)}
            if not depotids:
                raise ApiError(NO_DEPOT)
        with_names = self.options.get('return_space_names', False)
        return ''.join(
            _element('space', _element('spaceid', space['spaceid']) + _element('depotid', space['depotid'])
                     + _element('spacename', space['name'] if with_names else '')
                     + _element('useddisc', space['useddisc']) + _element('usedtraffic', space['usedtraffic']),
                     raw=True)
            for space in sorted(self.spaces.values(), key=lambda space: space['spaceid'])
            if space['depotid'] in depotids)

    def _deletedepot(self, fields):
        depot = self._owned_depot(fields)
        # the vendor warns: deleting a depot deletes all of its spaces
        self.spaces = {sid: space for sid, space in self.spaces.items() if space['depotid'] != depot['depotid']}
        del self.depots[depot['depotid']]
        return _element('intresult', 0)

    def _deactivatedepot(self, fields):
        self._owned_depot(fields)['active'] = False
        return _element('intresult', 0)

    def _deletespace(self, fields):
        depot = self._owned_depot(fields)
        spaceids = [_byte_count(text) for text in _name_list(self._required(fields, 'request_spaceids'))]
        if not spaceids or any(self.spaces.get(sid, {}).get('depotid') != depot['depotid'] for sid in spaceids):
            raise ApiError(SPACE_MISMATCH)
        for sid in spaceids:
            self.spaces.pop(sid, None)
        return _element('intresult', 0)

    def _setdepot(self, fields):
        depot = self._owned_depot(fields)
        disclimit = _byte_count(fields.get(N['disclimit']))
        traffic_text = fields.get(N['trafficlimit'])
        trafficlimit = _byte_count(traffic_text) if traffic_text else depot['trafficlimit']
        if not disclimit or trafficlimit is None:
            raise ApiError(INCREASE_FAILED)
        depot['disclimit'], depot['trafficlimit'] = disclimit, trafficlimit
        return _element('intresult', 0)

    def _increasedepot(self, fields):
        return self._change_depot(fields, 'increaselimit', +1, INCREASE_FAILED)

    def _decreasedepot(self, fields):
        return self._change_depot(fields, 'decreaselimit', -1, DECREASE_FAILED)

    def _change_depot(self, fields, amount_key, sign, failure):
        """increase/decreasedepot: move disclimit by a delta; an empty trafficlimit becomes 10 x storage."""
        depot = self._owned_depot(fields)
        amount = _byte_count(fields.get(N[amount_key]))
        if not amount:
            raise ApiError(failure)
        disclimit = depot['disclimit'] + sign * amount
        # traffic and change history were added in 3.0.003; an older server does not read them
        knows_traffic = _version(self.server_version) >= (3, 0, 3)
        traffic_text = fields.get(N['trafficlimit']) if knows_traffic else ''
        trafficlimit = _byte_count(traffic_text) if traffic_text else disclimit * 10
        if disclimit <= 0 or trafficlimit is None:
            raise ApiError(failure)
        depot['disclimit'], depot['trafficlimit'] = disclimit, trafficlimit
        if knows_traffic and fields.get(N['changehistory']):
            depot['history'].append(fields[N['changehistory']])
        return _element('intresult', 0)

    def _addusertodepot(self, fields):
        depot = self._owned_depot(fields)
        for name in _name_list(self._required(fields, 'request_userlist')):
            if name not in depot['users']:
                depot['users'].append(name)
        return _element('intresult', 0) + _element('depotdocument', self._depot_document(depot))

    def _deleteuserfromdepot(self, fields):
        depot = self._owned_depot(fields)
        removed = set(_name_list(self._required(fields, 'request_userlist')))
        depot['users'] = [name for name in depot['users'] if name not in removed]
        return _element('intresult', 0)

    def _updatecontract(self, fields):
        # only -30302 is documented here, also for a user without any depot
        depot = self._owned_depot(fields, no_depot_code=DEPOT_MISMATCH)
        depot['contract'] = fields.get(N['contract']) or None
        return _element('intresult', 0)

    def _createdepot(self, fields):
        username = self._required(fields, 'username')
        depot = self._new_depot(fields, owner=username)
        self._ensure_user(username)
        return _element('depotid', depot['depotid']) + _element('depotdocument', self._depot_document(depot))

    def _createdepotwithoutuser(self, fields):
        return _element('depotid', self._new_depot(fields, owner=None)['depotid'])

    def _new_depot(self, fields, owner):
        requested_id = fields.get(N['depotid'])
        if requested_id and (not _byte_count(requested_id) or _byte_count(requested_id) in self.depots):
            raise ApiError(DEPOT_MISMATCH)
        disclimit = _byte_count(fields.get(N['disclimit']))
        traffic_text = fields.get(N['trafficlimit'])
        trafficlimit = _byte_count(traffic_text) if traffic_text else (disclimit or 0) * 10
        if not disclimit or trafficlimit is None:
            raise ApiError(INVALID_STORAGE)
        return self._put_depot({'depotid': _byte_count(requested_id) if requested_id else None, 'owner': owner,
                                'disclimit': disclimit, 'trafficlimit': trafficlimit,
                                'users': _name_list(fields.get(N['request_userlist']))})

    def _assignusertodepot(self, fields):
        username = self._required(fields, 'username')
        depot = self.depots.get(_byte_count(self._required(fields, 'depotid')))
        if depot is None or depot['owner'] not in (None, username):
            raise ApiError(DEPOT_MISMATCH)
        # the vendor: "If the user does not exist yet, they will be created."
        self._ensure_user(username)
        depot['owner'] = username
        return _element('intresult', 0)

    def _getdepotdocument(self, fields):
        return _element('depotdocument', self._depot_document(self._owned_depot(fields)))

    # --- Registration Server -------------------------------------------------------------
    def _gethostfordepot(self, fields):
        user = self.regserver_users.get(self._required(fields, 'username'))
        if user is None:
            raise ApiError(USER_UNKNOWN)
        if not user['activated']:
            raise ApiError(NOT_ACTIVATED)
        location = fields.get(N['location'])
        if location and location not in ('EU', 'US'):
            try:
                ipaddress.ip_address(location)
            except ValueError:
                raise ApiError(INVALID_LOCATION)
        return _element('hosturl', self.options.get('host_url', 'https://teamdrive-host.example.com'))

    # --- state and controls -------------------------------------------------------------
    def _put_depot(self, spec):
        depotid = spec.get('depotid')
        if depotid is None:
            depotid = self.next_depot_id
        depotid = int(depotid)
        self.next_depot_id = max(self.next_depot_id, depotid + 1)
        depot = self.depots.setdefault(depotid, {
            'depotid': depotid, 'owner': None, 'disclimit': GIB, 'trafficlimit': 10 * GIB,
            'users': [], 'active': True, 'contract': None, 'history': []})
        for key in ('owner', 'disclimit', 'trafficlimit', 'users', 'active', 'contract'):
            if key in spec:
                depot[key] = list(spec[key]) if key == 'users' else spec[key]
        if depot['owner']:
            self._ensure_user(depot['owner'])
        return depot

    def _add_space(self, spec):
        depotid = int(spec['depotid'])
        if depotid not in self.depots:
            raise ValueError('no depot %d' % depotid)
        space = {'spaceid': self.next_space_id, 'depotid': depotid, 'name': spec.get('name', ''),
                 'useddisc': int(spec.get('useddisc', 0)), 'usedtraffic': int(spec.get('usedtraffic', 0))}
        self.spaces[space['spaceid']] = space
        self.next_space_id += 1
        return space

    def state(self):
        depots = {}
        for depotid, depot in sorted(self.depots.items()):
            depots[str(depotid)] = dict(depot, users=list(depot['users']), history=list(depot['history']),
                                        useddisc=self._usage(depot, 'useddisc'),
                                        usedtraffic=self._usage(depot, 'usedtraffic'))
        return {
            'users': {name: {'username': name, 'depots': sorted(d['depotid'] for d in self._depots_of(name))}
                      for name in sorted(self.users)},
            'depots': depots,
            'spaces': {str(sid): dict(space) for sid, space in sorted(self.spaces.items())},
            'regserver_users': {name: dict(user) for name, user in sorted(self.regserver_users.items())},
        }

    def control(self, name, payload):
        if name in ('handler_unavailable', 'execution_error'):
            status, page = (503, UNAVAILABLE_PAGE) if name == 'handler_unavailable' else (200, EXECUTION_ERROR_PAGE)
            self.add_fault(kind='http', status=status, body=page, content_type='text/html',
                           times=payload.get('times', 1), call=payload.get('call'))
            return {'ok': True, 'queued': len(self.faults)}
        if name == 'put_depot':
            depot = self._put_depot(payload)
            return self.state()['depots'][str(depot['depotid'])]
        if name == 'add_space':
            return dict(self._add_space(payload))
        raise KeyError(name)


def _element(key, value, raw=False):
    """<name>value</name> with the wire name of `key`; raw=True for already built XML content."""
    text = value if raw else escape(str(value))
    return '<%s>%s</%s>' % (N[key], text, N[key])


SIMULATOR = TeamDriveSimulator
