# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""The ISPConfig objects the modules manage: one field table and the calls for each.

Facts: docs/api/ispconfig.md sections 3-8. On create every field is sent explicitly, because the
API stores "empty" values (active=n, postfix=n, type='', limits 0) for anything left out; on update only
the changed fields are sent and the server merges them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
from collections import namedtuple

from . import _engine as engine
from . import ispconfig
from ._crypthash import verify
from ._idn import DomainName, EmailAddress, to_ascii_domain, to_ascii_email
from ._transport import ApiError, TransportError, wrong_shape
from ._units import MIB, with_unit


ADMIN_GROUP = 1  # the panel's admin group (sys_group 1, named "admin", client id 0)

Owner = namedtuple('Owner', 'client_id group_id name row')
Owner.__doc__ = """The client an object belongs to: its client id, its group (sys_group), the name of that group
(the client's username) and its client row (None for the admin)."""


def admin_owner(group_id=ADMIN_GROUP):
    """The owner of an object of no client: the admin group, or a group that is gone ('default', as the panel
    names a missing one)."""
    return Owner(0, group_id, 'admin' if group_id == ADMIN_GROUP else 'default', None)


def group_owner(connection, group_id):
    """The Owner of a sys_group: the admin for the admin group, else the client the connection reads (once per task)."""
    if group_id in (0, ADMIN_GROUP):
        return admin_owner(group_id)
    row = connection.group_client(group_id)
    return Owner(int(row['client_id']), group_id, row['username'], row)


def client_owner(connection, username):
    """The Owner named by a task's `client` (None: the admin); MissingParent when there is no such client."""
    if not username:
        return admin_owner()
    client_id, group_id = connection.owner(username)
    return Owner(client_id, group_id, username, None)


class ServerId(engine.Integer):
    """The `server_id` option of every module: ISPConfig numbers its servers from 1, so 0 and negative ids are
    refused before anything is sent (the API would look for the server, or store the id, and fail later)."""

    def from_user(self, value):
        number = super(ServerId, self).from_user(value)
        if number < 1:
            raise engine.InputError('%d names no server; ISPConfig numbers its servers from 1 (System > Servers)'
                                    % number)
        return number


class Owned(ispconfig.PanelObject):
    """An object with an ISPConfig owner, set with the `client` option (a client's username)."""

    domain_row = None  # a mail object's mail_domain row, read only when the object is created

    def check_parent(self, find):
        """Run `find()`, which raises MissingParent. Check mode only warns: an earlier task of the same play
        may create the parent, which check mode cannot see; a real run fails before any write."""
        try:
            return find()
        except ispconfig.MissingParent as exc:
            if not self.check_mode:
                raise
            self.warnings.append('%s A real run fails unless an earlier task creates it.' % exc.message)
            return None

    def read_owner(self):
        # the owner matters only for what is created or kept; deleting needs no client
        if self.params.get('client') is not None and self.params.get('state', 'present') == 'present':
            self.check_parent(lambda: self.connection.owner(self.params['client']))

    def normalise(self, raw):
        state = super(Owned, self).normalise(raw)
        state[self.id_column] = int(raw[self.id_column])
        if self.params.get('client') is not None:
            state['client'] = self.connection.owner_name(raw, self.params['client'])
        return state

    def owner_id(self):
        return self.connection.owner(self.params.get('client'))[0]

    def find_domain_row(self, domain):
        """The mail_domain row of `domain`, read once per task (a bulk task's mailboxes share the read)."""
        rows = self.shared.setdefault('mail_domain', {})
        if domain not in rows:
            rows[domain] = self.connection.find_one(MailDomain, domain=domain)
        return rows[domain]

    def hosting_domain(self, address):
        """The mail_domain row of the domain of `address`, read to create a mail object in it: the panel offers only
        the domains it hosts, and the API would store an address of any domain (a real run fails, check mode warns)."""
        domain = address.split('@')[1]

        def find():
            row = self.find_domain_row(domain)
            if row is None:
                raise ispconfig.MissingParent(
                    'Cannot create %s: the mail domain %s does not exist in ISPConfig; create it first '
                    '(hosting.provision.ispconfig_mail_domain).' % (self.describe(), domain), call='mail_domain_get')
            return row
        row = self.check_parent(find)
        if row is not None:
            self._check_domain_owner(row)
        return row

    def _check_domain_owner(self, domain_row):
        """The panel's mailbox, alias and forward forms give a new object the owner of its mail domain
        (onAfterInsert): a task that names another client asks for what the panel cannot make."""
        wanted = self.params.get('client')
        try:
            wanted_group = self.connection.owner(wanted)[1] if wanted is not None else None
        except ispconfig.MissingParent:
            return  # check mode, which has warned that the client does not exist yet
        group = int(domain_row.get('sys_groupid') or 0)
        if wanted_group is not None and wanted_group != group:
            raise engine.InputError(
                'Cannot create %s for client %s: its mail domain %s belongs to %s, and the panel gives a new %s the '
                'owner of its mail domain. Name that client, or leave client out.' % (
                    self.describe(), wanted, domain_row.get('domain'),
                    'the admin' if group == ADMIN_GROUP else 'the client of group %d' % group, self.kind))

    def create(self, payload):
        self.new_id = self.connection.add(self.function_family, self.new_owner_id(), payload)

    def new_owner_id(self):
        """The client id a new object is added for: the mail domain's owner for a mail object (the task's client,
        checked to be that owner, or found from the domain's group), else the task's client."""
        if self.params.get('client') is None and self.domain_row is not None:
            return group_owner(self.connection, int(self.domain_row.get('sys_groupid') or 0)).client_id
        return self.owner_id()

    def update(self, raw, payload):
        # client_id 0 leaves the owner as it is; a client's id re-owns the record.
        client_id = self.owner_id() if self.params.get('client') is not None else 0
        self.connection.update(self.function_family, client_id, int(raw[self.id_column]), payload)

    def delete(self, raw):
        self.connection.delete(self.function_family, int(raw[self.id_column]))


class MailDomain(Owned):
    kind = 'mail domain'
    result_key = 'mail_domain'
    module_name = 'ispconfig_mail_domain'
    function_family = 'mail_domain'
    id_column = 'domain_id'
    function_groups = {'mail_domain': 'Mail domain functions'}
    prefix_setting = stock_prefix = None
    secret_columns = ('relay_pass',)
    parent_column = None  # its owner's group is its sys_groupid
    # its mailboxes, aliases and forwards, which the panel deletes with it, are not checked yet
    children_block_delete = False
    name_column = 'domain'
    fields = (
        engine.Field('domain', value_type=DomainName()),
        engine.Field('client', value_type=engine.Text(), virtual=True),
        engine.Field('server_id', value_type=ServerId(), default=1),
        engine.Field('active', value_type=engine.Flag()),
        engine.Field('dkim', value_type=engine.Flag(), default=False),
        engine.Field('dkim_selector', value_type=engine.Text(), default='default'),
        engine.Field('relay_host', value_type=engine.Text(), default=''),
        engine.Field('relay_user', value_type=engine.Text(), default=''),
        engine.Field('relay_password', api='relay_pass', secret=True),
    )

    def __init__(self, connection, params, check_mode=False):
        super(MailDomain, self).__init__(connection, params, check_mode)
        self.domain = DomainName().from_user(params['domain'])

    def describe(self):
        return 'mail domain %s' % self.domain

    def validate(self, desired):
        if not ispconfig.MAIL_DOMAIN.match(self.domain):
            raise engine.InputError(
                '%r is not a domain name ISPConfig accepts for mail: it needs at least two letters, digits, _, - or . '
                'before its last dot and a top-level domain of 2 to 30 letters, digits or -' % self.domain)
        selector = desired.get('dkim_selector')
        if selector is not None and not ispconfig.DKIM_SELECTOR.match(selector):
            raise engine.InputError('dkim_selector %r may hold only a-z and 0-9, at most 63 characters' % selector)

    def read(self):
        self.read_owner()
        return self.connection.find_one(MailDomain, domain=self.domain)

    def password_matches(self, raw, password):
        return raw.get('relay_pass') == password

    def create_payload(self, after):
        # the panel's form posts its empty key fields; the API would leave NULL
        return dict(dkim_private='', dkim_public='')


