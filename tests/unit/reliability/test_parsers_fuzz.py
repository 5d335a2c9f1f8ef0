"""Property-based tests of every parser and normaliser: arbitrary input never crashes them (they fail only
with their documented exception) and what should round-trip does."""

import json

import pytest
import requests
from hypothesis import HealthCheck, example, given, settings, strategies as st

from ansible_collections.hosting.provision.plugins.module_utils import _crypthash, _engine, _idn, _units
from ansible_collections.hosting.provision.plugins.module_utils._transport import Transport, TransportError
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig import IspconfigClient
from ansible_collections.hosting.provision.plugins.module_utils.mailbox_org import MailboxOrgClient
from ansible_collections.hosting.provision.plugins.module_utils.subaccount import SubaccountClient
from ansible_collections.hosting.provision.plugins.module_utils.teamdrive import TeamDriveClient
from ansible_collections.hosting.provision.plugins.module_utils.webiface import WebifaceClient

# no example database: the tests leave no files behind
SETTINGS = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

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
    kind = _engine.Flag(*spelling)
    assert kind.from_api(kind.to_api(value)) is kind.from_user(value) is value


@SETTINGS
@given(anything)
def test_flag_reads_any_api_value_as_a_bool(raw):
    assert isinstance(_engine.Flag().from_api(raw), bool)


@SETTINGS
@given(st.integers())
def test_integer_round_trips(number):
    kind = _engine.Integer()
    assert kind.from_api(kind.to_api(kind.from_user(number))) == number


@SETTINGS
@given(anything)
def test_integer_and_size_accept_or_raise_input_error(value):
    for kind in (_engine.Integer(), _engine.Size()):
        try:
            result = kind.from_user(value)
        except _engine.InputError:
            continue
        assert isinstance(result, int)


@SETTINGS
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=('Z', 'C'), blacklist_characters=','),
                        min_size=1, max_size=10), max_size=5), st.booleans(), st.booleans())
def test_text_list_round_trips(items, lower, ordered):
    kind = _engine.TextList(lower=lower, ordered=ordered)
    value = kind.from_user(items)
    assert kind.from_api(kind.to_api(value)) == value


@SETTINGS
@given(st.text(max_size=30), st.booleans())
def test_text_is_stable(value, lower):
    kind = _engine.Text(lower=lower)
    assert kind.from_api(kind.to_api(kind.from_user(value))) == kind.from_user(value)


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

@settings(max_examples=25, deadline=None, database=None)
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

class CannedTransport(Transport):
    """A Transport whose every request gets one prepared answer."""

    def __init__(self, status, body, content_type):
        super(CannedTransport, self).__init__('http://api.invalid', retries=0, sleep=lambda seconds: None)
        self.answer = (status, body, content_type)

    def request(self, method, path, call, idempotent, **kwargs):
        response = requests.Response()
        response.status_code, response._content, content_type = self.answer
        response.headers['Content-Type'] = content_type
        response.encoding = 'utf-8'
        return response


statuses = st.sampled_from([200, 200, 200, 404, 429, 500, 502, 503])
content_types = st.sampled_from(['application/json', 'text/html', 'text/xml; charset=UTF-8', 'text/plain'])


def envelope(**fields):
    """JSON bodies shaped like a reply, with any value in each field."""
    return st.fixed_dictionaries({}, optional=dict((k, v) for k, v in fields.items())).map(
        lambda d: json.dumps(d).encode())


def bodies(*envelopes):
    return st.one_of(st.binary(max_size=60), json_values.map(lambda v: json.dumps(v).encode()), *envelopes)


def assert_only_transport_errors(call):
    try:
        call()
    except TransportError:
        pass


@SETTINGS
@given(statuses, bodies(envelope(code=st.sampled_from(['ok', 'remote_fault']) | json_values,
                                 message=json_values | st.just('The Session is expired or does not exist.'),
                                 response=json_values)), content_types, st.booleans())
def test_ispconfig_reply_parser(status, body, content_type, write):
    client = IspconfigClient(CannedTransport(status, body, content_type), 'demo', 'secret')
    assert_only_transport_errors(lambda: client._post('mail_user_get', {}, write))


@SETTINGS
@given(statuses, bodies(envelope(jsonrpc=st.just('2.0'), id=st.just('1') | json_values, result=json_values,
                                 error=json_values | st.fixed_dictionaries(
                                     {'code': st.sampled_from([253, 218, -32601]) | json_values,
                                      'message': json_values, 'data': json_values}))),
       content_types, st.sampled_from(['auth', 'domain.add', 'mail.list']), st.booleans())
def test_mailbox_org_reply_parser(status, body, content_type, method, write):
    client = MailboxOrgClient(CannedTransport(status, body, content_type), 'demo', 'secret')
    assert_only_transport_errors(lambda: client._post(method, {'domain': 'example.com'}, write))


@SETTINGS
@given(statuses, bodies(envelope(status=st.sampled_from(['Success', 'Error']) | json_values,
                                 statuscode=st.sampled_from([0, 113, 102]) | json_values,
                                 msg=json_values, data=json_values)),
       content_types, st.sampled_from(['auth', 'Subaccount.list']), st.booleans())
def test_subaccount_reply_parser(status, body, content_type, call, write):
    client = SubaccountClient(CannedTransport(status, body, content_type), 'demo', 'secret')
    assert_only_transport_errors(lambda: client._send({'action': 'list'}, call, write))


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


@SETTINGS
@given(statuses, teamdrive_bodies, content_types)
def test_teamdrive_reply_parser(status, body, content_type):
    client = TeamDriveClient(CannedTransport(status, body, content_type), '/yvva/api/api.htm', 'salt')
    assert_only_transport_errors(lambda: client.depots('jane'))
    assert_only_transport_errors(lambda: client.spaces('jane'))
    assert_only_transport_errors(lambda: client.call('createdepot', write=True, username='jane'))


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


@SETTINGS
@given(statuses, webiface_bodies, content_types)
def test_webiface_reply_parser(status, body, content_type):
    client = WebifaceClient(CannedTransport(status, body, content_type), 'demo', 'secret')
    assert_only_transport_errors(lambda: client.get_user('localid', '5'))
    assert_only_transport_errors(client.list_users)
    assert_only_transport_errors(lambda: client.add_user({'username': 'jdoe'}))


@pytest.mark.parametrize('body', [b'', b'null', b'[]', b'{"code": "ok"}'])
def test_the_canned_transport_reaches_the_parser(body):
    client = IspconfigClient(CannedTransport(200, body, 'application/json'), 'demo', 'secret')
    assert_only_transport_errors(lambda: client._post('mail_user_get', {}, False))
