# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""The mailbox.org objects the modules manage: domains and mail accounts (mailboxes).

Facts: docs/api/mailbox_org.md. Existence comes from domain.list / mail.list (the API's not-found
codes are undocumented); passwords never come back, so they cannot be compared.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re
import time

from . import _engine as engine
from ._idn import DomainName, EmailAddress, to_ascii_domain, to_ascii_email
from ._transport import ApiError, AuthenticationError, SessionExpired, TransportError, wrong_shape
from ._units import BIGINT_MAX
from .mailbox_org import DnsVerificationRequired

# Seconds between two domain.add attempts while waiting for the ownership TXT record (wait_for_verification).
VERIFICATION_POLL_SECONDS = 10

# indirections so tests can run the wait on a fake clock
_now = time.monotonic
_sleep = time.sleep

MAIL_PLANS = ('light', 'standard', 'premium')
# the API's own parameter errors do not say what is wrong, so names are checked here first
DOMAIN_NAME = re.compile(r'^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$')


def _check_account(account):
    """The business account's name, which goes into every call as it is: a line break would name no account."""
    try:
        return engine.Text(identifier=True).from_user(account)
    except engine.InputError as exc:
        raise engine.InputError('account: %s' % exc)


def _check_domain_name(domain):
    if not DOMAIN_NAME.match(domain):
        raise engine.InputError('%r is not a valid domain name' % domain)


class Domain(engine.Resource):
    kind = 'domain'
    result_key = 'domain'
    id_key = 'context_id'  # mailbox.org picks a new context when the task names none; domain.add does not answer it
    fields = (
        engine.Field('domain', value_type=DomainName()),
        engine.Field('password', secret=True),
        engine.Field('memo', value_type=engine.Text(), default=''),
        engine.Field('context_id', value_type=engine.Text()),
    )

    def __init__(self, connection, params, check_mode=False):
        super(Domain, self).__init__(connection, params, check_mode)
        self.domain = to_ascii_domain(params['domain']) if params.get('domain') else None
        self.account = params.get('account') or params['api_username']
        self.contexts = {}
        self.desired = {}

    def describe(self):
        return 'domain %s' % self.domain

    def validate(self, desired):
        # kept so read() can turn share_context_with into the context id it stands for
        self.desired = desired
        _check_domain_name(self.domain)
        _check_account(self.account)
        share = self.params.get('share_context_with')
        if share is not None and to_ascii_domain(share) == self.domain:
            raise engine.InputError('share_context_with names the domain itself (%s)' % self.domain)

    def read(self):
        listed = self.connection.domains(self.account).get(self.domain)
        if listed is None and self.params['state'] == 'absent':
            return None
        self.contexts = self.connection.contexts(self.account)
        self._resolve_context()
        if listed is None:
            if not self.params.get('password'):
                raise engine.InputError('password is required to add %s (mailbox.org sets it as the domain '
                                        'login\'s password)' % self.describe())
            self.connection.check_level('domain.add')
            if self.check_mode:
                self.warnings.append(
                    'Check mode cannot tell whether mailbox.org will accept %s: the API names the ownership TXT '
                    'record only in its answer to domain.add, which adds the domain when the record is already '
                    'in place. A real run either adds it or fails with the record to create (verification.host, '
                    'verification.txt).' % self.domain)
            return None
        return domain_raw(self.connection, self.domain, listed, self.contexts)

    def _resolve_context(self):
        known = sorted(set(self.contexts.values()))
        share = self.params.get('share_context_with')
        if share is not None:
            other = to_ascii_domain(share)
            if other not in self.contexts:
                raise engine.InputError('share_context_with: %s is not a domain of account %s' % (
                    other, self.account))
            self.desired['context_id'] = self.contexts[other]
        elif self.params.get('context_id') is not None and self.desired['context_id'] not in known:
            raise engine.InputError('context_id %s is not a context of account %s (known: %s)' % (
                self.desired['context_id'], self.account, ', '.join(known) or 'none'))

    def normalise(self, raw):
        return domain_record(raw)

    def create_defaults(self, after):
        return dict(count_mails=0)  # a new domain has no mail accounts yet

    def create_payload(self, after):
        # say so explicitly: what the API does without a context is not documented
        return {} if after.get('context_id') else {'create_new_context_id': True}

    def create(self, payload):
        deadline = _now() + (self.params.get('wait_for_verification') or 0)
        attempts = 0
        while True:
            attempts += 1
            try:
                self.connection.call('domain.add', write=True, account=self.account, **payload)
                return
            except DnsVerificationRequired as exc:
                if _now() + VERIFICATION_POLL_SECONDS > deadline:
                    if attempts > 1:
                        exc.message = 'After %d attempts in %d seconds: %s' % (
                            attempts, self.params['wait_for_verification'], exc.message)
                    raise
            _sleep(VERIFICATION_POLL_SECONDS)

    def update(self, raw, payload):
        self.connection.call('domain.set', write=True, domain=self.domain, **payload)

    def delete(self, raw):
        self.connection.call('domain.del', write=True, account=self.account, domain=self.domain)


