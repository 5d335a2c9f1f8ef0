# -*- coding: utf-8 -*-
# Private to the hosting.provision collection: not a public API, may change without notice.
"""Client of the model/action account API (sub-accounts), the Subaccount resource and the listing helpers.

Facts: docs/api/subaccount.md. One JSON object per POST to the endpoint; every reply
is {status, statuscode (0 = success), msg, model, action, previousAction?, data}. The reference documents
only statuscode 0 and 113 (validation, data {field: message}); every other code is treated as "an error"
and nothing here depends on its value. A dead token is recognised without a code: when a call fails, a
`rights` call with the same token tells whether the token still works.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible.module_utils.basic import env_fallback

from . import _engine as engine
from ._client import SessionClient, connection_argument_spec
from ._engine import InputError
from ._transport import ApiError, AuthenticationError, TransportError, http_error, json_reply, wrong_shape

ENV_PREFIX = 'SUBACCOUNT'
UNCHANGED = '%%unchanged%%'  # how get shows a password; sent back on update it keeps the password
VALIDATION_FAILED = 113
COMPARISONS = ('eql', 'lt', 'gt', 'lte', 'gte', 'like', 'in', 'is', 'isnot')
PAGE_SIZE = 100  # rows asked for per list request; the server may answer fewer, paging follows its count
# auth's `lang`: the reference lists it (1|2|3|...) without marking it optional and without naming the languages;
# 1 is its first value
DEFAULT_LANG = 1

# (type, subtype) pairs observed in the seed
PASSWORD_TYPE = (1, 5)
SELECT_TYPE = (2, 1)


def argument_spec(**extra):
    return connection_argument_spec(ENV_PREFIX, dict(
        access_type=dict(type='int', default=1, fallback=(env_fallback, ['%s_ACCESS_TYPE' % ENV_PREFIX])),
        lang=dict(type='int', default=DEFAULT_LANG, fallback=(env_fallback, ['%s_LANG' % ENV_PREFIX])),
        **extra))


def _is_list_answer(data):
    if not isinstance(data, dict) or not isinstance(data.get('data'), list):
        return False
    if not isinstance(data.get('head') or [], list) or not str(data.get('total') or 0).isdigit():
        return False
    rows_ok = all(isinstance(item, dict) and item.get('id') is not None and isinstance(item.get('row'), list)
                  and all(isinstance(cell, dict) for cell in item['row']) for item in data['data'])
    return rows_ok and all(isinstance(column, dict) for column in data.get('head') or [])


def field_type(definition):
    return definition.get('type'), definition.get('subtype')


def choices(definition):
    """[(key as text, label)] of a select-list field definition."""
    keys, labels = definition.get('listkeys') or [], definition.get('listvalues') or []
    return [(str(key), str(label)) for key, label in zip(keys, labels)]


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


class SubaccountClient(SessionClient):
    """auth once per task, call with the token, one fresh auth when the token died, rights cached."""

    api_name = 'The sub-account API'
    session_name = 'token'

    def __init__(self, transport, username, password, access_type=1, longlife=False, path='', lang=DEFAULT_LANG):
        super(SubaccountClient, self).__init__(transport, username, password)
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
        `rights` (whatever statuscode the server chose) is one."""
        if isinstance(exc, (AuthenticationError, ValidationError)):
            return False
        try:
            self._send({'action': 'rights', 'accessType': self.access_type, 'kmd': self.session}, 'rights', False)
        except ApiError:
            return True
        return False

    def model_call(self, model, action, write=False, **fields):
        """`action` on `model` (the API's model/action calls)."""
        return self.call('%s.%s' % (model, action), write, model=model, action=action, **fields)

    # --- rights -----------------------------------------------------------------------------------
    def rights(self):
        """{model: [actions]} the user may perform, read once per task."""
        if self._rights is None:
            data = self.call('rights', action='rights')
            if not isinstance(data, list) or not all(isinstance(item, dict) and isinstance(item.get('actions'), list)
                                                     for item in data):
                raise wrong_shape(self.transport, 'rights', 'a list of models with their actions', data)
            self._rights = dict((item.get('model'), list(item['actions'])) for item in data)
        return self._rights

    def require(self, model, *actions):
        """Fail clearly, before anything is written, when the user lacks one of `actions` on `model`."""
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


