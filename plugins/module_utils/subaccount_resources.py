# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""The Subaccount model as the modules manage it, and its listing.

Facts: docs/api/subaccount.md. The API describes each model's fields itself (get with ids [] answers the
definitions: type, required, disabled, select-list keys and labels); the resource reads them on every run and
checks the task against them before anything is written.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from . import _engine as engine
from ._engine import InputError
from ._transport import ApiError
from .subaccount import UNCHANGED, ValidationError, as_id

MODEL = 'Subaccount'
ID, LOGIN, PASSWORD, STATUS = 'intID', 'strLogin', 'strPass', 'intStatus'
OPTIONS = {ID: 'id', LOGIN: 'login', PASSWORD: 'password', STATUS: 'status'}  # documented field -> option
COMPARISONS = ('eql', 'lt', 'gt', 'lte', 'gte', 'like', 'in', 'is', 'isnot')  # of the list action's filters
# (type, subtype) pairs observed in the seed
PASSWORD_TYPE = (1, 5)
SELECT_TYPE = (2, 1)


def field_type(definition):
    return definition.get('type'), definition.get('subtype')


def choices(definition):
    """[(key as text, label)] of a select-list field definition."""
    keys, labels = definition.get('listkeys') or [], definition.get('listvalues') or []
    return [(str(key), str(label)) for key, label in zip(keys, labels)]


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


class RawFields(engine.ValueType):
    """The `fields` option: provider-specific API field -> value, each as the text the API stores."""

    def from_user(self, value):
        if not isinstance(value, dict):
            raise InputError('must be a dict of API field names and values')
        return dict((str(name), to_text(item, 'fields.%s' % name)) for name, item in value.items())


class Subaccount(engine.Resource):
    kind = 'sub-account'
    result_key = 'subaccount'
    id_key = 'id'
    fields = (
        engine.Field('id', value_type=engine.Integer(), virtual=True),
        engine.Field('login', api=LOGIN, value_type=engine.Text(identifier=True)),
        engine.Field('password', api=PASSWORD, secret=True),
        # both need the field definitions of the read: resolve() turns them into what the API stores
        engine.Field('status', value_type=engine.Text(), virtual=True),
        engine.Field('fields', value_type=RawFields(), virtual=True),
    )

    def __init__(self, connection, params, check_mode=False):
        super(Subaccount, self).__init__(connection, params, check_mode)
        self.definitions = None  # fieldname -> definition, from the get of read()
        connection.transport.add_secret(params.get('password'))

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
        row_id = self._find()
        present = self.params['state'] == 'present'
        if row_id is None:
            if not present:
                return None
            if self.params.get('id') is not None:
                raise InputError('There is no sub-account with id %d; to create one, give its login without an id.'
                                 % self.params['id'])
        # an existing row's form holds its values and the definitions; ids [] the definitions for a create
        form = self.connection.get(MODEL, [row_id] if row_id is not None else [])
        self.definitions = dict((item['fieldname'], item) for item in form['fields'])
        if row_id is None:
            return None
        return dict((name, item.get('value')) for name, item in self.definitions.items())

    def _check_right(self, action):
        """Check mode, which sends no write, asks for the right a real run's write needs (a real run learns a
        missing right from the server's refusal, at no cost when the right is there)."""
        if self.check_mode:
            self.connection.require(MODEL, action)

    def _find(self):
        """The id of the sub-account named by `id` or else `login`, or None."""
        if self.params.get('id') is not None:
            wanted, field, value = self.params['id'], ID, self.params['id']
        else:
            wanted, field, value = self.params['login'], LOGIN, self.params['login']
        rows = self.connection.list(MODEL, filters=[{'fieldname': field, 'comparison': 'eql', 'value': value}],
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
        # once the input is known to be good: the right the planned create or delete needs
        if raw is None and self.params['state'] == 'present':
            self._check_required(desired)
            self._check_right('create')
        elif raw is not None and self.params['state'] == 'absent':
            self._check_right('delete')

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
                   if definition.get('required') and not definition.get('disabled')
                   if name != ID and OPTIONS.get(name, name) not in given]
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
        self._check_right('update')  # only now is it known that an update is due
        # the whole form, as in the seed's update: the API may insist on every required field
        payload = dict((name, value) for name, value in raw.items()
                       if value is not None and not self.definitions[name].get('disabled'))
        payload.update((name, UNCHANGED) for name, definition in self.definitions.items()
                       if field_type(definition) == PASSWORD_TYPE)
        payload.update(self._stored_values(changes))
        return payload

    def create(self, payload):
        self.new_id = self._write(self.connection.create, MODEL, payload)

    def update(self, raw, payload):
        self._write(self.connection.update, MODEL, [as_id(raw[ID])], payload)

    def delete(self, raw):
        self.connection.delete(MODEL, [as_id(raw[ID])])

    def _write(self, method, *args):
        try:
            return method(*args)
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


def list_options():
    """The argument spec of subaccount_info: what list_subaccounts() takes."""
    return dict(
        filters=dict(type='list', elements='dict', default=[], options=dict(
            field=dict(type='str', required=True),
            comparison=dict(type='str', default='eql', choices=list(COMPARISONS)),
            value=dict(type='raw'),
        )),
        cols=dict(type='list', elements='str'),
        order=dict(type='str'),
        sort=dict(type='str', choices=['asc', 'desc']),
        offset=dict(type='int', default=0),
        limit=dict(type='int'),
    )


def list_subaccounts(connection, filters=None, cols=None, order=None, sort=None, offset=0, limit=None):
    """The rows list answers (field -> what the API shows, plus `id`), filtered and sorted by the server and paged
    to the end; every name is checked against the model's definitions first."""
    check_filters(filters)
    if offset < 0 or (limit is not None and limit < 1):
        raise InputError('offset must be 0 or more and limit 1 or more')
    definitions = connection.definitions(MODEL)
    check_names(cols or [], definitions, 'cols')
    check_names([order] if order else [], definitions, 'order')
    rows = connection.list(MODEL, filters=api_filters(filters, definitions), cols=cols, order=order, sort=sort,
                           offset=offset, limit=limit)
    return [dict(values, id=row_id) for row_id, values in rows]
