# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""The Easy-WI user as the modules manage it: field table, client-side validation, queued jobs.

Easy-WI drops every value that fails its checks without an error, so each value type below runs the panel's own
check (docs/api/webiface.md section 3) and refuses the value before anything is sent; otherwise a
module would report `changed` forever for a value the panel never stores. The login name and the password
also get the checks of the panel's login form (login.php, `$ui->username()` and `$ui->password()`), which
the API does not run: a user created with a login or password that form refuses could never log in.

Queued jobs: what the module can know and what it does (the design every Easy-WI resource follows)
-------------------------------------------------------------------------------------------------
Easy-WI applies a delete and a change of `active` only when its cron job (jobs.php) runs; until then `ls`
shows the old row. The module knows only what it reads back and the markers it wrote itself:

* The job queue cannot be read through the API.
* `jobPending=Y` means "a job may be queued", no more: `mod` sets it when it queues an activation change,
  `del` always, and only the cron job clears it, when it completes an activation change. A cancelled job
  leaves it set (recordings 06 and 10). The panel's own user form clears it when an admin saves a user
  without changing `active`, and leaves the queued jobs in place.
* Every `mod` cancels all queued jobs of the user, a delete included; `del` cancels them and queues its own.
  `mod` queues an activation change only when the `active` it sends differs from the stored one (a missing
  one counts as Y), and only the cron job changes the stored one, so a queued activation change always
  targets the opposite of the stored value.
* The module's own marker: before it queues a delete it sets the user's external ID to a tombstone,
  `ansible_deleted:<old external ID>` (`ansible_deleted_id:<local id>` when it had none).
* What this controller remembers (LeftOverFlags): after a `mod` that found the flag set and queued no
  activation change, nothing is queued and the flag is left over; the module keeps the stored `active` of
  that moment in its cache directory, and drops it when it queues a change or a delete or reads the flag
  cleared.

The rules. Each sequence of tasks ends, once the cron job has run, in the state the last task declared, or
the task that would have undone a queued job fails with one sentence before anything is sent:

1. While `jobPending=Y` the stored `active` may be about to change, so it reads as unknown (None). A task
   that sets `active` sends it on such a run even when it equals the stored value: the `mod` replaces
   whatever is queued (nothing is queued when it equals the stored value, the change when it differs).
   The flag outlives the cancelled job: the task warns once what it is, and the controller remembers it
   as left over, so later runs read the stored `active` (as long as it is the one remembered) and report
   no change.
2. A task that does not set `active` but needs a `mod` while `jobPending=Y` (not left over) fails, naming the
   activation change that may be queued (the opposite of the stored value): setting `active` keeps or
   cancels it.
3. `state=absent` sets the tombstone, then sends `del`. A tombstoned user found again gets `del` again: the
   marker proves that the module queued a delete, not that it is still queued (any `mod` by anyone cancels
   it, and the flag stays), and a repeated `del` cancels and re-queues it. So until the cron job has
   removed the user, every run re-queues the delete and reports changed.
4. `state=present` on a tombstoned user restores its external ID; that `mod` cancels the delete (warned).
Check mode takes the same decisions from the same reads (and remembers nothing). Out of sight: a job another
client, another controller or the panel queued while the flag was already set (a later run that sets `active`
replaces it only when the flag is not known as left over), and a job still queued after the panel's user form
cleared the flag.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import hashlib
import json
import os
import re

from . import _engine as engine
from ._idn import EmailAddress
from ._session_cache import cache_dir, write_private_json

TOMBSTONE = 'ansible_deleted'
EXTERNAL_ID = re.compile(r'^[A-Za-z0-9_:]{1,255}$')
MAIL_COLUMN_LENGTH = 50
LOGIN_NAME = re.compile(r'^[A-Za-z0-9_.@-]{1,255}\Z')
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

class Checked(engine.ValueType):
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