def _mail_password_matches(password, stored_hash):
    """ISPConfig hashes mail passwords converted to ISO-8859-1 (CRYPTMAIL)."""
    try:
        encoded = password.encode('latin-1')
    except UnicodeEncodeError:
        encoded = password.encode('utf-8')
    return verify(encoded, stored_hash)


# The quota of a mailbox: MB in the panel (mail_user_edit.php stores MB x 1024 x 1024 bytes), so a bare number is
# MB and a size must be a whole number of them; 0 (or "unlimited") means no limit.
MAILBOX_QUOTA = engine.Size(bare_unit=MIB, step=MIB, step_name='MB')

# Mailbox fields on form tabs the panel's settings can hide (System > Interface > Main Config > Mail). The remote
# API drops the fields of a hidden tab without a word: an add leaves the column defaults, an update the stored
# values. -> (the sys_ini [mail] switch, the tab's name in the panel)
MAILBOX_TABS = (
    (('move_junk', 'purge_trash_days', 'purge_junk_days'), 'mailbox_show_mail_filter_tab', 'Mail Filter'),
    (('autoresponder', 'autoresponder_subject', 'autoresponder_text'), 'mailbox_show_autoresponder_tab',
     'Autoresponder'),
)


class MailUser(Owned):
    kind = 'mailbox'
    result_key = 'mail_user'
    module_name = 'ispconfig_mail_user'
    function_family = 'mail_user'
    id_column = 'mailuser_id'
    function_groups = {'mail_user': 'Mail user functions'}
    prefix_setting = stock_prefix = None
    secret_columns = ('password',)
    parent_class = MailDomain
    parent_column = None  # found by the domain of its address
    children_block_delete = False
    name_column = 'email'
    identity_option = 'email'
    # defaults: what the panel's "new mailbox" form stores (its fields and the columns of its other tabs)
    fields = (
        engine.Field('email', value_type=EmailAddress()),
        engine.Field('client', value_type=engine.Text(), virtual=True),
        engine.Field('login', value_type=engine.Text(lower=True, identifier=True)),
        engine.Field('password', secret=True),
        engine.Field('name', value_type=engine.Text(), default=''),
        engine.Field('quota', value_type=MAILBOX_QUOTA),
        engine.Field('cc', value_type=engine.TextList(lower=True), default=[]),
        engine.Field('sender_cc', value_type=engine.Text(lower=True), default=''),
        engine.Field('maildir', value_type=engine.Text()),
        engine.Field('homedir', value_type=engine.Text(), default='/var/vmail'),
        engine.Field('server_id', value_type=ServerId()),
        engine.Field('receive', api='postfix', value_type=engine.Flag(), default=True),
        engine.Field('smtp', api='disablesmtp', value_type=engine.Flag(invert=True), default=True),
        engine.Field('imap', api='disableimap', value_type=engine.Flag(invert=True), default=True),
        engine.Field('pop3', api='disablepop3', value_type=engine.Flag(invert=True), default=True),
        engine.Field('deliver', api='disabledeliver', value_type=engine.Flag(invert=True), default=True),
        engine.Field('greylisting', value_type=engine.Flag(), default=False),
        engine.Field('forward_in_lda', value_type=engine.Flag(), default=False),
        engine.Field('autoresponder', value_type=engine.Flag(), default=False),
        engine.Field('autoresponder_subject', value_type=engine.Text(), default='Out of office reply'),
        engine.Field('autoresponder_text', value_type=engine.Text(empty_is_none=True), default=''),
        engine.Field('move_junk', value_type=engine.Text(), default='y'),
        engine.Field('purge_trash_days', value_type=engine.Integer(), default=0),
        engine.Field('purge_junk_days', value_type=engine.Integer(), default=0),
        engine.Field('backup_interval', value_type=engine.Text(), default='none'),
        engine.Field('backup_copies', value_type=engine.Integer(), default=1),
    )

    def __init__(self, connection, params, check_mode=False):
        super(MailUser, self).__init__(connection, params, check_mode)
        # the info module lists mailboxes without naming one
        self.email = EmailAddress().from_user(params['email']) if params.get('email') else None
        self.unconfirmed = []  # tab fields sent while the panel's tab switches could not be read

    def describe(self):
        return 'mailbox %s' % self.email

    def validate(self, desired):
        if '+' in self.email.split('@')[0]:
            raise engine.InputError('ISPConfig rejects "+" in mailbox addresses (%s)' % self.email)
        for address in desired.get('cc', []) + ([desired['sender_cc']] if desired.get('sender_cc') else []):
            if '@' not in address:
                raise engine.InputError('%r is not an e-mail address' % address)

    def read(self):
        self.read_owner()
        raw = self.lookup()
        if raw is None and self.params.get('state', 'present') == 'present':
            # mail_user_add needs the domain; find out now, so check mode predicts the failure too
            self.domain_row = self.hosting_domain(self.email)
            missing = [option for option in ('quota', 'password') if self.params.get(option) is None]
            if missing:
                raise engine.InputError('%s required to create %s%s: the panel saves no mailbox without %s' % (
                    ' and '.join(missing) + (' is' if len(missing) == 1 else ' are'), self.email,
                    ' (quota 0 or "unlimited" for no limit)' if 'quota' in missing else '',
                    'one' if len(missing) == 1 else 'them'))
        return raw

    def resolve(self, desired, raw):
        self._leave_out_hidden_tabs(desired)
        self._warn_about_coupled_switches(desired, raw)

    def _leave_out_hidden_tabs(self, desired):
        """Fields of a tab the panel hides are neither sent nor compared (the API would drop them, and every run
        would report the same change); when the switches cannot be read, settle() checks what stuck."""
        for options, switch, title in MAILBOX_TABS:
            given = [option for option in options if option in desired]
            if not given:
                continue
            mail = self.connection.system_config('mail')
            if mail is None:
                self.unconfirmed.extend(given)
            elif mail.get(switch) != 'y':
                for option in given:
                    del desired[option]
                self.warnings.append(
                    '%s left out: the panel\'s %s tab is switched off (System > Interface > Main Config > Mail), and '
                    'ISPConfig ignores the fields of a hidden tab.' % (', '.join(given), title))

    def _warn_about_coupled_switches(self, desired, raw):
        """The panel's edit page switches Sieve with IMAP and local delivery with delivery; those columns are no
        fields of the API, so only disableimap / disabledeliver can be written."""
        for option, column, what in (('imap', 'disableimap', 'Sieve filters (disablesieve, disablesieve-filter)'),
                                     ('deliver', 'disabledeliver', 'local delivery (disablelda, disablelmtp)')):
            if desired.get(option) is False and (raw is None or raw.get(column) != 'y'):
                self.warnings.append(
                    '%s=false is written, but ISPConfig\'s API cannot switch off %s together with it as the '
                    'panel does: the mail server still offers them until they are switched in the panel.' % (
                        option, what))

    def settle(self, action, after):
        if action == 'delete' or not self.unconfirmed:
            return None
        now = self.normalise(self.find_record() or {self.id_column: 0})
        ignored = [option for option in self.unconfirmed if now.get(option) != after.get(option)]
        if not ignored:
            return None
        self.warnings.append(
            'ISPConfig ignored %s: the panel hides the form tab of these fields (System > Interface > Main Config '
            '> Mail). Leave them out of the task, or tick "%s" for the remote user so the module can see the '
            'switch and stop sending them.' % (', '.join(ignored), ispconfig.SERVER_FUNCTIONS))
        return dict(after, **dict((option, now.get(option)) for option in ignored))

    def find_record(self):
        return self.connection.find_one(MailUser, email=self.email)

    def identity(self):
        return self.email

    def parent(self):
        return self.email.split('@')[1]

    @classmethod
    def list_records(cls, connection, parent):
        # more than one row for an address are duplicates the panel should not hold
        rows = {}
        for row in mail_user_rows(connection, domain=parent):
            rows.setdefault((row.get('email') or '').lower(), []).append(row)
        return rows

    def password_matches(self, raw, password):
        return _mail_password_matches(password, raw.get('password'))

    def check_write(self, action, payload):
        if payload.get('password'):
            weak = self.connection.weak_password(payload['password'])
            if weak:
                raise engine.InputError(weak)

    def create_defaults(self, after):
        local, domain = self.email.split('@')
        defaults = dict(login=self.email, maildir='/var/vmail/%s/%s' % (domain, local))
        if self.domain_row is not None:
            defaults['server_id'] = int(self.domain_row['server_id'])
        return defaults