def domain_raw(connection, domain, listed, contexts):
    """The record of a domain domain.list has shown (`listed`, its list item): the item with what domain.get
    answers, and its context from context.list (`contexts`), the documented source of a domain's context."""
    raw = dict(listed)
    raw.update(connection.record('domain.get', domain=domain))
    raw['context_id'] = contexts.get(domain, raw.get('context_id'))
    return raw


def domain_record(raw):
    """A domain as the modules report it."""
    return dict(engine.field_values(Domain.fields, raw), count_mails=int(raw.get('count_mails') or 0))


def list_domains(connection, account=None, domain=None):
    """The domains of `account` (the login's own by default), or the one named `domain`, sorted by name; one
    domain.get per domain, for its memo."""
    account = _check_account(account or connection.username)
    wanted = to_ascii_domain(domain) if domain else None
    domains = connection.domains(account)
    contexts = connection.contexts(account) if domains else {}
    return [domain_record(domain_raw(connection, name, item, contexts)) for name, item in sorted(domains.items())
            if wanted is None or name == wanted]


class _AddressList(engine.ValueType):
    """A JSON list of addresses, kept in the order given (the API keeps it)."""

    def from_user(self, value):
        return [to_ascii_email(v) for v in value or []]

    from_api = from_user


CAPABILITIES = ('MAIL_SPAMPROTECTION', 'MAIL_OTP', 'MAIL_BLACKLIST', 'MAIL_BACKUPRECOVER', 'MAIL_PASSWORDRESET_SMS')
CAPABILITY_STATES = ('on', 'off', 'inherit')


class _Given(engine.ValueType):
    """A dict option compared key by key: only the keys the task gives; resolve() fills in the others as stored."""

    def __init__(self, value_kind):
        self.value_kind = value_kind

    def from_user(self, value):
        return dict((str(key), self.value_kind.from_user(item)) for key, item in value.items() if item is not None)

    def from_api(self, raw):
        return self.from_user(raw) if isinstance(raw, dict) else {}


def _keep_stored(desired, before, options):
    """Complete each dict option of `desired` with the stored values of the keys the task leaves out."""
    for option in options:
        if option in desired:
            desired[option] = dict(before.get(option) or {}, **desired[option])


# --- what a mailbox has beyond mail.get: out-of-office notice, spam protection, capabilities ------------------
# Each is read (mail.vacation.get, mail.spamprotect.get) only when the task sets it; capabilities come with mail.get.

def _date(option, value):
    try:
        datetime.datetime.strptime(value, '%Y-%m-%d')
    except ValueError:
        raise engine.InputError('%s: %r is not a date as YYYY-MM-DD' % (option, value))
    return value


VACATION_TEXTS = ('subject', 'body', 'start_date', 'end_date')


class _Vacation(engine.ValueType):
    """An out-of-office notice: {state: absent}, or {state: present} with its subject, body and dates."""

    def from_user(self, value):
        if value.get('state') == 'absent':
            given = sorted(key for key in VACATION_TEXTS if value.get(key) is not None)
            if given:
                raise engine.InputError('state=absent deletes the notice and takes no %s' % ', '.join(given))
            return dict(state='absent')
        missing = [key for key in ('subject', 'start_date', 'end_date') if not value.get(key)]
        if missing:
            raise engine.InputError('a notice needs %s' % ', '.join(missing))
        notice = dict(state='present', subject=engine.Text(identifier=True).from_user(value['subject']),
                      body=value.get('body') or '', start_date=_date('start_date', str(value['start_date'])),
                      end_date=_date('end_date', str(value['end_date'])))
        if notice['end_date'] < notice['start_date']:
            raise engine.InputError('end_date %s is before start_date %s' % (notice['end_date'], notice['start_date']))
        return notice

    def from_api(self, raw):
        # a notice is on when the answer says active (or, without that key, has a subject: the set call needs one)
        if not isinstance(raw, dict) or not raw.get('active', raw.get('subject')):
            return dict(state='absent')
        return dict(state='present', **dict((key, str(raw.get(key) or '')) for key in VACATION_TEXTS))