def _lookup_name_check(value):
    """Any login an existing account may have (the API stores whatever it is sent) that can be sent and read."""
    if not value or len(value) > 255 or value != value.strip():
        return 'is not accepted: a login name has 1 to 255 characters and no white space at either end'
    if '&' in value or "'" in value or re.search(r'[\x00-\x1f]', value):
        # Easy-WI writes a name with '&' into its replies as an empty element: it could never be read back
        return 'is not accepted: "&", "\'" and control characters cannot be sent to Easy-WI and read back'
    return None


def _login_name_check(value):
    """login.php takes the login through $ui->username(): trimmed, ^[\\w\\-\\.\\@]{1,255}$ (ASCII)."""
    if not LOGIN_NAME.match(value):
        return ('is not accepted: the panel\'s login form takes 1 to 255 of A-Z, a-z, 0-9, "_", "-", "." and "@" '
                'only, so the user could never log in with it (an account that already has such a login can be '
                'managed by external_id or local_id, without username)')
    return None


def password_problem(password):
    """Why the panel's login form would never accept `password` (the API stores any), or None.

    login.php takes it through $ui->password(): trimmed, then 6 to 255 bytes matching ^[\\w\\S]{6,255}$. A
    password with white space, or shorter or longer, can be stored through the API but never typed in.
    Control characters cannot travel in the API's XML at all.
    """
    if not 6 <= len(password.encode('utf-8')) <= 255 or re.search(r'[\x00-\x20\x7f]', password):
        return ('is not accepted: the panel\'s login form takes 6 to 255 characters (bytes in UTF-8) without white '
                'space (it trims the ends) or control characters, so the user could never log in with it')
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


class Birthday(engine.ValueType):
    def from_user(self, value):
        try:
            return datetime.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise engine.InputError('%r is not a date in the form YYYY-MM-DD' % (value,))


class Country(engine.ValueType):
    def from_user(self, value):
        if not re.match(r'^[A-Za-z]{2}$', str(value)):
            raise engine.InputError('%r is not accepted: Easy-WI needs a two-letter ISO 3166 country code' % (value,))
        return str(value).lower()  # the panel stores it lower-case


class Groups(engine.ValueType):
    def from_user(self, value):
        groups = []
        for item in value:
            if isinstance(item, bool) or not re.match(r'^[0-9]{1,19}$', str(item)) or int(item) == 0:
                raise engine.InputError('%r is not a user group ID (a positive whole number)' % (item,))
            groups.append(int(item))
        return sorted(set(groups))


FIELDS = (
    engine.Field('external_id', api='externalID', value_type=Checked(_external_id_check)),
    engine.Field('username', api='cname', value_type=Checked(_login_name_check)),
    engine.Field('email', api='mail', value_type=Email()),
    engine.Field('password', secret=True),
    engine.Field('active', value_type=Active(), default=True),
    engine.Field('first_name', api='vname', value_type=Checked(_name_check(255))),
    engine.Field('last_name', api='name', value_type=Checked(_name_check(255))),
    engine.Field('phone', value_type=Checked(_phone_check)),
    engine.Field('mobile', api='handy', value_type=Checked(_phone_check)),
    engine.Field('street', value_type=Checked(_name_check(50))),
    engine.Field('street_number', api='streetn', value_type=Checked(_street_number_check)),
    engine.Field('postcode', api='cityn', value_type=Checked(_postcode_check)),
    engine.Field('city', value_type=Checked(_name_check(50))),
    # write-only: compared never, sent on create (and on every run with update_write_only=always)
    engine.Field('fax', value_type=Checked(_phone_check), virtual=True),
    engine.Field('salutation', value_type=Salutation(), virtual=True),
    engine.Field('birthday', value_type=Birthday(), virtual=True),
    engine.Field('country', value_type=Country(), virtual=True),
    engine.Field('download_path', value_type=Checked(_url_check), virtual=True),
    engine.Field('mail_backup', value_type=engine.Flag('Y', 'N'), virtual=True),
    engine.Field('mail_gsupdate', value_type=engine.Flag('Y', 'N'), virtual=True),
    engine.Field('mail_securitybreach', value_type=engine.Flag('Y', 'N'), virtual=True),
    engine.Field('mail_serverdown', value_type=engine.Flag('Y', 'N'), virtual=True),
    engine.Field('mail_ticket', value_type=engine.Flag('Y', 'N'), virtual=True),
    engine.Field('mail_vserver', value_type=engine.Flag('Y', 'N'), virtual=True),
    engine.Field('groups', value_type=Groups(), virtual=True),
)
BY_OPTION = dict((field.option, field) for field in FIELDS)


