# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Simulator of the mailbox.org business API (JSON-RPC 2.0 over POST /v1/ and /v1).

Wire format (docs/api/mailbox_org.md):
  request  {"jsonrpc": "2.0", "id": <str|int, echoed unchanged>, "method": "...", "params": {..} | "" | missing}
  success  HTTP 200 {"jsonrpc": "2.0", "id": .., "result": ..}
  error    HTTP 200 {"jsonrpc": "2.0", "id": .., "error": {"code": int, "message": "<German>", "data"?: {..}}}
  Every error comes with HTTP 200, including the JSON-RPC ones: -32700 body is not JSON (id null), -32600 not a
  request object (no "2.0", no string method, no id, or a batch array), -32601 unknown method, -32602 params
  neither an object nor "" (all [inferred] from the JSON-RPC 2.0 spec). GET etc. on /v1/ -> HTTP 405, other
  paths -> HTTP 404 (not JSON).

Login and sessions:
  `auth {user, pass}` (anonymous, whatever HPLS-AUTH header comes along) -> {"session", "level"}. Logins are the
  default user (account level, the account `demo`), the extra `users` option, every account (level account, its
  password), every domain added with a password (level domain) and every mail with a password (level mail).
  Later calls send `HPLS-AUTH: <session>`; ids look like the seed's ("dlj3keZzTupJyX;KsSv57037ba615c926.43918213",
  note the ';'), made from a counter. An id lives 20 minutes after its last use (self.clock); every call that
  presents a valid id resets that. Missing, unknown, expired or deauth'ed id -> 253 "Diese Auth-ID ist ungültig".
  `auth`, `hello.world` ignore the header and do not refresh a session. `deauth` -> true.

Methods: hello.world, hello.innerworld, auth, deauth, account.add/get/set/del/list,
  account.capabilities.get/set, domain.list/get/add/set/del, context.list, mail.add/get/set/del/list,
  mail.capabilities.get/set, mail.vacation.get/set/delete, mail.spamprotect.get/set, group.list/get/add/set/del.
  account.list/add/del take a reseller (or admin) login: the default reseller login `demo-reseller` resells the
  default account, and the accounts it adds are its own; an account login gets the forbidden error. Minimum levels exactly as the reference lists
  them (e.g. mail.add is admin|account|domain only, not reseller). Ownership: a reseller reaches the accounts it
  added, an account its own account, a domain login its domain, a mail login its mail; admin reaches everything.
  Parameter names outside the documented ones, wrong JSON types and bad enum values -> the parameter error, whose
  message (like the real server's) never says which parameter. Optional parameters sent as null count as absent
  (the client sends `uid_extern: null`). Domain and mail names are stored lower-case.

Domain ownership proof (domain.add): the record host is "<sha1(salt|host|account|domain)>.<domain>" and the TXT
  value sha1(salt|txt|account|domain), both 40 hex, salt = option `dns_salt`; so the challenge is the same on every
  call for the same account and domain. Until the DNS table holds that value at that host the add fails with 218
  and error.data {"host", "txt"}. The challenge is checked after the duplicate check.

Error codes the reference leaves [unconfirmed] are the simulator's own choice (override with option
  `error_codes`, e.g. {"not_found": 9999}, to prove a module does not depend on them):
  params 201 "Ungültige oder fehlende Parameter", login 252 "Benutzername oder Passwort ist falsch",
  forbidden 254 "Keine Berechtigung für diese Methode oder dieses Objekt" (level too low or object of someone
  else), not_found 260 "Das Objekt existiert nicht", exists 261 "Das Objekt existiert bereits".
  Documented: 253 session, 218 DNS TXT record.

Defaults and reply shapes [unconfirmed where the reference says so]: domain.add/set, mail.add/set, account.add/set
  answer the object as domain.get / mail.get / account.get would; domain.del, mail.del, account.del,
  mail.capabilities.set answer true. domain.add without context_id/create_new_context_id gets a new context
  (ids "1001", "1002", ..., taken only by successful calls). domain.del and account.del delete recursively.
  mail type follows inboxsave/forwards (inbox, inboxforward, forward; inboxsave false with no forwards is a
  parameter error). mail.list always returns a plain list (paging slices it). mail.set with additional_*_quota requires plan in the same call.

Options:
  user / password       default login (default demo / demo-password), an account-level user owning account `user`
  reseller / reseller_password  the reseller login of that account (default demo-reseller / demo-password)
  users                 extra logins {name: {"pass": "...", "level": "admin|reseller|account|domain|mail|ftp"}};
                        level account also creates the account `name`
  domains               domain names seeded (verified, no password) under the default account
  dns_salt              salt of the TXT challenge (default "mailbox-org-simulator")
  dns_delay             seconds (self.clock) before a record set through the `dns` control becomes visible
                        (default 0; the real DNS caches take hours)
  error_codes           override of the unconfirmed codes above, by key

Controls (POST /__sim__/<name> or simulator.control(name, payload)):
  dns          {"set": {host: txt | [txt, ..]}, "clear": true | [host, ..]} -> {"records": {host: [txt, ..]}}
               ("set" replaces the records of each host; an empty payload only reads the table)
  challenge    {"account", "domain"} -> {"host", "txt"} the record domain.add will ask for
  expire_auth  {} -> {"expired": n} every auth id becomes invalid
In-process helpers: challenge(account, domain), publish_challenge(account, domain).