class _Bit(engine.Flag):
    """A flag mail.spamprotect.set takes as "1"/"0"; the get may answer a JSON boolean or number as well."""

    def __init__(self):
        super(_Bit, self).__init__(true='1', false='0')

    def from_api(self, raw):
        return str(raw).lower() in ('1', 'true')


class _Score(engine.ValueType):
    """A spam score: a number with at most one decimal, as mailbox.org keeps it."""

    def from_user(self, value):
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise engine.InputError('%r is not a number' % (value,))
        # nan equals nothing, not even its rounding
        if number in (float('inf'), float('-inf')) or number != round(number, 1):
            raise engine.InputError('%s is not a number with at most one decimal' % value)
        return number

    def from_api(self, raw):
        try:
            return round(float(raw), 1)
        except (TypeError, ValueError):
            return raw  # compares unequal, so the task sets it

    def to_api(self, value):
        return value


# mail.spamprotect.get/set: option -> the API's name and value type; the set call requires every one of them
SPAM_SETTINGS = (
    ('greylisting', 'greylist', _Bit()),
    ('rbl', 'rbl', _Bit()),
    ('smtp_plausibility', 'smtp_plausibility', _Bit()),
    ('bypass_banned_checks', 'bypass_banned_checks', _Bit()),
    ('spam_score', 'tag2level', _Score()),
    ('kill_level', 'killevel', engine.Text(lower=True)),
    ('folder', 'route_to', engine.Text(identifier=True)),
)
KILL_LEVELS = ('reject', 'route')


class _SpamProtection(engine.ValueType):
    """The spam protection settings the task gives (resolve() completes them as stored, key by key)."""

    def from_user(self, value):
        settings = {}
        for option, dummy, value_type in SPAM_SETTINGS:
            if value.get(option) is not None:
                try:
                    settings[option] = value_type.from_user(value[option])
                except engine.InputError as exc:
                    raise engine.InputError('%s: %s' % (option, exc))
        return settings

    def from_api(self, raw):
        raw = raw if isinstance(raw, dict) else {}
        return dict((option, value_type.from_api(raw.get(api))) for option, api, value_type in SPAM_SETTINGS)

    def to_api(self, value):
        return dict((api, value_type.to_api(value[option])) for option, api, value_type in SPAM_SETTINGS)


class _MailCapabilities(_Given):
    """The capabilities a task sets, compared with mail.get's list of the enabled ones."""

    def __init__(self):
        super(_MailCapabilities, self).__init__(engine.Text())

    def from_api(self, raw):
        return dict((name, 'on' if name in (raw or []) else 'off') for name in CAPABILITIES)


# the options read and written with calls of their own, only when the task gives them
MAILBOX_SETTINGS = ('vacation', 'spam_protection', 'capabilities')


# Settings mail.add does not take: a new mailbox gets them with a mail.set right after the add.
SET_ONLY = ('aliases', 'active', 'alternate_mail', 'same_password_disallowed')
# Settings only mail.add takes and mail.get never shows: used on create, never compared.
ADD_ONLY = ('catchall', 'create_own_context', 'skip_welcome_mail')
# Settings mail.set takes only together with plan.
WITH_PLAN = ('additional_mail_quota', 'additional_cloud_quota')
REQUIRED_ON_CREATE = ('plan', 'first_name', 'last_name')
TEXT_FIELDS = ('memo', 'alternate_mail', 'allow_nets', 'title', 'birthday', 'position', 'department', 'company',
               'street', 'postal_code', 'city', 'phone', 'fax', 'cell_phone', 'uid_extern', 'language')


