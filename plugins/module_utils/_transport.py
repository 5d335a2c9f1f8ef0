# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""The one HTTP layer every protocol client uses.

Timeouts, TLS (validate_certs, ca_path), proxies from the environment (requests honours HTTP(S)_PROXY and
NO_PROXY), bounded retries with backoff, errors that name the call, and redaction of every secret the client
knows (passwords, salts, session ids) from anything that leaves this layer.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import errno
import json
import re
import socket
import ssl
import time
from email.utils import parsedate_tz, mktime_tz

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # reported by the module through missing_required_lib
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

REDACTED = '********'
RETRY_STATUSES = (429, 502, 503, 504)
RETRY_AFTER_STATUSES = (429, 503)  # the statuses whose Retry-After header says when to come back
MAX_RETRY_AFTER = 60  # seconds: a longer Retry-After is cut to this, so a task never stalls for long
URL_HINT = 'Write api_url as https://host[:port]/path (http:// only on a trusted network).'


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
        # Passed with every request, not set on the session: requests lets REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE
        # override a session's verify (even False), but never a per-request verify other than True. Proxies
        # still come from the environment.
        self.verify = ca_path if validate_certs and ca_path else bool(validate_certs)
        if not validate_certs:
            requests.packages.urllib3.disable_warnings()

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
        if response is not None and response.status_code in RETRY_AFTER_STATUSES:
            delay = retry_after_seconds(response.headers.get('Retry-After'))
            if delay is not None:
                return min(delay, MAX_RETRY_AFTER)
        return self.backoff * (2 ** attempt)

    def request(self, method, path, call, idempotent, **kwargs):
        """Send one request and read its whole answer; retry only what is safe to repeat.

        Every failure below HTTP (connection, TLS, a reply broken off mid-body, a URL requests cannot use)
        becomes a TransportError with one sentence. A request that is not `idempotent` is never re-sent: when
        its answer is lost the error says `maybe_applied` and the caller re-reads before deciding anything.
        """
        if '://' not in self.base_url:
            raise TransportError('api_url %s has no scheme, so %s was not sent. %s' % (
                self.base_url, call, URL_HINT), call=call)
        url = self.base_url + path
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self.session.request(method, url, timeout=self.timeout, verify=self.verify, **kwargs)
                response.content  # the body is read here, inside the guarded region (stream=False reads it too)
            except requests.exceptions.SSLError as exc:
                raise TransportError(self.redact(
                    'TLS verification of %s failed during %s: %s. Fix the certificate, set ca_path to the CA '
                    'bundle that signed it, or (only for testing) validate_certs=false.' % (
                        self.base_url, call, _tls_reason(exc))),
                    call=call)
            except (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema,
                    requests.exceptions.MissingSchema) as exc:
                raise TransportError(self.redact('api_url %s cannot be used, so %s was not sent: %s. %s' % (
                    self.base_url, call, _url_reason(exc), URL_HINT)), call=call)
            except requests.exceptions.RequestException as exc:
                sent = not _never_sent(exc)
                retriable = isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                                             requests.exceptions.ChunkedEncodingError))
                if retriable and not last and (idempotent or not sent):
                    self.sleep(self._retry_delay(attempt))
                    continue
                raise TransportError(self.redact('%s to %s failed: %s. %s' % (
                    call, self.base_url, _failure_reason(exc, self.timeout), _failure_hint(exc))),
                    call=call, maybe_applied=sent and not idempotent)
            except (OSError, IOError) as exc:
                # requests checks ca_path only when it sends: an unreadable bundle surfaces here
                raise TransportError(self.redact('%s to %s was not sent: %s. Check ca_path.' % (
                    call, self.base_url, _os_reason(exc))), call=call)
            # 429 means the server refused the request unprocessed, so even a write may be sent again.
            retry = response.status_code == 429 or (idempotent and response.status_code in RETRY_STATUSES)
            if retry and not last:
                self.sleep(self._retry_delay(attempt, response))
                continue
            return response
        raise AssertionError('unreachable')  # pragma: no cover

    def close(self):
        self.session.close()


def retry_after_seconds(value):
    """Seconds a Retry-After header asks to wait (delta-seconds or an HTTP date), or None."""
    value = (value or '').strip()
    if value.isdigit():
        return int(value)
    parsed = parsedate_tz(value) if value else None
    if parsed is None:
        return None
    return max(0, int(mktime_tz(parsed) - time.time()))


