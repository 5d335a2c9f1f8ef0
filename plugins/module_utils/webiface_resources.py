# -*- coding: utf-8 -*-
# Private to the hosting.provision collection: not a public API, may change without notice.
"""The Easy-WI user as the modules manage it: field table, client-side validation, pending jobs.

Easy-WI drops every value that fails its checks without an error, so each kind below runs the panel's own
check (docs/api/webiface.md section 3) and refuses the value before anything is sent; otherwise a
module would report `changed` forever for a value the panel never stores.

Pending deletes. `del` only queues a job for the panel's cron; the user stays visible until then, and the
one signal `ls` gives, `jobPending=Y`, also follows activation changes and stays `Y` after a job was
cancelled (recordings 06 and 10), so it proves nothing. The module therefore marks the user before it
queues the delete: a `mod` sets its external ID to a tombstone (`ansible_deleted:<old external ID>`, or
`ansible_deleted_id:<local id>` when it had none), then `del` queues the job (and cancels the jobs the
`mod` may have queued). A user whose external ID is a tombstone *and* whose `jobPending` is `Y` is being
deleted: absent for state=absent, and state=present cancels the delete by restoring the external ID.
A tombstone without `jobPending=Y` is a delete that failed half-way: it is sent again.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import hashlib
import re

from . import _engine as engine
from ._idn import EmailAddress

TOMBSTONE = 'ansible_deleted'
EXTERNAL_ID = re.compile(r'^[A-Za-z0-9_:]{1,255}$')
MAIL_COLUMN_LENGTH = 50
# Easy-WI request element for the userdetails column (the other fields use the same name both ways)
WRITE_NAMES = {'externalID': 'external_id', 'cname': 'username', 'mail': 'email'}
# options the panel accepts but never returns: option -> request element
WRITE_ONLY = (('fax', 'fax'), ('salutation', 'salutation'), ('birthday', 'birthday'), ('country', 'country'),
              ('download_path', 'fdlpath'), ('mail_backup', 'mail_backup'), ('mail_gsupdate', 'mail_gsupdate'),
              ('mail_securitybreach', 'mail_securitybreach'), ('mail_serverdown', 'mail_serverdown'),
              ('mail_ticket', 'mail_ticket'), ('mail_vserver', 'mail_vserver'))
IDENTIFIERS = (('local_id', 'localid'), ('external_id', 'external_id'), ('username', 'username'))


# --- tombstones ---------------------------------------------------------------------------------------

def tombstone(external_id, local_id=None):
    """The external ID a user gets while its delete waits for the cron job."""
    if not external_id:
        return '%s_id:%s' % (TOMBSTONE, local_id)
    marked = '%s:%s' % (TOMBSTONE, external_id)
    # at most 255 characters fit; a longer one is replaced by its hash (found again from the same ID)
    return marked if len(marked) <= 255 else '%s_sha1:%s' % (TOMBSTONE, hashlib.sha1(external_id.encode()).hexdigest())


def is_tombstone(external_id):
    return (external_id or '').startswith(TOMBSTONE)


def original_external_id(marked):
    """The external ID a tombstone replaced: '' when there was none, None when only its hash is known."""
    if marked.startswith(TOMBSTONE + ':'):
        return marked[len(TOMBSTONE) + 1:]
    return '' if marked.startswith(TOMBSTONE + '_id:') else None


# --- value kinds: the panel's checks, run before anything is sent ------------------------------------

class Checked(engine.Kind):
    """Text that must pass `check` (returns an error text or None); the API's empty value reads as ''."""

    def __init__(self, check):
        self.check = check

    def from_user(self, value):
        value = str(value)
        problem = self.check(value)
        if problem:
            raise engine.InputError('%r %s' % (value, problem))
        return value

    def from_api(self, raw):
        return raw or ''


def _name_check(max_length):
    def check(value):
        if not 2 <= len(value) <= max_length or not value[0].isalnum() or \
                not all(ch.isalnum() or ch in ' _.-' for ch in value[1:]):
            return ('is not accepted: Easy-WI needs 2 to %d letters, digits, spaces, "_", "." or "-", starting with '
                    'a letter or digit (it would drop the value without an error)' % max_length)
        return None
    return check