class MailAccount(engine.Resource):
    kind = 'mail account'
    result_key = 'mail_account'
    identity_option = 'mail'
    fields = (
        engine.Field('mail', value_type=EmailAddress()),
        engine.Field('password', secret=True),
        engine.Field('password_hash', secret=True),
        engine.Field('plan', value_type=engine.Text(lower=True)),
        engine.Field('first_name', value_type=engine.Text()),
        engine.Field('last_name', value_type=engine.Text()),
        engine.Field('inboxsave', value_type=engine.ValueType(), default=True),
        engine.Field('forwards', value_type=_AddressList(), default=[]),
        engine.Field('aliases', value_type=_AddressList()),
        engine.Field('active', value_type=engine.ValueType()),
        engine.Field('require_reset_password', value_type=engine.ValueType()),
        engine.Field('same_password_disallowed', value_type=engine.ValueType()),
        engine.Field('additional_mail_quota', value_type=engine.Integer()),
        engine.Field('additional_cloud_quota', value_type=engine.Integer()),
        engine.Field('vacation', value_type=_Vacation(), virtual=True),
        engine.Field('spam_protection', value_type=_SpamProtection(), virtual=True),
        engine.Field('capabilities', value_type=_MailCapabilities(), virtual=True),
    ) + tuple(engine.Field(name, value_type=engine.Text()) for name in TEXT_FIELDS)

    def __init__(self, connection, params, check_mode=False):
        super(MailAccount, self).__init__(connection, params, check_mode)
        self.mail = to_ascii_email(params['mail']) if params.get('mail') else None
        self.desired = {}

    def describe(self):
        return 'mail account %s' % self.mail

    @property
    def domain(self):
        return self.mail.split('@', 1)[1]

    def validate(self, desired):
        _check_domain_name(self.domain)
        for name in WITH_PLAN:
            # a count of the storage units mailbox.org books, not a size: no unit, and no more than any column holds
            if not 0 <= desired.get(name, 0) <= BIGINT_MAX:
                raise engine.InputError('%s must be a whole number from 0 to %d' % (name, BIGINT_MAX))
        if not desired.get('inboxsave', True) and desired.get('forwards') == []:
            raise engine.InputError('a mail account with inboxsave=false needs at least one address in forwards')
        for name, state in (desired.get('capabilities') or {}).items():
            # mail.get lists the enabled capabilities only, so a mailbox's 'inherit' could never compare equal
            if name not in CAPABILITIES or state not in ('on', 'off'):
                raise engine.InputError('capabilities: %s: %s is not a capability (%s) set to on or off (a mailbox '
                                        'shows only whether one is enabled; set inherited ones on the account with '
                                        'hosting.provision.mailbox_customer)' % (name, state, ', '.join(CAPABILITIES)))
        self.desired = desired

    def read(self):
        raw = self.lookup()
        if raw is None:
            if self.params['state'] == 'present':
                self._check_create()
            return None
        return self._with_settings(raw) if self.params['state'] == 'present' else raw

    def _with_settings(self, raw):
        """`raw` with the out-of-office notice and the spam protection settings, each read when the task sets it."""
        raw = dict(raw)
        if self.params.get('vacation') is not None:
            raw['vacation'] = self.connection.record('mail.vacation.get', mail=self.mail)
        if self.params.get('spam_protection') is not None:
            raw['spam_protection'] = self.connection.record('mail.spamprotect.get', mail=self.mail)
        if self.params.get('capabilities') is not None and not isinstance(raw.get('capabilities'), list):
            raise wrong_shape(self.connection.transport, 'mail.get', 'capabilities as a list of the enabled ones',
                              raw.get('capabilities'))
        return raw

    def resolve(self, desired, raw):
        if raw is not None:
            _keep_stored(desired, self.normalise(raw), ('spam_protection', 'capabilities'))

    def normalise(self, raw):
        record = engine.field_values(self.fields, raw)
        record.update((field.option, field.value_type.from_api(raw.get(field.option))) for field in self.fields
                      if field.option in MAILBOX_SETTINGS and self.params.get(field.option) is not None)
        return record

    def identity(self):
        return self.mail

    def parent(self):
        return self.domain

    @classmethod
    def list_records(cls, connection, parent):
        """From one detailed mail.list (its items carry the mail.get fields); None when the list fails, so each
        account's own lookup explains why."""
        try:
            return dict((address, [record]) for address, record in connection.mails(parent, details=True).items())
        except ApiError:
            return None

    def find_record(self):
        """mail.get reads the account directly. Its not-found code is undocumented, so when it fails, the
        domain's mail.list decides: the account is absent when the list lacks it, else the get's error stands."""
        try:
            return self.connection.record('mail.get', key='mail', mail=self.mail, include_quota_usage=False)
        except (AuthenticationError, SessionExpired):
            raise
        except ApiError as exc:
            failed = exc
        if self.mail in self._domain_mails():
            raise failed
        return None

    def _domain_mails(self):
        """{address: item} of the domain's mail.list; {} for a domain that does not exist when nothing needs it
        (state=absent) or check mode warns (an earlier task may add it)."""
        try:
            return self.connection.mails(self.domain)
        except ApiError as exc:
            failed = exc
        missing = self._domain_missing()
        present = self.params['state'] == 'present'
        if missing is None and present and self.check_mode:
            # an earlier task of the same play may add the domain, which check mode cannot see
            self.warnings.append(
                '%s Check mode cannot tell whether the domain %s is missing (only an account\'s own login can list '
                'its domains): a real run fails unless an earlier task adds it.' % (failed.message, self.domain))
            return {}
        if not missing:
            failed.message = '%s Does the domain %s exist, and may %r manage it?' % (
                failed.message, self.domain, self.connection.username)
            raise failed
        if not present:
            return {}
        message = 'The domain %s does not exist in account %s; add it first (hosting.provision.mailbox_domain).' % (
            self.domain, self.connection.username)
        if not self.check_mode:
            raise engine.InputError(message)
        self.warnings.append('%s A real run fails unless an earlier task adds it.' % message)
        return {}

    def _domain_missing(self):
        """mail.list fails for a domain that does not exist: whether it does not, as an account login can confirm
        with domain.list; None for another login, which cannot list its account's domains."""
        if self.connection.level != 'account':
            return None
        return self.domain not in self.connection.domains(self.connection.username)

    def _check_create(self):
        missing = [o for o in REQUIRED_ON_CREATE if self.params.get(o) is None]
        if self.params.get('password') is None and self.params.get('password_hash') is None:
            missing.append('password or password_hash')
        if missing:
            raise engine.InputError('%s required to create %s' % (', '.join(missing), self.describe()))
        self.connection.check_level('mail.add')

    def password_matches(self, raw, password):
        return None  # mailbox.org never returns a password or its hash

    def create_payload(self, after):
        payload = dict((name, self.params[name]) for name in ADD_ONLY if self.params.get(name) is not None)
        # mail.add requires the password key; with password_hash it goes as null
        payload['password'] = None
        return payload

    def update_payload(self, raw, changes):
        if any(name in changes for name in WITH_PLAN) and 'plan' not in changes:
            return {'plan': raw['plan']}
        return {}

    def create(self, payload):
        later = dict((name, payload.pop(name)) for name in SET_ONLY if name in payload)
        self.connection.call('mail.add', write=True, **payload)
        steps = [(', '.join(sorted(later)), lambda: self._set(later))] if later else []
        # a new mailbox has no notice; its spam protection is read when the task gives only part of it
        self._steps(steps + self._setting_steps(dict(vacation=dict(state='absent')), {}), created=True)

    def update(self, raw, payload):
        steps = [(', '.join(sorted(payload)), lambda: self._set(payload))] if payload else []
        self._steps(steps + self._setting_steps(self.normalise(raw), raw), created=False)

    def _set(self, payload):
        self.connection.call('mail.set', write=True, mail=self.mail, **payload)

    def _setting_steps(self, before, raw):
        """(option, write) for each of vacation, spam_protection and capabilities that the task sets otherwise
        than `before` holds (the normalised record; `raw` the record read)."""
        steps = []
        vacation = self.desired.get('vacation')
        if vacation is not None and vacation != before.get('vacation'):
            steps.append(('vacation', lambda: self._write_vacation(vacation, raw.get('vacation') or {})))
        spam = self.desired.get('spam_protection')
        if spam is not None and spam != before.get('spam_protection'):
            steps.append(('spam_protection', lambda: self._write_spam_protection(spam)))
        capabilities = dict((name, state) for name, state in (self.desired.get('capabilities') or {}).items()
                            if (before.get('capabilities') or {}).get(name) != state)
        if capabilities:
            steps.append(('capabilities', lambda: self.connection.call(
                'mail.capabilities.set', write=True, mail=self.mail, capabilities=capabilities)))
        return steps

    def _write_vacation(self, notice, stored):
        if notice['state'] == 'absent':
            self.connection.call('mail.vacation.delete', write=True, mail=self.mail)
            return
        # the addresses the notice also answers for are not managed: keep the ones set elsewhere
        extra = dict(additional_mail_addresses=stored['additional_mail_addresses']) if stored.get(
            'additional_mail_addresses') else {}
        self.connection.call('mail.vacation.set', write=True, mail=self.mail, subject=notice['subject'],
                             body=notice['body'], start_date=notice['start_date'], end_date=notice['end_date'], **extra)

    def _write_spam_protection(self, wanted):
        """mail.spamprotect.set takes every setting: those the task leaves out go as stored (a new mailbox's are read
        first, unless the task gives all of them)."""
        if len(wanted) < len(SPAM_SETTINGS):
            stored = _SpamProtection().from_api(self.connection.record('mail.spamprotect.get', mail=self.mail))
            wanted = dict(stored, **wanted)
            if wanted == stored:
                return
        self.connection.call('mail.spamprotect.set', write=True, mail=self.mail, **_SpamProtection().to_api(wanted))

    def _steps(self, steps, created):
        """Make the writes `steps` ((what they set, write)) in order. A lost answer does not stop the ones after it
        (the engine's re-read then tells what took effect); a write that fails after an earlier one took effect says
        so, and that the task changed the server."""
        done = ['mail.add'] if created else []  # what surely took effect
        lost = None
        for what, write in steps:
            try:
                write()
            except TransportError as exc:
                if exc.maybe_applied and lost is None:
                    lost = self._half_done(exc, done, what)
                    continue
                raise self._half_done(exc, done, what)
            done.append(what)
        if lost is not None:
            raise lost

    def _half_done(self, exc, done, what):
        """`exc` of the write of `what`, saying what took effect before it."""
        if done:
            exc.message = '%s was %s, but setting %s failed: %s Run the task again to finish.' % (
                self.describe(), 'created' if done[0] == 'mail.add' else 'updated (%s)' % ', '.join(done), what,
                exc.message)
            exc.written = True  # the task changed the server all the same (engine.fail reports it)
        return exc

    def delete(self, raw):
        self.connection.call('mail.del', write=True, mail=self.mail)


