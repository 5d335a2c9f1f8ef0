# -*- coding: utf-8 -*-
# Private to the hosting.provision collection: not a public API, may change without notice.
"""The one HTTP layer every protocol client uses.

Timeouts, TLS (validate_certs, ca_path), proxies from the environment (requests honours HTTP(S)_PROXY and
NO_PROXY), bounded retries with backoff, errors that name the call, and redaction of every secret the client
knows (passwords, salts, session ids) from anything that leaves this layer.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # reported by the module through missing_required_lib
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

REDACTED = '********'
RETRY_STATUSES = (429, 502, 503, 504)


class TransportError(Exception):
    """A request did not get a usable answer.

    `call` names the API call, `status` the HTTP status (None when no answer came), `code` and
    `api_message` the API's own error code and text where it sent them. `maybe_applied` is True when a
    write may have reached the server although no answer came back: re-read before trying again.
    """

    def __init__(self, message, call=None, status=None, code=None, api_message=None, maybe_applied=False):
        super(TransportError, self).__init__(message)
        self.message = message
        self.call = call
        self.status = status
        self.code = code
        self.api_message = api_message
        self.maybe_applied = maybe_applied

    def details(self):
        """Machine-readable fields for the module result."""
        return dict((k, v) for k, v in (('call', self.call), ('status', self.status), ('code', self.code),
                                        ('api_message', self.api_message)) if v is not None)


class ApiError(TransportError):
    """The API answered with an error of its own (a fault, an error object, an exception element)."""


class AuthenticationError(ApiError):
    """The credentials were refused: retrying cannot help."""


class SessionExpired(ApiError):
    """The session/token is no longer valid: the client logs in again once and retries."""


class Transport:
    def __init__(self, base_url, timeout=30, validate_certs=True, ca_path=None, retries=3, backoff=0.5,
                 user_agent='hosting.provision', sleep=time.sleep):
        self.base_url = base_url.rstrip('/')
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.secrets = set()
        self.secret_sink = None  # e.g. AnsibleModule.no_log_values.add, so Ansible masks them too
        self.session = requests.Session()
        self.session.headers['User-Agent'] = user_agent
        if not validate_certs:
            self.session.verify = False
            requests.packages.urllib3.disable_warnings()
        elif ca_path:
            self.session.verify = ca_path

    def add_secret(self, value):
        """Never let `value` appear in an error or log line."""
        if value:
            self.secrets.add(str(value))
            if self.secret_sink is not None:
                self.secret_sink(str(value))

    def redact(self, text):
        text = str(text)
        for secret in sorted(self.secrets, key=len, reverse=True):
            text = text.replace(secret, REDACTED)
        return text

    def _retry_delay(self, attempt, response=None):
        if response is not None and response.status_code == 429:
            retry_after = response.headers.get('Retry-After', '')
            if retry_after.isdigit():
                return min(int(retry_after), 60)
        return self.backoff * (2 ** attempt)

    def request(self, method, path, call, idempotent, **kwargs):
        """Send one request; retry only what is safe to repeat.

        A request that is not `idempotent` is never re-sent: when its answer is lost the error says
        `maybe_applied` and the caller re-reads before deciding anything.
        """
        url = self.base_url + path
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self.session.request(method, url, timeout=self.timeout, **kwargs)
            except requests.exceptions.SSLError as exc:
                raise TransportError(self.redact(
                    'TLS verification of %s failed during %s: %s. Fix the certificate, set ca_path to the CA '
                    'bundle that signed it, or (only for testing) validate_certs=false.' % (self.base_url, call, exc)),
                    call=call)
            except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
                sent = not _never_sent(exc)
                if not last and (idempotent or not sent):
                    self.sleep(self._retry_delay(attempt))
                    continue
                raise TransportError(self.redact(
                    '%s to %s failed: %s (%s). Check api_url, the network path and timeout.' % (
                        call, self.base_url, type(exc).__name__, exc)),
                    call=call, maybe_applied=sent and not idempotent)
            # 429 means the server refused the request unprocessed, so even a write may be sent again.
            retry = response.status_code == 429 or (idempotent and response.status_code in RETRY_STATUSES)
            if retry and not last:
                self.sleep(self._retry_delay(attempt, response))
                continue
            return response
        raise AssertionError('unreachable')  # pragma: no cover

    def close(self):
        self.session.close()


def _never_sent(exc):
    """True when the request cannot have reached the server (no connection was made)."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = getattr(exc.args[0], 'reason', None) if exc.args else None
    return type(reason).__name__ in ('NewConnectionError', 'NameResolutionError')


def body_snippet(response):
    """The start of a reply's text on one line, for error messages ('' when empty)."""
    return ' '.join(response.text.split())[:200]


def json_reply(transport, response, call, hint, maybe_applied=False):
    """The parsed JSON of a reply, or a TransportError that quotes what came instead and says what to check."""
    try:
        return response.json()
    except ValueError:
        raise TransportError(transport.redact('%s failed: the answer from %s is not JSON (%s). %s' % (
            call, transport.base_url, body_snippet(response) or 'empty body', hint)),
            call=call, status=response.status_code, maybe_applied=maybe_applied)


def http_error(transport, response, call, hint=''):
    """A TransportError for an HTTP answer that is not the API's own reply (5xx, HTML page, proxy error)."""
    snippet = body_snippet(response) or 'an empty body'
    message = '%s failed: HTTP %d from %s with %s.%s' % (call, response.status_code, transport.base_url,
                                                         snippet, ' ' + hint if hint else '')
    return TransportError(transport.redact(message), call=call, status=response.status_code)