def _phone_check(value):
    if not re.match(r'^[0-9+()/\-\s]+$', value) or not re.search(r'[0-9]', value):
        return 'is not accepted: Easy-WI allows only digits, spaces, "+", "(", ")", "/" and "-" in phone numbers'
    return None


def _postcode_check(value):
    if not re.match(r'^[0-9]{1,6}$', value) or int(value) == 0:
        return 'is not accepted: Easy-WI needs a post code of 1 to 6 digits, greater than 0'
    return None


def _street_number_check(value):
    if not re.match(r'^[A-Za-z0-9_]{1,6}$', value):
        return 'is not accepted: Easy-WI needs 1 to 6 letters, digits or "_" as house number'
    return None


def _external_id_check(value):
    if not EXTERNAL_ID.match(value):
        return ('is not accepted: Easy-WI stores an external ID only if it has 1 to 255 of A-Z, a-z, 0-9, "_" '
                'and ":" (it would store an empty one without an error)')
    if is_tombstone(value):
        return 'is reserved: external IDs starting with %s mark users whose delete is pending' % TOMBSTONE
    return None


def _username_check(value):
    if not value or len(value) > 255 or value != value.strip():
        return 'is not accepted: a login name has 1 to 255 characters and no white space at either end'
    if '&' in value or "'" in value or re.search(r'[\x00-\x1f]', value):
        # Easy-WI writes a name with '&' into its replies as an empty element: it could never be read back
        return 'is not accepted: "&", "\'" and control characters cannot be sent to Easy-WI and read back'
    return None


def _url_check(value):
    if "'" in value or not re.match(r'^[A-Za-z][A-Za-z0-9+.-]*://[^/?#:@\s]+(:[0-9]+)?([/?#]\S*)?$', value):
        return 'is not accepted: Easy-WI needs a URL such as http://fdl.example.com/path (without "\'")'
    return None


class Email(EmailAddress):
    """The panel's FILTER_VALIDATE_EMAIL, its 50-character column and its unescaped SQL in `mod`."""

    def from_user(self, value):
        address = EmailAddress.from_user(self, value)
        local, domain = address.rsplit('@', 1)
        if "'" in address:
            raise engine.InputError("%r: Easy-WI cannot store an e-mail address with \"'\" (its SQL breaks)" % value)
        if not re.match(r"^[A-Za-z0-9!#$%&*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&*+/=?^_`{|}~-]+)*$", local) or \
                '.' not in domain or not all(re.match(r'^[a-z0-9]([a-z0-9-]*[a-z0-9])?$', label)
                                             for label in domain.split('.')):
            raise engine.InputError('%r is not an e-mail address Easy-WI accepts' % value)
        if len(address) > MAIL_COLUMN_LENGTH:
            raise engine.InputError('%r is longer than the %d characters Easy-WI stores (it would cut it and then '
                                    'never find the user by it again)' % (value, MAIL_COLUMN_LENGTH))
        return address

    def from_api(self, raw):
        try:
            return EmailAddress.from_api(self, raw)
        except engine.InputError:  # whatever the panel holds (a cut address ...) is shown, not refused
            return (raw or '').lower()


class Active(engine.Flag):
    """Y/N; an account created without `active` holds '' (neither), read as None."""

    def __init__(self):
        super(Active, self).__init__(true='Y', false='N')

    def from_api(self, raw):
        return {'Y': True, 'N': False}.get(raw)


class Salutation(engine.Integer):
    def from_user(self, value):
        number = engine.Integer.from_user(self, value)
        if not 1 <= number <= 9:
            raise engine.InputError('%r is not accepted: Easy-WI needs a number from 1 to 9' % (value,))
        return number


class Birthday(engine.Kind):
    def from_user(self, value):
        try:
            return datetime.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise engine.InputError('%r is not a date in the form YYYY-MM-DD' % (value,))


class Country(engine.Kind):
    def from_user(self, value):
        if not re.match(r'^[A-Za-z]{2}$', str(value)):
            raise engine.InputError('%r is not accepted: Easy-WI needs a two-letter ISO 3166 country code' % (value,))
        return str(value).lower()  # the panel stores it lower-case