class MailForwarding(Owned):
    """A row of mail_forwarding: an alias (one source, one destination) or a forward (one source, a list)."""

    module_name = 'ispconfig_mail_alias'
    function_family = 'mail_alias'  # mail_forward for a forward (set per object)
    id_column = 'forwarding_id'
    function_groups = {'mail_alias': 'Mail alias functions', 'mail_forward': 'Mail forward functions'}
    prefix_setting = stock_prefix = None
    secret_columns = ()
    parent_class = MailDomain
    parent_column = None  # found by the domain of its source address
    children_block_delete = False
    name_column = 'source'

    def __init__(self, connection, params, check_mode=False):
        super(MailForwarding, self).__init__(connection, params, check_mode)
        self.type = params['type']
        self.function_family = 'mail_alias' if self.type == 'alias' else 'mail_forward'
        self.kind = 'mail %s' % self.type
        self.result_key = 'mail_alias'
        self.source = EmailAddress().from_user(params['source'])
        destination = params['destination']
        if self.type == 'alias':
            if len(destination) != 1:
                raise engine.InputError('an alias has exactly one destination; use type=forward for several')
            self.destination = EmailAddress().from_user(destination[0])
        # defaults: what the panel's alias / forward form stores (it offers an alias's mailbox to send as it)
        self.fields = (
            engine.Field('source', value_type=EmailAddress()),
            engine.Field('destination', value_type=_DESTINATION_KIND[self.type]),
            engine.Field('type', value_type=engine.Text()),
            engine.Field('client', value_type=engine.Text(), virtual=True),
            engine.Field('server_id', value_type=ServerId()),
            engine.Field('active', value_type=engine.Flag()),
            engine.Field('allow_send_as', value_type=engine.Flag(), default=self.type == 'alias'),
            engine.Field('greylisting', value_type=engine.Flag(), default=False),
        )

    def describe(self):
        if self.type == 'alias':
            return 'mail alias %s -> %s' % (self.source, self.destination)
        return 'mail forward %s' % self.source

    def read(self):
        self.read_owner()
        filters = dict(source=self.source, type=self.type)
        if self.type == 'alias':
            filters['destination'] = self.destination
        raw = self.connection.find_one(self, **filters)
        if raw is None and self.params.get('state', 'present') == 'present':
            self.domain_row = self.hosting_domain(self.source)
        return raw

    def create_defaults(self, after):
        # the panel puts an alias on the server of its mail domain
        return dict(server_id=int(self.domain_row['server_id'])) if self.domain_row is not None else {}


class _Destinations(engine.TextList):
    """A forward's destinations: addresses separated by commas or white space; written joined with ", " as the
    panel's forward form stores them (mail_forward_edit.php)."""

    def __init__(self):
        super(_Destinations, self).__init__(separator=', ')

    def from_user(self, value):
        return [EmailAddress().from_user(v) for v in super(_Destinations, self).from_user(value)]


class _OneAddress(EmailAddress):
    def from_user(self, value):
        return EmailAddress.from_user(self, value[0] if isinstance(value, list) else value)


_DESTINATION_KIND = {'alias': _OneAddress(), 'forward': _Destinations()}


class _CatchallDomain(DomainName):
    """The `domain` of a catch-all: its row's source is "@" and the domain (mail_domain_catchall_edit.php)."""

    def from_api(self, raw):
        return DomainName.from_api(self, (raw or '').lstrip('@'))

    def to_api(self, value):
        return '@' + value


class _SingleAddress(EmailAddress):
    """One address: ISPConfig's catch-all stores exactly one destination (its form checks it as one address)."""

    def from_user(self, value):
        text = str(value).strip()
        if re.search(r'[,;\s]', text):
            raise engine.InputError('%r lists several addresses, and a catch-all forwards to exactly one; forward to '
                                    'a mailbox or an alias that has the others as its destinations' % text)
        address = EmailAddress.from_user(self, text)
        if '.' not in address.rpartition('@')[2]:
            raise engine.InputError('%r is not an address ISPConfig accepts (its domain needs a dot)' % text)
        return address


class AddressOrDomain(engine.ValueType):
    """An address, or "@" and a domain for every address of it, as the spam filter tables store them (punycode,
    lower case)."""

    def from_user(self, value):
        text = str(value).strip()
        domain = to_ascii_domain(text[1:]) if text.startswith('@') else None
        if '@' not in text or domain is not None and '.' not in domain:
            raise engine.InputError('%r is neither an address nor "@" and a domain (@example.com for every address '
                                    'of example.com)' % text)
        return to_ascii_email(text) if domain is None else '@' + domain

    def from_api(self, raw):
        try:
            return self.from_user(raw or '')
        except engine.InputError:
            return str(raw or '').strip().lower()  # a row the API took without the panel's checks


class _Senders(engine.TextList):
    """A white- or blacklist: sender addresses or @domains, converged as a set (sorted, each once)."""

    def __init__(self):
        super(_Senders, self).__init__(ordered=False)

    def from_user(self, value):
        return sorted(set(AddressOrDomain().from_user(item) for item in value or []))


