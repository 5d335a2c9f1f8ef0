# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Simulator of the model/action account API (sub-accounts), after docs/api/subaccount.md.

One JSON object per POST (any path; the module's `api_url` is the full endpoint). Actions: auth, rights,
and list / get / create / update / delete on the models `User` (the logged-in account) and `Subaccount`.
Every answer is HTTP 200 with the envelope {status, statuscode, msg, model, action, previousAction?, data};
a method other than POST gets HTTP 405.

Default login: kname `demo`, kpass `demo-password` (any integer accessType). Seeded rows, as in the seed:
Subaccount 542 `aaa` and 543 `bbb` (both Aktiv; their logins are shorter than the 6 characters the
validator now demands, so re-saving them unchanged fails with 113, exactly the seed's update error);
the next created id is 544.

Documented behaviour:
  - auth -> data.kmd; every later request sends it as `kmd`.
  - rights -> [{model, actions}]; canDelete/canSave/canSaveNew in get replies follow the rights.
  - list: filters (eql lt gt lte gte like in is isnot, fieldname `query` = any field), limit, offset,
    order, sort, cols; reply data {data: [{id, row: [{content, type}]}], head, caption, count, total}.
    Row contents are display values (intStatus shows `Aktiv`), filters compare stored keys.
  - get: ids [] = field definitions only; passwords read `%%unchanged%%` / `********`.
  - create/update reply in the get shape with action `get` and previousAction; delete replies with
    action `create` (the seed's own quirk), previousAction `delete` and the empty form (ids []).
  - validation error: statuscode 113, data {field: message}, one message per field.

Not in the reference, chosen here (all marked so a module must not depend on them, see STATUSCODES):
  - statuscodes 100 bad request, 101 login failed, 102 invalid or expired kmd, 103 right missing,
    104 unknown model or action, 105 id not found; errors other than 113 carry data [] (PHP empty array).
  - kmd lifetime 1800 s from auth (not sliding), 30 days with longlife 1; a request whose accessType
    differs from the one given at auth is refused as an invalid kmd.
  - list returns at most `default_limit` (25) rows without limit and clamps limit to `max_limit` (100).
  - update needs every required field (send `%%unchanged%%` for the password); unknown fields in
    data are ignored silently, disabled fields (User.strLogin) too; intStatus defaults to 0 on create.
  - sub-account logins are unique across sub-accounts and the account's own login (case-sensitive).
  - create failures use the seed's update message text too; get/update with several ids show a value
    only where all rows agree (else ""), and one login cannot be given to several rows.
  - `deleteinfo` appears in rights but is not implemented (104); `lang` must be an integer (the seed lists
    it without marking it optional: auth without it is a bad request) but the messages stay German.

Options (serve('subaccount', **options) or serve.py --option key=json):
  username, password          login of the account (default demo / demo-password)
  token_lifetime              seconds (1800); longlife_lifetime seconds (2592000)
  rights                      {model: [actions]} replacing the default rights of the models named
  default_limit, max_limit    list paging (25, 100)
  subaccounts                 N extra generated sub-accounts subuser001.. (for paging tests)
  statuscodes                 {name: code} overriding STATUSCODES

Controls (POST /__sim__/<name>; in-process helpers of the same names):
  set_rights {"model": "Subaccount", "actions": [...]}    revoke {"model": ..., "action": "delete"}
  expire_tokens {}                                         add_subaccount {"strLogin": ..., ...} -> {"id": n}
state() dumps the rows of both models (passwords in clear, for asserting changes), the rights and
the number of live sessions. call names are `<Model>.<action>` (e.g. `Subaccount.create`) or `auth`/`rights`.
"""

import hashlib
import json

from ._base import Response, Simulator

UNCHANGED = '%%unchanged%%'
SUCCESS_MSG = 'Erfolgreich'
VALIDATION_MSG = 'Update error, see error message. Field specific messages see response.data'

# Only 0 and 113 come from the reference; the rest are this simulator's choice (see module docstring).
STATUSCODES = {
    'bad_request': 100,
    'login_failed': 101,
    'invalid_token': 102,
    'no_right': 103,
    'unknown': 104,
    'not_found': 105,
    'validation': 113,
}

COMPARISONS = ('eql', 'lt', 'gt', 'lte', 'gte', 'like', 'in', 'is', 'isnot')
ACTIONS = ('list', 'get', 'create', 'update', 'delete')
DEFAULT_RIGHTS = {
    'User': ['get', 'list', 'update'],
    'Subaccount': ['get', 'list', 'update', 'create', 'delete', 'deleteinfo'],
}

# kind -> (type, subtype) as observed in the seed
TYPES = {'id': (2, 8), 'text': (1, 0), 'password': (1, 5), 'select': (2, 1)}


class Field:
    def __init__(self, name, display, kind, required=False, disabled=False, min_length=0,
                 max_length=None, special_chars=False, unique=False, choices=(), default=None):
        self.name = name
        self.display = display
        self.kind = kind
        self.required = required
        self.disabled = disabled
        self.min_length = min_length
        self.max_length = max_length
        self.special_chars = special_chars
        self.unique = unique
        self.choices = list(choices)  # [(key, label)] of a select list
        self.default = default  # stored when a create omits the field

    @property
    def numeric(self):
        return TYPES[self.kind][0] == 2

    def label(self, stored):
        return dict((str(key), label) for key, label in self.choices).get(stored, '')

    def problem(self, value):
        """The validation message for a submitted (string) value, or None."""
        if value == '':
            return 'Wert darf nicht leer sein' if self.required else None
        if self.kind == 'select':
            return None if value in [str(key) for key, dummy in self.choices] else 'Ungültiger Wert'
        if len(value) < self.min_length:
            return 'Wert muss mindestens %d Zeichen lang sein' % self.min_length
        if self.max_length is not None and len(value) > self.max_length:
            return 'Wert darf höchstens %d Zeichen lang sein' % self.max_length
        if self.special_chars and all(char.isalnum() for char in value):
            return 'Wert muss Sonderzeichen beinhalten'
        return None


class Model:
    def __init__(self, caption, fields, list_cols, caption_field):
        self.caption = caption
        self.fields = fields
        self.by_name = {field.name: field for field in fields}
        self.list_cols = list_cols
        self.caption_field = caption_field

    def readable(self, name):
        """A field that list may show, filter and sort on (passwords are not)."""
        field = self.by_name.get(name)
        return field if field is not None and field.kind != 'password' else None


STATUS_CHOICES = [(0, 'Inaktiv'), (1, 'Aktiv')]
MODELS = {
    'User': Model('Account', [
        Field('intID', 'ID', 'id', required=True),
        Field('strLogin', 'Nutzername', 'text', required=True, disabled=True),
        Field('strPass', 'Passwort', 'password', required=True, min_length=6, special_chars=True),
        Field('strEmail', 'E-Mail', 'text', required=True, min_length=3),
    ], ['intID', 'strLogin', 'strEmail'], 'strLogin'),
    'Subaccount': Model('User', [
        Field('intID', 'ID', 'id', required=True),
        Field('strLogin', 'Nutzername', 'text', required=True, min_length=6, unique=True),
        Field('strPass', 'Passwort', 'password', required=True, min_length=6, special_chars=True),
        Field('intStatus', 'Status', 'select', choices=STATUS_CHOICES, default='0'),
        # provider-specific extras, reachable only through a raw `fields:` dict in the modules
        Field('strComment', 'Kommentar', 'text', max_length=255),
        Field('intFtpAccess', 'FTP-Zugang', 'select', choices=[(0, 'Nein'), (1, 'Ja')], default='0'),
    ], ['intID', 'strLogin', 'intStatus'], 'strLogin'),
}


class ApiError(Exception):
    def __init__(self, kind, msg, data=None):
        super().__init__(msg)
        self.kind = kind
        self.msg = msg
        self.data = [] if data is None else data


class SubaccountSimulator(Simulator):
    name = 'subaccount'

    def seed(self):
        self.username = self.options.get('username', 'demo')
        self.token_lifetime = float(self.options.get('token_lifetime', 1800))
        self.longlife_lifetime = float(self.options.get('longlife_lifetime', 30 * 86400))
        self.default_limit = int(self.options.get('default_limit', 25))
        self.max_limit = int(self.options.get('max_limit', 100))
        self.statuscodes = dict(STATUSCODES, **self.options.get('statuscodes', {}))
        self.rights = {model: list(actions) for model, actions in DEFAULT_RIGHTS.items()}
        self.rights.update({model: list(actions) for model, actions in self.options.get('rights', {}).items()})
        self.sessions = {}  # kmd -> {'expires': t, 'access_type': n}
        self.session_counter = 0
        self.rows = {
            'User': {1: {'intID': '1', 'strLogin': self.username,
                         'strPass': self.options.get('password', 'demo-password'),
                         'strEmail': 'demo@example.com'}},
            'Subaccount': {},
        }
        self.next_id = 542
        self.add_subaccount(strLogin='aaa', strPass='aaa!pass', intStatus='1')
        self.add_subaccount(strLogin='bbb', strPass='bbb!pass', intStatus='1')
        for number in range(1, int(self.options.get('subaccounts', 0)) + 1):
            self.add_subaccount(strLogin='subuser%03d' % number, strPass='Secret!%03d' % number,
                                intStatus=str(number % 2), strComment=None if number % 3 else 'every third')

    # --- helpers for tests (also reachable as controls) -------------------------------
    def add_subaccount(self, **values):
        """Insert a row directly, bypassing validation (like data that predates today's rules)."""
        row_id = self.next_id
        self.next_id += 1
        row = {field.name: field.default for field in MODELS['Subaccount'].fields}
        row.update(values)
        row['intID'] = str(row_id)
        self.rows['Subaccount'][row_id] = row
        return row_id

    def set_rights(self, model, actions):
        self.rights[model] = list(actions)

    def revoke(self, model, action):
        self.rights[model] = [name for name in self.rights.get(model, []) if name != action]

    def expire_tokens(self):
        self.sessions.clear()

    def control(self, name, payload):
        if name == 'set_rights':
            self.set_rights(payload['model'], payload['actions'])
            return {'rights': self.rights}
        if name == 'revoke':
            self.revoke(payload['model'], payload['action'])
            return {'rights': self.rights}
        if name == 'expire_tokens':
            self.expire_tokens()
            return {'ok': True}
        if name == 'add_subaccount':
            return {'id': self.add_subaccount(**payload)}
        raise KeyError(name)

    def state(self):
        return {
            'models': {model: [dict(rows[row_id]) for row_id in sorted(rows)] for model, rows in self.rows.items()},
            'rights': {model: list(actions) for model, actions in self.rights.items()},
            'sessions': len(self.sessions),
        }

    def call_name(self, request):
        try:
            payload = request.json()
        except ValueError:
            return 'invalid'
        if not isinstance(payload, dict):
            return 'invalid'
        action = str(payload.get('action'))
        return '%s.%s' % (payload['model'], action) if payload.get('model') else action

    def is_write_call(self, call):
        return call.rpartition('.')[2] in ('create', 'update', 'delete')

    # --- wire -----------------------------------------------------------------------------
    def handle(self, request):
        if request.method != 'POST':
            return Response(405, 'Method Not Allowed', 'text/plain', {'Allow': 'POST'})
        payload = {}
        try:
            try:
                payload = request.json()
            except ValueError:
                raise ApiError('bad_request', 'Ungültige Anfrage: kein JSON')
            if not isinstance(payload, dict):
                payload = {}
                raise ApiError('bad_request', 'Ungültige Anfrage: JSON-Objekt erwartet')
            return self._reply(payload, *self._perform(payload))
        except ApiError as error:
            return self._reply(payload, error.data, code=self.statuscodes[error.kind], msg=error.msg)

    def _reply(self, payload, data, action=None, previous=None, code=0, msg=SUCCESS_MSG):
        body = {
            'status': 'Success' if code == 0 else 'Error',
            'statuscode': code,
            'msg': msg,
            'model': payload.get('model', ''),
            'action': action or payload.get('action', ''),
        }
        if previous:
            body['previousAction'] = previous
        body['data'] = data
        return Response(200, json.dumps(body))

    def _perform(self, payload):
        """(data, reply action, previousAction) of a successful request, or ApiError."""
        action = payload.get('action')
        if action == 'auth':
            return self._auth(payload), None, None
        self._check_session(payload)
        if action == 'rights':
            return [{'model': model, 'actions': list(actions)} for model, actions in self.rights.items()], None, None
        model_name = payload.get('model')
        if model_name not in MODELS or action not in ACTIONS + ('deleteinfo',):
            raise ApiError('unknown', 'Unbekanntes Modell oder unbekannte Aktion: %s/%s' % (model_name, action))
        if action not in self.rights.get(model_name, []):
            raise ApiError('no_right', 'Keine Berechtigung für %s/%s' % (model_name, action))
        if action not in ACTIONS:
            raise ApiError('unknown', 'Aktion nicht verfügbar: %s' % action)
        model = MODELS[model_name]
        if action == 'list':
            return self._list(model, payload), None, None
        if action == 'get':
            return self._form(model_name, self._ids(model_name, payload)), None, None
        if action == 'create':
            return self._create(model_name, payload), 'get', 'create'
        if action == 'update':
            return self._update(model_name, payload), 'get', 'update'
        return self._delete(model_name, payload), 'create', 'delete'

    # --- auth ------------------------------------------------------------------------------
    def _auth(self, payload):
        access_type = payload.get('accessType')
        if not isinstance(access_type, int) or isinstance(access_type, bool):
            raise ApiError('bad_request', 'Ungültige Anfrage: accessType fehlt')
        lang = payload.get('lang')
        if not isinstance(lang, int) or isinstance(lang, bool):
            raise ApiError('bad_request', 'Ungültige Anfrage: lang fehlt')
        account = self.rows['User'][1]
        if payload.get('kname') != account['strLogin'] or payload.get('kpass') != account['strPass']:
            raise ApiError('login_failed', 'Anmeldung fehlgeschlagen')
        lifetime = self.longlife_lifetime if payload.get('longlife') in (1, '1', True) else self.token_lifetime
        self.session_counter += 1
        token = hashlib.sha256(('kmd-%d' % self.session_counter).encode()).hexdigest()[:32]
        self.sessions[token] = {'expires': self.clock.now() + lifetime, 'access_type': access_type}
        return {'kmd': token}

    def _check_session(self, payload):
        token = payload.get('kmd')
        session = self.sessions.get(token) if isinstance(token, str) else None
        if session is not None and session['expires'] <= self.clock.now():
            del self.sessions[token]
            session = None
        if session is None:
            raise ApiError('invalid_token', 'Ungültiger oder abgelaufener Token (kmd)')
        if 'accessType' in payload and payload['accessType'] != session['access_type']:
            raise ApiError('invalid_token', 'Token gilt nicht für accessType %r' % (payload['accessType'],))

    # --- list ------------------------------------------------------------------------------
    def _list(self, model, payload):
        cols = payload.get('cols') or model.list_cols
        if not isinstance(cols, list):
            raise ApiError('bad_request', 'cols muss eine Liste sein')
        columns = [self._readable(model, name) for name in cols]
        filters = payload.get('filters') or []
        if not isinstance(filters, list):
            raise ApiError('bad_request', 'filters muss eine Liste sein')
        tests = [self._filter(model, item) for item in filters]
        order = self._readable(model, payload.get('order') or 'intID')
        sort = payload.get('sort') or 'asc'
        if sort not in ('asc', 'desc'):
            raise ApiError('bad_request', 'sort muss asc oder desc sein')
        limit = self._count(payload, 'limit', self.default_limit)
        offset = self._count(payload, 'offset', 0)

        rows = [row for row in self.rows[payload['model']].values() if all(test(row) for test in tests)]
        rows.sort(key=lambda row: int(row['intID']))  # ties keep id order in both directions
        rows.sort(key=lambda row: _sort_key(order, row[order.name]), reverse=(sort == 'desc'))
        page = rows[offset:offset + min(limit, self.max_limit)]
        return {
            'data': [{'id': row['intID'],
                      'row': [{'content': _display(field, row[field.name]), 'type': 'string'} for field in columns]}
                     for row in page],
            'head': [{'headlineType': 'string', 'headline': field.display, 'colsort': False, 'colorder': field.name}
                     for field in columns],
            'caption': model.caption,
            'count': len(page),
            'total': len(rows),
        }

    @staticmethod
    def _readable(model, name):
        field = model.readable(name) if isinstance(name, str) else None
        if field is None:
            raise ApiError('bad_request', 'Unbekanntes Feld: %s' % (name,))
        return field

    @staticmethod
    def _count(payload, key, default):
        value = payload.get(key, default)
        if isinstance(value, str) and value.isdigit():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ApiError('bad_request', '%s muss eine nicht negative Zahl sein' % key)
        return value

    def _filter(self, model, item):
        """A predicate over stored rows for one filter item (validated up front)."""
        if not isinstance(item, dict) or 'fieldname' not in item:
            raise ApiError('bad_request', 'Filter braucht fieldname')
        comparison = item.get('comparison', 'eql')
        if comparison not in COMPARISONS:
            raise ApiError('bad_request', 'Unbekannter Vergleich: %s' % (comparison,))
        value = item.get('value')
        if comparison == 'in' and not isinstance(value, list):
            raise ApiError('bad_request', 'Vergleich in braucht eine Liste als value')
        if item['fieldname'] == 'query':
            fields = [field for field in model.fields if field.kind != 'password']
            return lambda row: any(_compare(field, row[field.name], comparison, value) for field in fields)
        field = self._readable(model, item['fieldname'])
        return lambda row: _compare(field, row[field.name], comparison, value, search_labels=False)

    # --- get / create / update / delete ---------------------------------------------------------
    def _ids(self, model_name, payload):
        ids = payload.get('ids')
        if not isinstance(ids, list):
            raise ApiError('bad_request', 'ids muss eine Liste sein')
        found = []
        for raw in ids:
            row_id = int(raw) if isinstance(raw, (int, str)) and str(raw).isdigit() else None
            if row_id not in self.rows[model_name]:
                raise ApiError('not_found', 'Eintrag %s nicht gefunden' % (raw,))
            found.append(row_id)
        return found

    def _form(self, model_name, ids):
        model = MODELS[model_name]
        rows = [self.rows[model_name][row_id] for row_id in ids]
        caption = model.caption
        if len(rows) == 1:
            caption += ': %s' % rows[0][model.caption_field]
        rights = self.rights.get(model_name, [])
        return {
            'fields': [_definition(field, rows) for field in model.fields],
            'caption': caption,
            'groups': [],
            'subgroups': [],
            'ids': ids,
            'canDelete': 'delete' in rights,
            'canSave': 'update' in rights,
            'canSaveNew': 'create' in rights,
        }

    def _submitted(self, payload):
        data = payload.get('data')
        if not isinstance(data, dict):
            raise ApiError('bad_request', 'data muss ein Objekt sein')
        return data

    def _validate(self, model_name, data, row_id=None):
        """Stored values a create (row_id None) or update would write, or ApiError 113 per field."""
        model = MODELS[model_name]
        changes, errors = {}, {}
        for field in model.fields:
            if field.kind == 'id' or field.disabled:
                continue
            if field.name not in data or (field.kind == 'password' and data[field.name] == UNCHANGED):
                if field.required and (row_id is None or field.name not in data):
                    errors[field.name] = 'Wert darf nicht leer sein'
                elif row_id is None:
                    changes[field.name] = field.default
                continue
            raw = data[field.name]
            value = '' if raw is None else str(raw)
            problem = field.problem(value)
            if problem is None and field.unique and self._taken(model_name, field.name, value, row_id):
                problem = 'Wert ist bereits vergeben'
            if problem:
                errors[field.name] = problem
            else:
                changes[field.name] = value
        if errors:
            raise ApiError('validation', VALIDATION_MSG, errors)
        return changes

    def _taken(self, model_name, name, value, own_id):
        if name == 'strLogin' and value == self.rows['User'][1]['strLogin']:
            return True
        return any(row[name] == value for row_id, row in self.rows[model_name].items() if row_id != own_id)

    def _create(self, model_name, payload):
        values = self._validate(model_name, self._submitted(payload))
        row_id = self.next_id
        self.next_id += 1
        self.rows[model_name][row_id] = dict(values, intID=str(row_id))
        self.record_write('%s.create' % model_name)
        return self._form(model_name, [row_id])

    def _update(self, model_name, payload):
        ids = self._ids(model_name, payload)
        if not ids:
            raise ApiError('bad_request', 'ids darf nicht leer sein')
        data = self._submitted(payload)
        # validate every row first so a failure leaves all of them untouched
        changes = [self._validate(model_name, data, row_id) for row_id in ids]
        if len(ids) > 1 and any(MODELS[model_name].by_name[name].unique for name in changes[0]):
            raise ApiError('validation', VALIDATION_MSG,
                           {name: 'Wert ist bereits vergeben' for name in changes[0]
                            if MODELS[model_name].by_name[name].unique})
        for row_id, values in zip(ids, changes):
            self.rows[model_name][row_id].update(values)
        self.record_write('%s.update' % model_name)
        return self._form(model_name, ids)

    def _delete(self, model_name, payload):
        ids = self._ids(model_name, payload)
        if not ids:
            raise ApiError('bad_request', 'ids darf nicht leer sein')
        for row_id in ids:
            del self.rows[model_name][row_id]
        self.record_write('%s.delete' % model_name)
        return self._form(model_name, [])


def _display(field, stored):
    if field.kind == 'password':
        return '********'
    if stored is None:
        return ''
    return field.label(stored) if field.kind == 'select' else stored


def _definition(field, rows):
    """One entry of get's data.fields; several rows show a value only where they all agree."""
    values = {row[field.name] for row in rows}
    stored = values.pop() if len(values) == 1 else ''
    if field.kind == 'password':
        value, display = (UNCHANGED, '********') if rows else ('', '')
    elif field.kind == 'id':
        value, display = stored, ''  # the seed shows an empty displayvalue for the id
    else:
        value, display = stored, _display(field, stored)
    type_, subtype = TYPES[field.kind]
    return {
        'fieldname': field.name,
        'displayname': field.display,
        'type': type_,
        'subtype': subtype,
        'required': field.required,
        'defaultvalue': None,
        'disabled': field.disabled,
        'infotext': False,
        'value': value,
        'displayvalue': display,
        'listkeys': [key for key, dummy in field.choices],
        'listvalues': [label for dummy, label in field.choices],
    }


def _sort_key(field, stored):
    """Numbers order numerically; NULL sorts first, as in SQL ascending order."""
    if stored is None:
        return (0, 0, '')
    if field.numeric and stored.lstrip('-').isdigit():
        return (1, int(stored), '')
    return (1, 0, stored)


def _compare(field, stored, comparison, value, search_labels=True):
    if comparison == 'is':
        return stored is None
    if comparison == 'isnot':
        return stored is not None
    if stored is None:  # NULL matches no other comparison
        return False
    candidates = [stored]
    if search_labels and field.kind == 'select':
        candidates.append(field.label(stored))
    return any(_compare_value(field, candidate, comparison, value) for candidate in candidates)


def _compare_value(field, stored, comparison, value):
    if comparison == 'in':
        return any(_compare_value(field, stored, 'eql', item) for item in value)
    if comparison == 'like':
        return str(value).lower() in stored.lower()
    left, right = stored, '' if value is None else str(value)
    if field.numeric and _is_int(left) and _is_int(right):
        left, right = int(left), int(right)
    return {
        'eql': left == right,
        'lt': left < right,
        'gt': left > right,
        'lte': left <= right,
        'gte': left >= right,
    }[comparison]


def _is_int(text):
    return text.lstrip('-').isdigit()


SIMULATOR = SubaccountSimulator