def normalise_user(raw):
    """userdetails (or a row of the list) as option -> value: the fields the panel returns."""
    state = dict((f.option, f.value_type.from_api(raw.get(f.api))) for f in FIELDS
                 if f.api and not f.secret and f.api in raw)
    state['local_id'] = int(raw['id'])
    return state


def lookup_value(option, value):
    """The checked value to look a user up by (option: external_id, username, local_id or email).

    A login is looked up as any account may have it: the API stores logins its login form refuses.
    """
    if option == 'username':
        return Checked(_lookup_name_check).from_user(value)
    if option != 'local_id':
        return BY_OPTION[option].value_type.from_user(value)
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


def queued_activation(raw):
    """The activation change a user's queue may hold: always the opposite of the stored value."""
    return 'deactivation' if raw.get('active') == 'Y' else 're-activation'


class LeftOverFlags:
    """What this controller knows of users of one panel whose jobPending flag is left over (rule 1): a file per user
    in the collection's cache directory, holding the `active` value stored when a mod of this module found the flag
    set and queued no activation change (every mod cancels the user's queued jobs). Without a usable cache
    directory nothing is known, and every run decides as if the flag might mean a queued change."""

    def __init__(self, api_url):
        self.api_url = api_url

    def _path(self, local_id):
        key = hashlib.sha256(json.dumps(['webiface', self.api_url, str(local_id)]).encode('utf-8')).hexdigest()
        return os.path.join(cache_dir(), 'webiface-left-over-flags', '%s.json' % key[:32])

    def left_over(self, raw):
        """The flag is set, and nothing this module queued can be: its last mod of the user found the flag set and
        queued nothing, and the stored `active` is still the one it found."""
        if raw.get('jobPending') != 'Y' or raw.get('active') not in ('Y', 'N'):
            return False
        try:
            with open(self._path(raw['id'])) as handle:
                return json.load(handle) == raw['active']
        except (OSError, IOError, ValueError):
            return False

    def remember(self, local_id, active):
        write_private_json(self._path(local_id), active)

    def forget(self, local_id):
        try:
            os.unlink(self._path(local_id))
        except OSError:
            pass


