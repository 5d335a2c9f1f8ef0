# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""Connection to the model/action account API (sub-accounts).

Facts: docs/api/subaccount.md. One JSON object per POST to the endpoint; every reply
is {status, statuscode (0 = success), msg, model, action, previousAction?, data}. The reference documents
only statuscode 0 and 113 (validation, data {field: message}); every other code is treated as "an error"
and nothing here depends on its value. A dead token is recognised without a code: when a call fails, a
`rights` call with the same token tells whether the token still works, and whether a missing right refused it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible.module_utils.basic import env_fallback

from ._connection import SessionConnection, connection_argument_spec
from ._transport import ApiError, AuthenticationError, TransportError, http_error, json_reply, wrong_shape

ENV_PREFIX = 'SUBACCOUNT'
UNCHANGED = '%%unchanged%%'  # how get shows a password; sent back on update it keeps the password
VALIDATION_FAILED = 113
PAGE_SIZE = 100  # rows asked for per list request; the server may answer fewer, paging follows its count
# auth's `lang`: the reference lists it (1|2|3|...) without marking it optional and without naming the languages;
# 1 is its first value
DEFAULT_LANG = 1


def argument_spec(**extra):
    return connection_argument_spec(ENV_PREFIX, dict(
        access_type=dict(type='int', default=1, fallback=(env_fallback, ['%s_ACCESS_TYPE' % ENV_PREFIX])),
        lang=dict(type='int', default=DEFAULT_LANG, fallback=(env_fallback, ['%s_LANG' % ENV_PREFIX])),
        **extra))


def _is_list_of_dicts(value):
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _is_list_answer(data):
    if not isinstance(data, dict) or not isinstance(data.get('data'), list):
        return False
    if not isinstance(data.get('head') or [], list) or not str(data.get('total') or 0).isdigit():
        return False
    rows_ok = all(isinstance(item, dict) and item.get('id') is not None and _is_list_of_dicts(item.get('row'))
                  for item in data['data'])
    return rows_ok and _is_list_of_dicts(data.get('head') or [])


def as_id(value):
    """Row ids come as strings in list and as numbers in get: one form for both."""
    text = str(value)
    return int(text) if text.isdigit() else text


class ValidationError(ApiError):
    """statuscode 113: the server names every field it refused and why."""

    def __init__(self, call, api_message, field_errors, labels=None):
        self.field_errors = dict(field_errors)
        labels = labels or {}
        problems = '; '.join('%s: %s' % (_label(name, labels), text) for name, text in field_errors.items())
        super(ValidationError, self).__init__(
            '%s was refused (statuscode %d), field by field: %s. Correct these values and run again.' % (
                call, VALIDATION_FAILED, problems),
            call=call, code=VALIDATION_FAILED, api_message=api_message)

    def relabel(self, labels):
        """The same error naming module options (`login (strLogin)`) instead of bare API fields."""
        return ValidationError(self.call, self.api_message, self.field_errors, labels)

    def details(self):
        return dict(super(ValidationError, self).details(), field_errors=self.field_errors)


def _label(name, labels):
    return '%s (%s)' % (labels[name], name) if name in labels else name