def mail_account_options():
    """The argument spec of one mail account: the options of mailbox_account, an item of mailbox_accounts."""
    options = dict(
        mail=dict(type='str', required=True, aliases=['email']),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        password=dict(type='str', no_log=True),
        password_hash=dict(type='str', no_log=True),
        update_password=engine.update_password_option(comparable=False),
        plan=dict(type='str', choices=list(MAIL_PLANS)),
        first_name=dict(type='str'),
        last_name=dict(type='str'),
        inboxsave=dict(type='bool'),
        forwards=dict(type='list', elements='str'),
        aliases=dict(type='list', elements='str'),
        active=dict(type='bool'),
        require_reset_password=dict(type='bool', no_log=False),
        same_password_disallowed=dict(type='bool', no_log=False),
        additional_mail_quota=dict(type='int'),
        additional_cloud_quota=dict(type='int'),
        catchall=dict(type='bool'),
        create_own_context=dict(type='bool'),
        skip_welcome_mail=dict(type='bool'),
        vacation=dict(type='dict', options=dict(
            state=dict(type='str', default='present', choices=['present', 'absent']),
            subject=dict(type='str'),
            body=dict(type='str'),
            start_date=dict(type='str'),
            end_date=dict(type='str'),
        )),
        spam_protection=dict(type='dict', options=dict(
            greylisting=dict(type='bool'),
            rbl=dict(type='bool'),
            smtp_plausibility=dict(type='bool'),
            bypass_banned_checks=dict(type='bool'),
            spam_score=dict(type='float'),
            kill_level=dict(type='str', choices=list(KILL_LEVELS)),
            folder=dict(type='str'),
        )),
        capabilities=dict(type='dict'),
    )
    options.update((name, dict(type='str')) for name in TEXT_FIELDS)
    options['cell_phone']['aliases'] = ['mobile']  # the name of the other APIs
    return options