def _causes(exc):
    """`exc` and every exception it wraps (urllib3's reason, __cause__, __context__), outermost first."""
    seen = []
    pending = [exc]
    while pending and len(seen) < 20:
        current = pending.pop(0)
        if current is None or not isinstance(current, BaseException) or any(current is s for s in seen):
            continue
        seen.append(current)
        pending.extend(arg for arg in getattr(current, 'args', ()) if isinstance(arg, BaseException))
        pending.extend([getattr(current, 'reason', None), current.__cause__, current.__context__])
    return seen


def _first(exc, *names):
    """The first exception in `exc`'s chain that is of a class named in `names` (or a subclass of one)."""
    for cause in _causes(exc):
        if any(klass.__name__ in names for klass in type(cause).__mro__):
            return cause
    return None


def _failure_reason(exc, timeout):
    """What went wrong below HTTP, in words, without requests' and urllib3's own wording."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return 'no connection within %s seconds' % timeout
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return 'no answer within %s seconds' % timeout
    if isinstance(exc, requests.exceptions.TooManyRedirects):
        return 'it was redirected too many times'
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return 'the answer could not be decoded (its Content-Encoding is broken)'
    if isinstance(exc, requests.exceptions.ChunkedEncodingError) or _first(exc, 'IncompleteRead', 'InvalidChunkLength'):
        incomplete = _first(exc, 'IncompleteRead')
        partial = getattr(incomplete, 'partial', None)
        expected = getattr(incomplete, 'expected', None)
        if isinstance(partial, int) and isinstance(expected, int):
            return 'the connection broke while the answer was coming in (%d of %d bytes received)' % (
                partial, partial + expected)
        return 'the connection broke while the answer was coming in'
    if _first(exc, 'NameResolutionError', 'gaierror'):
        return 'the host name could not be resolved'
    if _first(exc, 'RemoteDisconnected'):
        return 'the server closed the connection without answering'
    for cause in _causes(exc):
        if isinstance(cause, ConnectionRefusedError):
            return 'the connection was refused (nothing listens at that address and port)'
        if isinstance(cause, ConnectionResetError):
            return 'the connection was reset'
        if isinstance(cause, (socket.timeout, TimeoutError)):
            return 'no answer within %s seconds' % timeout
    for cause in _causes(exc):
        if isinstance(cause, OSError) and cause.errno and cause.errno in errno.errorcode:
            return _os_reason(cause)
    if isinstance(exc, requests.exceptions.ConnectionError):
        return 'the connection failed'
    return 'the request failed (%s)' % type(exc).__name__


def _failure_hint(exc):
    if isinstance(exc, requests.exceptions.TooManyRedirects):
        return 'Check api_url: it should name the API itself, not a page that redirects.'
    if isinstance(exc, (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)):
        return 'A proxy or the server broke off the answer; try again, and check the server\'s log if it persists.'
    return 'Check api_url, the network path and timeout.'


def _os_reason(exc):
    """An OSError in words: its strerror ('network is unreachable'), else its text."""
    text = getattr(exc, 'strerror', None) or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


def _tls_reason(exc):
    """The certificate problem in the ssl module's own words (e.g. 'self-signed certificate')."""
    for cause in _causes(exc):
        message = getattr(cause, 'verify_message', None)
        if message:
            return 'certificate verify failed: %s' % message
    for cause in _causes(exc):
        if isinstance(cause, ssl.SSLError) and getattr(cause, 'reason', None):
            return str(cause.reason).lower().replace('_', ' ')
    return 'the TLS handshake failed'


def _url_reason(exc):
    if isinstance(exc, requests.exceptions.MissingSchema):
        return 'it has no scheme'
    if isinstance(exc, requests.exceptions.InvalidSchema):
        return 'its scheme is neither https nor http'
    return 'it is not a valid URL (check the host name and port)'


def _never_sent(exc):
    """True when the request cannot have reached the server (no connection was made)."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = getattr(exc.args[0], 'reason', None) if exc.args else None
    return type(reason).__name__ in ('NewConnectionError', 'NameResolutionError')


def body_snippet(response):
    """The start of a reply's text on one line, for error messages ('' when empty)."""
    return ' '.join(response.text.split())[:200]


