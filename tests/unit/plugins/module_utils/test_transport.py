# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The HTTP layer against a loopback server with injected faults."""

import email.utils
import socket
import threading
import time
from xml.etree import ElementTree

import pytest

from simulators._base import Response, Running, Simulator
from tls import TlsRunning, make_certificate

from ansible_collections.hosting.provision.plugins.module_utils._transport import (
    SHAPE_LENGTH, Transport, TransportError, describe_shape, wrong_shape)

# requests' and urllib3's own wording, which no error sentence may show
INTERNAL_TEXT = ('HTTPConnectionPool', 'HTTPSConnectionPool', 'Max retries', 'Caused by', 'object at 0x',
                 'NewConnectionError', 'urllib3', 'No connection adapters')


class Echo(Simulator):
    def handle(self, request):
        if request.method == 'POST':
            self.record_write(request.path)
        return Response(200, request.body or b'{}')


@pytest.fixture
def server():
    running = Running(Echo())
    yield running
    running.stop()


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def transport(server, sleeps):
    return Transport(server.url, timeout=2, retries=3, backoff=0.1, sleep=sleeps.append)


def test_read_is_retried_on_5xx_with_backoff(server, transport, sleeps):
    server.simulator.add_fault(status=503, times=2)
    response = transport.request('GET', '/x', 'read_x', idempotent=True)
    assert response.status_code == 200
    assert server.simulator.requests == 3
    assert sleeps == [0.1, 0.2]


def test_write_is_never_resent_on_5xx(server, transport):
    server.simulator.add_fault(status=503)
    response = transport.request('POST', '/x', 'write_x', idempotent=False, data='{}')
    assert response.status_code == 503
    assert server.simulator.requests == 1


def test_429_honours_retry_after_even_for_writes(server, transport, sleeps):
    server.simulator.add_fault(status=429, headers={'Retry-After': '7'})
    response = transport.request('POST', '/x', 'write_x', idempotent=False, data='{}')
    assert response.status_code == 200
    assert sleeps == [7]
    assert server.simulator.writes == ['/x']


def test_retries_are_bounded(server, transport):
    server.simulator.add_fault(status=502, times=10)
    response = transport.request('GET', '/x', 'read_x', idempotent=True)
    assert response.status_code == 502
    assert server.simulator.requests == 4


def test_reset_on_read_is_retried(server, transport):
    server.simulator.add_fault(kind='reset')
    assert transport.request('GET', '/x', 'read_x', idempotent=True).status_code == 200
    assert server.simulator.requests == 2


def test_lost_reply_of_write_says_maybe_applied(server, transport):
    server.simulator.add_fault(kind='lost_reply')
    with pytest.raises(TransportError) as caught:
        transport.request('POST', '/x', 'write_x', idempotent=False, data='{}')
    assert caught.value.maybe_applied is True
    assert caught.value.call == 'write_x'
    assert server.simulator.writes == ['/x']  # the server did the work
    assert server.simulator.requests == 1


def test_refused_connection_is_not_maybe_applied(sleeps):
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        port = probe.getsockname()[1]
    transport = Transport('http://127.0.0.1:%d' % port, timeout=1, retries=1, backoff=0, sleep=sleeps.append)
    with pytest.raises(TransportError) as caught:
        transport.request('POST', '/x', 'write_x', idempotent=False)
    assert caught.value.maybe_applied is False
    assert 'write_x' in caught.value.message and 'Check api_url' in caught.value.message


def test_secrets_are_redacted(transport):
    transport.add_secret('hunter2-secret')
    seen = []
    transport.secret_sink = seen.append
    transport.add_secret('tok-123')
    assert transport.redact('login with hunter2-secret gave tok-123') == 'login with ******** gave ********'
    assert seen == ['tok-123']


def test_timeout_on_read_is_retried_then_reported(server, sleeps):
    transport = Transport(server.url, timeout=0.3, retries=1, backoff=0, sleep=sleeps.append)
    server.simulator.add_fault(kind='timeout', delay=1, times=2)
    with pytest.raises(TransportError) as caught:
        transport.request('GET', '/x', 'read_x', idempotent=True)
    assert 'no answer within 0.3 seconds' in caught.value.message
    assert server.simulator.requests == 2