class MailCatchall(Owned):
    """The catch-all of a mail domain: the mail_forwarding row whose source is "@" and the domain."""

    kind = 'mail catch-all'
    result_key = 'mail_catchall'
    module_name = 'ispconfig_mail_catchall'
    function_family = 'mail_catchall'
    id_column = 'forwarding_id'
    function_groups = {'mail_catchall': 'Mail catchall functions'}
    prefix_setting = stock_prefix = None
    secret_columns = ()
    parent_class = MailDomain
    parent_column = None  # found by the domain of its source
    children_block_delete = False
    name_column = 'source'
    # defaults: what the panel's catch-all page stores (a hidden input sends type "catchall"; the API stores ''
    # without it, and the panel's list, which filters on the type, would not show the row)
    fields = (
        engine.Field('domain', api='source', value_type=_CatchallDomain()),
        engine.Field('destination', value_type=_SingleAddress()),
        engine.Field('type', value_type=engine.Text(), default='catchall'),
        engine.Field('server_id', value_type=ServerId()),
        engine.Field('active', value_type=engine.Flag()),
    )

    def __init__(self, connection, params, check_mode=False):
        super(MailCatchall, self).__init__(connection, params, check_mode)
        self.domain = DomainName().from_user(params['domain'])

    def describe(self):
        return 'mail catch-all of %s' % self.domain

    def validate(self, desired):
        if not ispconfig.MAIL_DOMAIN.match(self.domain):
            raise engine.InputError('%r is not a domain name ISPConfig accepts for mail' % self.domain)

    def read(self):
        rows = self.connection.find(self, source='@' + self.domain)
        # the source is unique in mail_forwarding: a row of another kind (an alias domain) holds it
        taken = [row for row in rows if row.get('type') not in ('catchall', '')]
        if taken:
            raise engine.InputError('@%s is the source of a mail %s in ISPConfig, and a source can have one row only; '
                                    'remove it before the domain gets a catch-all' % (self.domain, taken[0]['type']))
        if len(rows) > 1:
            raise ApiError('mail_catchall_get: %d catch-all rows have the source @%s; remove the duplicates in the '
                           'panel first.' % (len(rows), self.domain), call='mail_catchall_get')
        if not rows and self.params.get('state', 'present') == 'present':
            self.domain_row = self.hosting_domain('@' + self.domain)
        return rows[0] if rows else None

    def resolve(self, desired, raw):
        if raw is not None and self.params.get('state', 'present') == 'present':
            desired['type'] = 'catchall'  # a row the API wrote without its type gets it, as the panel's page would

    def create_defaults(self, after):
        # the panel puts the catch-all on the server of its mail domain
        return dict(server_id=int(self.domain_row['server_id'])) if self.domain_row is not None else {}


def list_mail_catchalls(connection, domain=None):
    """The catch-alls of one domain or of all, as ispconfig_mail_catchall reports them, by domain: the rows whose
    source is "@" and a domain, of type catchall or of none (written by the API without it), from one read."""
    source = '@' + to_ascii_domain(domain) if domain else '@%'  # `%` makes the filter a LIKE
    rows = connection.find(MailCatchall, source=source)
    found = [dict(engine.field_values(MailCatchall.fields, row), forwarding_id=int(row['forwarding_id']))
             for row in rows if row.get('type') in ('catchall', '')]
    return sorted(found, key=lambda catchall: catchall['domain'])


def spamfilter_policies(connection):
    """{policy id: name} of the spam filter policies the panel lists (mail_policy_get of every row)."""
    rows = connection.call('mail_policy_get', primary_id=-1)
    if not isinstance(rows, list) or \
            not all(isinstance(row, dict) and 'policy_name' in row and str(row.get('id', '')).isdigit() for row in rows):
        raise wrong_shape(connection.transport, 'mail_policy_get', 'the list of spam filter policies', rows)
    return dict((int(row['id']), row['policy_name']) for row in rows)


# what the panel's mail domain and mailbox pages give the spam filter row they create (mail_domain_edit.php,
# mail_user_edit.php), and the white/blacklist form's defaults (spamfilter_whitelist.tform.php)
SPAMFILTER_PRIORITY = {True: 5, False: 7}  # by whether it is the whole domain's ("@domain")
WBLIST_DEFAULTS = dict(priority='5', active='y')
WBLIST_KINDS = (('whitelist', 'W', 'mail_spamfilter_whitelist'), ('blacklist', 'B', 'mail_spamfilter_blacklist'))