class User(engine.Resource):
    """One Easy-WI user; the queued-job rules are in the module docstring."""

    kind = 'user'
    result_key = 'user'
    id_key = 'local_id'
    fields = FIELDS

    def __init__(self, connection, params, check_mode=False):
        super(User, self).__init__(connection, params, check_mode)
        self.identifier, self.identify_api = identify_by(params)
        self.activation_queued = False  # the planned mod queues an activation change (rule 1)
        self.groups = None  # groups of a new user: sent, never reported (Easy-WI cannot say which it took)
        # set by delete(): a re-read that finds the tombstone with jobPending=Y proves the `del` arrived
        # (only when the flag was N before and the marking mod queued nothing)
        self.delete_provable = False
        self.flags = LeftOverFlags(connection.transport.base_url)

    def describe(self):
        return 'Easy-WI user %s=%s' % (self.identifier, self.params[self.identifier])

    def _lookup_value(self):
        return lookup_value(self.identifier, self.params[self.identifier])

    def validate(self, desired):
        password = self.params.get('password')
        if password is not None and password_problem(password):
            raise engine.InputError('password %s' % password_problem(password))

    def read(self):
        raw = self.connection.get_user(self.identify_api, self._lookup_value())
        if raw is None and self.identifier == 'external_id':
            # a user whose delete this module queued answers to its tombstone only
            raw = self.connection.get_user('external_id', tombstone(self._lookup_value()))
        if raw is not None and self.delete_provable and is_tombstone(raw.get('externalID')) \
                and raw.get('jobPending') == 'Y':
            return None  # the re-read after a lost answer to our `del`: it arrived
        if raw is None and self.params['state'] == 'present':
            self._check_create()
        if raw is not None and raw.get('jobPending') == 'N' and not self.check_mode:
            self.flags.forget(raw['id'])  # a completed change (or the panel) cleared the flag
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
            self.groups = desired.pop('groups', None)
            if self.groups and self.params['state'] == 'present':
                self.warnings.append(
                    'Easy-WI cannot report the groups of a user: it ignores group IDs that do not exist or are not '
                    'active, and puts the user in its default user group when none is left, so the module cannot '
                    'tell which groups %s gets (the result leaves them out; the panel shows them).' % self.describe())
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
        if self.params['state'] != 'present':
            return
        if is_tombstone(raw.get('externalID')):
            if 'external_id' not in desired:
                restored = original_external_id(raw['externalID'])
                if restored is None:
                    raise engine.InputError('%s is marked for deletion and its old external ID is known only by its '
                                            'hash: set external_id to the ID it should get back.' % self.describe())
                desired['external_id'] = restored
            self.warnings.append('%s was marked for deletion by state=absent: state=present restores its external ID, '
                                 'and that change cancels the delete if it is still queued (any change of a user '
                                 'cancels its queued jobs in Easy-WI).' % self.describe())
        self._refuse_taken_email(desired, raw)

    def _refuse_taken_email(self, desired, raw):
        """The panel's user form refuses an address another account has; the API's mod stores it anyway."""
        wanted = desired.get('email')
        if wanted is None or wanted == BY_OPTION['email'].value_type.from_api(raw.get('mail')):
            return
        holder = self.connection.get_user('email', wanted)
        if holder is not None and str(holder.get('id')) != str(raw.get('id')):
            raise engine.InputError(
                '%s cannot get the e-mail address %s: the Easy-WI user %r (local_id %s) has it, and the panel '
                'allows one account per address (its login form and password reset find users by it), but its API '
                'does not check this on a change.' % (self.describe(), wanted, holder.get('cname'), holder.get('id')))

    def normalise(self, raw):
        state = normalise_user(raw)
        if raw.get('jobPending') == 'Y' and not self.flags.left_over(raw):
            state['active'] = None  # rule 1: a queued change may be about to replace the stored value
        return state

    def _stored_active(self, raw):
        """The `active` a mod must repeat: Easy-WI takes a missing one as Y and queues a re-activation."""
        return raw.get('active') if raw.get('active') in ('Y', 'N') else None

    def create_payload(self, after):
        payload = dict((api_name, BY_OPTION[option].value_type.to_api(after[option]))
                       for option, api_name in WRITE_ONLY if after.get(option) is not None)
        if self.groups:
            payload['groupID'] = [str(group) for group in self.groups]
        return payload

    def update_payload(self, raw, changes):
        payload = dict((api_name, BY_OPTION[option].value_type.to_api(changes[option]))
                       for option, api_name in WRITE_ONLY if changes.get(option) is not None)
        stored = self._stored_active(raw)
        if 'active' in changes:
            sent = BY_OPTION['active'].value_type.to_api(changes['active'])
            self.activation_queued = sent != raw.get('active')
            if not self.activation_queued:  # rule 1: the same value, sent to replace what may be queued
                self.warnings.append(
                    'Easy-WI\'s jobPending flag is set for %s, so a %s may be queued (the API cannot show its job '
                    'queue): active=%s was sent to cancel it. Easy-WI keeps the flag set after a cancelled job; '
                    'this controller now knows it is left over, so later runs find the user %s as wanted and '
                    'report no change.' % (self.describe(), queued_activation(raw), str(changes['active']).lower(),
                                           'active' if changes['active'] else 'inactive'))
        elif stored is None:
            raise engine.InputError('%s has no active flag in Easy-WI (it was created without one), and every change '
                                    'sends one: set active to true or false.' % self.describe())
        elif raw.get('jobPending') == 'Y' and not is_tombstone(raw.get('externalID')) and \
                not self.flags.left_over(raw):
            # rule 2
            raise engine.InputError(
                '%s may have a queued %s (Easy-WI\'s jobPending flag is set, and its API cannot show the job queue), '
                'which the change of %s would cancel: set active to the state the user should end in (%s keeps '
                'it queued).' % (self.describe(), queued_activation(raw), ', '.join(sorted(changes)) or 'password',
                                 'false' if stored == 'Y' else 'true'))
        else:
            payload['active'] = stored
        return payload

    @staticmethod
    def _elements(payload):
        return dict((WRITE_NAMES.get(key, key), value) for key, value in payload.items())

    def create(self, payload):
        local_id = self.connection.add_user(self._elements(payload)).get('localid')
        self.new_id = int(local_id) if str(local_id).isdigit() else None  # else read back

    def update(self, raw, payload):
        elements = self._elements(payload)
        restore_empty = elements.get('external_id') == '' and is_tombstone(raw.get('externalID'))
        self.flags.forget(raw['id'])  # the mod may queue a change; known again once it has arrived
        self.connection.modify_user(raw['id'], elements)
        if raw.get('jobPending') == 'Y' and not self.activation_queued:
            self.flags.remember(raw['id'], raw.get('active'))  # the mod cancelled every queued job: rule 1
        if restore_empty:
            # an empty element counts as absent: only `clean` can blank the tombstone again
            self.connection.clean_external_id(raw['externalID'])

    def delete(self, raw):
        """Rule 3: mark, then queue the delete; a tombstoned user only gets `del` again (it re-queues)."""
        stored = self._stored_active(raw)
        self.delete_provable = raw.get('jobPending') == 'N' and stored is not None
        self.flags.forget(raw['id'])
        if not is_tombstone(raw.get('externalID')):
            # the stored active value queues nothing (a user without one gets N, which queues a job); the del
            # below cancels every queued job anyway
            self.connection.modify_user(raw['id'], {'external_id': tombstone(raw.get('externalID'), raw['id']),
                                                    'active': stored or 'N'})
        self.connection.delete_user(raw['id'])

    def result_extras(self, action):
        return dict(pending=action == 'delete' or (action == 'update' and self.activation_queued))