Counters: record_write(method) for every call that changed domains, accounts or mails (auth/deauth are not
writes, so a check-mode run shows no write). state() dumps accounts, domains, mails (passwords included: it is a
test channel), DNS records and sessions.
"""

import copy
import hashlib
import json
import re
import time

from ._base import Response, Simulator

SESSION_LIFETIME = 20 * 60
LEVELS = ('admin', 'reseller', 'account', 'domain', 'mail', 'ftp')

SESSION_ERROR = (253, 'Diese Auth-ID ist ungültig')
DNS_ERROR = (218, 'Der DNS-TXT-Record enthält nicht die richtigen Daten')
UNCONFIRMED_ERRORS = {
    'params': (201, 'Ungültige oder fehlende Parameter'),
    'login': (252, 'Benutzername oder Passwort ist falsch'),
    'forbidden': (254, 'Keine Berechtigung für diese Methode oder dieses Objekt'),
    'not_found': (260, 'Das Objekt existiert nicht'),
    'exists': (261, 'Das Objekt existiert bereits'),
}

MAIL_PLANS = ('light', 'standard', 'premium')
LEGACY_MAIL_PLANS = ('MAIL', 'MAILXL', 'MAILXXL', 'MAILXXXL', 'Office', 'OfficeXL', 'OfficeXXL', 'OfficeXXXL')
ACCOUNT_PLANS = ('basic', 'profi', 'profixl', 'reseller')
MAIL_CAPABILITIES = ('MAIL_SPAMPROTECTION', 'MAIL_OTP', 'MAIL_BLACKLIST', 'MAIL_BACKUPRECOVER',
                     'MAIL_PASSWORDRESET_SMS')
# order as the live API lists them [py-tests]
POSSIBLE_CAPABILITIES = ['MAIL_BLACKLIST', 'MAIL_SPAMPROTECTION', 'MAIL_PASSWORDRESET_SMS', 'MAIL_BACKUPRECOVER']
MAIL_SORT_FIELDS = {'mail': 'mail', 'first_name': 'first_name', 'last_name': 'last_name', 'status': 'active',
                    'domain': 'domain', 'plan': 'plan', 'type': 'type', 'creation_date': 'creation_date'}

DOMAIN_RE = re.compile(r'^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$')
MAIL_RE = re.compile(r'^[a-z0-9._%+\-]+@(?P<domain>[^@]+)$')


class ApiError(Exception):
    def __init__(self, code, message, data=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.data = data


# --- parameter types ---------------------------------------------------------
def is_str(value):
    return isinstance(value, str)


def is_nonempty_str(value):
    return isinstance(value, str) and value != ''


def is_bool(value):
    return isinstance(value, bool)


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def is_str_list(value):
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def is_digits(value):
    # quotas travel as strings of digits, e.g. "5" [py2.8.1]
    return isinstance(value, str) and value.isdigit()


def is_date(value):
    return isinstance(value, str) and re.match(r'^\d{4}-\d{2}-\d{2}$', value) is not None


def is_number(value):
    try:
        float(value)
    except ValueError:
        return False
    return True


def one_of(*allowed):
    return lambda value: value in allowed


MAIL_TEXT_FIELDS = ('memo', 'allow_nets', 'title', 'birthday', 'position', 'department', 'company', 'street',
                    'postal_code', 'city', 'phone', 'fax', 'cell_phone', 'uid_extern', 'language')
MAIL_ADD_OPTIONAL = {
    'password_hash': is_nonempty_str, 'require_reset_password': is_bool,
    'additional_mail_quota': is_digits, 'additional_cloud_quota': is_digits,
    'catchall': is_bool, 'create_own_context': is_bool, 'recover': is_bool, 'skip_welcome_mail': is_bool,
    'evac_force_activation': is_bool,
    **{name: is_str for name in MAIL_TEXT_FIELDS},
}
MAIL_SET_OPTIONAL = {
    'password': is_nonempty_str, 'password_hash': is_nonempty_str, 'same_password_disallowed': is_bool,
    'require_reset_password': is_bool, 'plan': one_of(*MAIL_PLANS, *LEGACY_MAIL_PLANS),
    'additional_mail_quota': is_digits, 'additional_cloud_quota': is_digits,
    'first_name': is_str, 'last_name': is_str, 'inboxsave': is_bool, 'forwards': is_str_list,
    'aliases': is_str_list, 'alternate_mail': is_str, 'active': is_bool, 'deletion_date': is_str,
    **{name: is_str for name in MAIL_TEXT_FIELDS},
}

# account.add/set names [py2.8.1]; flat names map into the nested objects account.get shows
ACCOUNT_NESTED_PREFIXES = ('address_main_', 'address_payment_', 'bank_', 'contact_')
ACCOUNT_ADDRESS_MAIN = ('salutation', 'first_name', 'last_name', 'street', 'zipcode', 'town', 'country')
ACCOUNT_ADDRESS_PAYMENT = ('first_name', 'last_name', 'street', 'zipcode', 'town', 'country')
ACCOUNT_COMMON_OPTIONAL = {
    'memo': is_str, 'company': is_str, 'contact_mail': is_str, 'contact_phone': is_str, 'contact_fax': is_str,
    'tarifflimits': lambda value: isinstance(value, (dict, list)),
    **{'address_main_' + name: is_str for name in ACCOUNT_ADDRESS_MAIN},
    **{'address_payment_' + name: is_str for name in ACCOUNT_ADDRESS_PAYMENT},
}
ACCOUNT_ADD_OPTIONAL = {
    **ACCOUNT_COMMON_OPTIONAL, 'contact_mobile': is_str, 'ustid': is_str,
    'address_payment_same_as_main': is_bool, 'max_mailinglist': is_int, 'language': is_str,
}
ACCOUNT_SET_OPTIONAL = {
    **ACCOUNT_COMMON_OPTIONAL, 'password': is_nonempty_str, 'plan': one_of(*ACCOUNT_PLANS),
    'bank_iban': is_str, 'bank_bic': is_str, 'bank_account_owner': is_str, 'av_contract_accept_name': is_str,
    'contact_mail_payment': is_str, 'av_contract_professional_secrecy': is_bool,
    'payment_type': one_of('dta', 'invoice'),
}

ANY_LEVEL = set(LEVELS)
ACCOUNT_OWNERS = {'admin', 'reseller', 'account'}
# method -> (levels allowed, handler name); None = anonymous
METHODS = {
    'auth': (None, 'auth'),
    'hello.world': (None, 'hello_world'),
    'hello.innerworld': (ANY_LEVEL, 'hello_innerworld'),
    'deauth': (ANY_LEVEL, 'deauth'),
    'account.add': ({'admin', 'reseller'}, 'account_add'),
    'account.get': (ACCOUNT_OWNERS, 'account_get'),
    'account.set': (ACCOUNT_OWNERS, 'account_set'),
    'account.del': ({'admin', 'reseller'}, 'account_del'),
    'domain.list': (ACCOUNT_OWNERS, 'domain_list'),
    'domain.get': (ACCOUNT_OWNERS | {'domain'}, 'domain_get'),
    'domain.add': (ACCOUNT_OWNERS, 'domain_add'),
    'domain.set': (ACCOUNT_OWNERS | {'domain'}, 'domain_set'),
    'domain.del': (ACCOUNT_OWNERS, 'domain_del'),
    'context.list': (ACCOUNT_OWNERS, 'context_list'),
    'mail.add': ({'admin', 'account', 'domain'}, 'mail_add'),
    'mail.get': ({'admin', 'account', 'domain', 'mail'}, 'mail_get'),
    'mail.set': ({'admin', 'account', 'domain', 'mail'}, 'mail_set'),
    'mail.list': ({'admin', 'reseller', 'account', 'domain'}, 'mail_list'),
    'mail.del': ({'admin', 'reseller', 'account', 'domain'}, 'mail_del'),
    'mail.capabilities.set': ({'admin', 'account', 'domain', 'mail'}, 'mail_capabilities_set'),
    'mail.capabilities.get': ({'admin', 'account', 'domain', 'mail'}, 'mail_capabilities_get'),
    'account.list': ({'admin', 'reseller'}, 'account_list'),
    'account.capabilities.get': (ACCOUNT_OWNERS, 'account_capabilities_get'),
    'account.capabilities.set': (ACCOUNT_OWNERS, 'account_capabilities_set'),
    'group.list': (ACCOUNT_OWNERS, 'group_list'),
    'group.get': (ACCOUNT_OWNERS, 'group_get'),
    'group.add': (ACCOUNT_OWNERS, 'group_add'),
    'group.set': (ACCOUNT_OWNERS, 'group_set'),
    'group.del': (ACCOUNT_OWNERS, 'group_del'),
    'mail.vacation.get': ({'admin', 'account', 'domain', 'mail'}, 'mail_vacation_get'),
    'mail.vacation.set': ({'admin', 'account', 'domain', 'mail'}, 'mail_vacation_set'),
    'mail.vacation.delete': ({'admin', 'account', 'domain', 'mail'}, 'mail_vacation_delete'),
    'mail.spamprotect.get': ({'admin', 'account', 'domain', 'mail'}, 'mail_spamprotect_get'),
    'mail.spamprotect.set': ({'admin', 'account', 'domain', 'mail'}, 'mail_spamprotect_set'),
}
WRITE_METHODS = {'account.add', 'account.set', 'account.del', 'domain.add', 'domain.set', 'domain.del',
                 'mail.add', 'mail.set', 'mail.del', 'mail.capabilities.set', 'account.capabilities.set',
                 'group.add', 'group.set', 'group.del', 'mail.vacation.set', 'mail.vacation.delete',
                 'mail.spamprotect.set'}
CAPABILITY_STATES = ('on', 'off', 'inherit')
# what mail.spamprotect.get shows of a new mailbox [unconfirmed]; set takes the same names, flags as "1"/"0"
SPAMPROTECT_DEFAULTS = {'greylist': '1', 'smtp_plausibility': '1', 'rbl': '1', 'bypass_banned_checks': '0',
                        'tag2level': '5.5', 'killevel': 'route', 'route_to': 'Junk'}


def _sha1(*parts):
    return hashlib.sha1('|'.join(parts).encode('utf-8')).hexdigest()


def _normalise_host(host):
    return host.strip().rstrip('.').lower()


class MailboxOrgSimulator(Simulator):
    name = 'mailbox_org'

    # --- set-up -------------------------------------------------------------
    def seed(self):
        self.codes = dict(UNCONFIRMED_ERRORS)
        for key, code in (self.options.get('error_codes') or {}).items():
            if key not in self.codes:
                raise ValueError('unknown error code key %r' % key)
            self.codes[key] = (int(code), self.codes[key][1])
        self.dns_salt = self.options.get('dns_salt', 'mailbox-org-simulator')
        self.dns_delay = float(self.options.get('dns_delay', 0))
        self.accounts = {}
        self.domains = {}
        self.mails = {}
        self.groups = {}  # group_id -> {"group_id", "account", "name", "display_name", "members"}
        self.group_counter = 0
        self.dns = {}  # host -> [{"txt": str, "visible_at": float}]
        self.sessions = {}  # auth id -> {"user", "level", "last_used"}
        self.logins = {}  # admin/reseller/... users given as options: name -> {"pass", "level"}
        self.session_counter = 0
        self.context_counter = 0
        default_user = self.options.get('user', 'demo')
        reseller = self.options.get('reseller', 'demo-reseller')
        self.logins[reseller] = {'pass': self.options.get('reseller_password', 'demo-password'), 'level': 'reseller'}
        self._new_account(default_user, self.options.get('password', 'demo-password'), 'basic', reseller=reseller)
        for name, spec in (self.options.get('users') or {}).items():
            if spec['level'] not in LEVELS:
                raise ValueError('unknown level %r' % spec['level'])
            if spec['level'] == 'account':
                self._new_account(name, spec['pass'], 'basic', reseller=None)
            else:
                self.logins[name] = {'pass': spec['pass'], 'level': spec['level']}
        for domain in self.options.get('domains') or ():
            self._new_domain(default_user, domain.lower(), None, self._new_context_id(), '')

    def _new_context_id(self):
        self.context_counter += 1
        return str(1000 + self.context_counter)

    def _new_account(self, name, password, plan, reseller, language='de_DE'):
        self.accounts[name] = {
            'account': name, 'password': password, 'plan': plan, 'reseller': reseller,
            'type': 'BMBO', 'status': 'aktiv', 'old_customer': False, 'company': '', 'ustid': '', 'memo': '',
            'monthly_fee': 0, 'invoice_type': 'email', 'payment_type': 'invoice', 'language': language,
            'address_main': {name: '' for name in ACCOUNT_ADDRESS_MAIN},
            'address_payment': {**{name: '' for name in ACCOUNT_ADDRESS_PAYMENT}, 'same_as_main': True},
            'bank': {'iban': '', 'bic': '', 'account_owner': ''},
            'contact': {'mail': '', 'mail_payment': '', 'phone': '', 'fax': '', 'mobile': ''},
            'tarifflimits': {},
            # account.capabilities.get [unconfirmed shape]: every capability, its mailboxes' default
            'capabilities': {name: 'on' for name in MAIL_CAPABILITIES},
            # write-only settings: kept, never shown by account.get
            'extra': {},
        }
        return self.accounts[name]

    def _new_domain(self, account, domain, password, context_id, memo):
        self.domains[domain] = {'domain': domain, 'account': account, 'password': password,
                                'context_id': context_id, 'memo': memo}
        return self.domains[domain]

    # --- test helpers -------------------------------------------------------
    def challenge(self, account, domain):
        """The TXT record domain.add asks `account` to publish for `domain`."""
        domain = domain.lower()
        return {'host': '%s.%s' % (_sha1(self.dns_salt, 'host', account, domain), domain),
                'txt': _sha1(self.dns_salt, 'txt', account, domain)}

    def publish_challenge(self, account, domain):
        """Publish the challenge record right away (no dns_delay), as a test short cut."""
        record = self.challenge(account, domain)
        with self.lock:
            self.dns[_normalise_host(record['host'])] = [{'txt': record['txt'], 'visible_at': self.clock.now()}]
        return record

    def state(self):
        now = self.clock.now()
        return {
            'accounts': copy.deepcopy(self.accounts),
            'domains': copy.deepcopy(self.domains),
            'mails': copy.deepcopy(self.mails),
            'groups': copy.deepcopy(self.groups),
            'dns': self._dns_table(),
            'sessions': {sid: {'user': s['user'], 'level': s['level'], 'idle_seconds': now - s['last_used']}
                         for sid, s in self.sessions.items()},
        }

    def _dns_table(self):
        return {host: [record['txt'] for record in records] for host, records in self.dns.items()}

    def control(self, name, payload):
        if name == 'dns':
            clear = payload.get('clear')
            if clear is True:
                self.dns.clear()
            elif clear:
                for host in clear:
                    self.dns.pop(_normalise_host(host), None)
            visible_at = self.clock.now() + self.dns_delay
            for host, values in (payload.get('set') or {}).items():
                values = [values] if isinstance(values, str) else list(values)
                self.dns[_normalise_host(host)] = [{'txt': value, 'visible_at': visible_at} for value in values]
            return {'records': self._dns_table()}
        if name == 'challenge':
            return self.challenge(payload['account'], payload['domain'])
        if name == 'expire_auth':
            expired = len(self.sessions)
            self.sessions.clear()
            return {'expired': expired}
        raise KeyError(name)

    # --- HTTP / JSON-RPC envelope ---------------------------------------------
    def call_name(self, request):
        try:
            method = request.json().get('method')
        except (ValueError, AttributeError):
            return 'invalid'
        return method if isinstance(method, str) else 'invalid'

    def is_write_call(self, call):
        return call in WRITE_METHODS

    def handle(self, request):
        if request.path not in ('/v1/', '/v1'):
            return Response(404, '<h1>404 Not Found</h1>', 'text/html')
        if request.method != 'POST':
            return Response(405, '<h1>405 Method Not Allowed</h1>', 'text/html', {'Allow': 'POST'})
        try:
            envelope = request.json()
        except ValueError:  # includes UnicodeDecodeError
            return self._reply(None, error=(-32700, 'Parse error'))
        if not isinstance(envelope, dict):
            return self._reply(None, error=(-32600, 'Invalid Request'))
        request_id = envelope.get('id')
        if envelope.get('jsonrpc') != '2.0' or not isinstance(envelope.get('method'), str) or 'id' not in envelope:
            return self._reply(request_id, error=(-32600, 'Invalid Request'))
        method = envelope['method']
        params = envelope.get('params', {})
        if params in ('', None):
            params = {}
        if method not in METHODS:
            return self._reply(request_id, error=(-32601, 'Method not found'))
        if not isinstance(params, dict):
            return self._reply(request_id, error=(-32602, 'Invalid params'))
        levels, handler = METHODS[method]
        try:
            session = None
            if levels is not None:
                session = self._session(request.headers.get('hpls-auth'))
                if session['level'] not in levels:
                    self._fail('forbidden')
            result = getattr(self, '_' + handler)(params, session)
        except ApiError as error:
            return self._reply(request_id, error=(error.code, error.message, error.data))
        if method in WRITE_METHODS:
            self.record_write(method)
        return self._reply(request_id, result=result)

    def _reply(self, request_id, result=None, error=None):
        body = {'jsonrpc': '2.0', 'id': request_id}
        if error is None:
            body['result'] = result
        else:
            body['error'] = {'code': error[0], 'message': error[1]}
            if len(error) > 2 and error[2] is not None:
                body['error']['data'] = error[2]
        return Response(200, json.dumps(body))

    def _fail(self, key):
        code, message = self.codes[key]
        raise ApiError(code, message)

    def _session(self, auth_id):
        session = self.sessions.get(auth_id) if auth_id else None
        now = self.clock.now()
        if session is None or now - session['last_used'] >= SESSION_LIFETIME:
            self.sessions.pop(auth_id, None)
            raise ApiError(*SESSION_ERROR)
        session['last_used'] = now
        return session

    def _params(self, params, required, optional=None):
        """Check names and JSON types; optional names sent as null count as absent."""
        optional = optional or {}
        given = {name: value for name, value in params.items() if not (name in optional and value is None)}
        if set(given) - set(required) - set(optional) or set(required) - set(given):
            self._fail('params')
        for name, value in given.items():
            if not (required.get(name) or optional[name])(value):
                self._fail('params')
        return given

    # --- ownership ----------------------------------------------------------
    def _may_account(self, session, account):
        level, user = session['level'], session['user']
        if level == 'admin':
            return True
        if level == 'reseller':
            return self.accounts[account]['reseller'] == user
        return level == 'account' and account == user

    def _may_domain(self, session, domain):
        if session['level'] == 'domain':
            return session['user'] == domain['domain']
        return self._may_account(session, domain['account'])

    def _may_mail(self, session, mail):
        if session['level'] == 'mail':
            return session['user'] == mail['mail']
        return self._may_domain(session, self.domains[mail['domain']])

    def _account(self, session, name):
        if name not in self.accounts:
            self._fail('not_found')
        if not self._may_account(session, name):
            self._fail('forbidden')
        return self.accounts[name]

    def _domain(self, session, name):
        domain = self.domains.get(name.lower())
        if domain is None:
            self._fail('not_found')
        if not self._may_domain(session, domain):
            self._fail('forbidden')
        return domain

    def _mail(self, session, address):
        mail = self.mails.get(address.lower())
        if mail is None:
            self._fail('not_found')
        if not self._may_mail(session, mail):
            self._fail('forbidden')
        return mail

    # --- auth and hello -------------------------------------------------------
    def _auth(self, params, session):
        given = self._params(params, {'user': is_str, 'pass': is_str})
        level = self._login_level(given['user'], given['pass'])
        if level is None:
            self._fail('login')
        self.session_counter += 1
        digest = hashlib.sha256(('session-%d' % self.session_counter).encode()).hexdigest()
        alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
        head = ''.join(alphabet[int(digest[i:i + 2], 16) % len(alphabet)] for i in range(0, 28, 2))
        auth_id = '%s;KsSv%s.%08d' % (head, digest[28:41], int(digest[41:49], 16) % 10 ** 8)
        user = given['user'] if level in ('admin', 'reseller', 'account', 'ftp') else given['user'].lower()
        self.sessions[auth_id] = {'user': user, 'level': level, 'last_used': self.clock.now()}
        return {'session': auth_id, 'level': level}

    def _login_level(self, user, password):
        login = self.logins.get(user)
        if login is not None:
            return login['level'] if login['pass'] == password else None
        for table, level in ((self.accounts, 'account'), (self.domains, 'domain'), (self.mails, 'mail')):
            key = user if table is self.accounts else user.lower()
            record = table.get(key)
            if record is not None:
                return level if record['password'] is not None and record['password'] == password else None
        return None

    def _hello_world(self, params, session):
        return 'Hello World!'

    def _hello_innerworld(self, params, session):
        return 'Hello Inner-World!'

    def _deauth(self, params, session):
        for auth_id, candidate in list(self.sessions.items()):
            if candidate is session:
                del self.sessions[auth_id]
        return True

    # --- accounts -------------------------------------------------------------
    def _account_view(self, account):
        return {key: copy.deepcopy(value) for key, value in account.items()
                if key not in ('password', 'reseller', 'extra', 'capabilities')}

    def _account_list(self, params, session):
        """The accounts the login manages whose name holds `query` [shape unconfirmed: a list of objects with
        `account`; extended_results adds the account.get fields]."""
        given = self._params(params, {}, {'query': is_str, 'extended_results': is_bool})
        query = given.get('query', '').lower()
        return [self._account_view(account) if given.get('extended_results') else {'account': name}
                for name, account in sorted(self.accounts.items())
                if self._may_account(session, name) and query in name.lower()]

    def _account_capabilities_get(self, params, session):
        given = self._params(params, {'account': is_str})
        return dict(self._account(session, given['account'])['capabilities'])

    def _account_capabilities_set(self, params, session):
        """A partial map {NAME: on|off|inherit}; exceptions {NAME: [mails]} only for names it sets [py2.8.1]."""
        given = self._params(params, {'account': is_str, 'capabilities': lambda v: isinstance(v, dict)},
                             {'exceptions': lambda v: isinstance(v, dict) and all(map(is_str_list, v.values()))})
        account = self._account(session, given['account'])
        capabilities = given['capabilities']
        if not all(name in MAIL_CAPABILITIES and state in CAPABILITY_STATES for name, state in capabilities.items()):
            self._fail('params')
        if not set(given.get('exceptions', {})) <= set(capabilities):
            self._fail('params')
        account['capabilities'].update(capabilities)
        return True

    def _apply_account_fields(self, account, given):
        for name, value in given.items():
            prefix = next((p for p in ACCOUNT_NESTED_PREFIXES if name.startswith(p)), None)
            if prefix is not None:
                account[prefix[:-1]][name[len(prefix):]] = value
            elif name in account and name not in ('account', 'reseller', 'extra'):
                account[name] = value
            else:
                account['extra'][name] = value

    def _account_add(self, params, session):
        given = self._params(params, {'account': is_nonempty_str, 'password': is_nonempty_str,
                                      'plan': one_of(*ACCOUNT_PLANS)}, ACCOUNT_ADD_OPTIONAL)
        if given['account'] in self.accounts or given['account'] in self.logins:
            self._fail('exists')
        reseller = session['user'] if session['level'] == 'reseller' else None
        account = self._new_account(given['account'], given['password'], given['plan'], reseller)
        self._apply_account_fields(account, {k: v for k, v in given.items()
                                             if k not in ('account', 'password', 'plan')})
        return self._account_view(account)

    def _account_get(self, params, session):
        given = self._params(params, {'account': is_str})
        return self._account_view(self._account(session, given['account']))

    def _account_set(self, params, session):
        given = self._params(params, {'account': is_str}, ACCOUNT_SET_OPTIONAL)
        account = self._account(session, given.pop('account'))
        if given.get('payment_type') == 'dta':
            bank = {**account['bank'], **{k[len('bank_'):]: v for k, v in given.items() if k.startswith('bank_')}}
            if not all(bank[name] for name in ('iban', 'bic', 'account_owner')):
                self._fail('params')
        self._apply_account_fields(account, given)
        return self._account_view(account)

    def _account_del(self, params, session):
        given = self._params(params, {'account': is_str})
        account = self._account(session, given['account'])
        for domain in [d for d in self.domains.values() if d['account'] == account['account']]:
            self._delete_domain(domain['domain'])
        for group_id in [g for g, group in self.groups.items() if group['account'] == account['account']]:
            del self.groups[group_id]
        del self.accounts[account['account']]
        self._drop_sessions(lambda s: s['level'] == 'account' and s['user'] == account['account'])
        return True

    def _drop_sessions(self, matches):
        for auth_id in [sid for sid, s in self.sessions.items() if matches(s)]:
            del self.sessions[auth_id]

    # --- domains and contexts -------------------------------------------------
    def _domain_view(self, domain):
        return {'domain': domain['domain'], 'context_id': domain['context_id'], 'memo': domain['memo'],
                'count_mails': sum(1 for mail in self.mails.values() if mail['domain'] == domain['domain'])}

    def _check_context(self, account, given):
        if given.get('create_new_context_id') and 'context_id' in given:
            self._fail('params')
        known = {d['context_id'] for d in self.domains.values() if d['account'] == account}
        if 'context_id' in given and given['context_id'] not in known:
            self._fail('params')

    def _context_for(self, account, given):
        """The context a domain.add/set asks for; None when it names none."""
        self._check_context(account, given)
        if given.get('create_new_context_id'):
            return self._new_context_id()
        return given.get('context_id')

    def _domain_list(self, params, session):
        given = self._params(params, {'account': is_str}, {'filter': is_str})
        account = self._account(session, given['account'])
        pattern = given.get('filter', '').lower()
        return [self._domain_view(d) for name, d in sorted(self.domains.items())
                if d['account'] == account['account'] and pattern in name]

    def _domain_get(self, params, session):
        given = self._params(params, {'domain': is_str})
        return self._domain_view(self._domain(session, given['domain']))

    def _domain_add(self, params, session):
        given = self._params(params, {'account': is_str, 'domain': is_str, 'password': is_nonempty_str},
                             {'context_id': is_nonempty_str, 'create_new_context_id': is_bool, 'memo': is_str})
        account = self._account(session, given['account'])['account']
        name = given['domain'].lower()
        if not DOMAIN_RE.match(name):
            self._fail('params')
        if name in self.domains:
            self._fail('exists')
        self._check_context(account, given)
        record = self.challenge(account, name)
        if not self._txt_visible(record['host'], record['txt']):
            raise ApiError(*DNS_ERROR, data=record)
        # only a successful add takes a context id, so ids do not depend on failed attempts
        context_id = self._context_for(account, given) or self._new_context_id()
        return self._domain_view(
            self._new_domain(account, name, given['password'], context_id, given.get('memo', '')))

    def _txt_visible(self, host, txt):
        now = self.clock.now()
        return any(r['txt'] == txt and r['visible_at'] <= now for r in self.dns.get(_normalise_host(host), ()))

    def _domain_set(self, params, session):
        given = self._params(params, {'domain': is_str},
                             {'password': is_nonempty_str, 'context_id': is_nonempty_str,
                              'create_new_context_id': is_bool, 'memo': is_str})
        domain = self._domain(session, given['domain'])
        context_id = self._context_for(domain['account'], given)
        if context_id is not None:
            domain['context_id'] = context_id
        for name in ('password', 'memo'):
            if name in given:
                domain[name] = given[name]
        return self._domain_view(domain)

    def _domain_del(self, params, session):
        given = self._params(params, {'account': is_str, 'domain': is_str})
        account = self._account(session, given['account'])['account']
        domain = self.domains.get(given['domain'].lower())
        if domain is None or domain['account'] != account:
            self._fail('not_found')
        self._delete_domain(domain['domain'])
        return True

    def _delete_domain(self, name):
        for address in [m for m, mail in self.mails.items() if mail['domain'] == name]:
            self._delete_mail(address)
        del self.domains[name]
        self._drop_sessions(lambda s: s['level'] == 'domain' and s['user'] == name)

    def _context_list(self, params, session):
        given = self._params(params, {'account': is_str})
        account = self._account(session, given['account'])['account']
        contexts = {}
        for name, domain in sorted(self.domains.items()):
            if domain['account'] == account:
                contexts.setdefault(domain['context_id'], []).append(name)
        return contexts

    # --- mails ----------------------------------------------------------------
    def _mail_view(self, mail):
        return {key: copy.deepcopy(value) for key, value in mail.items()
                if key not in ('password', 'password_hash', 'extra', 'vacation', 'spamprotect')}

    def _mail_type(self, inboxsave, forwards):
        if inboxsave:
            return 'inboxforward' if forwards else 'inbox'
        if not forwards:
            self._fail('params')  # a mailbox that neither keeps nor forwards mail
        return 'forward'

    def _check_addresses(self, addresses):
        if not all(MAIL_RE.match(address.lower()) for address in addresses):
            self._fail('params')

    def _check_aliases(self, mail, aliases):
        self._check_addresses(aliases)
        account = self.domains[mail['domain']]['account']
        for alias in (a.lower() for a in aliases):
            alias_domain = self.domains.get(MAIL_RE.match(alias).group('domain'))
            if alias_domain is None or alias_domain['account'] != account:
                self._fail('params')
            if alias in self.mails or any(alias in other['aliases'] for other in self.mails.values()
                                          if other is not mail):
                self._fail('exists')

    def _mail_add(self, params, session):
        given = self._params(params, {
            'mail': is_str, 'password': lambda value: value is None or is_nonempty_str(value),
            'plan': one_of(*MAIL_PLANS), 'first_name': is_str, 'last_name': is_str,
            'inboxsave': is_bool, 'forwards': is_str_list}, MAIL_ADD_OPTIONAL)
        address = given['mail'].lower()
        match = MAIL_RE.match(address)
        if match is None or (given['password'] is None and 'password_hash' not in given):
            self._fail('params')
        domain = self._domain(session, match.group('domain'))
        if address in self.mails or any(address in mail['aliases'] for mail in self.mails.values()):
            self._fail('exists')
        self._check_addresses(given['forwards'])
        mail = {
            'mail': address, 'parent_uid': domain['account'], 'domain': domain['domain'],
            'type': self._mail_type(given['inboxsave'], given['forwards']),
            'plan': given['plan'], 'first_name': given['first_name'], 'last_name': given['last_name'],
            'inboxsave': given['inboxsave'], 'forwards': list(given['forwards']), 'aliases': [],
            'alternate_mail': '', 'active': True, 'require_reset_password': False,
            'additional_mail_quota': '0', 'additional_cloud_quota': '0', 'same_password_disallowed': False,
            'deletion_date': '', 'capabilities': [], 'possible_capabilities': list(POSSIBLE_CAPABILITIES),
            'creation_date': time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(self.clock.now())),
            **{name: '' for name in MAIL_TEXT_FIELDS}, 'language': 'de_DE',
            'password': given['password'], 'password_hash': given.get('password_hash'), 'extra': {},
            'vacation': None, 'spamprotect': dict(SPAMPROTECT_DEFAULTS),
        }
        for name, value in given.items():
            if name in MAIL_ADD_OPTIONAL and name != 'password_hash':
                # settings mail.get does not show (catchall, recover, ...) are kept aside
                (mail if name in mail else mail['extra'])[name] = value
        self.mails[address] = mail
        return self._mail_view(mail)

    def _mail_get(self, params, session):
        given = self._params(params, {'mail': is_str}, {'include_quota_usage': is_bool})
        return self._mail_view(self._mail(session, given['mail']))

    def _mail_set(self, params, session):
        given = self._params(params, {'mail': is_str}, MAIL_SET_OPTIONAL)
        mail = self._mail(session, given.pop('mail'))
        quota_change = 'additional_mail_quota' in given or 'additional_cloud_quota' in given
        if quota_change and 'plan' not in given:
            self._fail('params')
        if 'password' in given and mail['same_password_disallowed'] and given['password'] == mail['password']:
            self._fail('params')
        if 'forwards' in given:
            self._check_addresses(given['forwards'])
        if 'aliases' in given:
            self._check_aliases(mail, given['aliases'])
            given['aliases'] = [alias.lower() for alias in given['aliases']]
        inboxsave = given.get('inboxsave', mail['inboxsave'])
        forwards = given.get('forwards', mail['forwards'])
        mail['type'] = self._mail_type(inboxsave, forwards)
        for name, value in given.items():
            if name == 'password_hash':
                mail['password'], mail['password_hash'] = None, value
            elif name == 'password':
                mail['password'], mail['password_hash'] = value, None
            else:
                mail[name] = list(value) if isinstance(value, list) else value
        return self._mail_view(mail)

    def _mail_list(self, params, session):
        given = self._params(params, {'domain': is_str, 'details': is_bool}, {
            'page_size': lambda v: is_int(v) and v >= 1, 'page': lambda v: is_int(v) and v >= 1,
            'sort_field': one_of(*MAIL_SORT_FIELDS), 'sort_order': one_of('asc', 'desc')})
        if 'page' in given and 'page_size' not in given:
            self._fail('params')
        domain = self._domain(session, given['domain'])
        key = MAIL_SORT_FIELDS[given.get('sort_field', 'mail')]
        mails = sorted((m for m in self.mails.values() if m['domain'] == domain['domain']),
                       key=lambda m: (m[key], m['mail']), reverse=given.get('sort_order') == 'desc')
        if 'page_size' in given:
            start = (given.get('page', 1) - 1) * given['page_size']
            mails = mails[start:start + given['page_size']]
        return [self._mail_view(mail) for mail in mails]

    def _mail_del(self, params, session):
        given = self._params(params, {'mail': is_str})
        self._delete_mail(self._mail(session, given['mail'])['mail'])
        return True

    def _delete_mail(self, address):
        del self.mails[address]
        self._drop_sessions(lambda s: s['level'] == 'mail' and s['user'] == address)

    def _mail_capabilities_set(self, params, session):
        """capabilities as {NAME: on|off|inherit} [py2.8.1] or a list of enabled names (2022 docs)."""
        given = self._params(params, {'mail': is_str, 'capabilities': lambda v: isinstance(v, (dict, list))})
        mail = self._mail(session, given['mail'])
        capabilities = given['capabilities']
        if isinstance(capabilities, list):
            # the list names exactly the enabled capabilities [py-tests]
            if not set(capabilities) <= set(MAIL_CAPABILITIES):
                self._fail('params')
            capabilities = {name: ('on' if name in capabilities else 'off') for name in MAIL_CAPABILITIES}
        if not all(name in MAIL_CAPABILITIES and state in ('on', 'off', 'inherit')
                   for name, state in capabilities.items()):
            self._fail('params')
        enabled = [name for name in mail['capabilities'] if capabilities.get(name, 'on') == 'on']
        enabled += [name for name, state in capabilities.items() if state == 'on' and name not in enabled]
        mail['capabilities'] = enabled
        return True

    def _mail_capabilities_get(self, params, session):
        """{NAME: on|off} of every capability [shape unconfirmed]."""
        given = self._params(params, {'mail': is_str})
        mail = self._mail(session, given['mail'])
        return {name: 'on' if name in mail['capabilities'] else 'off' for name in MAIL_CAPABILITIES}

    # --- out of office and spam protection -------------------------------------
    def _mail_vacation_get(self, params, session):
        """The notice [shape unconfirmed]; without one, empty texts and dates and active false."""
        given = self._params(params, {'mail': is_str})
        vacation = self._mail(session, given['mail'])['vacation']
        if vacation is None:
            return {'active': False, 'subject': '', 'body': '', 'start_date': '', 'end_date': '',
                    'additional_mail_addresses': []}
        return dict(copy.deepcopy(vacation), active=True)

    def _mail_vacation_set(self, params, session):
        given = self._params(params, {'mail': is_str, 'subject': is_nonempty_str, 'start_date': is_date,
                                      'end_date': is_date},
                             {'body': is_str, 'additional_mail_addresses': is_str_list})
        mail = self._mail(session, given.pop('mail'))
        if given['end_date'] < given['start_date']:
            self._fail('params')
        self._check_addresses(given.get('additional_mail_addresses', []))
        mail['vacation'] = dict({'body': '', 'additional_mail_addresses': []}, **given)
        return True

    def _mail_vacation_delete(self, params, session):
        given = self._params(params, {'mail': is_str})
        self._mail(session, given['mail'])['vacation'] = None
        return True

    def _mail_spamprotect_get(self, params, session):
        given = self._params(params, {'mail': is_str})
        return dict(self._mail(session, given['mail'])['spamprotect'])

    def _mail_spamprotect_set(self, params, session):
        """Every setting at once: flags "1"/"0", tag2level a number, the level parameter spelled killevel."""
        flag = one_of('0', '1')
        given = self._params(params, {
            'mail': is_str, 'greylist': flag, 'smtp_plausibility': flag, 'rbl': flag, 'bypass_banned_checks': flag,
            'tag2level': lambda v: isinstance(v, (int, float, str)) and not isinstance(v, bool) and is_number(v),
            'killevel': one_of('reject', 'route'), 'route_to': is_str})
        mail = self._mail(session, given.pop('mail'))
        given['tag2level'] = '%.1f' % float(given['tag2level'])
        mail['spamprotect'] = given
        return True

    # --- groups (team addresses) -------------------------------------------------
    def _group_account(self, session, given):
        """The account a group call acts on: `account`, or the login's own account."""
        if 'account' in given:
            return self._account(session, given['account'])['account']
        if session['level'] != 'account':
            self._fail('params')
        return session['user']

    def _group(self, session, given):
        account = self._group_account(session, given)
        group = self.groups.get(given['group_id'])
        if group is None or group['account'] != account:
            self._fail('not_found')
        return group

    def _group_view(self, group):
        return copy.deepcopy({key: group[key] for key in ('group_id', 'name', 'display_name', 'members')})

    def _group_list(self, params, session):
        """[shape unconfirmed] a list of {group_id, name, display_name, members}."""
        given = self._params(params, {}, {'account': is_str})
        account = self._group_account(session, given)
        return [self._group_view(g) for gid, g in sorted(self.groups.items()) if g['account'] == account]

    def _group_get(self, params, session):
        given = self._params(params, {'group_id': is_int}, {'account': is_str})
        return self._group_view(self._group(session, given))

    def _group_add(self, params, session):
        given = self._params(params, {'name': is_nonempty_str, 'display_name': is_str,
                                      'mail_addresses_to_add': is_str_list}, {'account': is_str})
        account = self._group_account(session, given)
        if any(g['account'] == account and g['name'] == given['name'] for g in self.groups.values()):
            self._fail('exists')
        self._check_addresses(given['mail_addresses_to_add'])
        self.group_counter += 1
        self.groups[self.group_counter] = {
            'group_id': self.group_counter, 'account': account, 'name': given['name'],
            'display_name': given['display_name'], 'members': _members([], given['mail_addresses_to_add'], [])}
        return True

    def _group_set(self, params, session):
        """display_name always; members added and removed in one call (one of the two lists is required)."""
        given = self._params(params, {'group_id': is_int, 'display_name': is_str},
                             {'mail_addresses_to_add': is_str_list, 'mail_addresses_to_remove': is_str_list,
                              'account': is_str})
        group = self._group(session, given)
        if 'mail_addresses_to_add' not in given and 'mail_addresses_to_remove' not in given:
            self._fail('params')
        self._check_addresses(given.get('mail_addresses_to_add', []) + given.get('mail_addresses_to_remove', []))
        group['display_name'] = given['display_name']
        group['members'] = _members(group['members'], given.get('mail_addresses_to_add', []),
                                    given.get('mail_addresses_to_remove', []))
        return True

    def _group_del(self, params, session):
        given = self._params(params, {'group_id': is_int}, {'account': is_str})
        del self.groups[self._group(session, given)['group_id']]
        return True


def _members(members, added, removed):
    """Members in the order they joined, lower-case, each once."""
    removed = {address.lower() for address in removed}
    kept = [address for address in members if address not in removed]
    return kept + [a for a in dict.fromkeys(address.lower() for address in added) if a not in kept]


SIMULATOR = MailboxOrgSimulator