class MailSpamfilter(Owned):
    """The spam filter of an address or of a whole mail domain ("@domain"): a spamfilter_users row (its policy)
    and the spamfilter_wblist rows of its white- and blacklist. The raw record is the row with its list rows under
    `wblist`."""

    kind = 'spam filter'
    result_key = 'mail_spamfilter'
    module_name = 'ispconfig_mail_spamfilter'
    function_family = 'mail_spamfilter_user'
    id_column = 'id'
    function_groups = {'mail_spamfilter_user': 'Mail spamfilter user functions',
                       'mail_policy': 'Mail spamfilter policy functions',
                       'mail_spamfilter_whitelist': 'Mail spamfilter whitelist functions',
                       'mail_spamfilter_blacklist': 'Mail spamfilter blacklist functions'}
    prefix_setting = stock_prefix = None
    secret_columns = ()
    parent_class = MailDomain
    parent_column = None  # found by the domain of its address
    children_block_delete = False
    name_column = 'email'
    fields = (
        engine.Field('email', value_type=AddressOrDomain()),
        engine.Field('policy', value_type=engine.Text(), virtual=True),
        engine.Field('policy_id', value_type=engine.Integer()),
        engine.Field('whitelist', value_type=_Senders(), virtual=True),
        engine.Field('blacklist', value_type=_Senders(), virtual=True),
        engine.Field('fullname', value_type=engine.Text()),
        engine.Field('priority', value_type=engine.Integer()),
        engine.Field('local', value_type=engine.Flag('Y', 'N'), default=True),
        engine.Field('server_id', value_type=ServerId()),
    )

    def __init__(self, connection, params, check_mode=False):
        super(MailSpamfilter, self).__init__(connection, params, check_mode)
        self.email = AddressOrDomain().from_user(params['email'])
        self.policies = None  # {id: name}, read once when needed

    def describe(self):
        return 'spam filter of %s' % self.email

    def validate(self, desired):
        both = set(desired.get('whitelist') or []) & set(desired.get('blacklist') or [])
        if both:
            raise engine.InputError('%s cannot be on the whitelist and the blacklist at once' % ', '.join(sorted(both)))

    def read(self):
        row = self.connection.find_one(self, email=self.email)
        if row is None:
            if self.params.get('state', 'present') == 'present':
                self.domain_row = self.hosting_domain(self.email)
            return None
        self.policies = spamfilter_policies(self.connection)
        # whitelist_get and blacklist_get answer every row of the table: the rows of both lists, by rid
        rows = self.connection.find(_WBLIST, rid=int(row['id']))
        return dict(row, wblist=rows)

    def resolve(self, desired, raw):
        if self.params.get('state', 'present') != 'present':
            return
        if 'policy' not in desired:
            if raw is None:
                raise engine.InputError('policy is required to create the %s: the panel always gives it one' %
                                        self.describe())
            return
        if self.policies is None:
            self.policies = spamfilter_policies(self.connection)
        ids = [number for number, name in sorted(self.policies.items()) if name == desired['policy']]
        if not ids:
            raise engine.InputError('%r is not a spam filter policy of this panel; its policies are: %s' % (
                desired['policy'], ', '.join(name for number, name in sorted(self.policies.items()))))
        desired['policy_id'] = ids[0]

    def normalise(self, raw):
        state = super(MailSpamfilter, self).normalise(raw)
        state['policy'] = (self.policies or {}).get(state['policy_id'])
        for option, mark, family in WBLIST_KINDS:
            state[option] = sorted(set(row['email'] for row in raw['wblist'] if _listed(row, mark)))
        return state

    def create_defaults(self, after):
        defaults = dict(fullname=self.email, priority=SPAMFILTER_PRIORITY[self.email.startswith('@')],
                        whitelist=[], blacklist=[])
        if self.domain_row is not None:
            defaults['server_id'] = int(self.domain_row['server_id'])
        return defaults

    def create_payload(self, after):
        return dict(wblist=self._wblist_writes([], after))

    def update_payload(self, raw, changes):
        after = dict(self.normalise(raw), **changes)
        return dict(wblist=self._wblist_writes(raw['wblist'], after))

    def _wblist_writes(self, rows, after):
        """The list calls that make the active rows of each list the entries of `after`: an entry with an inactive
        row gets it switched on, a new one a row with the form's defaults, a dropped one loses its rows."""
        writes = []
        for option, mark, family in WBLIST_KINDS:
            wanted = after.get(option) or []
            mine = [row for row in rows if (row.get('wb') or '') == mark]
            active = set(row['email'] for row in mine if _listed(row, mark))
            for email in wanted:
                if email in active:
                    continue
                dormant = [row for row in mine if row['email'] == email]
                if dormant:
                    writes.append((family, 'update', int(dormant[0]['wblist_id']), dict(active='y')))
                else:
                    writes.append((family, 'add', None, dict(WBLIST_DEFAULTS, wb=mark, email=email)))
            writes.extend((family, 'delete', int(row['wblist_id']), None)
                          for row in mine if _listed(row, mark) and row['email'] not in wanted)
        return writes

    def create(self, payload):
        payload = dict(payload)
        writes = payload.pop('wblist')
        try:
            self.new_id = self.connection.add(self.function_family, self.new_owner_id(), payload)
        except TransportError as exc:
            if exc.status == 500 and self.connection.find(self, email=self.email):
                # the unique key on email: another task or a panel user created it since this task's read
                raise ApiError('%s failed: ISPConfig refused a second spam filter of %s (an empty HTTP 500 is its '
                               'answer to a duplicate address), because one was created while this task ran; run the '
                               'task again to converge it.' % (exc.call, self.email), call=exc.call, status=500)
            raise
        if self.new_id is None:  # the list rows need the id
            error = TransportError('mail_spamfilter_user_add answered without the id of the new %s, so its white- and '
                                   'blacklist were not written; run the task again.' % self.describe(),
                                   call='mail_spamfilter_user_add')
            error.written = True
            raise error
        self._send_wblist(writes, self.new_id, int(payload['server_id']), self.new_owner_id(), written=True)

    def update(self, raw, payload):
        payload = dict(payload)
        writes = payload.pop('wblist')
        if payload:
            self.connection.update(self.function_family, 0, int(raw['id']), payload)
        owner = group_owner(self.connection, int(raw.get('sys_groupid') or 0)).client_id if writes else 0
        self._send_wblist(writes, int(raw['id']), int(raw['server_id']), owner, written=bool(payload))

    def _send_wblist(self, writes, rid, server_id, owner, written):
        steps = []
        for family, action, row_id, params in writes:
            if action == 'add':
                steps.append(('add', self._call('%s_add' % family, client_id=owner,
                                                params=dict(params, server_id=server_id, rid=rid))))
            elif action == 'update':
                steps.append(('update', self._call('%s_update' % family, client_id=0, primary_id=row_id,
                                                   params=params)))
            else:
                steps.append(('delete', self._call('%s_delete' % family, primary_id=row_id)))
        try:
            ispconfig.send_steps(self, steps)
        except TransportError as exc:
            exc.written = getattr(exc, 'written', False) or written  # the spam filter row was written before
            raise

    def delete(self, raw):
        """The list rows first (the API's delete of the spam filter row leaves them, where the panel deletes
        them with it), then the row."""
        families = dict((mark, family) for option, mark, family in WBLIST_KINDS)
        steps = [('delete', self._call('%s_delete' % families.get(row.get('wb'), 'mail_spamfilter_whitelist'),
                                       primary_id=int(row['wblist_id']))) for row in raw['wblist']]
        steps.append(('delete', lambda: self.connection.delete(self.function_family, int(raw['id']))))
        ispconfig.send_steps(self, steps)

    def _call(self, function, **arguments):
        return lambda: self.connection.call(function, write=True, **arguments)


def _listed(row, mark):
    """Whether a spamfilter_wblist row puts its address on the list `mark` (W, B): only active rows do."""
    return (row.get('wb') or '') == mark and row.get('active') == 'y'


class _WbList(object):
    """What the client's find() needs to read spamfilter_wblist rows: mail_spamfilter_whitelist_get answers the rows
    of both lists."""

    function_family = 'mail_spamfilter_whitelist'
    id_argument = 'primary_id'
    id_column = 'wblist_id'


_WBLIST = _WbList()

# What the panel's "new client" form stores in the fields of its Limits tab: it saves only the tab it shows (the
# address tab; tform_actions.inc.php onInsert), so these columns keep the defaults of ispconfig3.sql: -1
# (unlimited) for most limits, 0 (none) for the few below, the checkboxes as listed. The API instead stores 0 and
# "n" for every one it is not sent. ISPConfig 3.2; a limit of a newer panel that is not listed keeps what the
# API stores unless the task gives it.
CLIENT_LIMIT_DEFAULTS = dict(
    limit_mail_backup='y', force_suexec='y', limit_backup='y', limit_cron_type='url', limit_cron_frequency='5')
CLIENT_LIMIT_DEFAULTS.update(dict.fromkeys((
    'limit_maildomain', 'limit_mailbox', 'limit_mailalias', 'limit_mailaliasdomain', 'limit_mailmailinglist',
    'limit_mailforward', 'limit_mailcatchall', 'limit_mailfilter', 'limit_fetchmail', 'limit_mailquota',
    'limit_xmpp_domain', 'limit_xmpp_user', 'limit_web_domain', 'limit_web_quota', 'limit_web_aliasdomain',
    'limit_web_subdomain', 'limit_ftp_user', 'limit_dns_zone', 'limit_dns_slave_zone', 'limit_dns_record',
    'limit_database', 'limit_database_user', 'limit_database_quota', 'limit_traffic_quota', 'limit_aps'), '-1'))
CLIENT_LIMIT_DEFAULTS.update(dict.fromkeys((
    'limit_mailrouting', 'limit_mail_wblist', 'limit_spamfilter_wblist', 'limit_spamfilter_user',
    'limit_spamfilter_policy', 'limit_shell_user', 'limit_webdav_user', 'limit_client', 'limit_cron',
    'limit_openvz_vm', 'limit_openvz_vm_template_id'), '0'))
CLIENT_LIMIT_DEFAULTS.update(dict.fromkeys((
    'limit_relayhost', 'limit_xmpp_muc', 'limit_xmpp_anon', 'limit_xmpp_vjud', 'limit_xmpp_proxy',
    'limit_xmpp_status', 'limit_xmpp_pastebin', 'limit_xmpp_httparchive', 'limit_cgi', 'limit_ssi', 'limit_perl',
    'limit_ruby', 'limit_python', 'limit_hterror', 'limit_wildcard', 'limit_ssl', 'limit_ssl_letsencrypt',
    'limit_directive_snippets'), 'n'))
