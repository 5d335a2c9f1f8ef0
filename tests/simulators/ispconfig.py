# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ISPConfig 3 remote JSON API (3.2 line, PHP 8.2, MariaDB non-strict), as recorded in
tests/conformance/data/ispconfig/ and described in docs/api/ispconfig.md.

Endpoint: POST /remote/json.php?<function>  (function = first query-string key, `?login=` works too).
Body: JSON object of the PHP parameter names. Reply: HTTP 200 `application/json; charset="utf-8"`,
`{"code","message","response"}` encoded like PHP's json_encode (`/` escaped as `\\/`, non-ASCII as \\uXXXX).
A PHP fatal error (SQL error under PHP 8) is HTTP 500 `text/html; charset=utf-8` with an empty body; a
request PHP ends early (`$app->error()`, `exit`) is HTTP 200 `text/html; charset=utf-8` with what it printed.

Default credentials: remote user `demo` / `demo-password` (crypt hash, every function group).
Seeded rows: server 1 (mail/web/dns, `config` with the stock [web] paths), sys_user 1 `admin`, sys_group 1
`admin`, sys_ini 1 (the stock system config: name prefixes, client protection), dns_template 1 `Default`.

Functions: login (also client_login=true: a panel client whose client.can_use_api is 'y', which only
set_row can give; such a session passes every permission check and owns what it writes), logout;
mail_domain_get/add/update/delete/set_status/get_by_domain;
mail_user_get/add/update/delete; mail_alias_* and mail_forward_* (get/add/update/delete, both on
table mail_forwarding, any type); client_get/add/update/delete/get_by_username/get_by_customer_no/
get_id/get_groupid/get_all/change_password; system_config_get, server_get, server_get_all, server_get_functions
(the "Server functions" group). The web hosting and DNS functions are in ispconfig_hosting.py (imported at the
end of this module): sites_web_domain_get/add/update/delete/set_status, sites_web_subdomain_* and
sites_web_aliasdomain_* (get/add/update/delete), sites_database_* (get/add/update/delete, get_all_by_user),
sites_database_user_* (get/add/update/delete), sites_shell_user_*, sites_cron_* (its id argument is cron_id),
dns_zone_get/add/update/delete/set_status/get_id/get_by_user, dns_templatezone_add, dns_rr_get_all_by_zone, and
dns_<type>_get/add/update/delete for a, aaaa, caa, cname, mx, ns, srv, txt (add/update/delete take
update_serial). Anything else answers `Method <name> does not exist`.

Panel settings (the sys_ini row 1, seeded from the installer's system.ini.master, see SYS_INI, and read through
ini_parser as the panel does: a section without keys is absent): [misc] min_password_length /
min_password_strength are the password rule; [mail] mail_password_onlyascii=y puts an ASCII check in its place
for mailboxes; [mail] mailbox_show_autoresponder_tab, mailbox_show_mail_filter_tab and
mailbox_show_custom_rules_tab switch the mail_user form tabs; [sites] holds the name prefixes. A tab switched off
takes its fields out of the form, as mail_user.tform.php does: an add leaves their column defaults
(ispconfig3.sql: move_junk 'y', subject 'Out of office reply', ...), an update leaves the stored values, and
sent values are ignored without a word. Column defaults are those of ispconfig3.sql; they show in columns no
form field writes.

Options (serve.py --option key=json, or serve('ispconfig', key=value)):
  transcript_seed=true  seed like the recordings: remote user `apiuser` / `apipass` stored as a legacy md5
                        hash (upgraded to crypt on the first login) instead of `demo`.
  strict_sql=true       MariaDB's default strict sql_mode: a write that would store a value MySQL has to
                        truncate (e.g. '' into enum limit_cron_type on every client_add without it, 'yes'
                        into a y/n enum, '' into an integer column) dies with HTTP 500 and writes nothing.
  sys_ini={section: {key: value}}  panel settings over the seeded ones (e.g. {"mail":
                        {"mailbox_show_mail_filter_tab": "n"}}, {"misc": {"min_password_length": "12"}}).
  panel_invariants=true (the default) after every write, check the rows it left against what the panel's own
                        forms could produce, and record each difference in `invariant_violations` (the API's
                        answer is not changed: the real API accepts all of it). The `serve` fixture of the
                        tests fails a test that leaves any. Checked: a mailbox's quota is a whole number of MB
                        and not negative; login, password, maildir, homedir are set; move_junk and the backup
                        settings are panel choices; a mailbox, alias or forward is in a mail domain that exists
                        and on its server; an alias or forward has a destination and a type; a mail domain is on
                        a mail server; a client has mail, web, DNS and database servers of those kinds and a
                        cron type; no mailbox, alias or forward is left in a mail domain that is deleted or
                        renamed. The conformance replay switches it off: it replays raw API calls, not panel work.

Controls (POST /__sim__/<name>, or simulator.control(name, payload) in-process):
  expire_sessions   {"session_id": optional}  every open session (or just that one) is expired now,
                    like `UPDATE remote_session SET tstamp = UNIX_TIMESTAMP() - 1`.
  add_remote_user   {"username", "password", "functions": [group or function names] (default all groups),
                    "remote_access": "y", "remote_ips": "", "legacy_md5": false} -> {"remote_userid"}
                    groups: mail_domain, mail_user, mail_alias, mail_forward, client, server, sites_web_domain,
                    sites_web_subdomain, sites_web_aliasdomain, sites_database (databases and their users),
                    sites_shell_user, sites_cron, dns_zone (also dns_templatezone_add), dns_a, dns_aaaa,
                    dns_caa, dns_cname, dns_mx, dns_ns, dns_srv, dns_txt (the panel's "Sites Domain
                    functions", ..., "DNS txt functions"; a record call with update_serial also needs
                    dns_zone_get and dns_zone_update).
  set_remote_user   {"username", and any of "password", "functions", "remote_access", "remote_ips"}
  set_row           {"table", "id", "values": {column: value}}: a hand edit of the database, e.g. the
                    server daemon replacing uid -1 or client.can_use_api = 'y'.
  add_server        {"server_name", "mail_server": 1, "web_server": 0, ..., "mirror_server_id": 0}
                    -> {"server_id"}: another server of a multiserver setup.
  set_config        {"server_id": optional, "section", "key", "value"}: one value of the system config
                    (sys_ini, e.g. sites/dbname_prefix, sites/client_protection) or of a server's config
                    (e.g. web/website_path), as System > System Config / Server Config would set it.
  (clock: /__sim__/clock {"advance": 1801} expires sessions naturally; they last 1800 s from login.)

Writes (stats()["writes"]): every add/update/delete/set_status/change_password that reached its SQL,
including updates and deletes that affected 0 rows, plus the half-done client_add that dies with 500
after inserting the client row, an INSERT refused by a unique key (HTTP 500) and dns_templatezone_add. A
DNS record call with update_serial also records `dns_zone_update` (the serial bump is a second write).
Faults, reads, login and logout are not writes.
"""

import base64
import hashlib
import importlib.util
import json
import os
import re
import secrets
from collections import namedtuple
from urllib.parse import unquote_plus

from ._base import Response, Simulator

_CRYPTHASH_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir,
                               'plugins', 'module_utils', '_crypthash.py')
_spec = importlib.util.spec_from_file_location('_ispconfig_sim_crypthash', _CRYPTHASH_FILE)
crypthash = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(crypthash)

JSON_CONTENT_TYPE = 'application/json; charset="utf-8"'
FATAL_CONTENT_TYPE = 'text/html; charset=utf-8'
SESSION_TIMEOUT = 1800
BR = '<br />\r\n'

# Remote function groups as System > Remote Users offers them (interface/web/*/lib/remote.conf.php): the key
# add_remote_user takes -> the name the form shows (the English text of lib/lang/en_remote_user.lng) and the
# functions it allows
FunctionGroup = namedtuple('FunctionGroup', 'name functions')
FUNCTION_GROUPS = {
    'mail_domain': FunctionGroup('Mail domain functions', [
        'mail_domain_get', 'mail_domain_add', 'mail_domain_update', 'mail_domain_delete', 'mail_domain_set_status',
        'mail_domain_get_by_domain']),
    'mail_user': FunctionGroup('Mail user functions', [
        'mail_user_get', 'mail_user_add', 'mail_user_update', 'mail_user_delete']),
    'mail_alias': FunctionGroup('Mail alias functions', [
        'mail_alias_get', 'mail_alias_add', 'mail_alias_update', 'mail_alias_delete']),
    'mail_forward': FunctionGroup('Mail forward functions', [
        'mail_forward_get', 'mail_forward_add', 'mail_forward_update', 'mail_forward_delete']),
    'client': FunctionGroup('Client functions', [
        'client_get_all', 'client_get', 'client_add', 'client_update', 'client_delete', 'client_get_sites_by_user',
        'client_get_by_username', 'client_get_by_customer_no', 'client_change_password', 'client_get_id',
        'client_delete_everything', 'client_get_emailcontact']),
    'server': FunctionGroup('Server functions', [
        'server_get', 'server_config_set', 'get_function_list', 'client_templates_get_all',
        'server_get_serverid_by_ip', 'server_ip_get', 'server_ip_add', 'server_ip_update', 'server_ip_delete',
        'system_config_set', 'system_config_get', 'config_value_get', 'config_value_add', 'config_value_update',
        'config_value_replace', 'config_value_delete']),
}


class Fault(Exception):
    """A remote fault: {"code": code, "message": message, "response": false}."""

    def __init__(self, message, code='remote_fault'):
        super().__init__(message)
        self.message = message
        self.code = code


class Fatal(Exception):
    """A PHP fatal error (uncaught mysqli exception): HTTP 500 with an empty body."""


class Exit(Exception):
    """PHP ended the request early (`$app->error()` or `exit`): HTTP 200, text/html, this body."""

    def __init__(self, body):
        super().__init__(body)
        self.body = body


# --- PHP value semantics ---------------------------------------------------------------------

def php_str(value):
    if value is None or value is False:
        return ''
    if value is True:
        return '1'
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, (list, dict)):
        return 'Array'
    return str(value)


def php_empty(value):
    return value in (None, False, '', '0', 0, 0.0) or value == [] or value == {}


def php_intval(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return int(value)
    if isinstance(value, (list, dict)):
        return 1 if value else 0
    match = re.match(r'\s*([+-]?\d+)', php_str(value))
    return int(match.group(1)) if match else 0


def is_numeric(value):
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and re.fullmatch(r'\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*', value) is not None


def php_json(value):
    """json_encode() with PHP's default flags: compact, `/` escaped, non-ASCII as \\uXXXX."""
    return json.dumps(value, separators=(',', ':'), ensure_ascii=True).replace('/', '\\/')