def list_mail_accounts(connection, domain=None, mail=None):
    """The mail accounts of `domain`, or the one with the address `mail`, sorted by address, from one detailed
    mail.list (its items carry the mail.get fields)."""
    wanted = to_ascii_email(mail) if mail else None
    domain = wanted.split('@', 1)[1] if wanted else to_ascii_domain(domain)
    return [engine.field_values(MailAccount.fields, record)
            for address, record in sorted(connection.mails(domain, details=True).items())
            if wanted is None or address == wanted]


# --- customer accounts (account.*, a reseller's or admin's login) ------------------------------------------

ACCOUNT_PLANS = ('basic', 'profi', 'profixl', 'reseller')
# account.get shows these objects; account.add/set take their keys flat, prefixed with the object's name
ACCOUNT_PARTS = {
    'address': ('address_main', ('salutation', 'first_name', 'last_name', 'street', 'zipcode', 'town', 'country')),
    'payment_address': ('address_payment', ('first_name', 'last_name', 'street', 'zipcode', 'town', 'country')),
    'contact': ('contact', ('mail', 'phone', 'fax', 'mobile')),
}
ACCOUNT_TEXT_FIELDS = ('company', 'ustid', 'memo', 'language')


class CustomerAccount(engine.Resource):
    """A customer account (account.*) that a reseller login manages.

    Identity: `account`, its name, unique at mailbox.org; found in account.list (the not-found codes are
    undocumented), read with account.get and, when the task sets capabilities, account.capabilities.get.
    Secret: `password` (write-only). Parent: the reseller of the login. Children: the account's domains (and
    their mail accounts) and groups, which account.del deletes with it.
    """

    kind = 'customer account'
    result_key = 'customer'
    fields = (
        engine.Field('account', value_type=engine.Text(identifier=True)),
        engine.Field('password', secret=True),
        engine.Field('plan', value_type=engine.Text(lower=True)),
        engine.Field('tariff_limits', api='tarifflimits', value_type=_Given(engine.Integer())),
        engine.Field('capabilities', value_type=_Given(engine.Text()), virtual=True),
    ) + tuple(engine.Field(name, value_type=engine.Text()) for name in ACCOUNT_TEXT_FIELDS) + tuple(
        engine.Field(option, value_type=_Given(engine.Text()), virtual=True) for option in ACCOUNT_PARTS)

    def __init__(self, connection, params, check_mode=False):
        super(CustomerAccount, self).__init__(connection, params, check_mode)
        self.account = params['account']
        self.desired = {}

    def describe(self):
        return 'customer account %s' % self.account

    def validate(self, desired):
        _check_account(self.account)
        for name, state in (desired.get('capabilities') or {}).items():
            if name not in CAPABILITIES or state not in CAPABILITY_STATES:
                raise engine.InputError('capabilities: %s: %s is not a capability (%s) set to one of %s' % (
                    name, state, ', '.join(CAPABILITIES), ', '.join(CAPABILITY_STATES)))
        for option, (dummy, keys) in ACCOUNT_PARTS.items():
            unknown = sorted(set(desired.get(option) or {}) - set(keys))
            if unknown:
                raise engine.InputError('%s: unknown key %s (known: %s)' % (
                    option, ', '.join(unknown), ', '.join(keys)))
        self.desired = desired

    def read(self):
        if self.account not in self.connection.accounts(self.account):
            if self.params['state'] == 'present':
                missing = [o for o in ('password', 'plan') if self.params.get(o) is None]
                if missing:
                    raise engine.InputError('%s required to create %s' % (' and '.join(missing), self.describe()))
            return None
        raw = self.connection.record('account.get', key='account', account=self.account)
        if self.params.get('capabilities') is not None:
            capabilities = self.connection.call('account.capabilities.get', account=self.account)
            if not isinstance(capabilities, dict):
                raise wrong_shape(self.connection.transport, 'account.capabilities.get', 'an object of capabilities',
                                  capabilities)
            raw = dict(raw, capabilities=capabilities)
        return raw

    def resolve(self, desired, raw):
        if raw is not None:
            _keep_stored(desired, self.normalise(raw), ('tariff_limits', 'capabilities') + tuple(ACCOUNT_PARTS))

    def normalise(self, raw):
        record = engine.field_values(self.fields, raw)
        for option, (part, keys) in ACCOUNT_PARTS.items():
            stored = _Given(engine.Text()).from_api(raw.get(part))
            record[option] = dict((key, value) for key, value in stored.items() if key in keys)
        if 'capabilities' in raw:
            record['capabilities'] = _Given(engine.Text()).from_api(raw['capabilities'])
        else:
            record.pop('capabilities', None)
        record['status'] = raw.get('status')
        return record

    def create_payload(self, after):
        return self._flat(after, {})

    def update_payload(self, raw, changes):
        return self._flat(changes, self.normalise(raw))

    @staticmethod
    def _flat(values, before):
        """account.add/set's flat names of the dict options in `values` that differ from `before`."""
        payload = {}
        for option, (part, dummy) in ACCOUNT_PARTS.items():
            for key, value in (values.get(option) or {}).items():
                if (before.get(option) or {}).get(key) != value:
                    payload['%s_%s' % (part, key)] = value
        return payload

    def _capability_changes(self, before):
        return dict((name, state) for name, state in (self.desired.get('capabilities') or {}).items()
                    if (before.get('capabilities') or {}).get(name) != state)

    def create(self, payload):
        self.connection.call('account.add', write=True, **payload)
        capabilities = self._capability_changes({})
        if capabilities:
            try:
                self.connection.call('account.capabilities.set', write=True, account=self.account,
                                     capabilities=capabilities)
            except TransportError as exc:
                exc.message = '%s was created, but setting its capabilities failed: %s Run the task again to ' \
                              'finish.' % (self.describe(), exc.message)
                exc.written = True
                raise

    def update(self, raw, payload):
        if payload:
            self.connection.call('account.set', write=True, account=self.account, **payload)
        capabilities = self._capability_changes(self.normalise(raw))
        if capabilities:
            self.connection.call('account.capabilities.set', write=True, account=self.account, capabilities=capabilities)

    def delete(self, raw):
        self.connection.call('account.del', write=True, account=self.account)