class Groups(engine.Kind):
    def from_user(self, value):
        groups = []
        for item in value:
            if isinstance(item, bool) or not re.match(r'^[0-9]{1,19}$', str(item)) or int(item) == 0:
                raise engine.InputError('%r is not a user group ID (a positive whole number)' % (item,))
            groups.append(int(item))
        return sorted(set(groups))


FIELDS = (
    engine.Field('external_id', api='externalID', kind=Checked(_external_id_check)),
    engine.Field('username', api='cname', kind=Checked(_username_check)),
    engine.Field('email', api='mail', kind=Email()),
    engine.Field('password', secret=True),
    engine.Field('active', kind=Active(), default=True),
    engine.Field('first_name', api='vname', kind=Checked(_name_check(255))),
    engine.Field('last_name', api='name', kind=Checked(_name_check(255))),
    engine.Field('phone', kind=Checked(_phone_check)),
    engine.Field('mobile', api='handy', kind=Checked(_phone_check)),
    engine.Field('street', kind=Checked(_name_check(50))),
    engine.Field('street_number', api='streetn', kind=Checked(_street_number_check)),
    engine.Field('postcode', api='cityn', kind=Checked(_postcode_check)),
    engine.Field('city', kind=Checked(_name_check(50))),
    # write-only: compared never, sent on create (and on every run with update_write_only=always)
    engine.Field('fax', kind=Checked(_phone_check), virtual=True),
    engine.Field('salutation', kind=Salutation(), virtual=True),
    engine.Field('birthday', kind=Birthday(), virtual=True),
    engine.Field('country', kind=Country(), virtual=True),
    engine.Field('download_path', kind=Checked(_url_check), virtual=True),
    engine.Field('mail_backup', kind=engine.Flag('Y', 'N'), virtual=True),
    engine.Field('mail_gsupdate', kind=engine.Flag('Y', 'N'), virtual=True),
    engine.Field('mail_securitybreach', kind=engine.Flag('Y', 'N'), virtual=True),
    engine.Field('mail_serverdown', kind=engine.Flag('Y', 'N'), virtual=True),
    engine.Field('mail_ticket', kind=engine.Flag('Y', 'N'), virtual=True),
    engine.Field('mail_vserver', kind=engine.Flag('Y', 'N'), virtual=True),
    engine.Field('groups', kind=Groups(), virtual=True),
)
BY_OPTION = dict((field.option, field) for field in FIELDS)


def normalise_user(raw):
    """userdetails (or a row of the list) as option -> value: the fields the panel returns."""
    state = dict((f.option, f.kind.from_api(raw.get(f.api))) for f in FIELDS
                 if f.api and not f.secret and f.api in raw)
    state['local_id'] = int(raw['id'])
    return state


def lookup_value(option, value):
    """The checked value to look a user up by (option: external_id, username, local_id or email)."""
    if option != 'local_id':
        return BY_OPTION[option].kind.from_user(value)
    if value < 1:
        raise engine.InputError('local_id must be a positive number, not %d' % value)
    return str(value)


def identify_by(params):
    """(option, API identify_by): local_id when given, else the natural keys external_id, then username."""
    chosen = params.get('identify_by')
    for option, api_name in IDENTIFIERS:
        if option == chosen or (chosen is None and params.get(option) is not None):
            if params.get(option) is None:
                raise engine.InputError('identify_by=%s needs %s' % (option, option))
            return option, api_name
    raise engine.InputError('one of external_id, username or local_id is needed to find the user')