def describe_body(response):
    """A reply's body summarised for an error message: an HTML page by its title (or its text), other text by
    its start, so an error page is named, never pasted."""
    text = response.text or ''
    if not text.strip():
        return 'an empty body'
    content_type = response.headers.get('Content-Type', '').lower()
    if 'html' in content_type or re.match(r'\s*<(!doctype html|html)', text, re.IGNORECASE):
        title = re.search(r'<title[^>]*>(.*?)</title>', text, re.IGNORECASE | re.DOTALL) or \
            re.search(r'<h1[^>]*>(.*?)</h1>', text, re.IGNORECASE | re.DOTALL)
        words = ' '.join(re.sub(r'<[^>]*>', ' ', title.group(1) if title else text).split())
        return 'an HTML page "%s"' % words[:100] if words else 'an HTML page'
    return '"%s"' % body_snippet(response)


def json_reply(transport, response, call, hint, maybe_applied=False):
    """The parsed JSON of a reply, or a TransportError that quotes what came instead and says what to check."""
    try:
        return response.json()
    except ValueError:
        raise TransportError(transport.redact('%s failed: the answer from %s is not JSON (%s). %s' % (
            call, transport.base_url, describe_body(response), hint)),
            call=call, status=response.status_code, maybe_applied=maybe_applied)


def http_error(transport, response, call, hint=''):
    """A TransportError for an HTTP answer that is not the API's own reply (5xx, HTML page, proxy error)."""
    message = '%s failed: HTTP %d from %s with %s.%s' % (call, response.status_code, transport.base_url,
                                                         describe_body(response), ' ' + hint if hint else '')
    return TransportError(transport.redact(message), call=call, status=response.status_code)


def wrong_shape(transport, call, expected, payload):
    """The error for a success reply whose payload is not what the call returns: never read as "absent".

    Absence is concluded only from an API's documented not-found answer; anything else stops the task with
    the shape of what came (describe_shape()), so a module never creates an object because a read looked strange.
    """
    return TransportError(transport.redact(
        '%s answered %s with a reply of an unexpected shape (%s): %s was expected, and this is not the API\'s '
        'answer for "not found" either, so nothing was decided from it. Check api_url and the API version.' % (
            call, transport.base_url, describe_shape(payload), expected)),
        call=call)


SHAPE_LENGTH = 200  # characters of a shape an error message shows
_SCALARS = (str, int, float, bool, type(None))


def describe_shape(payload):
    """What a reply holds, for an error message, without a value from inside any object, list or XML element:
    a record may hold a password or its hash under any key, so objects show their keys with the types of their
    values ({"database_password": string, "database_user": string}) and elements their tags
    (<user><id>text</id></user>). Only a reply that is a scalar, or a short list of short scalars, is quoted."""
    if isinstance(payload, _SCALARS) or isinstance(payload, list) and len(payload) <= 5 and all(
            isinstance(item, _SCALARS) and len(str(item)) <= 40 for item in payload):
        shown = json.dumps(payload)
    else:
        shown = _shape(payload, 4)
    shown = ' '.join(shown.split())
    return shown[:SHAPE_LENGTH] + ('...' if len(shown) > SHAPE_LENGTH else '')


def _shape(value, depth):
    """The type of `value`, with the keys of objects, the tags of elements and the item types of lists down to
    `depth` levels; never a value."""
    if hasattr(value, 'tag') and hasattr(value, 'iter'):  # an XML element (ElementTree)
        inner = ''.join(_shape(child, depth - 1) for child in value) if depth > 0 and len(value) else ''
        inner = inner or ('...' if len(value) else 'text' if (value.text or '').strip() else '')
        return '<%s>%s</%s>' % (value.tag, inner, value.tag) if inner else '<%s/>' % value.tag
    if isinstance(value, dict):
        if depth <= 0:
            return 'object'
        return '{%s}' % ', '.join('%s: %s' % (json.dumps(str(key)), _shape(item, depth - 1))
                                  for key, item in sorted(value.items(), key=lambda pair: str(pair[0])))
    if isinstance(value, list):
        if depth <= 0 or not value:
            return 'list of %d' % len(value)
        return 'list of %d (%s)' % (len(value), ' | '.join(sorted(set(_shape(item, depth - 1) for item in value))))
    for kinds, name in ((bool, 'boolean'), ((int, float), 'number'), (str, 'string'), (type(None), 'null')):
        if isinstance(value, kinds):
            return name
    return type(value).__name__