# --- the Subaccount model, as the modules manage it ----------------------------------------------------

MODEL = 'Subaccount'
ID, LOGIN, PASSWORD, STATUS = 'intID', 'strLogin', 'strPass', 'intStatus'
OPTIONS = {ID: 'id', LOGIN: 'login', PASSWORD: 'password', STATUS: 'status'}  # documented field -> option


def to_text(value, what):
    """A user's value as the text the API stores (values are strings; flags 1/0, nothing '')."""
    if isinstance(value, bool):
        return '1' if value else '0'
    if value is None:
        return ''
    if isinstance(value, (int, float, str)):
        return str(value)
    raise InputError('%s must be a single value, not %r' % (what, value))


def select_key(definition, value, what):
    """The stored key of a select-list field for a key or a label (any case) the user gave."""
    options = choices(definition)
    if not options:
        return value
    for key, label in options:
        if value == key or value.lower() == label.lower():
            return key
    raise InputError('%s: %r is not one of the choices %s' % (
        what, value, ', '.join('%s (%s)' % (label, key) for key, label in options)))


def select_label(definition, stored):
    return dict(choices(definition)).get(str(stored), stored)


class RawFields(engine.Kind):
    """The `fields` option: provider-specific API field -> value, each as the text the API stores."""

    def from_user(self, value):
        if not isinstance(value, dict):
            raise InputError('must be a dict of API field names and values')
        return dict((str(name), to_text(item, 'fields.%s' % name)) for name, item in value.items())


