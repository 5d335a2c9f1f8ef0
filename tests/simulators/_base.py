# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared plumbing of the API simulators: an HTTP server on loopback, a movable clock,
request/write counters, injected faults and a JSON control channel under /__sim__/.

A simulator subclasses Simulator and implements handle(request) -> Response.
Everything a test needs to steer or inspect a running simulator goes through /__sim__/:

  GET  /__sim__/stats         {"requests": n, "calls": [...], "writes": [...]}: writes are the requests that
                              changed state
  GET  /__sim__/write_calls   [...]: every request that asked for a write, accepted, refused or faulted
  POST /__sim__/reset         back to the seeded state, counters cleared
  POST /__sim__/reset_stats   counters cleared, state kept
  POST /__sim__/clock         {"advance": seconds}
  POST /__sim__/fault         {"status": 503, "body": "...", "content_type": "...", "headers": {},
                               "times": 1, "call": "name or null",
                               "kind": "http|reset|timeout|lost_reply|truncated"}
                              or {"kind": "control", "control": "expire_sessions", "payload": {}, "call": ...}:
                              run the simulator's own control right before the matching request is handled
                              (e.g. a session that expires between two calls), then answer normally;
                              "truncated": the server does the work and its answer breaks off after the
                              headers (Content-Length at least 400, the first 20 bytes of the body, then close)
  GET  /__sim__/state         the simulator's own dump (state())
  POST /__sim__/<other>       simulator.control(name, payload)