# --- listing (webiface_user_info) ---------------------------------------------------------------------

# the lookups of one user: option -> Easy-WI identify_by
LOOKUPS = (('external_id', 'external_id'), ('username', 'username'), ('local_id', 'localid'), ('email', 'email'))


def user_record(raw):
    """A user as the info module lists it: the fields the panel returns, its job flag and whether this
    collection marked it for deletion."""
    user = normalise_user(raw)
    user['job_pending'] = raw.get('jobPending') == 'Y'
    user['marked_for_deletion'] = is_tombstone(raw.get('externalID'))
    return user


def list_users(connection, external_id=None, username=None, local_id=None, email=None, external_id_prefix=None):
    """One user (by the first lookup given), or every user of the API owner whose external ID starts with
    `external_id_prefix` (all without one), sorted by local ID.

    The list lacks handy and jobPending, so each user it names is read once more (one gone meanwhile is left
    out): N users cost N + 1 requests.
    """
    given = dict(external_id=external_id, username=username, local_id=local_id, email=email)
    for option, api_name in LOOKUPS:
        if given[option] is not None:
            raw = connection.get_user(api_name, lookup_value(option, given[option]))
            return [user_record(raw)] if raw is not None else []
    if external_id_prefix is not None and not re.match(r'^[A-Za-z0-9_]+$', external_id_prefix):
        raise engine.InputError('external_id_prefix %r is not accepted: Easy-WI ignores a filter that is not only '
                                'letters, digits and "_" and would list every user' % external_id_prefix)
    details = [connection.get_user('localid', row['id']) for row in connection.list_users(like=external_id_prefix)]
    return sorted((user_record(raw) for raw in details if raw is not None), key=lambda user: user['local_id'])