# limits in MB (1 MB = 1024 x 1024 bytes, as the panel counts), -1 for unlimited
CLIENT_QUOTA_LIMITS = ('limit_mailquota', 'limit_web_quota', 'limit_database_quota', 'limit_traffic_quota')
CLIENT_CRON_TYPES = ('url', 'chrooted', 'full')
INT_COLUMN_MAX = 2 ** 31 - 1  # the limits are int(11) columns
# the rest of the new-client form: the Limits tab's other columns, and the address tab's prefilled fields
CLIENT_FORM_DEFAULTS = dict(
    template_master='0', default_mailserver='1', default_webserver='1', default_dnsserver='1', default_dbserver='1',
    default_xmppserver='1', internet='https://', usertheme='default')
# the panel's PHP modes and SSH chroot choices of a new client (the column defaults)
CLIENT_WEB_PHP_OPTIONS = ['no', 'fast-cgi', 'cgi', 'mod', 'suphp', 'php-fpm', 'hhvm']
CLIENT_SSH_CHROOT = ['no', 'jailkit', 'ssh-chroot']


def _template_choices(templates, column, choices):
    """A checkbox list (PHP modes, SSH chroot modes) of a client with these templates: every choice one of them
    ticks, in the form's order (apply_client_templates)."""
    ticked = set(item for template in templates for item in (template.get(column) or '').split(','))
    return [choice for choice in choices if choice in ticked]


def client_limit(name, value):
    """The API text of one `limits` entry, checked as the client form would check it (InputError otherwise)."""
    if not name.startswith('limit_') and name != 'force_suexec':
        raise engine.InputError('limits: %r is not a limit field (they start with limit_)' % name)
    default = CLIENT_LIMIT_DEFAULTS.get(name)
    if default in ('y', 'n') or (default is None and (isinstance(value, bool) or value in ('y', 'n'))):
        if value in (True, 'y') or str(value).lower() in ('yes', 'true'):
            return 'y'
        if value in (False, 'n') or str(value).lower() in ('no', 'false'):
            return 'n'
        raise engine.InputError('limits: %s is a checkbox: true or false, not %r' % (name, value))
    if name == 'limit_cron_type' or (default is None and value in CLIENT_CRON_TYPES):
        if value not in CLIENT_CRON_TYPES:
            raise engine.InputError('limits: limit_cron_type must be one of %s, not %r' % (
                ', '.join(CLIENT_CRON_TYPES), value))
        return value
    if name in CLIENT_QUOTA_LIMITS:
        number = _megabytes(name, value)
    else:
        try:
            number = engine.Integer().from_user(value)
        except engine.InputError:
            number = None
    if number is None or not -1 <= number <= INT_COLUMN_MAX:
        raise engine.InputError('limits: %s must be -1 (unlimited) or a number from 0 to %d, not %r' % (
            name, INT_COLUMN_MAX, value))
    return str(number)


def _megabytes(name, value):
    """A quota limit: MB as in the panel, or a size with a unit ("10 GiB"); -1 or "unlimited" for no limit."""
    if str(value).strip() == '-1':
        return -1
    try:
        size = engine.Size(unlimited=-1, bare_unit=MIB, step=MIB, step_name='MB',
                           maximum=INT_COLUMN_MAX * MIB).from_user(value)
    except engine.InputError as exc:
        raise engine.InputError('limits: %s (MB, or a size such as "10 GiB"): %s' % (name, exc))
    return size if size == -1 else size // MIB


class _Limits(engine.ValueType):
    """The `limits` option (limit_* field -> the API's text); a diff shows the quota limits (MB) with their unit."""

    def shown(self, value):
        quotas = dict((name, int(text)) for name, text in value.items()
                      if name in CLIENT_QUOTA_LIMITS and str(text).lstrip('-').isdigit())
        return dict((name, with_unit(quotas[name], -1, MIB) if name in quotas else text)
                    for name, text in value.items())


# The panel's name of "no master template" (template_master 0) in the client form's Limits tab.
CUSTOM_TEMPLATE = 'Custom'
# The columns a master limit template sets (client_templates.inc.php apply_client_templates overwrites them on
# every change of the client): the options a task may not set while the client has one.
TEMPLATE_OPTIONS = ('limits', 'web_php_options', 'ssh_chroot')

# What client_update's lock routine (functions.inc.php func_client_lock, run on every client_update because the
# merged locked "n" is not empty) switches on for every object of the client's group, read before the update and
# switched back after it. function_family: its _get and _update (None: by the row's type column, per_type).
SwitchedKind = namedtuple('SwitchedKind', 'noun function_family id_argument id_column name_column switches per_type')
CLIENT_SWITCHED_KINDS = (
    SwitchedKind('website', 'sites_web_domain', 'primary_id', 'domain_id', 'domain', {'active': 'y'}, {
        'vhost': 'sites_web_domain', 'alias': 'sites_web_aliasdomain', 'subdomain': 'sites_web_subdomain',
        'vhostsubdomain': 'sites_web_vhost_subdomain', 'vhostalias': 'sites_web_vhost_aliasdomain'}),
    SwitchedKind('mail domain', 'mail_domain', 'primary_id', 'domain_id', 'domain', {'active': 'y'}, None),
    SwitchedKind('mailbox', 'mail_user', 'primary_id', 'mailuser_id', 'email', {'postfix': 'y', 'disablesmtp': 'n'},
                 None),
    SwitchedKind('mail alias or forward', 'mail_alias', 'primary_id', 'forwarding_id', 'source', {'active': 'y'}, {
        'alias': 'mail_alias', 'forward': 'mail_forward', 'catchall': 'mail_catchall',
        'aliasdomain': 'mail_aliasdomain'}),
    SwitchedKind('database', 'sites_database', 'primary_id', 'database_id', 'database_name', {'active': 'y'}, None),
    SwitchedKind('shell user', 'sites_shell_user', 'primary_id', 'shell_user_id', 'username', {'active': 'y'}, None),
    SwitchedKind('FTP user', 'sites_ftp_user', 'primary_id', 'ftp_user_id', 'username', {'active': 'y'}, None),
    SwitchedKind('cron job', 'sites_cron', 'cron_id', 'id', 'command', {'active': 'y'}, None),
)