def customer_options():
    """The argument spec of mailbox_customer."""
    part = dict(type='dict')
    options = dict(
        account=dict(type='str', required=True),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        password=dict(type='str', no_log=True),
        update_password=engine.update_password_option(comparable=False),
        plan=dict(type='str', choices=list(ACCOUNT_PLANS)),
        tariff_limits=dict(type='dict'),
        capabilities=dict(type='dict'),
    )
    options.update((name, dict(type='str')) for name in ACCOUNT_TEXT_FIELDS)
    options.update((option, dict(part, options=dict((key, dict(type='str')) for key in keys)))
                   for option, (dummy, keys) in ACCOUNT_PARTS.items())
    return options


def list_customers(connection, account=None):
    """The customer accounts the login manages (or the one named `account`), sorted by name; one account.get
    each."""
    wanted = _check_account(account) if account else None
    listed = connection.accounts(wanted or '')
    return [CustomerAccount(connection, dict(account=name)).normalise(
        connection.record('account.get', key='account', account=name))
        for name in sorted(listed) if wanted is None or name == wanted]


# --- groups: team addresses (group.*) ---------------------------------------------------------------------

class _Members(engine.ValueType):
    """Member addresses compared as a set: lower case, the domain in punycode, each once, sorted."""

    def from_user(self, value):
        return sorted(set(to_ascii_email(v) for v in value or []))

    from_api = from_user