def idn_to_ascii(text):
    """Domain (or the domain part of an address) to punycode, the way the IDNTOASCII filter stores it.

    PHP's idn_to_ascii (UTS #46 in ICU, without the STD3 rules) lower-cases, and answers false, stored as
    '', for a name it rejects: an empty or over-long label, a hyphen at either end of a label or in its
    places 3-4, an invalid xn-- label, a name over 253 characters. Digits and dots pass unchanged."""
    if re.fullmatch(r'[0-9.]+', text):
        return text
    local, at, domain = text.rpartition('@')
    names = domain[:-1].split('.') if domain.endswith('.') else domain.split('.')
    labels = []
    for label in names:
        label = label.lower()
        if not label.isascii():
            label = 'xn--' + label.encode('punycode').decode('ascii')
        elif label.startswith('xn--'):
            try:
                label[4:].encode('ascii').decode('punycode')
            except UnicodeError:
                label = ''
        elif label[2:4] == '--':
            label = ''
        if label == '' or len(label) > 63 or label[0] == '-' or label[-1] == '-':
            return local + at
        labels.append(label)
    encoded = '.'.join(labels)
    if len(encoded) > 253:
        return local + at
    return local + at + encoded + ('.' if domain.endswith('.') else '')


def password_strength(password):
    """validate_password::_get_password_strength (1..5)."""
    length = len(password.encode('utf-8'))
    if length < 5:
        return 1
    points = different = 0
    if re.search('[a-z]', password):
        different += 1
    for pattern in ('[A-Z]', '[0-9]', r'''[`~!@#$%^&*()_+|\\=\-\[\]}{';:/?.>,<" ]'''):
        if re.search(pattern, password):
            points += 1
            different += 1
    if points == 0 or different < 3:
        return 1 if length <= 6 else 2 if length <= 8 else 3
    if points == 1:
        return 2 if length <= 6 else 3 if length <= 10 else 4
    if points == 2:
        return 3 if length <= 8 else 4 if length <= 10 else 5
    if points == 3:
        return 3 if length <= 6 else 4 if length <= 8 else 5
    return 4 if length <= 6 else 5


def crypt_password(password, latin1=False):
    """$6$rounds=5000$<16 hex>$... as auth::crypt_password (CRYPTMAIL hashes the ISO-8859-1 text)."""
    data = password.encode('latin-1', errors='replace') if latin1 else password
    return crypthash.sha512_crypt(data)


def crypt_matches(password, stored):
    computed = crypthash.crypt(password, stored)
    return computed is not None and computed == stored


EMAIL_RE = re.compile(r'^\w[\w.\-]*@\w[\w.\-]*\.[a-z0-9\-]{2,30}$', re.IGNORECASE | re.ASCII)
ISINT_RE = re.compile(r'^\s*[+-]?(0|[1-9]\d*)\s*$')


# --- tables and forms ------------------------------------------------------------------------

class Field:
    """One tform field: how an API value is filtered, validated and stored.

    kind: int | varchar | text | checkbox | enum | password | datetime
    enum: allowed DB values for checkbox/enum columns (anything else is stored as '')
    db_int: varchar form field over an integer DB column ('' and text become 0)
    tab: a tab that sys_ini can switch off; then the field is no form field: an insert leaves the column
         default, an update leaves the stored value, and a sent value is ignored without a word
    """

    def __init__(self, name, kind='varchar', validators=(), filters=(), enum=None, db_int=False,
                 latin1=False, tab=None):
        self.name = name
        self.kind = kind
        self.validators = validators
        self.filters = filters
        self.enum = enum or (('n', 'y') if kind == 'checkbox' else None)
        self.db_int = db_int
        self.latin1 = latin1
        self.tab = tab  # the sys_ini [mail] switch of the form tab this field is on (None: always there)

    def hash(self, password):
        """The stored form of a sent password (the tform `encryption`: CRYPT, or CRYPTMAIL when latin1)."""
        return crypt_password(password, latin1=self.latin1)


def notempty(msg):
    return ('NOTEMPTY', msg)


def unique(msg, allow_empty=False):
    return ('UNIQUE', msg, allow_empty)


def regex(pattern, msg):
    return ('REGEX', re.compile(pattern, re.ASCII), msg)


def isemail(msg, allow_empty=False):
    return ('ISEMAIL', msg, allow_empty)


def isint(msg):
    return ('ISINT', msg)


STRENGTH = ('STRENGTH',)


class Table:
    def __init__(self, name, key, columns, fields):
        self.name = name
        self.key = key
        self.columns = columns  # ordered {column: DB default}
        self.fields = fields  # form fields in form order


META_COLUMNS = {'sys_userid': '0', 'sys_groupid': '0', 'sys_perm_user': 'riud', 'sys_perm_group': 'riud',
                'sys_perm_other': ''}


def _columns(key, rest):
    columns = {key: None}
    columns.update(META_COLUMNS)
    columns.update(rest)
    return columns


DOMAIN_RE = r'^[\w.\-]{2,255}\.[a-zA-Z0-9\-]{2,30}$'

# sys_ini [mail] switches of the mail_user form tabs (mail_user.tform.php adds a tab only when its switch is 'y')
AUTORESPONDER_TAB = 'mailbox_show_autoresponder_tab'
FILTER_TAB = 'mailbox_show_mail_filter_tab'
CUSTOM_RULES_TAB = 'mailbox_show_custom_rules_tab'

MAIL_DOMAIN = Table('mail_domain', 'domain_id', _columns('domain_id', {
    'server_id': '0', 'domain': '', 'dkim': 'n', 'dkim_selector': 'default', 'dkim_private': None,
    'dkim_public': None, 'relay_host': '', 'relay_user': '', 'relay_pass': '', 'active': 'n'}), [
    Field('server_id', 'int'),
    Field('domain', filters=('IDNTOASCII', 'TOLOWER'), validators=(
        notempty('domain_error_empty'), unique('domain_error_unique'), regex(DOMAIN_RE, 'domain_error_regex'))),
    Field('dkim', 'checkbox'),
    Field('dkim_selector', validators=(regex(r'^[a-z0-9]{0,63}$', 'dkim_selector_error'),)),
    Field('dkim_private', 'text'),
    Field('dkim_public', 'text'),
    Field('relay_host'), Field('relay_user'), Field('relay_pass'),
    Field('active', 'checkbox'),
])