class SubaccountConnection(SessionConnection):
    """auth once per task, call with the token, one fresh auth when the token died, rights cached."""

    api_name = 'The sub-account API'
    session_name = 'token'

    def __init__(self, transport, username, password, access_type=1, longlife=False, path='', lang=DEFAULT_LANG):
        super(SubaccountConnection, self).__init__(transport, username, password)
        self.access_type = access_type
        self.longlife = longlife
        self.lang = lang
        self.path = path
        self._rights = None

    @classmethod
    def from_params(cls, transport, params):
        # the transport drops a trailing slash; the endpoint is POSTed to exactly as given
        return cls(transport, params['api_username'], params['api_password'], access_type=params['access_type'],
                   path='/' if params['api_url'].endswith('/') else '', lang=params['lang'])

    # --- wire -------------------------------------------------------------------------------------
    def _send(self, payload, call, write):
        response = self.transport.request(
            'POST', self.path, call, idempotent=not write, data=json.dumps(payload),
            headers={'Content-Type': 'application/json'})
        if response.status_code != 200:
            error = http_error(self.transport, response, call, 'Check api_url: it is the full API endpoint.')
            error.maybe_applied = write
            raise error
        reply = json_reply(self.transport, response, call, 'Check that api_url is the API endpoint.')
        if not isinstance(reply, dict) or 'statuscode' not in reply:
            raise TransportError('%s failed: the answer from %s has no statuscode.' % (call, self.transport.base_url),
                                 call=call)
        if reply['statuscode'] != 0 or reply.get('status') == 'Error':
            raise self._error(call, reply)
        return reply.get('data')

    def _error(self, call, reply):
        code = reply.get('statuscode')
        message = self.transport.redact(reply.get('msg') or 'no message')
        data = reply.get('data')
        if code == VALIDATION_FAILED and isinstance(data, dict) and data:
            return ValidationError(call, message, dict((str(k), self.transport.redact(v)) for k, v in data.items()))
        if call == 'auth':
            return AuthenticationError(self.transport.redact(
                'Login to the sub-account API at %s as %r with access_type %s failed (statuscode %s): %s. Check '
                'api_username, api_password and access_type.' % (
                    self.transport.base_url, self.username, self.access_type, code, message)),
                call=call, code=code, api_message=message)
        return ApiError(self.transport.redact('%s failed (statuscode %s): %s' % (call, code, message)),
                        call=call, code=code, api_message=message)

    def authenticate(self):
        data = self._send({'action': 'auth', 'accessType': self.access_type, 'kname': self.username,
                           'kpass': self.password, 'longlife': 1 if self.longlife else 0, 'lang': self.lang},
                          'auth', write=False)
        token = data.get('kmd') if isinstance(data, dict) else None
        if not isinstance(token, str) or not token:
            raise TransportError('auth answered without a token (data.kmd).', call='auth')
        return token, {}

    def send(self, call, params, write):
        return self._send(dict(params, accessType=self.access_type, kmd=self.session), call, write)

    def session_expired(self, exc):
        """The reference documents no code for a dead token: a refused call whose token no longer works for
        `rights` (whatever statuscode the server chose) is one. A token that works keeps the rights it read."""
        if isinstance(exc, (AuthenticationError, ValidationError)):
            return False
        try:
            data = self._send({'action': 'rights', 'accessType': self.access_type, 'kmd': self.session}, 'rights',
                              False)
        except ApiError:
            return True
        self._rights = self._parse_rights(data)
        return False

    def model_call(self, model, action, write=False, **fields):
        """`action` on `model` (the API's model/action calls). The rights are read only when a call is refused
        (to tell a dead token from a refusal); a refusal for want of a right then says which right is missing."""
        try:
            return self.call('%s.%s' % (model, action), write, model=model, action=action, **fields)
        except ApiError as exc:
            if self._rights is not None and not isinstance(exc, (AuthenticationError, ValidationError)):
                self.require(model, action)
            raise

    # --- rights -----------------------------------------------------------------------------------
    def rights(self):
        """{model: [actions]} the user may perform, read once per task."""
        if self._rights is None:
            self._rights = self._parse_rights(self.call('rights', action='rights'))
        return self._rights

    def _parse_rights(self, data):
        if not isinstance(data, list) or not all(isinstance(item, dict) and isinstance(item.get('actions'), list)
                                                 for item in data):
            raise wrong_shape(self.transport, 'rights', 'a list of models with their actions', data)
        return dict((item.get('model'), list(item['actions'])) for item in data)

    def require(self, model, *actions):
        """Fail clearly when the user lacks one of `actions` on `model` (check mode asks before a write it only
        predicts; a real run learns it from the refusal)."""
        allowed = self.rights().get(model, [])
        missing = [action for action in actions if action not in allowed]
        if missing:
            raise ApiError(
                'The API user %r (access_type %s) lacks the right to %s model %s; its rights on it are: %s. Ask '
                'the provider to grant them, or use an access_type that has them.' % (
                    self.username, self.access_type, ' and '.join(missing), model,
                    ', '.join(allowed) or 'none'),
                call='rights')

    # --- model actions ----------------------------------------------------------------------------
    def list(self, model, filters=None, cols=None, order=None, sort=None, offset=0, limit=None):
        """[(row id, {field: content})] of every matching row from `offset` on (at most `limit`), paged to
        the end. `field` is the column's `colorder`; contents are what the API shows (select lists as labels)."""
        rows = []
        while limit is None or len(rows) < limit:
            page_size = PAGE_SIZE if limit is None else min(PAGE_SIZE, limit - len(rows))
            query = dict((k, v) for k, v in (('filters', filters), ('cols', cols), ('order', order), ('sort', sort))
                         if v)
            data = self.model_call(model, 'list', offset=offset, limit=page_size, **query)
            page = self._page(model, data)
            names = [column.get('colorder') for column in data.get('head') or []]
            for item in page:
                rows.append((as_id(item['id']), dict(zip(names, (cell.get('content') for cell in item['row'])))))
            offset += len(page)
            if not page or offset >= int(data.get('total') or 0):
                break
        return rows

    def _page(self, model, data):
        """The rows of one list answer: data.data, a list ([] when nothing matches, the only "not found"), each
        row with its id and cells. Any other shape is an error naming the call, never an empty page."""
        if not _is_list_answer(data):
            raise wrong_shape(self.transport, '%s.list' % model,
                              'data.data, a list of rows with id and row ([] when none matches)', data)
        return data['data']

    def get(self, model, ids):
        """The form of rows `ids` (data.fields with values and definitions); ids [] gives the definitions."""
        form = self.model_call(model, 'get', ids=list(ids))
        fields = form.get('fields') if isinstance(form, dict) else None
        if not isinstance(fields, list) or not all(isinstance(item, dict) and item.get('fieldname') for item in fields):
            raise wrong_shape(self.transport, '%s.get' % model, 'the form, data.fields with one definition per field',
                              form)
        return form

    def definitions(self, model):
        return self.get(model, [])['fields']

    def create(self, model, data):
        """Create a row; its new id."""
        form = self.model_call(model, 'create', write=True, ids=[], data=data)
        ids = form.get('ids') if isinstance(form, dict) else None
        return as_id(ids[0]) if ids else None

    def update(self, model, ids, data):
        return self.model_call(model, 'update', write=True, ids=list(ids), data=data)

    def delete(self, model, ids):
        self.model_call(model, 'delete', write=True, ids=list(ids))
