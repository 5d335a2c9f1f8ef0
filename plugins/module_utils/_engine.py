# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""The idempotent resource engine shared by every module.

read -> normalise -> compare -> write (skipped in check mode) -> diff -> result. A module describes its
resource with a table of Fields and a Resource subclass (how to read, create, update and delete one object);
`run()` does the rest, and is the one place where API errors become `fail_json`. A module's task runs through
`converge()`, with or without AnsibleModule (the end of this file).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
from collections import namedtuple

from ansible.module_utils.basic import AnsibleModule

from . import _lock
from ._transport import TransportError
from ._units import BIGINT_MAX, to_bytes, with_unit

HIDDEN = '<hidden>'
_UNREAD = object()  # a bulk task's list read has not answered for the object
HIDDEN_CHANGED = '<hidden, changed>'


class InputError(ValueError):
    """Bad input, found before any request is sent."""


# C0 and C1 controls and the Unicode line separators: never part of a name, a login or an address
CONTROL_CHARACTERS = re.compile(u'[\x00-\x1f\x7f-\x9f\u2028\u2029]')


# --- value types: normalise the user's value and the API's value to one comparable form -------------

class ValueType:
    """Plain value: compared as given."""

    def from_user(self, value):
        return value

    def from_api(self, raw):
        return raw

    def to_api(self, value):
        return value

    def shown(self, value):
        """The value as a diff shows it (the result keeps the value itself)."""
        return value


class Text(ValueType):
    """Text; an `identifier` (a login, a user name) may not hold control characters such as a line break."""

    def __init__(self, lower=False, empty_is_none=False, identifier=False):
        self.lower = lower
        self.empty_is_none = empty_is_none
        self.identifier = identifier

    def from_user(self, value):
        text = self._text(value)
        if self.identifier and CONTROL_CHARACTERS.search(text):
            raise InputError('%r holds a control character (such as a line break), which no name may hold' % text)
        return text

    def _text(self, value):
        value = '' if value is None else str(value)
        return value.lower() if self.lower else value

    def from_api(self, raw):
        if raw is None or (self.empty_is_none and raw == ''):
            return '' if self.empty_is_none else None
        return self._text(raw)


class Flag(ValueType):
    """A boolean stored as two spellings (ISPConfig y/n, Easy-WI Y/N, 1/0 ...)."""

    def __init__(self, true='y', false='n', invert=False):
        self.true = true
        self.false = false
        self.invert = invert

    def from_user(self, value):
        return bool(value)

    def from_api(self, raw):
        value = str(raw).lower() == str(self.true).lower()
        return not value if self.invert else value

    def to_api(self, value):
        return self.true if bool(value) != self.invert else self.false


class Integer(ValueType):
    def from_user(self, value):
        try:
            number = int(value)
            if isinstance(value, float) and number != value:
                raise ValueError(value)  # int() would silently drop the fraction
            return number
        except (TypeError, ValueError, OverflowError):
            raise InputError('%r is not a whole number' % (value,))

    def from_api(self, raw):
        return None if raw in (None, '') else int(raw)

    def to_api(self, value):
        return str(value)