def assert_one_sentence(message):
    assert not any(text in message for text in INTERNAL_TEXT), message
    assert '\n' not in message and len(message) < 400, message


def test_refused_connection_says_so_without_requests_wording(sleeps):
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        port = probe.getsockname()[1]
    transport = Transport('http://127.0.0.1:%d' % port, timeout=1, retries=1, backoff=0, sleep=sleeps.append)
    with pytest.raises(TransportError) as caught:
        transport.request('GET', '/x', 'read_x', idempotent=True)
    assert 'the connection was refused' in caught.value.message
    assert_one_sentence(caught.value.message)


def test_unresolvable_host_is_one_sentence(sleeps):
    transport = Transport('http://no-such-host.invalid', timeout=1, retries=0, sleep=sleeps.append)
    with pytest.raises(TransportError) as caught:
        transport.request('GET', '/x', 'read_x', idempotent=True)
    assert_one_sentence(caught.value.message)
    assert 'read_x' in caught.value.message and caught.value.maybe_applied is False


class BrokenOff:
    """A real loopback server that answers `HTTP/1.1 200`, `Content-Length: 400`, 20 bytes, then closes."""

    def __init__(self):
        self.requests = 0
        self.socket = socket.socket()
        self.socket.bind(('127.0.0.1', 0))
        self.socket.listen(8)
        self.url = 'http://127.0.0.1:%d' % self.socket.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                connection, dummy = self.socket.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                self.requests += 1
                connection.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n'
                                   b'{"code": "ok", "resp')
                connection.shutdown(socket.SHUT_RDWR)

    def close(self):
        self.socket.close()


@pytest.fixture
def broken_off():
    server = BrokenOff()
    yield server
    server.close()


def test_answer_broken_off_mid_body_at_a_read_is_retried_then_one_sentence(broken_off, sleeps):
    transport = Transport(broken_off.url, timeout=2, retries=2, backoff=0.1, sleep=sleeps.append)
    with pytest.raises(TransportError) as caught:
        transport.request('GET', '/x', 'read_x', idempotent=True)
    assert broken_off.requests == 3 and sleeps == [0.1, 0.2]
    assert '20 of 400 bytes' in caught.value.message
    assert caught.value.maybe_applied is False
    assert_one_sentence(caught.value.message)


def test_answer_broken_off_mid_body_at_a_write_may_have_been_applied(broken_off, sleeps):
    transport = Transport(broken_off.url, timeout=2, retries=2, backoff=0.1, sleep=sleeps.append)
    with pytest.raises(TransportError) as caught:
        transport.request('POST', '/x', 'write_x', idempotent=False, data='{}')
    assert broken_off.requests == 1, 'a write is never sent twice'
    assert caught.value.maybe_applied is True and caught.value.call == 'write_x'
    assert_one_sentence(caught.value.message)


def test_truncated_fault_of_the_simulators_breaks_off_after_the_headers(server, transport):
    server.simulator.add_fault(kind='truncated')
    with pytest.raises(TransportError) as caught:
        transport.request('POST', '/x', 'write_x', idempotent=False, data='{"a": 1}')
    assert caught.value.maybe_applied is True
    assert server.simulator.writes == ['/x'], 'the server did the work'
    server.simulator.add_fault(kind='truncated')
    assert transport.request('GET', '/x', 'read_x', idempotent=True).status_code == 200


class Special(Simulator):
    """Answers that break requests in other ways: redirect loops and a broken gzip body."""

    def handle(self, request):
        if request.path == '/loop':
            return Response(302, '', headers={'Location': '/loop'})
        if request.path == '/gzip':
            return Response(200, b'this is not gzip', headers={'Content-Encoding': 'gzip'})
        return Response(200, '{}')


@pytest.fixture
def special():
    running = Running(Special())
    yield running
    running.stop()