class Client(ispconfig.PanelObject):
    kind = 'client'
    result_key = 'client'
    module_name = 'ispconfig_client'
    function_family = 'client'
    id_argument = 'client_id'
    id_column = 'client_id'
    # the templates are read with a function of the "Server functions" group (interface/web/admin/lib/remote.conf.php)
    function_groups = {'client': 'Client functions', 'client_templates': ispconfig.SERVER_FUNCTIONS}
    prefix_setting = stock_prefix = None
    secret_columns = ('password', 'id_rsa')  # its crypt hash and the SSH private key client_get answers
    parent_class = parent_column = None
    # client_delete leaves the client's objects (client_delete_everything would delete them): not checked yet
    children_block_delete = False
    name_column = 'username'
    servers = None  # {role: server id} (mail, web, db, dns) for a new client, found by read()
    fields = (
        engine.Field('username', value_type=engine.Text(identifier=True)),
        engine.Field('password', secret=True),
        engine.Field('contact_name', value_type=engine.Text()),
        engine.Field('company_name', value_type=engine.Text(), default=''),
        engine.Field('email', value_type=EmailAddress()),
        engine.Field('customer_no', value_type=engine.Text(), default=''),
        engine.Field('language', value_type=engine.Text(lower=True), default='en'),
        engine.Field('country', value_type=engine.Text(), default=''),
        engine.Field('street', value_type=engine.Text(), default=''),
        engine.Field('zip', value_type=engine.Text(), default=''),
        engine.Field('city', value_type=engine.Text(), default=''),
        engine.Field('telephone', value_type=engine.Text(), default=''),
        engine.Field('notes', value_type=engine.Text(empty_is_none=True), default=''),
        engine.Field('locked', value_type=engine.Flag(), default=False),
        engine.Field('canceled', value_type=engine.Flag(), default=False),
        engine.Field('web_php_options', value_type=engine.TextList(), default=CLIENT_WEB_PHP_OPTIONS),
        engine.Field('ssh_chroot', value_type=engine.TextList(), default=CLIENT_SSH_CHROOT),
        engine.Field('limits', value_type=_Limits(), virtual=True),
        engine.Field('template', value_type=engine.Text(), virtual=True),
        engine.Field('additional_templates', value_type=engine.TextList(), virtual=True),
    )

    def __init__(self, connection, params, check_mode=False):
        super(Client, self).__init__(connection, params, check_mode)
        self.templates = None  # the panel's limit templates (client_templates_get_all), read when the task needs them
        self.assigned = None  # template ids of the client's additional-template assignments, one per assignment
        self.wanted_additional = None  # the template ids the task's additional_templates name
        self.from_template = ()  # options resolve() predicts from the templates (apply_client_templates sets them)
        self.master = 0  # the master template's id the client has after the task (0: Custom)
        self.sends_client_update = False
        self.restore = []  # (kind, row, {column: value}) the lock routine switches on and the update switches back

    def describe(self):
        return 'client %s' % self.params['username']

    def validate(self, desired):
        limits = desired.get('limits') or {}
        if limits:
            desired['limits'] = dict((name, client_limit(name, value)) for name, value in limits.items())
        if 'additional_templates' in desired:
            desired['additional_templates'] = sorted(desired['additional_templates'])  # a multiset: order is no matter

    def read(self):
        raw = self.connection.find_one(Client, username=self.params['username'])
        templated = raw is not None and str(raw.get('template_master') or '0') != '0'
        if self.params.get('template') is not None or self.params.get('additional_templates') is not None or \
                (templated and any(self.params.get(option) is not None for option in TEMPLATE_OPTIONS)):
            self.templates = self._read_templates()
        if raw is not None and self.templates is not None:
            self.assigned = self._read_assigned(raw)
        if raw is None and self.params['state'] == 'present':
            missing = [o for o in ('contact_name', 'email') if not self.params.get(o)]
            if missing:
                raise engine.InputError('%s required to create client %s' % (
                    ' and '.join(missing) + (' is' if len(missing) == 1 else ' are'), self.params['username']))
            self.servers = self.connection.servers_for_new_client()
            if self.servers is None:
                self.warnings.append(
                    'The remote user may not read the panel\'s servers and settings, so the new client gets server 1 '
                    'for mail, web, DNS and databases. Tick "%s" for it, and the module picks the servers the panel '
                    'would (its default server, else the first with each role).' % ispconfig.SERVER_FUNCTIONS)
                self.servers = dict(mail=1, web=1, dns=1, db=1)
        return raw

    def _read_templates(self):
        rows = self.connection.call('client_templates_get_all')
        if not isinstance(rows, list) or not all(isinstance(row, dict) and 'template_id' in row for row in rows):
            raise ispconfig.wrong_shape(self.connection.transport, 'client_templates_get_all',
                                        'a list of templates ([] when there is none)', rows)
        return dict((int(row['template_id']), row) for row in rows)

    def _read_assigned(self, raw):
        rows = self.connection.call('client_template_additional_get', client_id=int(raw['client_id']))
        if not isinstance(rows, list) or not all(isinstance(row, dict) and 'client_template_id' in row for row in rows):
            raise ispconfig.wrong_shape(self.connection.transport, 'client_template_additional_get',
                                        'a list of assignments ([] when there is none)', rows)
        return sorted(int(row['client_template_id']) for row in rows)

    def _template_name(self, template_id):
        if template_id == 0:
            return CUSTOM_TEMPLATE
        row = (self.templates or {}).get(template_id)
        return row['template_name'] if row else 'template %d (deleted)' % template_id

    def _template_id(self, name, template_type):
        """The id of the master (m) or additional (a) template the panel lists under `name`."""
        choices = {}
        for template_id, row in sorted(self.templates.items()):
            if row.get('template_type') == template_type:
                choices.setdefault(row.get('template_name'), []).append(template_id)
        if template_type == 'm':
            choices.setdefault(CUSTOM_TEMPLATE, []).insert(0, 0)
        found = choices.get(name, [])
        kind = 'master' if template_type == 'm' else 'additional'
        if len(found) != 1:
            raise engine.InputError('%r is %s %s limit template of the panel (System > Client templates); %s' % (
                name, ('not a' if kind == 'master' else 'not an') if not found else 'the name of more than one', kind,
                'its %s templates are: %s' % (kind, ', '.join(sorted(choices)) or 'none') if not found else
                'rename one of them in the panel'))
        return found[0]

    def resolve(self, desired, raw):
        if 'template' in desired:
            self.master = self._template_id(desired['template'], 'm')
        else:
            self.master = int(raw.get('template_master') or 0) if raw is not None else 0
        if 'additional_templates' in desired:
            self.wanted_additional = sorted(self._template_id(name, 'a') for name in desired['additional_templates'])
        if not self.master:
            return
        given = [option for option in TEMPLATE_OPTIONS if self.params.get(option) is not None]
        if given:
            raise engine.InputError(
                'client %s has the master limit template %s, which sets its limits, PHP options and SSH chroot modes '
                '(ISPConfig overwrites them from the template on every change): leave %s out, or set template: %s.'
                % (self.params['username'], repr(self._template_name(self.master)), ' and '.join(given),
                   CUSTOM_TEMPLATE))
        if self.templates is not None:
            additional = self.wanted_additional if self.wanted_additional is not None else self.assigned or []
            for option, choices in (('web_php_options', CLIENT_WEB_PHP_OPTIONS), ('ssh_chroot', CLIENT_SSH_CHROOT)):
                desired[option] = _template_choices(
                    [self.templates.get(template_id) or {} for template_id in [self.master] + additional], option,
                    choices)
            self.from_template = ('web_php_options', 'ssh_chroot')

    def normalise(self, raw):
        state = super(Client, self).normalise(raw)
        state['client_id'] = int(raw['client_id'])
        if self.params.get('limits'):
            state['limits'] = dict((k, raw.get(k)) for k in self.params['limits'])
        if self.params.get('template') is not None:
            state['template'] = self._template_name(int(raw.get('template_master') or 0))
        if self.params.get('additional_templates') is not None:
            state['additional_templates'] = sorted(self._template_name(template_id) for template_id in self.assigned)
        return state

    def password_matches(self, raw, password):
        return verify(password, raw.get('password'))

    def create_payload(self, after):
        """The new-client form's defaults for everything the task leaves out (sent once, never compared), and the
        servers the panel assigns right after its insert."""
        payload = dict(CLIENT_LIMIT_DEFAULTS, **CLIENT_FORM_DEFAULTS)
        payload.update(('%s_servers' % role, str(server)) for role, server in self.servers.items())
        payload['default_slave_dnsserver'] = str(self.servers['dns'])
        payload['added_by'] = self.connection.username
        payload.update(after.get('limits') or {})
        if 'template' in after:
            payload['template_master'] = str(self.master)
        if self.wanted_additional:
            payload['template_additional'] = '/'.join(str(template_id) for template_id in self.wanted_additional)
        return payload

    def _password_changes(self, raw):
        """Whether the task sends a new password (update_password=always and it differs from the stored hash)."""
        return self.params.get('password') is not None and self.params.get('update_password') != 'on_create' and \
            not self.password_matches(raw, self.params['password'])

    def update_payload(self, raw, changes):
        """A change of the additional templates alone is made with client_template_additional_add/_delete, which
        leave the client's objects alone; anything else needs a client_update, which runs the lock routine: the
        objects it switches on are read here (check mode too) and switched back after it."""
        own = set(changes) - set(('additional_templates',) + self.from_template)
        self.sends_client_update = bool(own) or self._password_changes(raw)
        if not self.sends_client_update:
            return {}
        # client_update re-hashes the stored hash when password is left out: "" keeps it.
        payload = dict(changes.get('limits') or {}, password='')
        if 'template' in changes:
            payload['template_master'] = str(self.master)
        # an update without template_additional drops every additional template: send the assignments again
        if self.wanted_additional is None:
            self.assigned = self._read_assigned(raw) if self.assigned is None else self.assigned
        payload['template_additional'] = '/'.join(
            str(template_id) for template_id in (self.wanted_additional if self.wanted_additional is not None
                                                 else self.assigned))
        was_locked = raw.get('locked') == 'y'
        if was_locked and changes.get('locked', True):
            raise engine.InputError(
                'client %s is locked, and a client_update of a locked client locks it again, which overwrites the '
                'state its unlock restores (everything would stay switched off): unlock it (locked: false) in the same '
                'task or change it in the panel.' % self.params['username'])
        if not was_locked and not changes.get('locked'):
            self.restore = self._switched_off()
        return payload

    def _switched_off(self):
        """(kind, row, {column: stored value}) of every object of the client whose switch the unlock routine turns
        on; InputError naming them when one of them cannot be switched back with its own update function."""
        group = self.connection.owner(self.params['username'])[1]
        found = []
        for kind in CLIENT_SWITCHED_KINDS:
            for row in self.connection.find(kind, sys_groupid=group):
                if int(row.get('sys_groupid') or 0) != group:
                    continue
                off = dict((column, row.get(column)) for column, on in kind.switches.items() if row.get(column) != on)
                if off:
                    found.append((kind, row, off))
        lost = ['%s %s (type %r)' % (kind.noun, row.get(kind.name_column), row.get('type')) for kind, row, _off in found
                if kind.per_type is not None and row.get('type') not in kind.per_type]
        if lost:
            raise engine.InputError(
                'Cannot update client %s: ISPConfig\'s client_update switches on everything the client owns, and '
                'these objects that are switched off have no update function to switch them off again: %s.' % (
                    self.params['username'], ', '.join(lost)))
        return found

    def create(self, payload):
        self.new_id = ispconfig.new_row_id(self.connection.call('client_add', write=True, reseller_id=0, params=payload))

    def update(self, raw, payload):
        client_id = int(raw['client_id'])
        if not self.sends_client_update:
            self._converge_assignments(client_id)
            return
        self.connection.call('client_update', write=True, client_id=client_id, reseller_id=0, params=payload)
        for kind, row, values in self.restore:
            family = kind.per_type[row.get('type')] if kind.per_type is not None else kind.function_family
            self.connection.call('%s_update' % family, write=True, client_id=0,
                                 params=values, **{kind.id_argument: int(row[kind.id_column])})

    def _converge_assignments(self, client_id):
        """Add and delete assignments until the client has each additional template as often as the task names it
        (client_template_additional_delete takes the template's id and deletes one assignment of it)."""
        have = list(self.assigned)
        for template_id in self.wanted_additional:
            if template_id in have:
                have.remove(template_id)
            else:
                self.connection.call('client_template_additional_add', write=True, client_id=client_id,
                                     template_id=template_id)
        for template_id in have:
            self.connection.call('client_template_additional_delete', write=True, client_id=client_id,
                                 assigned_template_id=template_id)

    def result_extras(self, action):
        # what the update switched off again, as it was before (check mode: what it would)
        return dict(restored=['%s %s' % (kind.noun, row.get(kind.name_column)) for kind, row, _off in self.restore])

    def delete(self, raw):
        self.connection.call('client_delete', write=True, client_id=int(raw['client_id']))