"""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class Clock:
    """Wall clock plus an offset that tests move forward instead of sleeping."""

    def __init__(self):
        self.offset = 0.0

    def now(self):
        return time.time() + self.offset

    def advance(self, seconds):
        self.offset += float(seconds)


class Request:
    def __init__(self, method, path, query, headers, body, client_ip):
        self.method = method
        self.path = path
        self.query = query  # raw query string, without '?'
        self.headers = headers  # dict with lower-case keys
        self.body = body  # bytes
        self.client_ip = client_ip

    def json(self):
        return json.loads(self.body.decode('utf-8'))


class Response:
    def __init__(self, status=200, body=b'', content_type='application/json', headers=None):
        self.status = status
        self.body = body if isinstance(body, bytes) else body.encode('utf-8')
        self.content_type = content_type
        self.headers = headers or {}


class Fault:
    """One queued misbehaviour, applied to the next `times` requests (matching `call` if given)."""

    KINDS = ('http', 'reset', 'timeout', 'lost_reply', 'control', 'truncated')

    def __init__(self, kind='http', status=500, body='', content_type='text/html', headers=None,
                 times=1, call=None, delay=30.0, control=None, payload=None):
        if kind not in self.KINDS:
            raise ValueError('unknown fault kind %r' % kind)
        self.kind = kind
        self.status = int(status)
        self.body = body
        self.content_type = content_type
        self.headers = headers or {}
        self.times = int(times)
        self.call = call
        self.delay = float(delay)
        if kind == 'control' and not control:
            raise ValueError('a control fault needs the name of the control to run')
        self.control = control
        self.payload = payload or {}


class Simulator:
    """Base class: state, counters and faults; subclasses implement handle() and seed()."""

    name = 'base'

    def __init__(self, **options):
        self.options = options
        self.clock = Clock()
        self.lock = threading.RLock()
        self.faults = []
        self.reset()

    # --- to implement -------------------------------------------------
    def seed(self):
        """Put the simulator in its initial state."""

    def handle(self, request):
        raise NotImplementedError

    def call_name(self, request):
        """The API call a request names (for counters and fault matching)."""
        return request.path

    def is_write_call(self, call):
        """True when the call `call_name` gave asks the API to change something (whether or not it will). Each API
        simulator answers for its calls; tests/unit/reliability/test_check_mode.py checks that it does."""
        return False

    def state(self):
        return {}

    def control(self, name, payload):
        raise KeyError(name)

    # --- shared ---------------------------------------------------------
    def reset(self):
        with self.lock:
            self.reset_stats()
            self.faults = []
            self.seed()

    def reset_stats(self):
        self.requests = 0
        self.calls = []
        self.write_calls = []
        self.writes = []

    def record_write(self, what):
        """Subclasses call this for every request that changed server state."""
        self.writes.append(what)

    def stats(self):
        return {'requests': self.requests, 'calls': list(self.calls), 'writes': list(self.writes)}

    def add_fault(self, **spec):
        self.faults.append(Fault(**spec))

    def _take_fault(self, call):
        for fault in self.faults:
            if fault.call in (None, call):
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
                return fault
        return None

    def dispatch(self, request):
        """Count, apply faults, then let the simulator answer. Returns (Response or None, fault)."""
        with self.lock:
            self.requests += 1
            call = self.call_name(request)
            self.calls.append(call)
            if self.is_write_call(call):
                self.write_calls.append(call)
            fault = self._take_fault(call)
            if fault is not None and fault.kind == 'http':
                return Response(fault.status, fault.body, fault.content_type, fault.headers), fault
            if fault is not None and fault.kind in ('reset', 'timeout'):
                return None, fault
            if fault is not None and fault.kind == 'control':
                self.control(fault.control, fault.payload)
            return self.handle(request), fault

    def control_request(self, name, payload):
        with self.lock:
            if name == 'stats':
                return self.stats()
            if name == 'write_calls':
                return list(self.write_calls)
            if name == 'reset':
                self.reset()
                return {'ok': True}
            if name == 'reset_stats':
                self.reset_stats()
                return {'ok': True}
            if name == 'clock':
                self.clock.advance(payload.get('advance', 0))
                return {'now': self.clock.now()}
            if name == 'fault':
                self.add_fault(**payload)
                return {'ok': True, 'queued': len(self.faults)}
            if name == 'state':
                return self.state()
            return self.control(name, payload)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    # headers and body go out as two writes: without TCP_NODELAY each answer waits ~40 ms for a delayed ACK
    disable_nagle_algorithm = True
    simulator = None  # set on the subclass made by make_server

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def _read_body(self):
        length = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(length) if length else b''

    def _send(self, response, truncated=False):
        self.send_response(response.status)
        self.send_header('Content-Type', response.content_type)
        # a truncated answer announces more than it sends, as a connection broken off mid-body does
        length = max(400, len(response.body) + 1) if truncated else len(response.body)
        self.send_header('Content-Length', str(length))
        for key, value in response.headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(response.body[:20] if truncated else response.body)

    def _control(self, name, body):
        try:
            payload = json.loads(body.decode('utf-8')) if body else {}
            result = self.simulator.control_request(name, payload)
            self._send(Response(200, json.dumps(result)))
        except KeyError:
            self._send(Response(404, json.dumps({'error': 'unknown control %s' % name})))
        except (ValueError, TypeError) as exc:
            self._send(Response(400, json.dumps({'error': str(exc)})))

    def _serve(self):
        body = self._read_body()
        parts = urlsplit(self.path)
        if parts.path.startswith('/__sim__/'):
            return self._control(parts.path[len('/__sim__/'):], body)
        headers = {k.lower(): v for k, v in self.headers.items()}
        request = Request(self.command, parts.path, parts.query, headers, body, self.client_address[0])
        response, fault = self.simulator.dispatch(request)
        if fault is not None and fault.kind == 'timeout':
            time.sleep(fault.delay)
        if response is None or (fault is not None and fault.kind in ('reset', 'timeout')):
            # drop the connection without an answer
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if fault is not None and fault.kind == 'lost_reply':
            # the server did the work; the client never hears about it
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault is not None and fault.kind == 'truncated':
            self._send(response, truncated=True)
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self._send(response)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve


def make_server(simulator, host='127.0.0.1', port=0):
    handler = type('Handler', (_Handler,), {'simulator': simulator})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


class Running:
    """A simulator served on a background thread (for pytest fixtures)."""

    def __init__(self, simulator, host='127.0.0.1', port=0):
        self.simulator = simulator
        self.server = make_server(simulator, host, port)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={'poll_interval': 0.05}, daemon=True)
        self.thread.start()

    @property
    def url(self):
        host, port = self.server.server_address[:2]
        return 'http://%s:%d' % (host, port)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
