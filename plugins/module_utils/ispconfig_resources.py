# -*- coding: utf-8 -*-
# Private to the hosting.provision collection: not a public API, may change without notice.
"""The ISPConfig objects the modules manage: one field table and the calls for each.

Facts: shared/reference/ispconfig.md sections 6-11. On create every field is sent explicitly, because the
API stores "empty" values (active=n, postfix=n, type='', limits 0) for anything left out; on update only
the changed fields are sent and the server merges them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from . import _engine as engine
from . import ispconfig
from ._crypthash import verify
from ._idn import DomainName, EmailAddress


class Owned(engine.Resource):
    """An object with an ISPConfig owner, set with the `client` option (a client's username)."""

    table = None
    id_column = None

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
            self.check_parent(lambda: self.client.owner(self.params['client']))

    def normalise(self, raw):
        state = super(Owned, self).normalise(raw)
        state[self.id_column] = int(raw[self.id_column])
        if self.params.get('client') is not None:
            state['client'] = self.client.owner_name(raw, self.params['client'])
        return state

    def owner_id(self):
        return self.client.owner(self.params.get('client'))[0]

    def create(self, payload):
        self.client.add(self.table, self.owner_id(), payload)

    def update(self, raw, payload):
        # client_id 0 leaves the owner as it is; a client's id re-owns the record.
        client_id = self.owner_id() if self.params.get('client') is not None else 0
        self.client.update(self.table, client_id, int(raw[self.id_column]), payload)

    def delete(self, raw):
        self.client.delete(self.table, int(raw[self.id_column]))


class MailDomain(Owned):
    kind = 'mail domain'
    result_key = 'mail_domain'
    table = 'mail_domain'
    id_column = 'domain_id'
    fields = (
        engine.Field('domain', kind=DomainName()),
        engine.Field('client', kind=engine.Text(), virtual=True),
        engine.Field('server_id', kind=engine.Integer(), default=1),
        engine.Field('active', kind=engine.Flag()),
        engine.Field('dkim', kind=engine.Flag(), default=False),
        engine.Field('dkim_selector', kind=engine.Text(), default='default'),
        engine.Field('relay_host', kind=engine.Text(), default=''),
        engine.Field('relay_user', kind=engine.Text(), default=''),
        engine.Field('relay_password', api='relay_pass', secret=True),
    )

    def __init__(self, client, params, check_mode=False):
        super(MailDomain, self).__init__(client, params, check_mode)
        self.domain = DomainName().from_user(params['domain'])

    def describe(self):
        return 'mail domain %s' % self.domain

    def validate(self, desired):
        if not ispconfig.MAIL_DOMAIN.match(self.domain):
            raise engine.InputError('%r is not a domain name ISPConfig accepts' % self.domain)
        selector = desired.get('dkim_selector')
        if selector is not None and not ispconfig.DKIM_SELECTOR.match(selector):
            raise engine.InputError('dkim_selector %r may hold only a-z and 0-9, at most 63 characters' % selector)

    def read(self):
        self.read_owner()
        return self.client.find_one('mail_domain', domain=self.domain)

    def password_matches(self, raw, password):
        return raw.get('relay_pass') == password


def _mail_password_matches(password, stored_hash):
    """ISPConfig hashes mail passwords converted to ISO-8859-1 (CRYPTMAIL)."""
    try:
        encoded = password.encode('latin-1')
    except UnicodeEncodeError:
        encoded = password.encode('utf-8')
    return verify(encoded, stored_hash)


class MailUser(Owned):
    kind = 'mailbox'
    result_key = 'mail_user'
    table = 'mail_user'
    id_column = 'mailuser_id'
    fields = (
        engine.Field('email', kind=EmailAddress()),
        engine.Field('client', kind=engine.Text(), virtual=True),
        engine.Field('login', kind=engine.Text(lower=True, identifier=True)),
        engine.Field('password', secret=True),
        engine.Field('name', kind=engine.Text(), default=''),
        engine.Field('quota', kind=engine.Size()),
        engine.Field('cc', kind=engine.TextList(lower=True), default=[]),
        engine.Field('sender_cc', kind=engine.Text(lower=True), default=''),
        engine.Field('maildir', kind=engine.Text()),
        engine.Field('homedir', kind=engine.Text(), default='/var/vmail'),
        engine.Field('server_id', kind=engine.Integer()),
        engine.Field('receive', api='postfix', kind=engine.Flag(), default=True),
        engine.Field('smtp', api='disablesmtp', kind=engine.Flag(invert=True), default=True),
        engine.Field('imap', api='disableimap', kind=engine.Flag(invert=True), default=True),
        engine.Field('pop3', api='disablepop3', kind=engine.Flag(invert=True), default=True),
        engine.Field('deliver', api='disabledeliver', kind=engine.Flag(invert=True), default=True),
        engine.Field('greylisting', kind=engine.Flag(), default=False),
        engine.Field('forward_in_lda', kind=engine.Flag(), default=False),
        engine.Field('autoresponder', kind=engine.Flag(), default=False),
        engine.Field('autoresponder_subject', kind=engine.Text(), default=''),
        engine.Field('autoresponder_text', kind=engine.Text(empty_is_none=True), default=''),
        engine.Field('move_junk', kind=engine.Text(), default='n'),
        engine.Field('purge_trash_days', kind=engine.Integer(), default=0),
        engine.Field('purge_junk_days', kind=engine.Integer(), default=0),
        engine.Field('backup_interval', kind=engine.Text(), default='none'),
        engine.Field('backup_copies', kind=engine.Integer(), default=1),
    )

    def __init__(self, client, params, check_mode=False):
        super(MailUser, self).__init__(client, params, check_mode)
        # the info module lists mailboxes without naming one
        self.email = EmailAddress().from_user(params['email']) if params.get('email') else None
        self.domain = None  # the parent domain row, read only when the mailbox is created

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
        raw = self.find_record()
        if raw is None and self.params.get('state', 'present') == 'present':
            # mail_user_add needs the domain; find out now, so check mode predicts the failure too
            self.domain = self.check_parent(self._find_domain)
            if self.params.get('quota') is None:
                raise engine.InputError('quota is required to create %s (0 or "unlimited" for no limit)' % self.email)
        return raw

    def find_record(self):
        return self.client.find_one('mail_user', email=self.email)

    def find_domain_row(self, domain):
        return self.client.find_one('mail_domain', domain=domain)

    def _find_domain(self):
        domain = self.email.split('@')[1]
        row = self.find_domain_row(domain)
        if row is None:
            raise ispconfig.MissingParent('Cannot create %s: the mail domain %s does not exist in ISPConfig; create '
                                          'it first (hosting.provision.ispconfig_mail_domain).' % (self.email, domain),
                                          call='mail_domain_get')
        return row

    def password_matches(self, raw, password):
        return _mail_password_matches(password, raw.get('password'))

    def create_payload(self, after):
        local, domain = self.email.split('@')
        payload = {}
        if after.get('login') is None:
            payload['login'] = self.email
            after['login'] = self.email
        if after.get('maildir') is None:
            after['maildir'] = payload['maildir'] = '/var/vmail/%s/%s' % (domain, local)
        if after.get('server_id') is None and self.domain is not None:
            after['server_id'] = int(self.domain['server_id'])
            payload['server_id'] = str(after['server_id'])
        return payload


class MailForwarding(Owned):
    """A row of mail_forwarding: an alias (one source, one destination) or a forward (one source, a list)."""

    table = 'mail_forwarding'
    id_column = 'forwarding_id'

    def __init__(self, client, params, check_mode=False):
        super(MailForwarding, self).__init__(client, params, check_mode)
        self.type = params['type']
        self.table = 'mail_alias' if self.type == 'alias' else 'mail_forward'
        self.kind = 'mail %s' % self.type
        self.result_key = 'mail_alias'
        self.source = EmailAddress().from_user(params['source'])
        destination = params['destination']
        if self.type == 'alias':
            if len(destination) != 1:
                raise engine.InputError('an alias has exactly one destination; use type=forward for several')
            self.destination = EmailAddress().from_user(destination[0])
        self.fields = (
            engine.Field('source', kind=EmailAddress()),
            engine.Field('destination', kind=_DESTINATION_KIND[self.type]),
            engine.Field('type', kind=engine.Text()),
            engine.Field('client', kind=engine.Text(), virtual=True),
            engine.Field('server_id', kind=engine.Integer(), default=1),
            engine.Field('active', kind=engine.Flag()),
            engine.Field('allow_send_as', kind=engine.Flag(), default=False),
            engine.Field('greylisting', kind=engine.Flag(), default=False),
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
        return self.client.find_one(self.table, **filters)


class _Destinations(engine.TextList):
    """A forward's destinations: addresses separated by commas or white space."""

    def from_user(self, value):
        return [EmailAddress().from_user(v) for v in super(_Destinations, self).from_user(value)]


class _OneAddress(EmailAddress):
    def from_user(self, value):
        return EmailAddress.from_user(self, value[0] if isinstance(value, list) else value)


_DESTINATION_KIND = {'alias': _OneAddress(), 'forward': _Destinations()}

# Panel defaults a client needs: client_add fails (HTTP 500) without a language, and rejects empty PHP and
# SSH option lists.
CLIENT_WEB_PHP_OPTIONS = ['no', 'fast-cgi', 'cgi', 'mod', 'suphp', 'php-fpm']
CLIENT_SSH_CHROOT = ['no', 'jailkit', 'ssh-chroot']


class Client(engine.Resource):
    kind = 'client'
    result_key = 'client'
    fields = (
        engine.Field('username', kind=engine.Text(identifier=True)),
        engine.Field('password', secret=True),
        engine.Field('contact_name', kind=engine.Text()),
        engine.Field('company_name', kind=engine.Text(), default=''),
        engine.Field('email', kind=EmailAddress()),
        engine.Field('customer_no', kind=engine.Text(), default=''),
        engine.Field('language', kind=engine.Text(lower=True), default='en'),
        engine.Field('country', kind=engine.Text(), default=''),
        engine.Field('street', kind=engine.Text(), default=''),
        engine.Field('zip', kind=engine.Text(), default=''),
        engine.Field('city', kind=engine.Text(), default=''),
        engine.Field('telephone', kind=engine.Text(), default=''),
        engine.Field('notes', kind=engine.Text(empty_is_none=True), default=''),
        engine.Field('locked', kind=engine.Flag(), default=False),
        engine.Field('canceled', kind=engine.Flag(), default=False),
        engine.Field('web_php_options', kind=engine.TextList(), default=CLIENT_WEB_PHP_OPTIONS),
        engine.Field('ssh_chroot', kind=engine.TextList(), default=CLIENT_SSH_CHROOT),
        engine.Field('limits', kind=engine.Kind(), virtual=True),
    )

    def describe(self):
        return 'client %s' % self.params['username']

    def validate(self, desired):
        limits = desired.get('limits') or {}
        for name, value in limits.items():
            if not name.startswith('limit_'):
                raise engine.InputError('limits: %r is not a limit field (they start with limit_)' % name)
            if isinstance(value, bool) or not ispconfig.LIMIT_VALUE.match(str(value)):
                raise engine.InputError('limits: %s must be a number (-1 for unlimited) or y/n, not %r' % (
                    name, value))
        if limits:
            desired['limits'] = dict((k, str(v)) for k, v in limits.items())

    def read(self):
        raw = self.client.find_one('client', username=self.params['username'])
        if raw is None and self.params['state'] == 'present':
            missing = [o for o in ('contact_name', 'email') if not self.params.get(o)]
            if missing:
                raise engine.InputError('%s required to create client %s' % (
                    ' and '.join(missing) + (' is' if len(missing) == 1 else ' are'), self.params['username']))
        return raw

    def normalise(self, raw):
        state = super(Client, self).normalise(raw)
        state['client_id'] = int(raw['client_id'])
        if self.params.get('limits'):
            state['limits'] = dict((k, raw.get(k)) for k in self.params['limits'])
        return state

    def password_matches(self, raw, password):
        return verify(password, raw.get('password'))

    def create_payload(self, after):
        return dict(after.get('limits') or {})

    def update_payload(self, raw, changes):
        # client_update re-hashes the stored hash when password is left out: "" keeps it.
        payload = dict(changes.get('limits') or {})
        payload.setdefault('password', '')
        return payload

    def create(self, payload):
        self.client.call('client_add', write=True, reseller_id=0, params=payload)

    def update(self, raw, payload):
        self.client.call('client_update', write=True, client_id=int(raw['client_id']), reseller_id=0,
                         params=payload)

    def delete(self, raw):
        self.client.call('client_delete', write=True, client_id=int(raw['client_id']))


def mail_user_options():
    """The argument spec of one mailbox: the options of ispconfig_mail_user, an item of ispconfig_mail_users."""
    return dict(
        email=dict(type='str', required=True),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        password=dict(type='str', no_log=True),
        update_password=engine.update_password_option(),
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


class ListedMailUser(engine.Prefetched, MailUser):
    """A mailbox of a bulk task: its record comes from the list read of its domain, and the domain row (needed
    only to create) is read once per domain through `domain_rows`, a dict the task's mailboxes share."""

    def __init__(self, client, params, check_mode=False, domain_rows=None):
        super(ListedMailUser, self).__init__(client, params, check_mode)
        self.domain_rows = {} if domain_rows is None else domain_rows

    def find_domain_row(self, domain):
        if domain not in self.domain_rows:
            self.domain_rows[domain] = super(ListedMailUser, self).find_domain_row(domain)
        return self.domain_rows[domain]


def mail_users_by_address(client, domain):
    """{address: [rows]} of the mailboxes of `domain`, from one mail_user_get (more than one row for an address
    are duplicates the panel should not hold)."""
    rows = {}
    # `%` makes the filter a LIKE; the exact match on the domain part below drops anything else it matches
    for row in client.find('mail_user', email='%@' + domain):
        address = (row.get('email') or '').lower()
        if address.rpartition('@')[2] == domain:
            rows.setdefault(address, []).append(row)
    return rows