MAIL_USER = Table('mail_user', 'mailuser_id', _columns('mailuser_id', {
    'server_id': '0', 'email': '', 'login': '', 'password': '', 'name': '', 'uid': '5000', 'gid': '5000',
    'maildir': '', 'maildir_format': 'maildir', 'quota': '-1', 'cc': None, 'forward_in_lda': 'n',
    'sender_cc': '', 'homedir': '', 'autoresponder': 'n', 'autoresponder_start_date': None,
    'autoresponder_end_date': None, 'autoresponder_subject': 'Out of office reply',
    'autoresponder_text': None, 'move_junk': 'y', 'purge_trash_days': '0', 'purge_junk_days': '0',
    'custom_mailfilter': None, 'postfix': 'y', 'greylisting': 'n', 'access': 'y', 'disableimap': 'n',
    'disablepop3': 'n', 'disabledeliver': 'n', 'disablesmtp': 'n', 'disablesieve': 'n',
    'disablesieve-filter': 'n', 'disablelda': 'n', 'disablelmtp': 'n', 'disabledoveadm': 'n',
    'disablequota-status': 'n', 'disableindexer-worker': 'n', 'last_quota_notification': None,
    'backup_interval': 'none', 'backup_copies': '1'}), [
    Field('server_id', 'int'),
    Field('email', filters=('IDNTOASCII', 'TOLOWER'), validators=(
        isemail('email_error_isemail'), unique('email_error_unique'))),
    Field('login', filters=('TOLOWER',), validators=(
        unique('login_error_unique'), regex(r'^[_a-z0-9][\w.\-+@]{1,63}$', 'login_error_regex'))),
    Field('password', 'password', validators=(STRENGTH,), latin1=True),
    Field('name', filters=('STRIPTAGS', 'STRIPNL')),
    Field('quota', db_int=True, validators=(isint('quota_error_isint'), regex(r'^[0-9]+$', 'quota_error_value'))),
    Field('cc', filters=('STRIPTAGS', 'STRIPNL'), validators=(('CCLIST', 'cc_error_isemail'),)),
    Field('sender_cc', filters=('STRIPTAGS', 'STRIPNL'), validators=(isemail('sender_cc_error_isemail', True),)),
    Field('maildir', filters=('STRIPTAGS', 'STRIPNL')),
    Field('homedir', filters=('STRIPTAGS', 'STRIPNL')),
    Field('maildir_format', filters=('STRIPTAGS', 'STRIPNL')),
    Field('uid', 'int'), Field('gid', 'int'),
    Field('postfix', 'checkbox'),
    Field('greylisting', 'checkbox'),
    Field('forward_in_lda', 'checkbox'),
    Field('disablesmtp', 'checkbox'), Field('disabledeliver', 'checkbox'),
    Field('disableimap', 'checkbox'), Field('disablepop3', 'checkbox'),
    Field('autoresponder', 'checkbox', tab=AUTORESPONDER_TAB),
    Field('autoresponder_subject', tab=AUTORESPONDER_TAB),
    Field('autoresponder_text', tab=AUTORESPONDER_TAB),
    Field('autoresponder_start_date', 'datetime', tab=AUTORESPONDER_TAB),
    Field('autoresponder_end_date', 'datetime', tab=AUTORESPONDER_TAB),
    Field('move_junk', 'enum', enum=('n', 'a', 'y'), tab=FILTER_TAB),
    Field('purge_trash_days', db_int=True, tab=FILTER_TAB),
    Field('purge_junk_days', db_int=True, tab=FILTER_TAB),
    Field('custom_mailfilter', 'text', tab=CUSTOM_RULES_TAB),
    Field('backup_interval'),
    Field('backup_copies', 'int'),
])

_FORWARDING_COLUMNS = _columns('forwarding_id', {
    'server_id': '0', 'source': '', 'destination': None, 'type': 'alias', 'active': 'n',
    'allow_send_as': 'n', 'greylisting': 'n'})
_SOURCE = Field('source', filters=('IDNTOASCII', 'TOLOWER'), validators=(isemail('email_error_isemail'),))
_FORWARDING_TAIL = [Field('type', 'enum', enum=('alias', 'aliasdomain', 'forward', 'catchall')),
                    Field('active', 'checkbox'), Field('allow_send_as', 'checkbox'),
                    Field('greylisting', 'checkbox')]
MAIL_ALIAS = Table('mail_forwarding', 'forwarding_id', _FORWARDING_COLUMNS, [
    Field('server_id', 'int'), _SOURCE,
    Field('destination', filters=('IDNTOASCII', 'TOLOWER'), validators=(isemail('destination_error_isemail'),)),
] + _FORWARDING_TAIL)
MAIL_FORWARD = Table('mail_forwarding', 'forwarding_id', _FORWARDING_COLUMNS, [
    Field('server_id', 'int'), _SOURCE,
    Field('destination', filters=('STRIPTAGS', 'TOLOWER')),
] + _FORWARDING_TAIL)

# client columns in DB order; kinds: v varchar, i integer, l integer limit (ISINT validated),
# c y/n checkbox, t text, d date, p password, e enum, - not a form field (DB default only)
_CLIENT_SPEC = """
company_name v | company_id v | gender e | contact_firstname v | contact_name v | customer_no v |
vat_id v | street v | zip v | city v | state v | country v | telephone v | mobile v | fax v | email v |
internet v | icq v | notes v | bank_account_owner v | bank_account_number v | bank_code v | bank_name v |
bank_account_iban v | bank_account_swift v | paypal_email v | default_mailserver i | mail_servers v |
limit_maildomain l | limit_mailbox l | limit_mailalias l | limit_mailaliasdomain l | limit_mailforward l |
limit_mailcatchall l | limit_mailrouting l | limit_mail_wblist l | limit_mailfilter l | limit_fetchmail l |
limit_mailquota l | limit_spamfilter_wblist l | limit_spamfilter_user l | limit_spamfilter_policy l |
limit_mail_backup c | limit_relayhost c | default_xmppserver i | xmpp_servers v | limit_xmpp_domain l |
limit_xmpp_user l | limit_xmpp_muc c | limit_xmpp_anon c | limit_xmpp_auth_options - | limit_xmpp_vjud c |
limit_xmpp_proxy c | limit_xmpp_status c | limit_xmpp_pastebin c | limit_xmpp_httparchive c |
default_webserver i | web_servers v | limit_web_ip t | limit_web_domain l | limit_web_quota l |
web_php_options v | limit_cgi c | limit_ssi c | limit_perl c | limit_ruby c | limit_python c |
force_suexec c | limit_hterror c | limit_wildcard c | limit_ssl c | limit_ssl_letsencrypt c |
limit_web_subdomain l | limit_web_aliasdomain l | limit_ftp_user l | limit_shell_user l | ssh_chroot v |
limit_webdav_user l | limit_backup c | limit_directive_snippets c | limit_aps l | default_dnsserver i |
db_servers v | limit_dns_zone l | default_slave_dnsserver i | limit_dns_slave_zone l | limit_dns_record l |
default_dbserver i | dns_servers v | limit_database l | limit_database_user l | limit_database_quota l |
limit_cron l | limit_cron_type e | limit_cron_frequency l | limit_traffic_quota l | limit_client l |
limit_domainmodule l | limit_mailmailinglist l | limit_openvz_vm l | limit_openvz_vm_template_id i |
parent_client_id - | username v | password p | language v | usertheme v | template_master i |
template_additional v | created_at - | locked c | canceled c | can_use_api - | tmp_data - | id_rsa - |
ssh_rsa - | customer_no_template - | customer_no_start - | customer_no_counter - | added_date d |
added_by v | validation_status - | risk_score - | activation_code -
"""
# Column defaults of install/sql/ispconfig3.sql that differ from the kind's ('0', 'n', ''). An API insert writes
# every form field, so they show only in the columns no form field writes (kind '-').
_UNLIMITED = ('limit_maildomain limit_mailbox limit_mailalias limit_mailaliasdomain limit_mailforward '
              'limit_mailcatchall limit_mailfilter limit_fetchmail limit_mailquota limit_xmpp_domain '
              'limit_xmpp_user limit_web_domain limit_web_quota limit_web_subdomain limit_web_aliasdomain '
              'limit_ftp_user limit_aps limit_dns_zone limit_dns_slave_zone limit_dns_record limit_database '
              'limit_database_user limit_database_quota limit_traffic_quota limit_mailmailinglist').split()
_CLIENT_DB_DEFAULTS = dict(dict.fromkeys(_UNLIMITED, '-1'), **dict.fromkeys(
    ('default_mailserver', 'default_xmppserver', 'default_webserver', 'default_dnsserver',
     'default_slave_dnsserver', 'default_dbserver'), '1'), **{
    'limit_xmpp_auth_options': 'plain,hashed,isp', 'parent_client_id': '0', 'created_at': '0',
    'can_use_api': 'n', 'tmp_data': None, 'id_rsa': '', 'ssh_rsa': '',
    'customer_no_template': 'R[CLIENTID]C[CUSTOMER_NO]', 'customer_no_start': '1', 'customer_no_counter': '0',
    'validation_status': 'accept', 'risk_score': '0', 'activation_code': '', 'gender': '',
    'limit_cron_type': 'url', 'limit_web_ip': None, 'added_date': None, 'limit_mail_backup': 'y',
    'force_suexec': 'y', 'limit_backup': 'y', 'limit_cron_frequency': '5', 'language': 'en',
    'usertheme': 'default', 'web_php_options': 'no,fast-cgi,cgi,mod,suphp,php-fpm,hhvm',
    'ssh_chroot': 'no,jailkit,ssh-chroot', 'mail_servers': None, 'web_servers': None, 'dns_servers': None,
    'db_servers': None, 'xmpp_servers': None})
# Validators of the client form, in form order (the address tab comes before the limits tab).
_CLIENT_VALIDATORS = {
    'contact_name': (notempty('contact_error_empty'),),
    'customer_no': (unique('customer_no_error_unique', allow_empty=True),),
    'username': (notempty('username_error_empty'), ('USERNAME_UNIQUE',),
                 regex(r'^[\w.\-]{0,64}$', 'username_error_regex'), ('USERNAME_COLLISION',)),
    'password': (STRENGTH,),
    'email': (isemail('email_error_isemail'), notempty('email_error_empty')),
    'paypal_email': (isemail('paypal_email_error_isemail', True),),
    'web_php_options': (notempty('web_php_options_notempty'),),
    'ssh_chroot': (notempty('ssh_chroot_notempty'),),
}
_CLIENT_FORM_ORDER = ['company_name', 'gender', 'contact_firstname', 'contact_name', 'customer_no',
                      'username', 'password', 'language', 'usertheme', 'street', 'zip', 'city', 'state',
                      'country', 'telephone', 'mobile', 'fax', 'email']