@pytest.mark.parametrize('path, words, write', [
    ('/loop', 'redirected too many times', False),
    ('/gzip', 'could not be decoded', False),
    ('/gzip', 'could not be decoded', True),
])
def test_other_failures_of_requests_are_one_sentence(special, sleeps, path, words, write):
    transport = Transport(special.url, timeout=2, retries=1, backoff=0, sleep=sleeps.append)
    with pytest.raises(TransportError) as caught:
        transport.request('POST' if write else 'GET', path, 'call_x', idempotent=not write)
    assert words in caught.value.message and 'call_x' in caught.value.message
    assert caught.value.maybe_applied is write
    assert_one_sentence(caught.value.message)


@pytest.mark.parametrize('url, words', [
    ('panel.example.com:8080', 'has no scheme'),
    ('ftp://panel.example.com', 'neither https nor http'),
    ('http://[::1', 'not a valid URL'),
    ('http://exa mple.com', 'not a valid URL'),
])
def test_an_api_url_requests_cannot_use_gets_the_api_url_hint(url, words, sleeps):
    transport = Transport(url, timeout=1, retries=2, sleep=sleeps.append)
    with pytest.raises(TransportError) as caught:
        transport.request('POST', '/x', 'login', idempotent=False)
    assert words in caught.value.message and 'api_url' in caught.value.message, caught.value.message
    assert caught.value.maybe_applied is False and sleeps == []
    assert_one_sentence(caught.value.message)


@pytest.mark.parametrize('status', [429, 503])
def test_read_honours_retry_after_on_429_and_503(server, transport, sleeps, status):
    server.simulator.add_fault(status=status, headers={'Retry-After': '7'})
    assert transport.request('GET', '/x', 'read_x', idempotent=True).status_code == 200
    assert sleeps == [7]


def test_retry_after_as_an_http_date(server, transport, sleeps):
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    server.simulator.add_fault(status=503, headers={'Retry-After': later})
    assert transport.request('GET', '/x', 'read_x', idempotent=True).status_code == 200
    assert len(sleeps) == 1 and 25 <= sleeps[0] <= 30


def test_retry_after_is_capped(server, transport, sleeps):
    server.simulator.add_fault(status=503, headers={'Retry-After': '86400'})
    transport.request('GET', '/x', 'read_x', idempotent=True)
    assert sleeps == [60]


def test_write_is_not_resent_on_503_even_with_retry_after(server, transport, sleeps):
    server.simulator.add_fault(status=503, headers={'Retry-After': '1'})
    assert transport.request('POST', '/x', 'write_x', idempotent=False, data='{}').status_code == 503
    assert server.simulator.requests == 1 and sleeps == []


# --- TLS: validate_certs and ca_path hold whatever CA bundle the environment names ---------------------------

CA_VARIABLES = ('REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE')


@pytest.fixture(scope='module')
def certificates(tmp_path_factory):
    directory = str(tmp_path_factory.mktemp('tls'))
    served = make_certificate(directory, 'simulator')
    unrelated = make_certificate(directory, 'unrelated')
    return dict(cert=served[0], key=served[1], unrelated=unrelated[0])


@pytest.fixture
def https(certificates):
    running = TlsRunning(Echo(), certificates['cert'], certificates['key'])
    yield running
    running.stop()


@pytest.fixture
def no_ca_variables(monkeypatch):
    for name in CA_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize('variable', CA_VARIABLES)
def test_validate_certs_false_holds_with_a_ca_bundle_variable(https, certificates, monkeypatch, no_ca_variables,
                                                              sleeps, variable):
    monkeypatch.setenv(variable, certificates['unrelated'])
    transport = Transport(https.url, timeout=2, validate_certs=False, sleep=sleeps.append)
    assert transport.request('GET', '/x', 'read_x', idempotent=True).status_code == 200


@pytest.mark.parametrize('variable', CA_VARIABLES)
def test_ca_path_holds_with_a_ca_bundle_variable(https, certificates, monkeypatch, no_ca_variables, sleeps,
                                                 variable):
    monkeypatch.setenv(variable, certificates['unrelated'])
    transport = Transport(https.url, timeout=2, ca_path=certificates['cert'], sleep=sleeps.append)
    assert transport.request('GET', '/x', 'read_x', idempotent=True).status_code == 200


