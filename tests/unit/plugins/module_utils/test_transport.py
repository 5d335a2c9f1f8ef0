"""The HTTP layer against a loopback server with injected faults."""

import socket

import pytest

from simulators._base import Response, Running, Simulator

from ansible_collections.hosting.provision.plugins.module_utils._transport import Transport, TransportError


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
    assert 'ReadTimeout' in caught.value.message
    assert server.simulator.requests == 2