class Subaccount(engine.Resource):
    kind = 'sub-account'
    result_key = 'subaccount'
    fields = (
        engine.Field('id', kind=engine.Integer(), virtual=True),
        engine.Field('login', api=LOGIN, kind=engine.Text(identifier=True)),
        engine.Field('password', api=PASSWORD, secret=True),
        # both need the field definitions of the read: resolve() turns them into what the API stores
        engine.Field('status', kind=engine.Text(), virtual=True),
        engine.Field('fields', kind=RawFields(), virtual=True),
    )

    def __init__(self, client, params, check_mode=False):
        super(Subaccount, self).__init__(client, params, check_mode)
        self.definitions = None  # fieldname -> definition, from the get of read()
        client.transport.add_secret(params.get('password'))

    def describe(self):
        if self.params.get('login'):
            return 'sub-account %r' % self.params['login']
        return 'sub-account with id %s' % self.params['id']

    def validate(self, desired):
        if self.params.get('login') is None and self.params.get('id') is None:
            raise InputError('login or id is required to find the sub-account')
        if 'login' in desired and not desired['login'].strip():
            raise InputError('login must not be empty')
        if desired.get('id') is not None and desired['id'] < 1:
            raise InputError('id must be a positive number, not %d' % desired['id'])
        if self.params.get('password') == '':
            raise InputError('password must not be empty')

    # --- read -------------------------------------------------------------------------------------
    def read(self):
        self.client.require(MODEL, 'list', 'get')
        row_id = self._find()
        present = self.params['state'] == 'present'
        if row_id is None:
            if not present:
                return None
            if self.params.get('id') is not None:
                raise InputError('There is no sub-account with id %d; to create one, give its login without an id.'
                                 % self.params['id'])
            self.client.require(MODEL, 'create')
        elif not present:
            self.client.require(MODEL, 'delete')
        # an existing row's form holds its values and the definitions; ids [] the definitions for a create
        form = self.client.get(MODEL, [row_id] if row_id is not None else [])
        self.definitions = dict((item['fieldname'], item) for item in form['fields'])
        if row_id is None:
            return None
        return dict((name, item.get('value')) for name, item in self.definitions.items())

    def _find(self):
        """The id of the sub-account named by `id` or else `login`, or None."""
        if self.params.get('id') is not None:
            wanted, field, value = self.params['id'], ID, self.params['id']
        else:
            wanted, field, value = self.params['login'], LOGIN, self.params['login']
        rows = self.client.list(MODEL, filters=[{'fieldname': field, 'comparison': 'eql', 'value': value}],
                                cols=[ID, LOGIN])
        # eql may ignore case on the server's side (SQL collations): keep exact matches only
        if field == ID:
            matches = [row_id for row_id, values in rows if row_id == wanted]
        else:
            matches = [row_id for row_id, values in rows if values.get(LOGIN) == wanted]
        if len(matches) > 1:
            raise ApiError('%d sub-accounts match %s %r (ids %s); remove the duplicates first.' % (
                len(matches), OPTIONS[field], wanted, ', '.join(str(m) for m in matches)), call='%s.list' % MODEL)
        return matches[0] if matches else None

    # --- what only the definitions tell ------------------------------------------------------------
    def resolve(self, desired, raw):
        if self.definitions is None:  # absent and not there: nothing will be written
            return
        if 'status' in desired:
            desired['status'] = select_label(self._definition(STATUS), select_key(
                self._definition(STATUS), desired['status'], 'status'))
        if 'fields' in desired:
            desired['fields'] = self._raw_fields(desired['fields'])
        if raw is None and self.params['state'] == 'present':
            self._check_required(desired)

    def _definition(self, name):
        if name not in self.definitions:
            raise InputError('The API\'s %s model has no field %s, so option %s cannot be used.' % (
                MODEL, name, OPTIONS[name]))
        return self.definitions[name]

    def _raw_fields(self, values):
        unknown = sorted(name for name in values if name not in self.definitions)
        if unknown:
            raise InputError('fields: %s %s not a field of the API\'s %s model; its fields are: %s.' % (
                ', '.join(unknown), 'is' if len(unknown) == 1 else 'are', MODEL, ', '.join(self._extras())))
        resolved = {}
        for name, value in values.items():
            definition = self.definitions[name]
            if name in OPTIONS:
                raise InputError('fields: set %s with the option %s instead.' % (name, OPTIONS[name]))
            if field_type(definition) == PASSWORD_TYPE:
                raise InputError('fields: %s is a password field; it can be neither compared nor kept secret '
                                 'in fields.' % name)
            if definition.get('disabled'):
                raise InputError('fields: %s is read-only for this API user (disabled).' % name)
            if field_type(definition) == SELECT_TYPE:
                value = select_key(definition, value, 'fields.%s' % name)
            resolved[name] = value
        return resolved

    def _extras(self):
        """The provider-specific fields: all but the documented ones and passwords."""
        return [name for name, definition in self.definitions.items()
                if name not in OPTIONS and field_type(definition) != PASSWORD_TYPE]

    def _check_required(self, desired):
        given = set(OPTIONS[name] for name in (LOGIN, STATUS) if OPTIONS[name] in desired)
        if self.params.get('password') is not None:
            given.add('password')
        given.update(desired.get('fields') or {})
        missing = [OPTIONS.get(name, 'fields.%s' % name) for name, definition in self.definitions.items()
                   if definition.get('required') and not definition.get('disabled') and name != ID
                   and OPTIONS.get(name, name) not in given]
        if missing:
            raise InputError('Creating %s needs %s (required by the API).' % (self.describe(), ', '.join(missing)))

    # --- comparable state ---------------------------------------------------------------------------
    def normalise(self, raw):
        state = super(Subaccount, self).normalise(raw)
        state['id'] = as_id(raw.get(ID))
        if STATUS in self.definitions:
            state['status'] = select_label(self.definitions[STATUS], raw.get(STATUS))
        # with `fields` set, the ones named (what is compared); without, every provider-specific field
        names = self.params['fields'] if self.params.get('fields') is not None else self._extras()
        state['fields'] = dict((name, to_text(raw.get(name), name)) for name in names)
        return state

    # --- writes -------------------------------------------------------------------------------------
    def _stored_values(self, after):
        payload = {}
        if after.get('status') is not None:
            payload[STATUS] = select_key(self.definitions[STATUS], after['status'], 'status')
        payload.update(after.get('fields') or {})
        return payload

    def create_payload(self, after):
        return dict(self._stored_values(after), **{ID: '0'})  # the id "0", as in the seed's create

    def update_payload(self, raw, changes):
        self.client.require(MODEL, 'update')  # only now is it known that an update is due (check mode too)
        # the whole form, as in the seed's update: the API may insist on every required field
        payload = dict((name, value) for name, value in raw.items()
                       if value is not None and not self.definitions[name].get('disabled'))
        payload.update((name, UNCHANGED) for name, definition in self.definitions.items()
                       if field_type(definition) == PASSWORD_TYPE)
        payload.update(self._stored_values(changes))
        return payload

    def create(self, payload):
        self._write(self.client.create, MODEL, payload)

    def update(self, raw, payload):
        self._write(self.client.update, MODEL, [as_id(raw[ID])], payload)

    def delete(self, raw):
        self.client.delete(MODEL, [as_id(raw[ID])])

    def _write(self, method, *args):
        try:
            method(*args)
        except ValidationError as exc:
            raise exc.relabel(OPTIONS)