@pytest.mark.parametrize('variable', CA_VARIABLES)
def test_without_ca_path_the_ca_bundle_variable_is_used(https, certificates, monkeypatch, no_ca_variables,
                                                        sleeps, variable):
    monkeypatch.setenv(variable, certificates['cert'])
    transport = Transport(https.url, timeout=2, sleep=sleeps.append)
    assert transport.request('GET', '/x', 'read_x', idempotent=True).status_code == 200
    monkeypatch.setenv(variable, certificates['unrelated'])
    with pytest.raises(TransportError):
        Transport(https.url, timeout=2, sleep=sleeps.append).request('GET', '/x', 'read_x', idempotent=True)


def test_an_untrusted_certificate_is_one_sentence(https, no_ca_variables, sleeps):
    transport = Transport(https.url, timeout=2, sleep=sleeps.append)
    with pytest.raises(TransportError) as caught:
        transport.request('GET', '/x', 'read_x', idempotent=True)
    assert 'TLS verification of %s failed during read_x: certificate verify failed' % https.url in \
        caught.value.message
    assert 'ca_path' in caught.value.message and sleeps == [], 'a certificate problem is not retried'
    assert_one_sentence(caught.value.message)


def test_a_missing_ca_path_is_one_sentence(https, tmp_path, no_ca_variables, sleeps):
    transport = Transport(https.url, timeout=2, ca_path=str(tmp_path / 'missing.pem'), sleep=sleeps.append)
    with pytest.raises(TransportError) as caught:
        transport.request('GET', '/x', 'read_x', idempotent=True)
    assert 'ca_path' in caught.value.message
    assert_one_sentence(caught.value.message)


def test_an_html_error_page_is_summarised_by_its_title(server, transport):
    from ansible_collections.hosting.provision.plugins.module_utils._transport import http_error
    page = ('<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN"><html><head><title>404 Not Found</title></head>'
            '<body><h1>Not Found</h1><p>The requested URL /remote/json.php was not found.</p><hr>'
            '<address>Apache Server</address></body></html>')
    server.simulator.add_fault(status=404, body=page, content_type='text/html')
    response = transport.request('GET', '/x', 'login', idempotent=True)
    message = http_error(transport, response, 'login', 'Check api_url.').message
    assert message == 'login failed: HTTP 404 from %s with an HTML page "404 Not Found". Check api_url.' % server.url


# --- a reply of an unexpected shape: quoted without the values of its records --------------------------------

HASH = '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'


@pytest.mark.parametrize('payload, shown', [
    (None, 'null'), ('ok', '"ok"'), (0, '0'), ([], '[]'), (['a', 1], '["a", 1]'),
    ({'database_user': 'c1wp', 'database_password': HASH}, '{"database_password": string, "database_user": string}'),
    ({'data': {'rows': [{'pass': HASH}], 'total': 1}},
     '{"data": {"rows": list of 1 ({"pass": string}), "total": number}}'),
    ([HASH, 'x' * 41], 'list of 2 (string)'),  # a list with a long item may hold hashes: not quoted
    (ElementTree.fromstring('<user><userdetails><password>%s</password><id/></userdetails></user>' % HASH),
     '<user><userdetails><password>text</password><id/></userdetails></user>'),
])
def test_a_reply_of_the_wrong_shape_shows_keys_and_types_never_a_value_inside(payload, shown):
    error = wrong_shape(Transport('https://api.example.com'), 'get_x', 'a list', payload)
    assert error.message.startswith('get_x answered https://api.example.com with a reply of an unexpected shape '
                                    '(%s): a list was expected' % shown), error.message


def test_a_long_shape_is_cut():
    record = dict(('column_%03d' % number, HASH) for number in range(100))
    shown = describe_shape(record)
    assert len(shown) == SHAPE_LENGTH + 3 and shown.endswith('...') and HASH not in shown
