# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Property-based tests of every parser and normaliser: arbitrary input never crashes them (they fail only
with their documented exception) and what should round-trip does."""

import json
from xml.etree import ElementTree
from xml.parsers.expat import ExpatError

import pytest
import requests
import xmltodict
from hypothesis import HealthCheck, example, given, settings, strategies as st

from ansible_collections.hosting.provision.plugins.module_utils import _crypthash, _engine, _idn, _units
from ansible_collections.hosting.provision.plugins.module_utils._transport import ApiError, Transport, TransportError
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig import IspconfigConnection
from ansible_collections.hosting.provision.plugins.module_utils.mailbox_org import MailboxOrgConnection
from ansible_collections.hosting.provision.plugins.module_utils.subaccount import SubaccountConnection
from ansible_collections.hosting.provision.plugins.module_utils.teamdrive import TeamDriveConnection
from ansible_collections.hosting.provision.plugins.module_utils.webiface import (INSTALL_FOLDER, NOT_FOUND, REPLY_ROOTS,
                                                                                 WebifaceConnection)

# the number of examples and the example database come from the profile (tests/conftest.py)
SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12)
anything = st.one_of(json_values, st.binary(max_size=40), st.integers(), st.floats())


# --- units ---------------------------------------------------------------------------------------------

@SETTINGS
@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.booleans(), st.none(),
                 st.from_regex(r'\s*\d{1,6}(\.\d{1,3})?\s*([kKmMgGtT]([iI]?[bB])?|[bB])?\s*', fullmatch=True)))
def test_to_bytes_gives_bytes_or_value_error(value):
    try:
        size = _units.to_bytes(value)
    except ValueError:
        return
    assert isinstance(size, int) and size >= 0


@SETTINGS
@given(st.integers(min_value=0, max_value=2 ** 60))
def test_human_round_trips_through_to_bytes(size):
    assert _units.to_bytes(_units.human(size)) == size


# --- value kinds of the engine -------------------------------------------------------------------------

@SETTINGS
@given(st.booleans(), st.sampled_from([('y', 'n', False), ('Y', 'N', False), ('1', '0', False), ('y', 'n', True)]))
def test_flag_round_trips(value, spelling):
    value_type = _engine.Flag(*spelling)
    assert value_type.from_api(value_type.to_api(value)) is value_type.from_user(value) is value


@SETTINGS
@given(anything)
def test_flag_reads_any_api_value_as_a_bool(raw):
    assert isinstance(_engine.Flag().from_api(raw), bool)


@SETTINGS
@given(st.integers())
def test_integer_round_trips(number):
    value_type = _engine.Integer()
    assert value_type.from_api(value_type.to_api(value_type.from_user(number))) == number


@SETTINGS
@given(anything)
def test_integer_and_size_accept_or_raise_input_error(value):
    for value_type in (_engine.Integer(), _engine.Size()):
        try:
            result = value_type.from_user(value)
        except _engine.InputError:
            continue
        assert isinstance(result, int)


@SETTINGS
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=('Z', 'C'), blacklist_characters=','),
                        min_size=1, max_size=10), max_size=5), st.booleans(), st.booleans())
def test_text_list_round_trips(items, lower, ordered):
    value_type = _engine.TextList(lower=lower, ordered=ordered)
    value = value_type.from_user(items)
    assert value_type.from_api(value_type.to_api(value)) == value


@SETTINGS
@given(st.text(max_size=30), st.booleans())
def test_text_is_stable(value, lower):
    value_type = _engine.Text(lower=lower)
    assert value_type.from_api(value_type.to_api(value_type.from_user(value))) == value_type.from_user(value)


# --- IDN -----------------------------------------------------------------------------------------------

@SETTINGS
@given(st.one_of(st.text(max_size=70), st.from_regex(r'[a-zäöüß0-9-]{1,20}(\.[a-zäöüéñ0-9-]{1,20}){1,3}',
                                                     fullmatch=True)))
def test_domain_is_punycode_or_input_error_and_stable(text):
    try:
        ascii_domain = _idn.to_ascii_domain(text)
    except _engine.InputError:
        return
    assert ascii_domain == ascii_domain.encode('ascii').decode('ascii').lower()
    assert _idn.to_ascii_domain(ascii_domain) == ascii_domain


@SETTINGS
@given(st.text(max_size=20), st.text(max_size=30))
@example('0', '.')  # gave '0@', which the next normalisation refused
@example('0', '\u2488')  # IDNA 2003 mapped the label to '1.': normalising again gave '0@1'
def test_email_is_normalised_or_input_error_and_stable(local, domain):
    try:
        address = _idn.to_ascii_email('%s@%s' % (local, domain))
    except _engine.InputError:
        return
    assert _idn.to_ascii_email(address) == address
    assert _idn.EmailAddress().from_api(address) == address


# --- crypt hashes ----------------------------------------------------------------------------------------

@settings(max_examples=settings.default.max_examples // 6)  # crypt is slow
@given(st.text(max_size=40), st.from_regex(r'[./0-9A-Za-z]{1,16}', fullmatch=True), st.sampled_from(['1', '5', '6']))
def test_crypt_round_trips(password, salt, method):
    stored = _crypthash.crypt(password, '$%s$%s$' % (method, salt))
    assert _crypthash.verify(password, stored) is True
    assert _crypthash.verify(password + 'x', stored) is False


@SETTINGS
@given(st.text(max_size=10), st.one_of(
    st.none(), st.integers(), st.text(max_size=60),
    st.builds(lambda m, s, h: '$%s$%s$%s' % (m, s, h), st.sampled_from(['1', '5', '6', '2y', '']),
              st.text(max_size=20), st.text(max_size=20)),
    st.builds(lambda m, r, s: '$%s$rounds=%s$%s$x' % (m, r, s), st.sampled_from(['5', '6']),
              st.one_of(st.integers(min_value=-5, max_value=5000).map(str), st.text(max_size=5)),
              st.text(max_size=20))))
def test_verify_answers_a_bool_for_any_stored_hash(password, stored):
    assert _crypthash.verify(password, stored) in (True, False)


# --- the clients' reply parsers ------------------------------------------------------------------------
# Each property test sends one client call to a canned reply and checks that the reply reached the parser (one
# canned request per call) and that the outcome is the one the reply's shape calls for: the API's payload, the
# API's own error (ApiError), or a TransportError for anything else, an HTTP error keeping its status.

class CannedTransport(Transport):
    """A Transport whose every request gets one prepared answer; `calls` counts the requests it answered."""

    def __init__(self, status, body, content_type):
        super(CannedTransport, self).__init__('http://api.invalid', retries=0, sleep=lambda seconds: None)
        self.answer = (status, body, content_type)
        self.calls = 0

    def request(self, method, path, call, idempotent, **kwargs):
        self.calls += 1
        response = requests.Response()
        response.status_code, response._content, content_type = self.answer
        response.headers['Content-Type'] = content_type
        response.encoding = 'utf-8'
        return response


# the outcomes a reply can call for: (kind, payload)
HTTP_ERROR = ('transport error', 'http')
NOT_A_REPLY = ('transport error', None)
API_ERROR = ('api error', None)


def result(payload):
    return 'result', payload


def outcome(transport, call):
    """(kind, payload or exception) of one client call that must send exactly one request."""
    sent = transport.calls
    try:
        happened = result(call())
    except ApiError as exc:
        happened = ('api error', exc)
    except TransportError as exc:
        happened = ('transport error', exc)
    assert transport.calls == sent + 1, 'the canned reply did not reach the parser'
    return happened


def assert_outcome(transport, call, expected):
    kind, payload = outcome(transport, call)
    assert kind == expected[0], (kind, payload, expected)
    if expected == HTTP_ERROR:
        assert payload.status == transport.answer[0]
    elif kind == 'result':
        assert payload == expected[1]


NO_JSON = object()


def json_document(body):
    """The body as JSON, decoded as requests does for a UTF-8 reply; NO_JSON when it is none."""
    try:
        return json.loads(body.decode('utf-8', 'replace'))
    except ValueError:
        return NO_JSON


statuses = st.sampled_from([200, 200, 200, 404, 429, 500, 502, 503])
content_types = st.sampled_from(['application/json', 'text/html', 'text/xml; charset=UTF-8', 'text/plain'])


def envelope(**fields):
    """JSON bodies shaped like a reply, with any value in each field."""
    return st.fixed_dictionaries({}, optional=dict((k, v) for k, v in fields.items())).map(
        lambda d: json.dumps(d).encode())


def bodies(*envelopes):
    return st.one_of(st.binary(max_size=60), json_values.map(lambda v: json.dumps(v).encode()), *envelopes)


def ispconfig_expected(status, body):
    if status != 200:
        return HTTP_ERROR
    reply = json_document(body)
    if reply is NO_JSON and 'Remote API is disabled' in body.decode('utf-8', 'replace'):
        return API_ERROR
    if not isinstance(reply, dict) or 'code' not in reply:
        return NOT_A_REPLY
    return result(reply.get('response')) if reply['code'] == 'ok' else API_ERROR


@SETTINGS
@given(statuses, bodies(envelope(code=st.sampled_from(['ok', 'remote_fault']) | json_values,
                                 message=json_values | st.just('The Session is expired or does not exist.'),
                                 response=json_values)), content_types, st.booleans())
@example(200, b'{"code": "ok", "message": "", "response": {"mailuser_id": "7"}}', 'application/json', False)
@example(200, b'{"code": "remote_fault", "message": "email_error_unique<br />", "response": false}',
         'application/json', True)
@example(200, b'Remote API is disabled', 'text/html', False)
@example(500, b'', 'text/html', True)
def test_ispconfig_reply_parser(status, body, content_type, write):
    transport = CannedTransport(status, body, content_type)
    client = IspconfigConnection(transport, 'demo', 'secret')
    assert_outcome(transport, lambda: client._post('mail_user_get', {}, write), ispconfig_expected(status, body))


def mailbox_org_expected(status, body):
    if status != 200:
        return HTTP_ERROR
    reply = json_document(body)
    if not isinstance(reply, dict) or ('result' not in reply and not reply.get('error')):
        return NOT_A_REPLY
    if reply.get('error'):
        return API_ERROR
    # the client's first request has the id '1'
    return result(reply['result']) if reply.get('id') == '1' else NOT_A_REPLY


@SETTINGS
@given(statuses, bodies(envelope(jsonrpc=st.just('2.0'), id=st.just('1') | json_values, result=json_values,
                                 error=json_values | st.fixed_dictionaries(
                                     {'code': st.sampled_from([253, 218, -32601]) | json_values,
                                      'message': json_values, 'data': json_values}))),
       content_types, st.sampled_from(['auth', 'domain.add', 'mail.list']), st.booleans())
@example(200, b'{"jsonrpc": "2.0", "id": "1", "result": [{"mail": "jane@example.com"}]}', 'application/json',
         'mail.list', False)
@example(200, b'{"jsonrpc": "2.0", "id": "1", "error": {"code": 218, "message": "Domain exists"}}',
         'application/json', 'domain.add', True)
@example(200, b'{"jsonrpc": "2.0", "id": "2", "result": true}', 'application/json', 'domain.add', True)
@example(502, b'<html>Bad Gateway</html>', 'text/html', 'auth', False)
def test_mailbox_org_reply_parser(status, body, content_type, method, write):
    transport = CannedTransport(status, body, content_type)
    client = MailboxOrgConnection(transport, 'demo', 'secret')
    assert_outcome(transport, lambda: client._post(method, {'domain': 'example.com'}, write),
                   mailbox_org_expected(status, body))


def subaccount_expected(status, body):
    if status != 200:
        return HTTP_ERROR
    reply = json_document(body)
    if not isinstance(reply, dict) or 'statuscode' not in reply:
        return NOT_A_REPLY
    if reply['statuscode'] != 0 or reply.get('status') == 'Error':
        return API_ERROR
    return result(reply.get('data'))


@SETTINGS
@given(statuses, bodies(envelope(status=st.sampled_from(['Success', 'Error']) | json_values,
                                 statuscode=st.sampled_from([0, 113, 102]) | json_values,
                                 msg=json_values, data=json_values)),
       content_types, st.sampled_from(['auth', 'Subaccount.list']), st.booleans())
@example(200, b'{"status": "Success", "statuscode": 0, "msg": "", "data": [{"id": 3}]}', 'application/json',
         'Subaccount.list', False)
@example(200, b'{"status": "Error", "statuscode": 113, "msg": "Validation failed", "data": {"name": "taken"}}',
         'application/json', 'Subaccount.list', True)
@example(200, b'{"status": "Success"}', 'application/json', 'auth', False)
@example(404, b'Not Found', 'text/plain', 'auth', False)
def test_subaccount_reply_parser(status, body, content_type, call, write):
    transport = CannedTransport(status, body, content_type)
    client = SubaccountConnection(transport, 'demo', 'secret')
    assert_outcome(transport, lambda: client._send({'action': 'list'}, call, write), subaccount_expected(status, body))


xml_text = st.text(alphabet=st.characters(blacklist_categories=('Cs', 'Cc')), max_size=15).map(
    lambda t: t.replace('&', '&amp;').replace('<', '&lt;'))
xml_leaf = st.builds(lambda tag, text: '<%s>%s</%s>' % (tag, text, tag),
                     st.sampled_from(['depot', 'depotid', 'disclimit', 'users', 'username', 'space', 'spaceid',
                                      'useddisc', 'intresult', 'primarycode', 'message', 'exception']), xml_text)
xml_tree = st.recursive(xml_leaf, lambda children: st.builds(
    lambda tag, inner: '<%s>%s</%s>' % (tag, ''.join(inner), tag),
    st.sampled_from(['depot', 'users', 'space', 'exception']), st.lists(children, max_size=3)), max_leaves=8)
teamdrive_bodies = st.one_of(
    st.binary(max_size=60),
    st.lists(xml_tree, max_size=4).map(lambda parts: ('<?xml version="1.0"?><teamdrive>%s</teamdrive>' % ''.join(
        parts)).encode('utf-8')),
    st.text(max_size=40).map(lambda t: ('<html><body>Primary error code: %s</body></html>' % t).encode('utf-8')))


def teamdrive_expected(status, body):
    """The outcome of a command: the children of <teamdrive>, or an error (an <exception> is the API's own)."""
    if status != 200:
        return HTTP_ERROR
    try:
        document = xmltodict.parse(body)
    except ExpatError:
        return NOT_A_REPLY
    if not isinstance(document, dict) or 'teamdrive' not in document:
        return NOT_A_REPLY
    reply = document['teamdrive'] if isinstance(document['teamdrive'], dict) else {}
    exception = reply.get('exception')
    if exception is None:
        return result(reply)
    code = exception.get('primarycode') if isinstance(exception, dict) else None
    code = '' if code is None else str(code).strip()
    try:
        int(code or '0')
    except ValueError:
        return NOT_A_REPLY  # an error code that is no number
    return API_ERROR


def teamdrive_lookup_allowed(expected):
    """The outcomes a depot or space lookup may have when the command's outcome is `expected`."""
    if expected[0] == 'result':  # a list of records, or an error for a record the client cannot read
        return ('result', 'transport error')
    if expected == API_ERROR:  # "no depot" is an empty list
        return ('api error', 'result')
    return (expected[0],)


@SETTINGS
@given(statuses, teamdrive_bodies, content_types)
@example(200, b'<?xml version="1.0"?><teamdrive><depot><depotid>4</depotid><disclimit>100</disclimit></depot>'
              b'</teamdrive>', 'text/xml')
@example(200, b'<?xml version="1.0"?><teamdrive><exception><primarycode>-30000</primarycode>'
              b'<message>Access denied</message></exception></teamdrive>', 'text/xml')
@example(200, b'<html><body>Primary error code: -23010</body></html>', 'text/html')
@example(503, b'', 'text/plain')
def test_teamdrive_reply_parser(status, body, content_type):
    transport = CannedTransport(status, body, content_type)
    client = TeamDriveConnection(transport, '/yvva/api/api.htm', 'salt')
    expected = teamdrive_expected(status, body)
    assert_outcome(transport, lambda: client.call('createdepot', write=True, username='jane'), expected)
    for lookup in (client.depots, client.spaces):
        kind, payload = outcome(transport, lambda: lookup('jane'))
        assert kind in teamdrive_lookup_allowed(expected), (kind, payload, expected)
        assert kind != 'result' or isinstance(payload, list)


webiface_leaf = st.builds(lambda tag, text: '<%s>%s</%s>' % (tag, text, tag),
                          st.sampled_from(['action', 'errors', 'localid', 'username', 'password', 'externalID']),
                          xml_text | st.sampled_from(['success', 'fail']))
webiface_bodies = st.one_of(
    st.binary(max_size=60),
    st.builds(lambda root, parts: ('<?xml version="1.0"?><%s>%s</%s>' % (root, ''.join(parts), root)).encode('utf-8'),
              st.sampled_from(['voice', 'user', 'users', 'other']),
              st.lists(webiface_leaf | webiface_leaf.map(lambda leaf: '<user>%s</user>' % leaf)
                       | webiface_leaf.map(lambda leaf: '<userdetails>%s</userdetails>' % leaf), max_size=4)),
    st.text(max_size=40).map(lambda t: ('403 Forbidden: %s' % t).encode('utf-8')))


def webiface_root(status, body):
    """The XML root of a reply, or the outcome of a reply that has none (PHP may print notices before the XML)."""
    text = body.decode('utf-8', 'replace')
    if status == 403 or text.startswith('403 Forbidden') or (status == 200 and text.startswith(INSTALL_FOLDER)):
        return API_ERROR
    if status != 200:
        return HTTP_ERROR
    start = text.find('<?xml') if '<?xml' in text else text.find('<')
    try:
        root = ElementTree.fromstring(text[start:].encode('utf-8')) if start >= 0 else None
    except ElementTree.ParseError:
        root = None
    return root if root is not None and root.tag in REPLY_ROOTS else NOT_A_REPLY


def element_fields(element):
    return dict((child.tag, child.text or '') for child in element)


def webiface_answer(root):
    """A <voice> reply's fields, or the error its action calls for."""
    fields = element_fields(root)
    if fields.get('action') == 'fail':
        return API_ERROR
    return result(fields) if fields.get('action') == 'success' else NOT_A_REPLY


def webiface_expected(status, body, call):
    root = webiface_root(status, body)
    if isinstance(root, tuple):
        return root
    if call == 'get_user':
        if root.tag == 'user':
            # absence is only the "not found" answer: a <user> without details that carry an id is no answer
            details = root.find('userdetails')
            if details is None or not (details.findtext('id') or '').strip():
                return NOT_A_REPLY
            return result(element_fields(details))
        if element_fields(root).get('errors') == NOT_FOUND:
            return result(None)
        return API_ERROR if webiface_answer(root) == API_ERROR else NOT_A_REPLY
    if call == 'list_users':
        if root.tag == 'users':
            return result([element_fields(user) for user in root.findall('user')])
        return API_ERROR if webiface_answer(root) == API_ERROR else NOT_A_REPLY
    answer = webiface_answer(root)  # add_user: the reply without the generated password
    return result(dict((k, v) for k, v in answer[1].items() if k != 'password')) if answer[0] == 'result' else answer


@SETTINGS
@given(statuses, webiface_bodies, content_types)
@example(200, b'<?xml version="1.0"?><voice><action>success</action><localid>5</localid><username>jdoe</username>'
              b'<password>generated</password></voice>', 'text/xml')
@example(200, b'<?xml version="1.0"?><user><userdetails><id>5</id><cname>jdoe</cname></userdetails></user>', 'text/xml')
@example(200, b'<?xml version="1.0"?><user><userdetails><localid>5</localid></userdetails></user>', 'text/xml')
@example(200, b'<?xml version="1.0"?><users><user><localid>5</localid></user></users>', 'text/xml')
@example(200, b'<?xml version="1.0"?><voice><action>fail</action><errors>username already exists</errors></voice>',
         'text/xml')
@example(200, b'403 Forbidden: Access denied', 'text/plain')
@example(500, b'', 'text/html')
def test_webiface_reply_parser(status, body, content_type):
    transport = CannedTransport(status, body, content_type)
    client = WebifaceConnection(transport, 'demo', 'secret')
    assert_outcome(transport, lambda: client.get_user('localid', '5'), webiface_expected(status, body, 'get_user'))
    assert_outcome(transport, client.list_users, webiface_expected(status, body, 'list_users'))
    assert_outcome(transport, lambda: client.add_user({'username': 'jdoe'}),
                   webiface_expected(status, body, 'add_user'))


@pytest.mark.parametrize('client, call, body, payload', [
    (lambda t: IspconfigConnection(t, 'demo', 'secret'), lambda c: c._post('mail_user_get', {}, False),
     b'{"code": "ok", "message": "", "response": [{"mailuser_id": "7"}]}', [{'mailuser_id': '7'}]),
    (lambda t: MailboxOrgConnection(t, 'demo', 'secret'), lambda c: c._post('mail.list', {}, False),
     b'{"jsonrpc": "2.0", "id": "1", "result": [{"mail": "a@example.com"}]}', [{'mail': 'a@example.com'}]),
    (lambda t: SubaccountConnection(t, 'demo', 'secret'), lambda c: c._send({'action': 'list'}, 'list', False),
     b'{"status": "Success", "statuscode": 0, "data": [{"id": 3}]}', [{'id': 3}]),
    (lambda t: TeamDriveConnection(t, '/yvva/api/api.htm', 'salt'), lambda c: c.depots('jane'),
     b'<?xml version="1.0"?><teamdrive><depot><depotid>4</depotid><disclimit>100</disclimit>'
     b'<users><username>jane</username></users></depot></teamdrive>',
     [dict(depotid=4, disclimit=100, trafficlimit=None, useddisc=None, usedtraffic=None, users=['jane'],
           status=None)]),
    (lambda t: WebifaceConnection(t, 'demo', 'secret'), lambda c: c.list_users(),
     b'<?xml version="1.0"?><users><user><localid>5</localid><username>jdoe</username></user></users>',
     [{'localid': '5', 'username': 'jdoe'}]),
], ids=['ispconfig', 'mailbox_org', 'subaccount', 'teamdrive', 'webiface'])
def test_the_canned_transport_reaches_the_parser(client, call, body, payload):
    transport = CannedTransport(200, body, 'application/json')
    assert call(client(transport)) == payload
    assert transport.calls == 1