class Group(engine.Resource):
    """A group of an account: a team address whose mail reaches its members (internal and external addresses).

    Identity: `name` within `account` (the login's own by default); found in group.list (the not-found codes are
    undocumented), read with group.get by the group_id the list shows. No secrets. Parent: the account.
    Children: none.
    """

    kind = 'group'
    result_key = 'group'
    id_key = 'group_id'  # group.add answers true, without the id
    fields = (
        engine.Field('name', value_type=engine.Text(identifier=True)),
        engine.Field('display_name', value_type=engine.Text()),
        engine.Field('members', value_type=_Members(), virtual=True),
    )

    def __init__(self, connection, params, check_mode=False):
        super(Group, self).__init__(connection, params, check_mode)
        self.account = params.get('account') or params['api_username']
        self.name = params['name']

    def describe(self):
        return 'group %s of account %s' % (self.name, self.account)

    def validate(self, desired):
        _check_account(self.account)

    def read(self):
        listed = self.connection.groups(self.account).get(self.name)
        if listed is None:
            return None
        group_id = listed.get('group_id')
        if not isinstance(group_id, int) or isinstance(group_id, bool):
            raise wrong_shape(self.connection.transport, 'group.list', 'groups with a numeric group_id', listed)
        return group_raw(self.connection, self.account, group_id)

    def normalise(self, raw):
        return dict(engine.field_values(self.fields, raw), members=_Members().from_api(raw.get('members')),
                    group_id=raw['group_id'])

    def create(self, payload):
        # display_name is required; a group the task names only is shown under its name
        self.connection.call('group.add', write=True, account=self.account, name=self.name,
                             display_name=payload.get('display_name', self.name),
                             mail_addresses_to_add=self.params.get('members') and _Members().from_user(
                                 self.params['members']) or [])

    def update(self, raw, payload):
        before = self.normalise(raw)
        wanted = _Members().from_user(self.params['members']) if self.params.get('members') is not None else None
        members = before['members']
        # one group.set: display_name always (the call requires it), additions and removals together
        self.connection.call('group.set', write=True, account=self.account, group_id=raw['group_id'],
                             display_name=payload.get('display_name', before['display_name']),
                             mail_addresses_to_add=[m for m in wanted or [] if m not in members],
                             mail_addresses_to_remove=[m for m in members if wanted is not None and m not in wanted])

    def delete(self, raw):
        self.connection.call('group.del', write=True, account=self.account, group_id=raw['group_id'])


def group_raw(connection, account, group_id):
    """What group.get answers for the group `group_id` of `account`; it must name that group."""
    raw = connection.call('group.get', account=account, group_id=group_id)
    if not isinstance(raw, dict) or raw.get('group_id') != group_id:
        raise wrong_shape(connection.transport, 'group.get', 'the group with group_id %s' % group_id, raw)
    return raw


def group_options():
    """The argument spec of mailbox_group."""
    return dict(
        account=dict(type='str'),
        name=dict(type='str', required=True),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        display_name=dict(type='str'),
        members=dict(type='list', elements='str'),
    )


def list_groups(connection, account=None, name=None):
    """The groups of `account` (the login's own by default), or the one called `name`, sorted by name; one
    group.get each, for its members."""
    account = _check_account(account or connection.username)
    listed = connection.groups(account)
    return [Group(connection, dict(account=account, name=group)).normalise(
        group_raw(connection, account, item.get('group_id')))
        for group, item in sorted(listed.items()) if name is None or group == name]