# --- listing (subaccount_info) ---------------------------------------------------------------------------

def check_filters(filters):
    """Local checks of the `filters` option, before any request."""
    for number, item in enumerate(filters or [], 1):
        comparison, value = item['comparison'], item.get('value')
        what = 'filters[%d] (%s %s)' % (number, item['field'], comparison)
        if comparison == 'in':
            if not isinstance(value, list) or not value:
                raise InputError('%s needs a non-empty list as value' % what)
        elif comparison in ('is', 'isnot'):
            if value is not None:
                raise InputError('%s takes no value: it tests for NULL' % what)
        elif value is None or isinstance(value, (list, dict)):
            raise InputError('%s needs one value' % what)


def readable_fields(definitions):
    """Fields list may show, filter and sort on: all but passwords."""
    return [item['fieldname'] for item in definitions if field_type(item) != PASSWORD_TYPE]


def api_filters(filters, definitions):
    """The `filters` option as the API's filter items: field names checked against the definitions, labels
    of select-list choices turned into their stored keys."""
    by_name = dict((item['fieldname'], item) for item in definitions)
    known = readable_fields(definitions)
    result = []
    for item in filters or []:
        name, comparison, value = item['field'], item['comparison'], item.get('value')
        if name != 'query' and name not in known:
            raise InputError('filters: %s is not a field of the API\'s %s model; use one of: query, %s.' % (
                name, MODEL, ', '.join(known)))
        entry = {'fieldname': name, 'comparison': comparison}
        if comparison not in ('is', 'isnot'):
            definition = by_name.get(name)
            # eql and in may name a choice by its label; the other comparisons work on the stored keys
            if comparison in ('eql', 'in') and definition is not None and field_type(definition) == SELECT_TYPE:
                keys = [select_key(definition, to_text(one, name), 'filters: %s' % name)
                        for one in (value if isinstance(value, list) else [value])]
                value = keys if isinstance(value, list) else keys[0]
            entry['value'] = value
        result.append(entry)
    return result


def check_names(names, definitions, option):
    known = readable_fields(definitions)
    unknown = [name for name in names if name not in known]
    if unknown:
        raise InputError('%s: %s not a field of the API\'s %s model; use one of: %s.' % (
            option, ', '.join(unknown) + (' is' if len(unknown) == 1 else ' are'), MODEL, ', '.join(known)))


def list_subaccounts(client, filters=None, cols=None, order=None, sort=None, offset=0, limit=None):
    """The rows list answers (field -> what the API shows, plus `id`), filtered and sorted by the server and paged
    to the end; every name is checked against the model's definitions first."""
    check_filters(filters)
    if offset < 0 or (limit is not None and limit < 1):
        raise InputError('offset must be 0 or more and limit 1 or more')
    client.require(MODEL, 'list', 'get')
    definitions = client.definitions(MODEL)
    check_names(cols or [], definitions, 'cols')
    check_names([order] if order else [], definitions, 'order')
    rows = client.list(MODEL, filters=api_filters(filters, definitions), cols=cols, order=order, sort=sort,
                       offset=offset, limit=limit)
    return [dict(values, id=row_id) for row_id, values in rows]