MailDomain.parent_class = Client  # its owner, stated here because Client is defined below it


def mail_user_options():
    """The argument spec of one mailbox: the options of ispconfig_mail_user, an item of ispconfig_mail_users."""
    return dict(
        email=dict(type='str', required=True),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        password=dict(type='str', no_log=True),
        update_password=engine.update_password_option(comparable=True),
        client=dict(type='str'),
        login=dict(type='str'),
        name=dict(type='str'),
        quota=dict(type='str'),
        cc=dict(type='list', elements='str'),
        sender_cc=dict(type='str'),
        maildir=dict(type='str'),
        homedir=dict(type='str'),
        server_id=dict(type='int'),
        receive=dict(type='bool'),
        smtp=dict(type='bool'),
        imap=dict(type='bool'),
        pop3=dict(type='bool'),
        deliver=dict(type='bool'),
        greylisting=dict(type='bool'),
        forward_in_lda=dict(type='bool'),
        autoresponder=dict(type='bool'),
        autoresponder_subject=dict(type='str'),
        autoresponder_text=dict(type='str'),
        move_junk=dict(type='str', choices=['y', 'a', 'n']),
        purge_trash_days=dict(type='int'),
        purge_junk_days=dict(type='int'),
        backup_interval=dict(type='str', choices=['none', 'daily', 'weekly', 'monthly']),
        backup_copies=dict(type='int'),
    )


def mail_user_rows(connection, email=None, domain=None):
    """The mail_user rows of one address, of one domain, or all, from one mail_user_get."""
    if email is not None:
        return connection.find(MailUser, email=email)
    if domain is None:
        return connection.find(MailUser)
    # `%` makes the filter a LIKE; the exact match on the domain part below drops anything else it matches
    return [row for row in connection.find(MailUser, email='%@' + domain)
            if (row.get('email') or '').lower().rpartition('@')[2] == domain]


def mail_user_record(raw):
    """A mail_user row as the modules report a mailbox (without its owner, which only a task's client names)."""
    return dict(engine.field_values(MailUser.fields, raw), mailuser_id=int(raw['mailuser_id']))


def list_mail_users(connection, email=None, domain=None):
    """The mailboxes of one address, of one domain, or all, as ispconfig_mail_user reports them, by address."""
    rows = mail_user_rows(connection, to_ascii_email(email) if email else None, to_ascii_domain(domain) if domain else None)
    return sorted((mail_user_record(row) for row in rows), key=lambda user: user['email'])