_ENUMS = {'gender': ('', 'm', 'f'), 'limit_cron_type': ('url', 'chrooted', 'full')}


def _client_table():
    kinds = {}
    for item in _CLIENT_SPEC.replace('\n', ' ').split('|'):
        name, kind = item.split()
        kinds[name] = kind
    columns = _columns('client_id', {})
    fields = {}
    for name, kind in kinds.items():
        columns[name] = _CLIENT_DB_DEFAULTS.get(name, {'i': '0', 'l': '0', 'c': 'n'}.get(kind, ''))
        if kind == '-':
            continue
        validators = _CLIENT_VALIDATORS.get(name, ())
        if kind == 'l':
            validators = (isint('%s_error_notint' % name),)
        field_kind = {'v': 'varchar', 'i': 'int', 'l': 'int', 'c': 'checkbox', 't': 'text', 'd': 'datetime',
                      'p': 'password', 'e': 'enum'}[kind]
        fields[name] = Field(name, field_kind, validators=validators, enum=_ENUMS.get(name))
    ordered = [fields.pop(name) for name in _CLIENT_FORM_ORDER] + list(fields.values())
    return Table('client', 'client_id', columns, ordered)


CLIENT = _client_table()

DEFAULT_MODULES = 'dashboard,mail,sites,dns,tools,help'

SERVER_ROLES = ('mail_server', 'web_server', 'dns_server', 'file_server', 'db_server', 'vserver_server',
                'proxy_server', 'firewall_server', 'xmpp_server')


def parse_ini(text):
    """ini_parser::parse_ini_string: {section: {key: value}}; sections without keys are absent."""
    config = {}
    section = None
    for line in (text or '').replace('\r\n', '\n').split('\n'):
        line = line.strip()
        head = re.fullmatch(r'\[(\w+)\]', line, re.ASCII)
        item = re.fullmatch(r'(\w+)=(.*)', line, re.ASCII | re.DOTALL)
        if head:
            section = head.group(1).lower()
        elif item and section is not None:
            config.setdefault(section, {})[item.group(1)] = item.group(2).strip()
    return config


def render_ini(config):
    return ''.join('[%s]\n%s\n' % (section, ''.join('%s=%s\n' % item for item in values.items()))
                   for section, values in config.items())


# sys_ini.config as the installer writes it (install/tpl/system.ini.master): the sections the simulated
# functions read. The password rule (misc) and the mail_user tab switches (mail) change what the API stores.
SYS_INI = {
    'global': {}, 'admin': {}, 'client': {}, 'dns': {}, 'monitor': {}, 'tools': {},
    'mail': {'enable_custom_login': 'n', 'show_per_domain_relay_options': 'n', AUTORESPONDER_TAB: 'y',
             FILTER_TAB: 'y', CUSTOM_RULES_TAB: 'y', 'mailboxlist_webmail_link': 'y', 'webmail_url': '/webmail',
             'dkim_path': '/var/lib/amavis/dkim', 'smtp_enabled': 'y', 'smtp_host': 'localhost',
             'enable_welcome_mail': 'y'},
    'sites': {'dbname_prefix': 'c[CLIENTID]', 'dbuser_prefix': 'c[CLIENTID]', 'ftpuser_prefix': '[CLIENTNAME]',
              'shelluser_prefix': '[CLIENTNAME]', 'webdavuser_prefix': '[CLIENTNAME]', 'vhost_subdomains': 'n',
              'vhost_aliasdomains': 'n', 'client_protection': 'y', 'reseller_can_use_options': 'n',
              'web_php_options': 'no,fast-cgi,mod,php-fpm'},
    'domains': {'use_domain_module': 'n'},
    'misc': {'customer_no_template': 'C[CUSTOMER_NO]', 'customer_no_start': '1', 'customer_no_counter': '0',
             'maintenance_mode': 'n', 'session_timeout': '0', 'min_password_length': '8',
             'min_password_strength': '3'},
}
STRENGTH_NAMES = {1: 'Weak', 2: 'Fair', 3: 'Good', 4: 'Strong', 5: 'Very Strong'}

# primary key of every table in the state
KEYS = {'server': 'server_id', 'sys_user': 'userid', 'sys_group': 'groupid', 'remote_user': 'remote_userid',
        'client': 'client_id', 'mail_domain': 'domain_id', 'mail_user': 'mailuser_id',
        'mail_forwarding': 'forwarding_id', 'sys_ini': 'sysini_id'}