class User(engine.Resource):
    kind = 'user'
    result_key = 'user'
    fields = FIELDS

    def __init__(self, client, params, check_mode=False):
        super(User, self).__init__(client, params, check_mode)
        self.identifier, self.identify_api = identify_by(params)
        self.delete_pending = False  # the user read has a pending delete (tombstone and jobPending=Y)
        self.activation_queued = False  # the planned mod changes `active`, which Easy-WI only queues

    def describe(self):
        return 'Easy-WI user %s=%s' % (self.identifier, self.params[self.identifier])

    def _lookup_value(self):
        return lookup_value(self.identifier, self.params[self.identifier])

    def read(self):
        state = self.params['state']
        raw = self.client.get_user(self.identify_api, self._lookup_value())
        if raw is None and self.identifier == 'external_id':
            # a user whose delete is pending answers to its tombstone only
            raw = self.client.get_user('external_id', tombstone(self._lookup_value()))
        if raw is not None and is_tombstone(raw.get('externalID')) and raw.get('jobPending') == 'Y':
            self.delete_pending = True
            if state == 'absent':
                return None
        if raw is None and state == 'present':
            self._check_create()
        return raw

    def _check_create(self):
        if self.identifier == 'local_id':
            raise engine.InputError('There is no Easy-WI user with local_id %s, and Easy-WI chooses the ID of a new '
                                    'user itself: identify the user by external_id or username to create it.'
                                    % self.params['local_id'])
        if not self.params.get('email'):
            raise engine.InputError('email is required to create %s' % self.describe())

    def resolve(self, desired, raw):
        if raw is None:
            return
        wanted = desired.get('username')
        if wanted is not None:
            if wanted.casefold() != (raw.get('cname') or '').casefold():
                raise engine.InputError('%s has the login %r; Easy-WI cannot rename a user (%r asked).' % (
                    self.describe(), raw.get('cname'), wanted))
            desired['username'] = raw.get('cname')  # logins compare case-insensitively, like the panel
        # Easy-WI's mod does not add groups: they are set on create only
        desired.pop('groups', None)
        if self.params.get('update_write_only') != 'always':
            for option, dummy in WRITE_ONLY:
                desired.pop(option, None)
        if is_tombstone(raw.get('externalID')) and 'external_id' not in desired:
            restored = original_external_id(raw['externalID'])
            if restored is None:
                raise engine.InputError('%s is marked for deletion and its old external ID is known only by its hash: '
                                        'set external_id to the ID it should get back.' % self.describe())
            desired['external_id'] = restored
        if self.delete_pending:
            self.warnings.append('%s had a pending delete (waiting for the panel\'s cron job); state=present cancels '
                                 'it: any modification of the user cancels its pending jobs.' % self.describe())

    def normalise(self, raw):
        return normalise_user(raw)

    def _stored_active(self, raw):
        """The `active` a mod must repeat: Easy-WI takes a missing one as Y and queues a re-activation."""
        return raw.get('active') if raw.get('active') in ('Y', 'N') else None

    def create_payload(self, after):
        payload = dict((api_name, BY_OPTION[option].kind.to_api(after[option]))
                       for option, api_name in WRITE_ONLY if after.get(option) is not None)
        if after.get('groups'):
            payload['groupID'] = [str(group) for group in after['groups']]
        return payload

    def update_payload(self, raw, changes):
        payload = dict((api_name, BY_OPTION[option].kind.to_api(changes[option]))
                       for option, api_name in WRITE_ONLY if changes.get(option) is not None)
        stored = self._stored_active(raw)
        if 'active' in changes:
            self.activation_queued = True
        elif stored is None:
            raise engine.InputError('%s has no active flag in Easy-WI (it was created without one), and every change '
                                    'sends one: set active to true or false.' % self.describe())
        else:
            payload['active'] = stored
        return payload

    @staticmethod
    def _elements(payload):
        return dict((WRITE_NAMES.get(key, key), value) for key, value in payload.items())

    def create(self, payload):
        self.client.add_user(self._elements(payload))

    def update(self, raw, payload):
        elements = self._elements(payload)
        restore_empty = elements.get('external_id') == '' and is_tombstone(raw.get('externalID'))
        self.client.modify_user(raw['id'], elements)
        if restore_empty:
            # an empty element counts as absent: only `clean` can blank the tombstone again
            self.client.clean_external_id(raw['externalID'])

    def delete(self, raw):
        if not is_tombstone(raw.get('externalID')):
            # any active value queues a job here; the del below cancels it with every other pending job
            self.client.modify_user(raw['id'], {'external_id': tombstone(raw.get('externalID'), raw['id']),
                                                'active': self._stored_active(raw) or 'N'})
        self.client.delete_user(raw['id'])

    def result_extras(self, action):
        pending = action == 'delete' or (action is None and self.delete_pending and self.params['state'] == 'absent') \
            or (action == 'update' and self.activation_queued)
        return dict(pending=pending)