class Size(Integer):
    """Bytes; the user may write "2 GiB", "500 MB" (units count in 1024s), "unlimited" (-> `unlimited`).

    A number without a unit counts in `bare_unit` bytes (the unit the provider's panel shows); a size must be
    a whole number of `step` bytes (`step_name` in messages) and at most `maximum` bytes (what the API's column
    holds), both checked before anything is sent.
    """

    def __init__(self, unlimited=0, bare_unit=1, step=1, step_name='byte', maximum=BIGINT_MAX):
        self.unlimited = unlimited
        self.bare_unit = bare_unit
        self.step = step
        self.step_name = step_name
        self.maximum = maximum

    def from_user(self, value):
        try:
            size = to_bytes(value, unlimited_value=self.unlimited, bare_unit=self.bare_unit, maximum=None)
        except ValueError as exc:
            raise InputError(str(exc))
        if size == self.unlimited:
            return size
        if size % self.step:
            raise InputError('%r is %d bytes, not a whole number of %s (1 %s = %d bytes), which is all the panel '
                             'can show and save' % (value, size, self.step_name, self.step_name, self.step))
        if size > self.maximum:
            raise InputError('%r is more than the API can store: at most %d %s' % (
                value, self.maximum // self.step, self.step_name + ('s' if self.step == 1 else '')))
        return size

    def shown(self, value):
        return with_unit(value, self.unlimited) if isinstance(value, int) and not isinstance(value, bool) else value


class TextList(ValueType):
    """A list kept by the API as one separated string."""

    def __init__(self, separator=',', lower=False, ordered=True):
        self.separator = separator
        self.lower = lower
        self.ordered = ordered

    def from_user(self, value):
        items = [str(v).strip() for v in value or [] if str(v).strip()]
        items = [v.lower() for v in items] if self.lower else items
        return items if self.ordered else sorted(set(items))

    def from_api(self, raw):
        return self.from_user(re.split(r'[,\s]+', raw or '') if raw else [])

    def to_api(self, value):
        return self.separator.join(value)


class Field:
    """One option of a resource and the API field behind it."""

    def __init__(self, option, api=None, value_type=None, default=None, secret=False, virtual=False):
        self.option = option
        # a virtual field is compared like the others but written by the resource itself (owners, parents)
        self.api = None if virtual else api or option
        self.value_type = value_type or ValueType()
        self.default = default  # sent on create when the user gave nothing (API defaults are often wrong)
        self.secret = secret


def field_values(fields, raw):
    """An API record as option -> comparable value of every non-secret field with an API field: what a
    resource reports (and an info module lists) of it."""
    return dict((f.option, f.value_type.from_api(raw.get(f.api))) for f in fields if f.api and not f.secret)


# --- the resource contract ----------------------------------------------------------------------------

class Resource:
    """One object of an API, as a module manages it: the contract between a resource and the engine.

    A subclass sets `kind`, `result_key` and `fields`, and implements the hooks below that its API needs; the
    ones without a default (describe, read, create, update, delete) every resource implements. One run of
    `plan()` calls them in this order, reading only:

        desired = the options as normalised values (fields' value types)
        validate(desired)                   cross-field checks, before any request
        raw = read()                        the API's record, or None when the object does not exist
        resolve(desired, raw)               what only the read tells (choices, definitions)
        before = normalise(raw)
        create: after = field defaults + desired + create_defaults(after);
                payload = the field table's API values of `after` + create_payload(after)
        update: after = before + the changed options;
                payload = the changed API fields (+ secrets) + update_payload(raw, changes)

    then the engine writes (never in check mode) with create(payload), update(raw, payload) or delete(raw),
    calls settle(action, after) and reports result_extras(action); once the task's writes are done it calls
    finish(written), also when unfinished() says an earlier task left it undone. Bulk tasks call
    check_write(action, payload) for every planned write before the first one is sent.

    A hook raises InputError for bad input (one sentence, nothing sent) and lets the connection's TransportError /
    ApiError through; `run()` turns both into one fail_json. Warnings go to `self.warnings`.
    """

    kind = 'object'  # what the object is called in messages ("mailbox")
    result_key = 'object'  # the result key that holds the object ("mail_user")
    fields = ()  # the Field table: option -> API field, value type, default, secret

    # The result key of the id the API gives a new object (its row id), None when the object has no id beyond the
    # task's own name. A real create reports it as a repeat run does: create() keeps it in `new_id` when the API's
    # answer holds it, else the engine reads the new object back for it.
    id_key = None

    # A resource that a bulk module manages (run_bulk) also sets `identity_option`, the option that names one
    # object (its address), and implements identity(), parent() and list_records(); its read() looks the object
    # up with lookup(), which a bulk task answers from the list read of its parent.
    identity_option = None

    def __init__(self, connection, params, check_mode=False):
        """
        @param connection: the API's connection (ispconfig.IspconfigConnection ...)
        @param params: the module's options for this object (a bulk module: one item, with the task's
                       update_password filled in)
        @param check_mode: True when nothing may be written; hooks use it only to warn instead of failing where
                           an earlier task of the same play may create what is missing (a parent)
        """
        self.connection = connection
        self.params = params
        self.check_mode = check_mode
        self.warnings = []  # e.g. a parent that check mode assumes an earlier task creates
        self.shared = {}  # reads every object of one task may need (a parent's row): a bulk task shares one dict
        self.prefetched = _UNREAD  # the record a bulk task's list read found for this object (None: absent)
        self.new_id = None  # the id (id_key) the API's answer to create() gave the new object

    def describe(self):
        """
        @return: the object's identity for messages, e.g. "mailbox alice@example.com"
        """
        raise NotImplementedError

    def validate(self, desired):
        """Cross-field checks of the input, before any request.

        @param desired: option -> normalised value of every option the task sets (secrets left out); the hook
                        may complete or rewrite values (e.g. check and convert a dict option)
        @raise InputError: for bad input
        """

    def read(self):
        """Read the object (and what a write of it needs: parents, definitions); never writes.

        @return: the API's raw record (a dict) or None when the API's documented not-found answer says the
                 object does not exist; any other odd answer raises, never None
        @raise InputError: for input only the read shows to be bad (a create without a required option)
        """
        raise NotImplementedError

    def resolve(self, desired, raw):
        """Finish `desired` with what only the read tells (choices or fields the API defines).

        Called right after read(), in check mode too, so what the server defines fails before any write.

        @param desired: as for validate(); the hook may change it in place
        @param raw: what read() returned
        @raise InputError: for a value the server's definitions refuse
        """

    def normalise(self, raw):
        """The API record as the module reports and compares it.

        @param raw: a record read() returned
        @return: option -> comparable value of every non-secret field with an API field; a subclass adds ids
                 and what it reports beyond the table
        """
        return field_values(self.fields, raw)

    def password_matches(self, raw, password):
        """Whether the stored secret equals `password` (update_password=always sends only one that differs).

        @return: True or False when the API exposes something to compare with (a crypt hash, the clear text);
                 None when it cannot be compared (then update_password=always sends it on every run)
        """
        return None

    def create_defaults(self, after):
        """Values a new object gets that depend on other values or on the read: a login that defaults to the
        address, the server of the parent domain, a limit computed from another.

        @param after: the predicted state of the new object (field defaults and the task's values)
        @return: option -> value for options `after` leaves unset; the engine adds them to `after` (so the
                 result and check mode report them) and sends those with an API field like any other value
        """
        return {}

    def create_payload(self, after):
        """Extra API fields a create sends beyond the field table: constants the panel's form posts, parents,
        write-only options. It must not change `after` (create_defaults() is for what the result reports).

        @param after: the predicted state of the new object
        @return: API field -> API value; the field table's values win where both name a field
        """
        return {}

    def update_payload(self, raw, changes):
        """Extra API fields an update sends beyond the changed ones (a field the API wants in the same call).

        @param raw: the record read() returned
        @param changes: option -> new value of every option that differs
        @return: API field -> API value; the changed fields win where both name a field
        """
        return {}

    def check_write(self, action, payload):
        """Refuse a planned write the server would refuse (a bulk task calls it for every planned write before
        the first is sent, in check mode too, so a bad item fails the list with nothing written).

        @param action: 'create', 'update' or 'delete'
        @param payload: the API fields the write would send
        @raise InputError: naming why
        """

    def create(self, payload):
        """Create the object.

        @param payload: API field -> API value (the field table's values of `after`, plus create_payload())
        @raise TransportError: with maybe_applied=True when the answer was lost: the engine re-reads
        """
        raise NotImplementedError

    def update(self, raw, payload):
        """Change the object.

        @param raw: the record read() returned
        @param payload: the changed API fields (and secrets), plus update_payload()
        """
        raise NotImplementedError

    def delete(self, raw):
        """Delete the object.

        @param raw: the record read() returned
        """
        raise NotImplementedError

    def settle(self, action, after):
        """After a real write: the state it really left when the API may have ignored part of it or assigned
        values (a re-read, an id the create answered).

        @param action: the write that was made
        @param after: the predicted state
        @return: the state to report, or None when `after` holds; the engine reports an update as a change only
                 when the settled state differs from the one before
        """
        return None

    def finish(self, written):
        """Once the writes of a task are done (never in check mode, never when nothing was written): the write the
        API needs once for all the objects of one parent that the task wrote, such as a DNS zone's serial. A
        single-object task calls it with [self]; a bulk task once per parent, on the first object it wrote there.

        @param written: the resources of this object's parent that the task wrote, in order
        @raise TransportError: the engine reports the task as changed (the writes before it took effect)
        """

    def unfinished(self):
        """After read(): whether an earlier task wrote to this object's parent but its finish() failed (a DNS zone
        whose serial was not raised after its records were written), which the read shows. The engine then calls
        finish() even when this task writes nothing, and reports a change (check mode too, writing nothing).

        @return: bool
        """
        return False

    def result_extras(self, action):
        """Extra top-level result keys for the planned `action` (e.g. a job the server still has to run).

        Called after the write, and in check mode instead of it, so both report the same.

        @param action: None, 'create', 'update' or 'delete'
        @return: dict of result keys
        """
        return {}

    # --- bulk tasks (run_bulk) --------------------------------------------------------------------------

    def identity(self):
        """
        @return: the name the API's list knows the object by (its address), unique in one bulk task
        """
        raise NotImplementedError

    def parent(self):
        """
        @return: what one list read covers (the object's domain); a bulk task reads each parent once
        """
        raise NotImplementedError

    @classmethod
    def list_records(cls, connection, parent):
        """Read every object of `parent` with one request.

        @return: identity -> [raw records] (several are duplicates, which the object's own lookup reports),
                 or None when the list cannot decide (each object then looks itself up and explains why)
        """
        raise NotImplementedError

    @classmethod
    def list_parent(cls, connection, parent, shared):
        """The list read a bulk task makes for `parent`: list_records(), unless a resource also keeps what the read
        learnt about the parent itself (its row) in `shared`, the dict every object of the task shares as
        self.shared.

        @return: as list_records()
        """
        return cls.list_records(connection, parent)

    @classmethod
    def purge_params(cls, identity, parent):
        """The options of an object of `parent` that a bulk task with purge deletes because no item names it.

        @param identity: the object's name in the list read (a key of list_records())
        @return: the params of a resource with state absent, or None to leave the object alone (one the parent
                 itself needs)
        """
        return {cls.identity_option: identity, 'state': 'absent'}

    def find_record(self):
        """The object's raw record read from the API, or None: the lookup read() makes through lookup()."""
        raise NotImplementedError

    def lookup(self):
        """find_record(), answered once from a bulk task's list read when it has one for this object; a later
        lookup (the re-read after a lost answer, settle) asks the API again."""
        if self.prefetched is _UNREAD:
            return self.find_record()
        record, self.prefetched = self.prefetched, _UNREAD
        return record


# --- options -------------------------------------------------------------------------------------------

def update_password_option(comparable):
    """The `update_password` option, the same name and meaning in every module that sets a password.

    Its default is the idempotent choice: `always` where the API exposes something the stored secret can be
    compared with (password_matches() answers True or False), else `on_create`, because `always` would then
    send the password and report a change on every run.
    """
    return dict(type='str', default='always' if comparable else 'on_create', choices=['always', 'on_create'],
                no_log=False)


# --- the engine -------------------------------------------------------------------------------------

def desired_values(resource, params):
    """Normalised option -> value for every option the user set (None means "leave as it is")."""
    desired = {}
    for field in resource.fields:
        value = params.get(field.option)
        if value is None or field.secret:
            continue
        try:
            desired[field.option] = field.value_type.from_user(value)
        except InputError as exc:
            raise InputError('%s: %s' % (field.option, exc))
    return desired


def _secret_fields(resource):
    return [f for f in resource.fields if f.secret]


def _mask(state, secrets):
    if state is None:
        return {}
    masked = dict(state)
    for option, changed in secrets.items():
        masked[option] = HIDDEN_CHANGED if changed else HIDDEN
    return masked


class Plan(namedtuple('Plan', 'action raw before after payload secrets')):
    """What a run would do, as plan() found it by reading only.

    action: None (nothing to do), 'create', 'update' or 'delete'
    raw: the record read() returned (None when the object does not exist)
    before: the normalised state before (None when the object does not exist)
    after: the predicted state after (None after a delete)
    payload: API field -> API value the write sends
    secrets: option -> whether the write changes that secret (for the diff's masks)
    """


def plan(resource, params, state):
    """What a run would do (a Plan). Reads, never writes."""
    desired = desired_values(resource, params)
    resource.validate(desired)
    raw = resource.read()
    resource.resolve(desired, raw)
    before = resource.normalise(raw) if raw is not None else None
    if state == 'absent':
        return Plan('delete' if raw is not None else None, raw, before, None, {}, {})
    update_password = params.get('update_password', 'always')
    secrets_changed = {}
    payload = {}
    if raw is None:
        after = dict((f.option, f.value_type.from_user(f.default))
                     for f in resource.fields if not f.secret and f.default is not None)
        after.update(desired)
        after.update((option, value) for option, value in resource.create_defaults(dict(after)).items()
                     if after.get(option) is None)
        for field in resource.fields:
            if field.secret:
                if params.get(field.option) is not None:
                    payload[field.api] = params[field.option]
                    secrets_changed[field.option] = True
            elif field.api and after.get(field.option) is not None:
                payload[field.api] = field.value_type.to_api(after[field.option])
        payload = dict(resource.create_payload(dict(after)), **payload)
        return Plan('create', None, None, after, payload, secrets_changed)
    changes = dict((k, v) for k, v in desired.items() if before.get(k) != v)
    for field in _secret_fields(resource):
        wanted = params.get(field.option)
        if wanted is None:
            continue
        if update_password == 'on_create':
            secrets_changed[field.option] = False
        else:
            # Unknown (None) counts as different: the API cannot tell, so `always` sends it.
            secrets_changed[field.option] = resource.password_matches(raw, wanted) is not True
        if secrets_changed[field.option]:
            payload[field.api] = wanted
    by_option = dict((f.option, f) for f in resource.fields)
    for option, value in changes.items():
        if by_option[option].api:
            payload[by_option[option].api] = by_option[option].value_type.to_api(value)
    after = dict(before)
    after.update(changes)
    if not payload and not changes:
        return Plan(None, raw, before, after, {}, secrets_changed)
    payload = dict(resource.update_payload(raw, changes), **payload)
    return Plan('update', raw, before, after, payload, secrets_changed)


def _write(resource, action, raw, payload):
    if action == 'create':
        resource.create(payload)
    elif action == 'update':
        resource.update(raw, payload)
    elif action == 'delete':
        resource.delete(raw)


def _after_lost_reply(resource, planned):
    """After a write whose answer was lost, re-read instead of sending it again: 'converged' when it took effect,
    'untouched' when the object is as it was before, else 'partial'. A failed re-read raises."""
    raw = resource.read()
    if raw is None:
        return dict(create='untouched', update='partial', delete='converged')[planned.action]
    now = resource.normalise(raw)
    if planned.action == 'delete':
        return 'untouched' if now == planned.before else 'partial'
    # a secret the write set counts when the stored one can be compared (a password-only update has nothing else)
    secrets = [resource.password_matches(raw, resource.params[option])
               for option, changed in planned.secrets.items() if changed]
    # fields the API never returns (write-only) cannot be checked
    if False not in secrets and all(now.get(k) == v for k, v in planned.after.items() if k in now):
        return 'converged'
    if planned.action == 'update' and now == planned.before and all(match is False for match in secrets):
        return 'untouched'
    return 'partial'


def _write_checked(resource, planned):
    """Write; when the answer is lost, re-read to learn whether it took effect instead of sending it again.

    The error of a write that did not converge says maybe_applied unless the re-read shows the object untouched:
    when it shows part of the write, or fails too (the server died)."""
    action = planned.action
    try:
        _write(resource, action, planned.raw, planned.payload)
    except TransportError as exc:
        if not exc.maybe_applied:
            raise
        try:
            outcome = _after_lost_reply(resource, planned)
            doubt = 'may have been applied in part'
        except TransportError as reread:
            outcome = 'unknown'
            doubt = 'may have been applied; the re-read to check it failed too (%s)' % reread.message.rstrip('.')
        if outcome != 'converged':
            error = TransportError(
                '%s The %s of %s %s: check it before running again.' % (
                    exc.message, action, resource.describe(), doubt),
                call=exc.call, status=exc.status, code=exc.code, api_message=exc.api_message,
                maybe_applied=outcome != 'untouched')
            error.written = getattr(exc, 'written', False)  # an earlier call of the same write took effect
            raise error
        resource.warnings.append('The answer to the %s of %s was lost, but a re-read shows it took effect.' % (
            action, resource.describe()))


def _shown(resource, state):
    """A state as the diff shows it: each value as its field's value type shows it (a size with its unit)."""
    value_types = dict((field.option, field.value_type) for field in resource.fields)
    return dict((option, value_types[option].shown(value) if option in value_types and value is not None else value)
                for option, value in state.items())


def _diff(resource, before, after, secrets):
    return dict(before=_mask(before and _shown(resource, before), dict((k, False) for k in secrets) if before else {}),
                after=_mask(after and _shown(resource, after), secrets))


def _finish(first, written):
    """finish() of the objects a task wrote (none when it finishes an earlier task's writes); a failure there
    still reports the task as changed when it wrote."""
    try:
        first.finish(written)
    except TransportError as exc:
        exc.written = bool(written)
        raise


def _settled(resource, planned):
    """(after, changed) once a write is done, from what the resource finds took effect."""
    settled = resource.settle(planned.action, planned.after)
    if settled is None:
        return planned.after, True
    return settled, planned.action != 'update' or settled != planned.before or any(planned.secrets.values())


def _with_new_id(resource, after):
    """The state after a real create with the new object's id (id_key), as a repeat run reports it: from the
    create's answer, else read back (a failed read-back still reports the task as changed: the object was made)."""
    if not resource.id_key or after.get(resource.id_key) is not None:
        return after
    new_id = resource.new_id
    if new_id is None:
        try:
            raw = resource.read()
        except TransportError as exc:
            exc.written = True
            raise
        new_id = resource.normalise(raw).get(resource.id_key) if raw is not None else None
    return dict(after, **{resource.id_key: new_id})


def execute(module, resource, state):
    """Plan, write unless in check mode, and build the result. Raises InputError / TransportError.

    A run that may create holds the controller's lock for the object from its read to the end of its write, so
    parallel runs of the same task create it once (the second one reads what the first created).
    """
    with _lock.held(module, resource.connection, '%s %s' % (resource.kind, resource.describe()),
                    needed=state == 'present'):
        planned = plan(resource, module.params, state)
        after, changed = planned.after, planned.action is not None
        unfinished = resource.unfinished()
        if planned.action and not module.check_mode:
            _write_checked(resource, planned)
            after, changed = _settled(resource, planned)
            if planned.action == 'create':
                after = _with_new_id(resource, after)
            _finish(resource, [resource])
        elif unfinished and not module.check_mode:
            _finish(resource, [])
    # in the words of the bulk modules' lists; "none" also when the task only finished an earlier task's writes
    result = dict(changed=changed or unfinished, action=DONE_KEYS[planned.action] if changed else 'none')
    result[resource.result_key] = after if after is not None else {}
    result.update(resource.result_extras(planned.action))
    if module._diff:
        result['diff'] = _diff(resource, planned.before, after, planned.secrets)
    for warning in resource.warnings:
        module.warn(warning)
    return result


# --- many resources in one task (bulk modules) --------------------------------------------------------

DONE_KEYS = {'create': 'created', 'update': 'updated', 'delete': 'deleted'}


def check_input(resource):
    """Validate a resource's options without any request; the error names the resource."""
    try:
        resource.validate(desired_values(resource, resource.params))
    except InputError as exc:
        raise InputError('%s: %s' % (resource.describe(), exc))


class BulkWriteError(TransportError):
    """A write of a bulk task failed; `done` lists what was written before it, and `in_doubt` the failing item
    when its write may have been applied (result key may_have_been, e.g. {"created": [its identity]})."""

    def __init__(self, exc, resource, done, action=None):
        written = ['%s %s' % (key, _some(names)) for key, names in sorted(done.items()) if names]
        self.in_doubt = {}
        if action is None:  # finish() failed after every write of the task was made (or finishing an earlier task's)
            message = '%s Written: %s.' % (exc.message, '; '.join(written)) if written else exc.message
        else:
            if exc.maybe_applied:
                self.in_doubt[DONE_KEYS[action]] = [resource.identity()]
            message = 'While converging %s: %s %s%s; nothing after it was sent.' % (
                resource.describe(), exc.message,
                'Written before this item: %s' % '; '.join(written) if written else
                'Nothing was written before this item',
                '; %s may have been %s' % (resource.identity(), DONE_KEYS[action]) if self.in_doubt else '')
        super(BulkWriteError, self).__init__(message, call=exc.call, status=exc.status, code=exc.code,
                                             api_message=exc.api_message)
        self.done = done
        self.cause = exc

    def details(self):
        # what was written before the failure, or a part of the failing item, changed the server: a change
        changed = any(self.done.values()) or getattr(self.cause, 'written', False)
        details = dict(super(BulkWriteError, self).details(), changed=changed, **self.done)
        if self.in_doubt:
            details['may_have_been'] = self.in_doubt
        return details


def _some(names, shown=10):
    if len(names) <= shown:
        return ', '.join(names)
    return '%s and %d more (listed in the result)' % (', '.join(names[:shown]), len(names) - shown)


def execute_many(module, resources):
    """Converge many resources in one task: plan all (reads only), then write what differs, in order.

    `resources` are (resource, state) pairs; identity() names each in the result lists `created`, `updated` and
    `deleted`. Every plan and every check_write() comes before the first write, so bad input anywhere fails with
    nothing written; a failed write raises BulkWriteError with what was already written (its result says
    changed when anything was).
    """
    planned = []
    for resource, state in resources:
        try:
            planned.append((resource, plan(resource, resource.params, state)))
        except InputError as exc:
            raise InputError('%s: %s' % (resource.describe(), exc))
    for resource, one in planned:
        if one.action:
            try:
                resource.check_write(one.action, one.payload)
            except InputError as exc:
                raise InputError('%s: %s' % (resource.describe(), exc))
    unfinished = {}  # parent -> the first resource whose read found an earlier task's writes there unfinished
    for resource, dummy in planned:
        if resource.unfinished():
            unfinished.setdefault(resource.parent(), resource)
    done = dict((name, []) for name in DONE_KEYS.values())
    diff = dict(before={}, after={})
    written = {}  # parent -> the resources written there, for finish()
    for resource, one in planned:
        if not one.action:
            continue
        after = one.after
        if not module.check_mode:
            try:
                _write_checked(resource, one)
            except TransportError as exc:
                raise BulkWriteError(exc, resource, done, one.action)
            written.setdefault(resource.parent(), []).append(resource)
            after, changed = _settled(resource, one)
            if not changed:
                continue
        done[DONE_KEYS[one.action]].append(resource.identity())
        changed = _diff(resource, one.before, after, one.secrets)
        diff['before'][resource.identity()] = changed['before']
        diff['after'][resource.identity()] = changed['after']
    for parent in sorted(set(written) | set(() if module.check_mode else unfinished)):
        first = written[parent][0] if parent in written else unfinished[parent]
        try:
            _finish(first, written.get(parent, []))
        except TransportError as exc:
            raise BulkWriteError(exc, first, done)
    result = dict(changed=any(done.values()) or bool(unfinished), **done)
    if module._diff:
        result['diff'] = diff
    warnings = []
    for resource, dummy in planned:
        warnings.extend(w for w in resource.warnings if w not in warnings)
    for warning in warnings:
        module.warn(warning)
    return result


def fail(module, exc, connection=None):
    """The one place an expected fault becomes fail_json: one sentence, the API's code, no secrets.

    An error raised after part of a write took effect carries `written = True`: the result says changed.
    """
    message = exc.message if isinstance(exc, TransportError) else str(exc)
    if connection is not None:
        message = connection.transport.redact(message)
    details = exc.details() if isinstance(exc, TransportError) else {}
    if getattr(exc, 'written', False):
        details.setdefault('changed', True)
    module.fail_json(msg=message, **details)


def bulk_argument_spec(items, item_options, task_options=(), **item_rules):
    """The options of a bulk module besides the connection: `items`, a list whose elements take the options of
    the single-item module (`item_options`; `item_rules` such as mutually_exclusive apply to each element),
    `purge`, and task-wide values of item options, which each element's own value overrides: `update_password`
    where items have a password, and the `task_options` (e.g. the DNS zone of every record set). A task-wide
    option is never required: an element that needs one and has it from neither fails before any request."""
    options = dict(item_options)
    spec = dict(purge=dict(type='bool', default=False))
    shared = (('update_password',) if 'update_password' in options else ()) + tuple(task_options)
    for name in shared:
        spec[name] = dict((key, value) for key, value in options[name].items() if key != 'required')
        options[name] = dict(spec[name], default=None)
    spec[items] = dict(type='list', elements='dict', required=True, options=options, **item_rules)
    return spec


def bulk_resources(module, connection, resource_class, items):
    """(resource, state) pairs of a bulk task over the list option `items`.

    Every element becomes one resource_class object, checked before any request (errors name `items[i]`, an
    object named twice is refused); then one list read per parent answers every object's lookup, and with
    `purge` the objects of those parents that no element names are deleted.
    """
    shared = {}

    def build(params):
        resource = resource_class(connection, params, module.check_mode)
        resource.shared = shared
        return resource

    named = {}
    listed = []
    for index, item in enumerate(module.params[items]):
        params = dict(item)
        for option, value in item.items():  # an item option the task also has (bulk_argument_spec) defaults to it
            if value is None and option in module.params:
                params[option] = module.params[option]
        try:
            resource = build(params)
        except InputError as exc:
            raise InputError('%s[%d]: %s' % (items, index, exc))
        identity = resource.identity()
        if identity in named:
            raise InputError('%s[%d] and %s[%d] both name %s; name each %s once.' % (
                items, named[identity], items, index, identity, resource.kind))
        named[identity] = index
        check_input(resource)
        listed.append(resource)
    pairs = [(resource, resource.params['state']) for resource in listed]
    by_parent = {}
    for resource in listed:
        by_parent.setdefault(resource.parent(), []).append(resource)
    for parent in sorted(by_parent):
        records = resource_class.list_parent(connection, parent, shared)
        if records is None:
            continue  # the list cannot decide: each object's own lookup explains why
        for resource in by_parent[parent]:
            found = records.get(resource.identity(), [])
            if len(found) < 2:  # several records: the object's own lookup reports the duplicates
                resource.prefetched = found[0] if found else None
        if module.params['purge']:
            for identity in sorted(set(records) - set(named)):
                params = resource_class.purge_params(identity, parent)
                if params is None:
                    continue
                extra = build(params)
                if len(records[identity]) == 1:
                    extra.prefetched = records[identity][0]
                pairs.append((extra, 'absent'))
    return pairs


def run_bulk(module, connection, resource_class, items):
    """Converge every element of the list option `items` (bulk_argument_spec) as one resource_class object, in
    one task, and exit; faults as in run().

    Bulk tasks of one API endpoint run one at a time on the controller (one lock for all of their objects).
    """
    try:
        with _lock.held(module, connection, 'bulk task'):
            result = execute_many(module, bulk_resources(module, connection, resource_class, items))
    except (InputError, TransportError) as exc:
        connection.close()
        fail(module, exc, connection)
    connection.close()
    module.exit_json(**result)


def run(module, connection, resource_class, state=None):
    """Converge one resource and exit the module."""
    try:
        resource = resource_class(connection, module.params, module.check_mode)
        result = execute(module, resource, state or module.params['state'])
    except (InputError, TransportError) as exc:
        connection.close()
        fail(module, exc, connection)
    connection.close()
    module.exit_json(**result)


def run_info(module, connection, key, lister, options=()):
    """Exit with `key`: what `lister(connection, **<the module's options named in options>)` lists (a list function
    of the API's resources, which reads only); faults as in run(). An entry of `options` is an option name, or an
    (option, argument) pair where the lister names it otherwise (an option `client` or `type`)."""
    arguments = [(entry, entry) if isinstance(entry, str) else entry for entry in options]
    try:
        listed = lister(connection, **dict((argument, module.params[option]) for option, argument in arguments))
    except (InputError, TransportError) as exc:
        connection.close()
        fail(module, exc, connection)
    connection.close()
    module.exit_json(changed=False, **{key: listed})


# --- the entry point: a module's task with or without AnsibleModule -------------------------------------------

class _Exited(Exception):
    """fail_json() or exit_json() of a TaskRun: the run ends with `result`."""

    def __init__(self, result):
        super(_Exited, self).__init__(result.get('msg'))
        self.result = result


class TaskRun:
    """What the engine and the connections use of AnsibleModule, for a run without it: the validated options, check and
    diff mode, the warnings, the values to mask (a connection adds every secret it meets), and fail_json / exit_json,
    which end the run with its result."""

    def __init__(self, argument_spec, params, check_mode, diff, no_log_values):
        self.argument_spec = argument_spec
        self.params = params
        self.check_mode = check_mode
        self._diff = diff
        self.no_log_values = no_log_values
        self.warnings = []

    def warn(self, warning):
        self.warnings.append(warning)

    def fail_json(self, msg, **details):
        raise _Exited(dict(details, failed=True, msg=msg))

    def exit_json(self, **result):
        raise _Exited(result)


def converge(run, arguments, params, check_mode=False, diff=False, no_log_values=None):
    """A module's task on options already validated against `arguments` (what the module gives AnsibleModule).

    `run(module)` is the module's task (its connection and engine call) on a TaskRun. Returns its result unmasked:
    changed and its values, `diff` in diff mode, `warnings` when there are any, failed and msg when it failed.
    The caller masks the values in `no_log_values` (a set), to which the run adds the secrets it met.
    """
    task = TaskRun(arguments['argument_spec'], params, check_mode, diff,
                   set() if no_log_values is None else no_log_values)
    try:
        run(task)
    except _Exited as exc:
        result = exc.result
        if task.warnings:
            result['warnings'] = task.warnings
        return result
    raise RuntimeError('%r returned without a result' % run)


def main(arguments, run):
    """A module's main(): AnsibleModule validates the options and prints what converge() returns (masked)."""
    module = AnsibleModule(**arguments)
    result = converge(run, arguments, module.params, module.check_mode, module._diff, module.no_log_values)
    for warning in result.pop('warnings', ()):
        module.warn(warning)
    if result.pop('failed', False):
        module.fail_json(**result)
    module.exit_json(**result)