class ISPConfigSimulator(Simulator):
    name = 'ispconfig'

    # function name -> (method, PHP parameter names)
    FUNCTIONS = {
        'login': ('login', ('username', 'password', 'client_login')),
        'logout': ('logout', ('session_id',)),
        'mail_domain_get': ('generic_get', ('session_id', 'primary_id')),
        'mail_domain_add': ('mail_domain_add', ('session_id', 'client_id', 'params')),
        'mail_domain_update': ('generic_update', ('session_id', 'client_id', 'primary_id', 'params')),
        'mail_domain_delete': ('generic_delete', ('session_id', 'primary_id')),
        'mail_domain_set_status': ('mail_domain_set_status', ('session_id', 'primary_id', 'status')),
        'mail_domain_get_by_domain': ('mail_domain_get_by_domain', ('session_id', 'domain')),
        'mail_user_get': ('generic_get', ('session_id', 'primary_id')),
        'mail_user_add': ('mail_user_add', ('session_id', 'client_id', 'params')),
        'mail_user_update': ('mail_user_update', ('session_id', 'client_id', 'primary_id', 'params')),
        'mail_user_delete': ('generic_delete', ('session_id', 'primary_id')),
        'mail_alias_get': ('generic_get', ('session_id', 'primary_id')),
        'mail_alias_add': ('mail_alias_add', ('session_id', 'client_id', 'params')),
        'mail_alias_update': ('mail_alias_update', ('session_id', 'client_id', 'primary_id', 'params')),
        'mail_alias_delete': ('generic_delete', ('session_id', 'primary_id')),
        'mail_forward_get': ('generic_get', ('session_id', 'primary_id')),
        'mail_forward_add': ('generic_add', ('session_id', 'client_id', 'params')),
        'mail_forward_update': ('generic_update', ('session_id', 'client_id', 'primary_id', 'params')),
        'mail_forward_delete': ('generic_delete', ('session_id', 'primary_id')),
        'client_get': ('client_get', ('session_id', 'client_id')),
        'client_add': ('client_add', ('session_id', 'reseller_id', 'params')),
        'client_update': ('client_update', ('session_id', 'client_id', 'reseller_id', 'params')),
        'client_delete': ('client_delete', ('session_id', 'client_id')),
        'client_get_by_username': ('client_get_by_username', ('session_id', 'username')),
        'client_get_by_customer_no': ('client_get_by_customer_no', ('session_id', 'customer_no')),
        'client_get_id': ('client_get_id', ('session_id', 'sys_userid')),
        'client_get_groupid': ('client_get_groupid', ('session_id', 'client_id')),
        'client_get_all': ('client_get_all', ('session_id',)),
        'client_change_password': ('client_change_password', ('session_id', 'client_id', 'new_password')),
        'system_config_get': ('system_config_get', ('session_id', 'section', 'key')),
        'server_get_all': ('server_get_all', ('session_id',)),
        'server_get_functions': ('server_get_functions', ('session_id', 'server_id')),
    }
    FORMS = {'mail_domain': MAIL_DOMAIN, 'mail_user': MAIL_USER, 'mail_alias': MAIL_ALIAS,
             'mail_forward': MAIL_FORWARD, 'client': CLIENT}
    # client_get_groupid is guarded by the client_get_id permission
    PERMISSION_OF = {'client_get_groupid': 'client_get_id', 'server_get_all': 'server_get',
                     'server_get_functions': 'server_get'}

    # --- state ---------------------------------------------------------------------------------
    def seed(self):
        self.tables = {name: {} for name in KEYS}
        self.next_id = {name: 1 for name in KEYS}
        self.sessions = {}  # session id -> {"remote_userid", "tstamp", "client_login"}
        config = {section: dict(values) for section, values in SYS_INI.items()}
        for section, values in (self.options.get('sys_ini') or {}).items():
            config.setdefault(section, {}).update(values)
        self._insert('sys_ini', {'config': render_ini(config), 'default_logo': '', 'custom_logo': ''})
        self.invariant_violations = []
        self.add_server('server1.example.com', mail_server='1', web_server='1', dns_server='1', file_server='1',
                        db_server='1')
        self._insert('sys_group', {'name': 'admin', 'description': 'Administrators group', 'client_id': '0'})
        self._insert('sys_user', self._sys_user_row('admin', crypt_password('admin'), 'en', '1', '0',
                                                    'dashboard,admin,client,mail,sites,dns,tools,help',
                                                    typ='admin'))
        if self.options.get('transcript_seed'):
            self.add_remote_user('apiuser', 'apipass', legacy_md5=True)
        else:
            self.add_remote_user('demo', 'demo-password')
        self.seed_hosting()

    def _insert(self, table, row, row_id=None):
        key = KEYS[table]
        row_id = row_id or self.next_id[table]
        self.next_id[table] = max(self.next_id[table], row_id + 1)
        full = {key: str(row_id)}
        full.update(row)
        self.tables[table][row_id] = full
        return row_id

    def _sys_user_row(self, username, passwort, language, group_id, client_id, modules, typ='user',
                      theme='default'):
        return {'sys_userid': '1', 'sys_groupid': '1', 'sys_perm_user': 'riud', 'sys_perm_group': 'riud',
                'sys_perm_other': '', 'username': username, 'passwort': passwort, 'modules': modules,
                'startmodule': 'dashboard' if 'dashboard' in modules.split(',') else 'mail',
                'app_theme': theme, 'typ': typ, 'active': '1', 'language': language, 'groups': group_id,
                'default_group': group_id, 'client_id': client_id, 'id_rsa': '', 'ssh_rsa': '',
                'lost_password_function': '1', 'lost_password_hash': '', 'lost_password_reqtime': None}

    def add_server(self, server_name, **roles):
        row = dict({'sys_userid': '1', 'sys_groupid': '1', 'sys_perm_user': 'riud', 'sys_perm_group': 'riud',
                    'sys_perm_other': '', 'server_name': server_name}, **dict.fromkeys(SERVER_ROLES, '0'))
        row.update({'config': '', 'updated': '0', 'mirror_server_id': '0', 'dbversion': '1', 'active': '1'})
        row.update((key, php_str(value)) for key, value in roles.items())
        return self._insert('server', row)

    def add_remote_user(self, username, password, functions=None, remote_access='y', remote_ips='',
                        legacy_md5=False):
        stored = hashlib.md5(password.encode('utf-8')).hexdigest() if legacy_md5 else crypt_password(password)
        return self._insert('remote_user', {
            'sys_userid': '1', 'sys_groupid': '1', 'sys_perm_user': 'riud', 'sys_perm_group': 'riud',
            'sys_perm_other': '', 'remote_username': username, 'remote_password': stored,
            'remote_access': remote_access, 'remote_ips': remote_ips,
            'remote_functions': self._function_groups(functions)})

    @staticmethod
    def _function_groups(functions):
        """remote_functions text: ';'-separated comma lists, from group names and/or function names."""
        if functions is None:
            functions = list(FUNCTION_GROUPS)
        lists = [','.join(FUNCTION_GROUPS[item].functions) if item in FUNCTION_GROUPS else item for item in functions]
        return ';'.join(lists)

    @property
    def sys_ini(self):
        """The panel settings as the panel reads them: ini_parser of sys_ini row 1 (set_config changes it)."""
        return parse_ini(self.tables['sys_ini'][1]['config'])

    def state(self):
        return {'tables': {name: list(rows.values()) for name, rows in self.tables.items()},
                'sessions': [{'remote_session': sid, **info} for sid, info in self.sessions.items()]}

    def control(self, name, payload):
        if name == 'expire_sessions':
            wanted = payload.get('session_id')
            expired = 0
            for sid, info in self.sessions.items():
                if wanted in (None, sid):
                    info['tstamp'] = int(self.clock.now()) - 1
                    expired += 1
            return {'expired': expired}
        if name == 'add_remote_user':
            options = {k: payload[k] for k in ('functions', 'remote_access', 'remote_ips', 'legacy_md5')
                       if k in payload}
            return {'remote_userid': self.add_remote_user(payload['username'], payload['password'], **options)}
        if name == 'set_remote_user':
            user = self._remote_user_by_name(payload['username'])
            if user is None:
                raise ValueError('no remote user %r' % payload['username'])
            if 'password' in payload:
                user['remote_password'] = crypt_password(payload['password'])
            if 'functions' in payload:
                user['remote_functions'] = self._function_groups(payload['functions'])
            for column in ('remote_access', 'remote_ips'):
                if column in payload:
                    user[column] = payload[column]
            return {'ok': True}
        if name == 'add_server':
            roles = {k: v for k, v in payload.items() if k != 'server_name'}
            return {'server_id': self.add_server(payload['server_name'], **roles)}
        if name == 'set_row':
            row = self.tables[payload['table']][int(payload['id'])]
            row.update({k: None if v is None else php_str(v) for k, v in payload['values'].items()})
            return {'ok': True}
        return self.hosting_control(name, payload)

    def _remote_user_by_name(self, username):
        for user in self.tables['remote_user'].values():
            if user['remote_username'].lower() == username.lower():
                return user
        return None

    # --- HTTP ----------------------------------------------------------------------------------
    @staticmethod
    def _method_name(query):
        """json.php takes the first key of $_GET as the function name."""
        if not query:
            return None
        first = query.split('&', 1)[0].split('=', 1)[0]
        return unquote_plus(first) or None

    def call_name(self, request):
        return self._method_name(request.query) or ''

    def is_write_call(self, call):
        return re.search(r'_(add|update|delete|set_status|change_password)$', call) is not None

    def handle(self, request):
        if request.path != '/remote/json.php':
            return Response(404, '<h1>404 Not Found</h1>', 'text/html; charset=utf-8')
        data = self._parse_body(request.body)
        if data is None:
            return self._reply('invalid_data', 'The JSON data sent to the api is invalid', False)
        method = self._method_name(request.query)
        if method is None:
            return self._reply('invalid_method', 'Method not provided in json call', False)
        if method not in self.FUNCTIONS:
            return self._reply('invalid_method', 'Method %s does not exist' % method, False)
        handler, names = self.FUNCTIONS[method]
        # a missing argument or a JSON null is passed as null; extra keys are ignored
        args = [data.get(name) if isinstance(data, dict) else None for name in names]
        self._request = request
        try:
            result = getattr(self, handler)(method, *args)
        except Fault as fault:
            return self._reply(fault.code, fault.message, False)
        except Fatal:
            return Response(500, b'', FATAL_CONTENT_TYPE)
        except Exit as stop:
            return Response(200, stop.body, FATAL_CONTENT_TYPE)
        return self._reply('ok', '', result)

    @staticmethod
    def _parse_body(body):
        def reject(constant):
            raise ValueError(constant)
        try:
            data = json.loads(body.decode('utf-8'), parse_constant=reject)
        except (UnicodeDecodeError, ValueError):
            return None
        return data if isinstance(data, (dict, list)) else None

    @staticmethod
    def _reply(code, message, response):
        return Response(200, php_json({'code': code, 'message': message, 'response': response}),
                        JSON_CONTENT_TYPE)

    # --- sessions and permissions ----------------------------------------------------------------
    def login(self, method, username, password, client_login):
        if php_empty(username):
            raise Fault('The login username is empty.')
        if php_empty(password):
            raise Fault('The login password is empty.')
        username, password = php_str(username), php_str(password)
        now = int(self.clock.now())
        # expired sessions are removed at the next login
        self.sessions = {sid: info for sid, info in self.sessions.items() if info['tstamp'] >= now}
        if client_login:
            return self._client_login(username, password, now)
        user = self._remote_user_by_name(username)
        if user is not None:
            stored = user['remote_password']
            if stored.startswith('$'):
                if not crypt_matches(password, stored):
                    user = None
            elif hashlib.md5(password.encode('utf-8')).hexdigest() == stored:
                user['remote_password'] = crypt_password(password)  # legacy md5 upgraded on login
            else:
                user = None
        if user is None:
            raise Fault('The login failed. Username or password wrong.')
        client_ip = self._request.client_ip
        if user['remote_access'] != 'y' and client_ip not in ('127.0.0.1', '::1'):
            raise Fault('The login is not allowed from %s' % client_ip)
        allowed_ips = [ip.strip() for ip in user['remote_ips'].split(',') if ip.strip()]
        if allowed_ips and client_ip not in allowed_ips and client_ip not in ('127.0.0.1', '::1'):
            raise Fault('The login is not allowed from %s' % client_ip)
        return self._new_session(int(user['remote_userid']), now, None)

    def _client_login(self, username, password, now):
        sys_user = self._find('sys_user', 'username', username)
        if sys_user is None or not crypt_matches(password, sys_user['passwort']):
            raise Fault('The login failed. Username or password wrong.')
        if sys_user['active'] != '1':
            raise Fault('The login failed. User is blocked.')
        group = self.tables['sys_group'].get(php_intval(sys_user['default_group']))
        client = group and self.tables['client'].get(php_intval(group['client_id']))
        if not client or client['can_use_api'] != 'y':
            raise Fault('The login failed. Client may not use api.')
        return self._new_session(0, now, int(client['client_id']))

    def _new_session(self, remote_userid, now, client_id):
        session_id = secrets.token_hex(16)
        self.sessions[session_id] = {'remote_userid': remote_userid, 'tstamp': now + SESSION_TIMEOUT,
                                     'client_login': client_id}
        return session_id

    def logout(self, method, session_id):
        if php_empty(session_id):
            raise Fault('The SessionID is empty.')
        self.sessions.pop(php_str(session_id).lower(), None)
        return True

    def _session(self, session_id):
        if php_empty(session_id):
            raise Fault('The SessionID is empty.')
        info = self.sessions.get(php_str(session_id).lower())
        if info is None or info['tstamp'] < int(self.clock.now()):
            raise Fault('The Session is expired or does not exist.')
        return info

    def _check_perm(self, session_id, method):
        session = self._session(session_id)
        if session['client_login']:
            return session  # client sessions pass every function check
        user = self.tables['remote_user'].get(session['remote_userid'])
        wanted = self.PERMISSION_OF.get(method, method)
        allowed = set()
        for group in (user['remote_functions'] if user else '').split(';'):
            allowed.update(name.strip() for name in group.split(','))
        if wanted not in allowed:
            raise Fault('You do not have the permissions to access this function.')
        return session

    # --- generic record access (remoting_lib) ---------------------------------------------------
    @staticmethod
    def _form(method):
        return ISPConfigSimulator.FORMS[method.rsplit('_', 1)[0]]

    def _find(self, table, column, value):
        for row in self.tables[table].values():
            if row.get(column) is not None and row[column].lower() == php_str(value).lower():
                return row
        return None

    @staticmethod
    def _matches(stored, value):
        """MySQL `col = val` / `col LIKE val` under a case-insensitive collation."""
        if stored is None or value is None:
            return False
        wanted = php_str(value)
        if '%' in wanted:
            pattern = ''.join('.*' if ch == '%' else '.' if ch == '_' else re.escape(ch) for ch in wanted)
            return re.fullmatch(pattern, stored, re.IGNORECASE | re.DOTALL) is not None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and is_numeric(stored):
            return float(stored) == float(value)
        return stored.rstrip(' ').lower() == wanted.rstrip(' ').lower()

    def _get_record(self, table, primary_id):
        """remoting_lib::getDataRecord: id -> row or None, -1 -> all, filter -> list, else []."""
        rows = self.tables[table.name]
        if is_numeric(primary_id):
            number = float(primary_id)
            if number > 0:
                return dict(rows[int(number)]) if number.is_integer() and int(number) in rows else None
            if number == -1:
                return [dict(row) for row in rows.values()]
            raise Fault('The ID has to be > 0 or -1.')
        if isinstance(primary_id, (dict, list)):
            items = primary_id.items() if isinstance(primary_id, dict) else enumerate(primary_id)
            offset = limit = 0
            conditions = []
            for key, value in items:
                if key == '#OFFSET#':
                    offset = php_intval(value)
                elif key == '#LIMIT#':
                    limit = php_intval(value)
                elif key not in table.columns:
                    raise Fatal('unknown column %s' % key)  # SQL error -> mysqli exception -> HTTP 500
                else:
                    conditions.append((key, value))
            result = [dict(row) for row in rows.values()
                      if all(self._matches(row[key], value) for key, value in conditions)]
            return result[offset:offset + limit] if limit > 0 else result
        return []

    def _owner(self, client_id, session):
        """loadUserProfile: (sys_userid, sys_groupid) for client_id; 0 = admin; unknown client = 0/0."""
        if session and session['client_login']:
            client_id = session['client_login']  # a client session always owns what it writes
        client_id = php_intval(client_id)
        if client_id == 0:
            return '1', '1'
        sys_user = self._find('sys_user', 'client_id', str(client_id))
        if sys_user is None:
            return '0', '0'
        return sys_user['userid'], sys_user['default_group']

    def _filtered(self, field, value):
        text = php_str(value)
        for name in field.filters:
            if name == 'IDNTOASCII':
                text = idn_to_ascii(text)
            elif name == 'TOLOWER':
                text = text.lower()
            elif name == 'STRIPTAGS':
                text = re.sub(r'<[^>]*>?', '', text)
            elif name == 'STRIPNL':
                text = text.replace('\r', '').replace('\n', '')
            elif callable(name):  # a filter of the hosting forms (ispconfig_hosting.py)
                text = name(text)
        return text

    def _form_fields(self, table):
        """The table's form fields on this panel: a tab switched off in sys_ini [mail] takes its fields along."""
        return [f for f in table.fields if f.tab is None or self.sys_ini.get('mail', {}).get(f.tab) == 'y']

    def _weak_password(self, table, value):
        """validate_password::password_check with the rule of sys_ini [misc] (mail_password_onlyascii=y puts
        ISASCII in its place for mailboxes); returns the error text or ''."""
        if table is MAIL_USER and self.sys_ini.get('mail', {}).get('mail_password_onlyascii') == 'y':
            return '' if value.isascii() else 'email_error_isascii' + BR
        misc = self.sys_ini.get('misc', {})
        length = php_intval(misc.get('min_password_length', '8'))
        strength = php_intval(misc.get('min_password_strength', '0'))
        text = 'The chosen password does not match the security guidelines. It has to be at least %d chars in ' \
               'length' % length
        text += ' and have a strength of "%s".' % STRENGTH_NAMES.get(strength, '') if strength > 0 else '.'
        if len(value.encode('utf-8')) < length or password_strength(value) < strength:
            return text  # translated text, no <br />
        return ''

    def _validate(self, table, record, own_id, action):
        """tform validateField for every form field; returns the concatenated error text."""
        errors = ''
        for field in self._form_fields(table):
            raw = record.get(field.name)
            value = self._filtered(field, raw) if raw is not None else ''
            for validator in field.validators:
                kind = validator[0]
                if kind == 'NOTEMPTY' and php_empty(value):
                    errors += validator[1] + BR
                elif kind == 'UNIQUE' and not (validator[2] and value == '') and \
                        self._taken(table, field.name, value, own_id):
                    errors += validator[1] + BR
                elif kind == 'REGEX' and not validator[1].search(value):
                    errors += validator[2] + BR
                elif kind == 'ISEMAIL' and not (validator[2] and value == '') and not EMAIL_RE.match(value):
                    errors += validator[1] + BR
                elif kind == 'ISINT' and value != '' and not ISINT_RE.match(value):
                    errors += validator[1] + BR
                elif kind == 'CCLIST' and value != '' and \
                        not all(EMAIL_RE.match(part.strip()) for part in value.split(',')):
                    errors += validator[1] + BR
                elif kind == 'STRENGTH' and value != '' and not record.get('_ispconfig_pw_crypted'):
                    errors += self._weak_password(table, value)
                elif kind == 'USERNAME_UNIQUE' and self._username_taken(value, action, own_id):
                    errors += 'username_error_unique<br>\r\n'
                elif kind == 'USERNAME_COLLISION' and re.fullmatch(r'web\d*', value):
                    errors += 'username_error_collision<br>\r\n'
                elif callable(kind):  # a validator of the hosting forms (ispconfig_hosting.py)
                    errors += kind(self, field.name, value, record, own_id) or ''
        return errors

    def _taken(self, table, column, value, own_id):
        return any(self._matches(row[column], value) for row_id, row in self.tables[table.name].items()
                   if row_id != own_id)

    def _username_taken(self, username, action, client_id):
        """validate_client: the username must not belong to another panel user (sys_user only)."""
        for row in self.tables['sys_user'].values():
            if row['username'].lower() == username.lower():
                return action == 'INSERT' or row['client_id'] != str(client_id)
        return False

    def _encode(self, field, value):
        """The value MySQL stores for one form field; (stored, truncated) where truncated = data lost."""
        if value is None:
            if field.db_int:
                return '0', True
            if field.kind == 'checkbox':
                return field.enum[0], False  # the unchecked value
            return {'int': '0', 'text': None, 'datetime': None}.get(field.kind, ''), \
                field.kind == 'enum' and '' not in field.enum
        if field.kind == 'int':
            return str(php_intval(value)), False
        text = self._filtered(field, value)
        if field.kind in ('checkbox', 'enum'):
            if field.kind == 'checkbox' and text == '':
                return field.enum[0], False  # the unchecked value
            for member in field.enum:  # MySQL matches enum members ignoring case and stores their spelling
                if member.lower() == text.lower():
                    return member, False
            if re.fullmatch(r'[1-9]\d*', text) and int(text) <= len(field.enum):
                return field.enum[int(text) - 1], False  # MySQL takes a number as the enum index
            return '', True
        if field.kind == 'datetime' and text == '':
            return None, False
        if field.db_int:
            return str(php_intval(text)), not ISINT_RE.match(text)
        return text, False

    def _build_row(self, table, base, record, present):
        """Write every form field of `record`; `present` names the password params to (re)hash."""
        row = dict(base)
        truncated = False
        for field in self._form_fields(table):
            if field.kind == 'password':
                password = record.get(field.name)
                if field.name in present and not php_empty(password):
                    if record.get('_ispconfig_pw_crypted') and php_intval(record['_ispconfig_pw_crypted']) == 1:
                        row[field.name] = php_str(password)
                    else:
                        row[field.name] = field.hash(php_str(password))
                continue
            row[field.name], lost = self._encode(field, record.get(field.name))
            truncated = truncated or lost
        if truncated and self.options.get('strict_sql'):
            raise Fatal('Data truncated')  # strict sql_mode: the INSERT/UPDATE throws
        return row

    @staticmethod
    def _params(params, method):
        """params as PHP sees it: a JSON list is an array with numeric keys; a scalar breaks the call."""
        if params is None:
            return {}
        if isinstance(params, list):
            return {str(index): value for index, value in enumerate(params)}
        if isinstance(params, dict):
            return dict(params)
        raise Fatal('%s: params is not an array' % method)

    def _insert_record(self, method, table, client_id, params, session):
        errors = self._validate(table, params, None, 'INSERT')
        if errors:
            raise Fault(errors)
        sys_userid, sys_groupid = self._owner(client_id, session)
        base = dict(table.columns.items())
        base.update(sys_userid=sys_userid, sys_groupid=sys_groupid)
        row = self._build_row(table, base, params, set(params))
        del row[table.key]
        forced = php_intval(params.get('_primary_id'))
        if forced > 0 and forced in self.tables[table.name]:
            raise Fatal('duplicate primary key')
        new_id = self._insert(table.name, row, forced if forced > 0 else None)
        self.record_write(method)
        self._check_panel(method, table.name, new_id)
        return str(new_id)

    def _update_record(self, method, table, client_id, primary_id, params, session):
        old = self._get_record(table, primary_id)
        if not isinstance(old, dict):
            old = None  # a missing id: the merge starts from an empty record
        record = dict(old or {})
        record.update(params)
        own_id = int(old[table.key]) if old else None
        # a stored password is not merged for validation: only a sent one is checked
        checked = {k: v for k, v in record.items()
                   if k in params or k not in {f.name for f in table.fields if f.kind == 'password'}}
        errors = self._validate(table, checked, own_id, 'UPDATE')
        if errors:
            raise Fault(errors)
        if old is None:
            self.record_write(method)
            return 0
        row = self._build_row(table, old, record, set(params))
        if php_intval(client_id) > 0 or (session and session['client_login']):
            row['sys_userid'], row['sys_groupid'] = self._owner(client_id, session)
        changed = row != old
        self.tables[table.name][own_id] = row
        self.record_write(method)
        renamed = [old['domain']] if table is MAIL_DOMAIN and old['domain'] != row['domain'] else []
        self._check_panel(method, table.name, own_id, gone_domains=renamed)
        return 1 if changed else 0

    def _delete_record(self, method, table, primary_id):
        self._get_record(table, primary_id)  # deleteQuery reads the record first (faults on 0)
        row_id = float(primary_id) if is_numeric(primary_id) else None
        deleted = 0
        if row_id is not None and row_id.is_integer() and int(row_id) in self.tables[table.name]:
            gone = self.tables[table.name].pop(int(row_id))
            deleted = 1
            if table is MAIL_DOMAIN:
                self._check_panel(method, table.name, None, gone_domains=[gone['domain']])
        self.record_write(method)
        return deleted

    # --- panel invariants ----------------------------------------------------------------------------
    def _check_panel(self, method, table, row_id, gone_domains=()):
        """With the option panel_invariants (on unless switched off): record in invariant_violations every way
        the rows a write left differ from anything the panel's own forms could have produced. The API itself
        accepts such writes (the recordings show it), so the answer is unchanged; the tests' `serve` fixture
        fails a test that leaves any."""
        if not self.options.get('panel_invariants', True):
            return
        problems = []
        check = getattr(self, '_panel_' + table, None)  # tables whose invariants are not modelled have none
        if row_id is not None and check is not None:
            problems += check(self.tables[table][row_id])
        for domain in gone_domains:
            problems += self._orphans(domain)
        self.invariant_violations.extend('%s: %s' % (method, problem) for problem in problems)

    def _hosting(self, address):
        """The mail_domain row of an address's domain, or None."""
        return self._find('mail_domain', 'domain', (address or '').rpartition('@')[2])

    def _panel_mail_domain(self, row):
        server = self.tables['server'].get(php_intval(row['server_id']))
        if server is None or server['mail_server'] != '1':
            return ['mail_domain %s: server %s is not a mail server (the panel offers only those)' % (
                row['domain'], row['server_id'])]
        return []

    def _panel_mail_user(self, row):
        name = 'mail_user %s' % row['email']
        problems = self._panel_mail_parent(name, row, row['email'])
        quota = php_intval(row['quota'])
        if quota < 0 or quota % (1024 * 1024):
            problems.append('%s: quota %s bytes is not a whole number of MB (the panel stores MB x 1048576)' % (
                name, row['quota']))
        problems += ['%s: %s is empty (the panel always fills it)' % (name, column)
                     for column in ('login', 'password', 'maildir', 'homedir') if not row[column]]
        if row['move_junk'] not in ('y', 'a', 'n'):
            problems.append('%s: move_junk %r is none of y, a, n (the panel\'s choices)' % (name, row['move_junk']))
        if row['backup_interval'] not in ('none', 'daily', 'weekly', 'monthly') or \
                php_intval(row['backup_copies']) < 1:
            problems.append('%s: backup_interval %r / backup_copies %s are not a choice of the panel' % (
                name, row['backup_interval'], row['backup_copies']))
        return problems

    def _panel_mail_forwarding(self, row):
        name = 'mail_forwarding %s -> %s' % (row['source'], row['destination'])
        if row['type'] not in ('alias', 'aliasdomain', 'forward', 'catchall'):
            return ['%s: type %r is not a kind the panel makes' % (name, row['type'])]
        problems = [] if row['type'] == 'aliasdomain' else self._panel_mail_parent(name, row, row['source'])
        if not row['destination']:
            problems.append('%s: no destination' % name)
        return problems

    def _panel_mail_parent(self, name, row, address):
        domain = self._hosting(address)
        if domain is None:
            return ['%s: the mail domain %s does not exist (the panel offers only its hosted domains)' % (
                name, address.rpartition('@')[2])]
        problems = []
        if row['server_id'] != domain['server_id']:
            problems.append('%s: server %s is not the server of its mail domain (%s)' % (
                name, row['server_id'], domain['server_id']))
        if row['sys_groupid'] != domain['sys_groupid']:
            problems.append('%s: owned by group %s, not by the group of its mail domain (%s), which the panel '
                            'gives it (onAfterInsert)' % (name, row['sys_groupid'], domain['sys_groupid']))
        return problems

    def _panel_client(self, row):
        name = 'client %s' % row['username']
        problems = []
        for role, column in (('mail_server', 'mail_servers'), ('web_server', 'web_servers'),
                             ('dns_server', 'dns_servers'), ('db_server', 'db_servers')):
            ids = [item.strip() for item in (row[column] or '').split(',') if item.strip()]
            servers = [self.tables['server'].get(php_intval(item)) for item in ids]
            if not ids or any(server is None or server[role] != '1' for server in servers):
                problems.append('%s: %s %r does not name servers of that kind (the panel assigns one after '
                                'the insert)' % (name, column, row[column]))
        if row['limit_cron_type'] not in ('url', 'chrooted', 'full'):
            problems.append('%s: limit_cron_type %r is not a choice of the panel' % (name, row['limit_cron_type']))
        return problems

    def _orphans(self, domain):
        """Mail objects left in a domain that is gone (the panel deletes them with it)."""
        left = [row['email'] for row in self.tables['mail_user'].values()
                if row['email'].rpartition('@')[2].lower() == domain.lower()]
        left += [row['source'] for row in self.tables['mail_forwarding'].values()
                 if row['type'] != 'aliasdomain' and row['source'].rpartition('@')[2].lower() == domain.lower()]
        return ['%s is left in the mail domain %s, which is gone' % (item, domain) for item in left]

    # --- generic functions -------------------------------------------------------------------------
    def generic_get(self, method, session_id, primary_id):
        self._check_perm(session_id, method)
        return self._get_record(self._form(method), primary_id)

    def generic_add(self, method, session_id, client_id, params):
        session = self._check_perm(session_id, method)
        return self._insert_record(method, self._form(method), client_id, self._params(params, method), session)

    def generic_update(self, method, session_id, client_id, primary_id, params):
        session = self._check_perm(session_id, method)
        return self._update_record(method, self._form(method), client_id, primary_id,
                                   self._params(params, method), session)

    def generic_delete(self, method, session_id, primary_id):
        self._check_perm(session_id, method)
        return self._delete_record(method, self._form(method), primary_id)

    # --- mail ------------------------------------------------------------------------------------
    def mail_domain_add(self, method, session_id, client_id, params):
        session = self._check_perm(session_id, method)
        if params is None:
            raise Fatal('mail_domain_add without params')  # recorded: HTTP 500, nothing inserted
        return self._insert_record(method, MAIL_DOMAIN, client_id, self._params(params, method), session)

    def mail_domain_get_by_domain(self, method, session_id, domain):
        self._check_perm(session_id, method)
        if php_empty(domain):
            return False
        return [dict(row) for row in self.tables['mail_domain'].values() if self._matches(row['domain'], domain)]

    def mail_domain_set_status(self, method, session_id, primary_id, status):
        self._check_perm(session_id, method)
        if status not in ('active', 'inactive'):
            raise Fault('The status is not available')
        row = self.tables['mail_domain'].get(php_intval(primary_id)) if is_numeric(primary_id) else None
        self.record_write(method)
        wanted = 'y' if status == 'active' else 'n'
        if row is None or row['active'] == wanted:
            return 0
        row['active'] = wanted
        return 1

    def _check_primary_domain(self, email):
        """mail_user_add/update: the address's domain must be a mail_domain row (compared case-sensitively
        in PHP after a case-insensitive SELECT)."""
        if '@' not in email:
            return  # no domain part: the check compares NULL with NULL and passes
        domain = email.split('@')[1]
        row = self._find('mail_domain', 'domain', domain)
        if row is None or row['domain'] != domain:
            raise Fault('Mail domain - %s - does not exist as primary.' % domain)

    def mail_user_add(self, method, session_id, client_id, params):
        session = self._check_perm(session_id, method)
        params = self._params(params, method)
        if params.get('email') is not None:
            params['email'] = php_str(params['email']).lower()
        self._check_primary_domain(php_str(params.get('email')))
        for key, default in (('uid', -1), ('gid', -1), ('maildir_format', 'maildir')):
            if params.get(key) is None:
                params[key] = default
        return self._insert_record(method, MAIL_USER, client_id, params, session)

    def mail_user_update(self, method, session_id, client_id, primary_id, params):
        session = self._check_perm(session_id, method)
        params = self._params(params, method)
        if params.get('email') is not None:
            self._check_primary_domain(php_str(params['email']))  # not lowercased here
        return self._update_record(method, MAIL_USER, client_id, primary_id, params, session)

    def _check_mailbox_collision(self, params):
        source = params.get('source')
        if source is not None and any(row['postfix'] == 'y' and self._matches(row['email'], php_str(source))
                                      for row in self.tables['mail_user'].values()):
            raise Fault('There is already a mailbox with this email address.')

    def mail_alias_add(self, method, session_id, client_id, params):
        session = self._check_perm(session_id, method)
        params = self._params(params, method)
        self._check_mailbox_collision(params)
        return self._insert_record(method, MAIL_ALIAS, client_id, params, session)

    def mail_alias_update(self, method, session_id, client_id, primary_id, params):
        session = self._check_perm(session_id, method)
        params = self._params(params, method)
        self._check_mailbox_collision(params)
        return self._update_record(method, MAIL_ALIAS, client_id, primary_id, params, session)

    # --- client ----------------------------------------------------------------------------------
    def client_get(self, method, session_id, client_id):
        self._check_perm(session_id, method)
        return self._get_record(CLIENT, client_id)

    def _is_reseller(self, client_id):
        client = self.tables['client'].get(php_intval(client_id))
        return client is not None and php_intval(client['limit_client']) != 0

    def client_add(self, method, session_id, reseller_id, params):
        session = self._check_perm(session_id, method)
        params = self._params(params, method)
        if php_intval(params.get('parent_client_id')) == 0:
            params['parent_client_id'] = reseller_id
        if php_intval(params['parent_client_id']):
            if not self._is_reseller(params['parent_client_id']):
                params['parent_client_id'] = 0  # silently dropped
            elif php_intval(params.get('limit_client')) != 0:
                raise Fault('Reseller cannot be client of another reseller.')
        errors = self._validate(CLIENT, params, None, 'INSERT')
        if self._find('sys_user', 'username', php_str(params.get('username'))) is not None:
            errors += 'Duplicate username<br />'
        if errors:
            raise Fault(errors)
        sys_userid, sys_groupid = self._owner(reseller_id, session)
        base = dict(CLIENT.columns)
        base.update(sys_userid=sys_userid, sys_groupid=sys_groupid)
        row = self._build_row(CLIENT, base, params, set(params))
        del row['client_id']
        username = row['username']
        now = int(self.clock.now())
        row['parent_client_id'] = str(php_intval(params['parent_client_id']))
        row['created_at'] = str(now)
        row['id_rsa'], row['ssh_rsa'] = self._ssh_keypair('%s-rsa-key-%d' % (username, now))
        client_id = self._insert('client', row)
        self.record_write(method)
        group_id = self._insert('sys_group', {'name': username, 'description': '', 'client_id': str(client_id)})
        if params.get('language') is None:
            raise Fatal('sys_user.language cannot be NULL')  # the client row and group stay behind
        password = params.get('password')
        if params.get('_ispconfig_pw_crypted') and php_intval(params['_ispconfig_pw_crypted']) == 1:
            passwort = php_str(password)
        else:
            passwort = crypt_password(php_str(password))
        modules = php_str(params.get('modules')) or DEFAULT_MODULES
        self._insert('sys_user', self._sys_user_row(username, passwort, php_str(params['language']),
                                                    str(group_id), str(client_id), modules,
                                                    theme=row['usertheme'] or 'default'))
        parent = php_intval(params['parent_client_id'])
        if parent:
            reseller_user = self._find('sys_user', 'client_id', str(parent))
            if reseller_user is not None:
                reseller_user['groups'] += ',%d' % group_id
        self._check_panel(method, 'client', client_id)
        return str(client_id)

    def _ssh_keypair(self, comment):
        """An OpenSSH-shaped key pair (random bytes, not a usable key) as client_add stores it."""
        private = base64.b64encode(b'openssh-key-v1\x00' + secrets.token_bytes(1900)).decode('ascii')
        lines = '\n'.join(private[i:i + 70] for i in range(0, len(private), 70))
        # wire format of a 3072-bit RSA public key: "ssh-rsa", exponent 65537, 385-byte modulus
        public_blob = b'\x00\x00\x00\x07ssh-rsa\x00\x00\x00\x03\x01\x00\x01\x00\x00\x01\x81\x00'
        public = base64.b64encode(public_blob + secrets.token_bytes(384)).decode('ascii')
        return ('-----BEGIN OPENSSH PRIVATE KEY-----\n%s\n-----END OPENSSH PRIVATE KEY-----\n' % lines,
                'ssh-rsa %s %s\n' % (public, comment))

    def client_update(self, method, session_id, client_id, reseller_id, params):
        session = self._check_perm(session_id, method)
        params = self._params(params, method)
        old = self._get_record(CLIENT, client_id)
        # client_update merges the stored record (password hash included) into params itself
        merged = dict(old) if isinstance(old, dict) else {}
        merged.update(params)
        if php_intval(merged.get('parent_client_id')) == 0:
            merged['parent_client_id'] = reseller_id
        if php_intval(merged['parent_client_id']):
            if not self._is_reseller(merged['parent_client_id']):
                raise Fault('Selected client is not a reseller.')
            if php_intval(merged.get('limit_client')) != 0:
                raise Fault('Reseller cannot be client of another reseller.')
        affected = self._update_record(method, CLIENT, reseller_id, client_id, merged, session)
        client = self.tables['client'].get(php_intval(client_id)) if isinstance(old, dict) else None
        sys_user = client and self._find('sys_user', 'client_id', client['client_id'])
        if client is not None:
            client['tmp_data'] = 'a:0:{}'  # the on_after_update event stores an empty serialized array
        if sys_user is not None:
            sys_user['username'] = client['username']
            sys_user['language'] = client['language']
            if not php_empty(merged.get('password')):
                sys_user['passwort'] = crypt_password(php_str(merged['password']))
        return affected

    def client_delete(self, method, session_id, client_id):
        self._check_perm(session_id, method)
        deleted = self._delete_record(method, CLIENT, client_id)
        owner = str(php_intval(client_id))
        for table in ('sys_user', 'sys_group'):
            self.tables[table] = {key: row for key, row in self.tables[table].items() if row['client_id'] != owner}
        return deleted

    def client_get_by_username(self, method, session_id, username):
        self._check_perm(session_id, method)
        row = self._find('sys_user', 'username', php_str(username))
        if row is None:
            raise Fault('There is no user account for this user name.')
        return dict(row)

    def client_get_by_customer_no(self, method, session_id, customer_no):
        self._check_perm(session_id, method)
        customer_no = php_str(customer_no).strip()
        if customer_no == '':
            raise Fault('There was no customer number specified.')
        row = self._find('client', 'customer_no', customer_no)
        if row is None:
            raise Fault('There is no user account for this customer number.')
        return dict(row)

    def client_get_id(self, method, session_id, sys_userid):
        self._check_perm(session_id, method)
        row = self.tables['sys_user'].get(php_intval(sys_userid))
        if row is None:
            raise Fault('There is no sys_user account with this userid.')
        return php_intval(row['client_id'])

    def client_get_groupid(self, method, session_id, client_id):
        self._check_perm(session_id, method)
        row = self._find('sys_group', 'client_id', str(php_intval(client_id)))
        if row is None:
            raise Fault('There is no group for this client ID.')
        return php_intval(row['groupid'])

    def client_get_all(self, method, session_id):
        self._check_perm(session_id, method)
        ids = [row['client_id'] for row in self.tables['client'].values()]
        return ids or False

    def client_change_password(self, method, session_id, client_id, new_password):
        self._check_perm(session_id, method)
        client = self.tables['client'].get(php_intval(client_id))
        if client is None:
            raise Fault('There is no user account for this client_id')
        hashed = crypt_password(php_str(new_password))  # no strength check here
        client['password'] = hashed
        for row in self.tables['sys_user'].values():
            if row['client_id'] == client['client_id']:
                row['passwort'] = hashed
        self.record_write(method)
        return True

    # --- server functions ------------------------------------------------------------------------------
    def server_get_all(self, method, session_id):
        self._check_perm(session_id, method)
        return [{'server_id': row['server_id'], 'server_name': row['server_name']}
                for row in self.tables['server'].values()]

    def server_get_functions(self, method, session_id, server_id):
        self._check_perm(session_id, method)
        if php_empty(server_id):
            return False
        row = self.tables['server'].get(php_intval(server_id))
        if row is None:
            return None
        return {column: row[column] for column in SERVER_ROLES[:-1] + ('mirror_server_id',)}


SIMULATOR = ISPConfigSimulator

# the web hosting and DNS functions live in their own module; it needs everything above
from . import ispconfig_hosting  # noqa: E402,F401  # pylint: disable=unused-import
