# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ISPConfig 3 remote JSON API simulator, the part every function shares: PHP's value semantics, the tform
machinery (`Field`, what the API stores for each field sent or not), the declarations each table and function
family makes of itself (`Table`, `Form`, `FunctionGroup`), and `PanelBase`: the wire format, sessions and
permissions, the generic remoting calls, the panel settings (sys_ini, the servers' config), the server functions
and the check of the panel invariants. ispconfig_hosting.py and ispconfig_dns.py add their tables and functions
as subclasses of `PanelBase`; ispconfig.py adds mail and clients and is the simulator (see its docstring).
"""

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
CUSTOM_BR = '<br>\r\n'  # the custom validator classes end their keys with <br>, the built-in ones with <br />
# `$app->error('Primary ID fehlt!')` of tform_base::getSQL: the panel's error box, answered with HTTP 200
PRIMARY_ID_MISSING = ("<div class='alert alert-danger clear'>\n"
                      "  <div class='alert-label'><strong><tmpl_var name=\"error_txt\"></strong></div>\n"
                      "  <div class='alert-content'>\n"
                      "    <ul style=\"list-style-type:none\">\n"
                      "      <li>Primary ID fehlt!</li>\n"
                      "    </ul>\n"
                      "  </div>\n"
                      "</div>\n")
ID_NOT_INTEGER = 'The ID must be either an integer or an array.'


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


# --- PHP and MySQL details ------------------------------------------------------------------------


def php_str_lt(left, right):
    """PHP 8 `<` of two strings: numerically when both are numeric, else byte-wise."""
    if is_numeric(left) and is_numeric(right):
        return float(left) < float(right)
    return left.encode('utf-8') < right.encode('utf-8')


def php_positive(value):
    """PHP 8 `$value > 0` for a request value."""
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, (int, float)):
        return value > 0
    if isinstance(value, str):
        return float(value) > 0 if is_numeric(value) else value.encode('utf-8') > b'0'
    return True  # an array is greater than any number


def mysql_number(value):
    """The number MySQL reads from a value compared with an integer column (its numeric start, else 0)."""
    if isinstance(value, (bool, int, float)):
        return float(value)
    match = re.match(r'\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?', php_str(value))
    return float(match.group(0)) if match else 0.0


def column_equals(stored, value, number=False):
    """MySQL `column = ?` (no LIKE): an integer column compares numbers, a text column ignores case and
    trailing spaces; NULL matches nothing."""
    if stored is None or value is None or isinstance(value, (dict, list)):
        return False
    if number:
        return float(stored) == mysql_number(value)
    return php_str(value).rstrip(' ').lower() == stored.rstrip(' ').lower()


def loose_blank(value):
    """PHP 8 `$value == ''`: null, false and '' (not 0)."""
    return value is None or value is False or value == ''


def php_trim(text):
    return text.strip(' \t\n\r\0\x0b')


def same_key(left, right):
    """Two values collide in a MySQL unique key (NULL never does; case and trailing spaces ignored)."""
    return left is not None and right is not None and left.rstrip(' ').lower() == right.rstrip(' ').lower()


# --- tables, forms and their fields ----------------------------------------------------------------

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


STRENGTH = ('STRENGTH', None)  # with a sys_ini [mail] switch instead of None: ISASCII when it is y


def required(message):
    """NOTEMPTY: only a missing value or '' fails (0 passes)."""
    def check(sim, name, value, record, own_id):
        return message + BR if value == '' else ''
    return (check,)


def at_least(minimum, message):
    """RANGE '<minimum>:' compared as PHP 8 does."""
    def check(sim, name, value, record, own_id):
        return message + BR if php_str_lt(value, str(minimum)) else ''
    return (check,)


def checkbox(name, unchecked='n', checked='y'):
    return Field(name, 'checkbox', enum=(unchecked, checked))


DOMAIN_FILTERS = ('IDNTOASCII', 'TOLOWER')
NULL = None  # a column default of NULL

# The declarations every table and function family makes of itself: a part of the simulator (a subclass of
# PanelBase) lists its tables, forms and groups, and PanelBase builds the simulator's registries from them.

UNSTATED = object()  # a declaration a table or form has not made (tests/unit/test_drift.py names it)

# A group of remote functions as System > Remote Users offers it (interface/web/*/lib/remote.conf.php): the key
# add_remote_user takes, the name the form shows (the English text of lib/lang/en_remote_user.lng) and the
# functions it allows
FunctionGroup = namedtuple('FunctionGroup', 'key name functions')


class Parent:
    """The row a table's rows belong to, which the panel deletes together with them: a row of `table` whose id
    is in `column`, or (address=True) whose `domain` is the domain of the address in `column`; only rows for
    which `where(row)` holds. `noun` names that row in a message."""

    def __init__(self, table, column, noun, address=False, where=None):
        self.table = table
        self.column = column
        self.noun = noun
        self.address = address
        self.where = where

    def holds(self, row, parent_row, parent_key):
        """Whether `row` belongs to `parent_row`."""
        if self.where is not None and not self.where(row):
            return False
        if self.address:
            return php_str(row[self.column]).rpartition('@')[2].lower() == php_str(parent_row['domain']).lower()
        return php_intval(row[self.column]) == php_intval(parent_row[parent_key])

    def name(self, parent_row, parent_key):
        return parent_row['domain'] if self.address else parent_row[parent_key]


class Table:
    """A table of the panel's database: its primary key, its column defaults (ispconfig3.sql; None for the tables
    only the simulator's seed and controls write), how a message names a row (`label`, formatted with the row),
    `invariants(sim, row)`: what a row breaks of what the panel's own pages would leave (None: not modelled), and
    `parent`: the row it belongs to (a Parent; None: none), which makes its rows children of that table."""

    def __init__(self, name, key, columns=None, label=UNSTATED, invariants=UNSTATED, parent=UNSTATED):
        self.name = name
        self.key = key
        self.columns = columns
        self.label = label
        self.invariants = invariants
        self.parent = parent


_GET, _ADD, _UPDATE, _DELETE = (('session_id', 'primary_id'), ('session_id', 'client_id', 'params'),
                                ('session_id', 'client_id', 'primary_id', 'params'), ('session_id', 'primary_id'))
# the four calls of a family and their PHP parameter names: the generic ones as the mail and client functions go
# through them, and the remoting ones of the sites and DNS functions (what an id that is no number does)
GENERIC_CALLS = {'get': ('generic_get', _GET), 'add': ('generic_add', _ADD), 'update': ('generic_update', _UPDATE),
                 'delete': ('generic_delete', _DELETE)}
REMOTING_CALLS = {'get': ('generic_get', _GET), 'add': ('hosting_add', _ADD), 'update': ('hosting_update', _UPDATE),
                  'delete': ('hosting_delete', _DELETE)}


class Form:
    """A function family of the remote API, <family>_get/_add/_update/_delete: the tform behind it (its fields in
    form order, the column defaults an insert through it starts from: the table's unless the form presets others),
    the Table it writes, the FunctionGroup that allows its calls, and `calls`: {'get'|'add'|'update'|'delete':
    (method, PHP parameter names)}."""

    def __init__(self, family, table, fields, group=UNSTATED, calls=None, columns=None):
        self.family = family
        self.table = table
        self.name = table.name
        self.key = table.key
        self.columns = columns or table.columns
        self.fields = fields
        self.group = group
        self.calls = calls or GENERIC_CALLS

    def functions(self):
        return {'%s_%s' % (self.family, call): handler for call, handler in self.calls.items()}


META_COLUMNS = {'sys_userid': '0', 'sys_groupid': '0', 'sys_perm_user': 'riud', 'sys_perm_group': 'riud',
                'sys_perm_other': ''}


def _columns(key, rest):
    columns = {key: None}
    columns.update(META_COLUMNS)
    columns.update(rest)
    return columns


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


# sys_ini [mail] switches of the mail_user form tabs (mail_user.tform.php adds a tab only when its switch is 'y')
AUTORESPONDER_TAB = 'mailbox_show_autoresponder_tab'
FILTER_TAB = 'mailbox_show_mail_filter_tab'
CUSTOM_RULES_TAB = 'mailbox_show_custom_rules_tab'

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

SERVER_ROLES = ('mail_server', 'web_server', 'dns_server', 'file_server', 'db_server', 'vserver_server',
                'proxy_server', 'firewall_server', 'xmpp_server')

# server 1's config: the stock values (install/tpl/server.ini.master as
# the Debian installer fills it) that the API and the panel read; [server] whole, as recording 16 shows it
SERVER_CONFIG = """[server]
auto_network_configuration=n
ip_address=127.0.0.1
netmask=255.255.255.0
v6_prefix=
gateway=0.0.0.0
hostname=server1.example.com
nameservers=8.8.8.8,8.8.4.4
firewall=ufw
loglevel=2
admin_notify_events=1
backup_dir=/var/backup
backup_tmp=/tmp
backup_dir_is_mount=n
backup_mode=rootgz
backup_time=0:00
backup_delete=n
monit_url=
monit_user=
monit_password=
munin_url=
munin_user=
munin_password=
monitor_system_updates=y
migration_mode=n
log_retention=10

[web]
server_type=apache
website_basedir=/var/www
website_path=/var/www/clients/client[client_id]/web[website_id]
php_open_basedir=[website_path]/web:[website_path]/private:[website_path]/tmp:/var/www/[website_domain]/web:\
/srv/www/[website_domain]/web:/usr/share/php5:/usr/share/php:/tmp:/usr/share/phpmyadmin:/etc/phpmyadmin:\
/var/lib/phpmyadmin:/dev/random:/dev/urandom
htaccess_allow_override=All
enable_ip_wildcard=y
php_fpm_default_chroot=n
"""

SERVER_FUNCTIONS = FunctionGroup('server', 'Server functions', [
    'server_get', 'server_config_set', 'get_function_list', 'client_templates_get_all',
    'server_get_serverid_by_ip', 'server_ip_get', 'server_ip_add', 'server_ip_update', 'server_ip_delete',
    'system_config_set', 'system_config_get', 'config_value_get', 'config_value_add', 'config_value_update',
    'config_value_replace', 'config_value_delete'])
# the tables of the panel's users, settings and servers (no function of the API writes them)
SYSTEM_TABLES = tuple(Table(name, key, label=None, invariants=None, parent=None) for name, key in (
    ('server', 'server_id'), ('sys_user', 'userid'), ('sys_group', 'groupid'), ('remote_user', 'remote_userid'),
    ('sys_ini', 'sysini_id')))


class PanelBase(Simulator):
    """The simulator's machinery. A part (a subclass) declares what it adds in these class attributes, and each
    subclass gets the registries built from its own and its bases' declarations: TABLES {name: Table}, KEYS
    {table: primary key}, FORMS {family: Form}, FUNCTION_GROUPS {key: FunctionGroup}, FUNCTIONS {function:
    (method, PHP parameter names)} (the four calls of every form and the part's other functions) and
    PERMISSION_OF {function: the function whose permission guards it}. Its seed(), control() and every method
    extend the bases' by inheritance (super())."""

    tables = SYSTEM_TABLES
    forms = ()
    groups = (SERVER_FUNCTIONS,)
    functions = {
        'login': ('login', ('username', 'password', 'client_login')),
        'logout': ('logout', ('session_id',)),
        'system_config_get': ('system_config_get', ('session_id', 'section', 'key')),
        'server_get': ('server_get', ('session_id', 'server_id', 'section')),
        'server_get_all': ('server_get_all', ('session_id',)),
        'server_get_functions': ('server_get_functions', ('session_id', 'server_id')),
    }
    permission_of = {'server_get_all': 'server_get', 'server_get_functions': 'server_get'}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        parts = [vars(part) for part in reversed(cls.__mro__) if issubclass(part, PanelBase)]
        declared = [table for part in parts for table in part.get('tables', ())]
        forms = [form for part in parts for form in part.get('forms', ())]
        cls.TABLES = {table.name: table for table in declared}
        cls.KEYS = {table.name: table.key for table in declared}
        cls.FORMS = {form.family: form for form in forms}
        groups = [group for part in parts for group in part.get('groups', ())]
        cls.FUNCTION_GROUPS = {group.key: group for group in groups + [form.group for form in forms]}
        cls.FUNCTIONS = {}
        for form in forms:
            cls.FUNCTIONS.update(form.functions())
        for part in parts:
            cls.FUNCTIONS.update(part.get('functions', {}))
        cls.PERMISSION_OF = {}
        for part in parts:
            cls.PERMISSION_OF.update(part.get('permission_of', {}))

    # --- state ---------------------------------------------------------------------------------
    def seed(self):
        self.tables = {name: {} for name in self.KEYS}
        self.next_id = {name: 1 for name in self.KEYS}
        self.sessions = {}  # session id -> {"remote_userid", "tstamp", "client_login"}
        self.hosting_primary_id = 0  # remoting_lib->primary_id of the running add (0) or update
        config = {section: dict(values) for section, values in SYS_INI.items()}
        for section, values in (self.options.get('sys_ini') or {}).items():
            config.setdefault(section, {}).update(values)
        self._insert('sys_ini', {'config': render_ini(config), 'default_logo': '', 'custom_logo': ''})
        self.invariant_violations = []
        server_id = self.add_server('server1.example.com', mail_server='1', web_server='1', dns_server='1',
                                    file_server='1', db_server='1')
        self.tables['server'][server_id]['config'] = SERVER_CONFIG
        self._insert('sys_group', {'name': 'admin', 'description': 'Administrators group', 'client_id': '0'})
        self._insert('sys_user', self._sys_user_row('admin', crypt_password('admin'), 'en', '1', '0',
                                                    'dashboard,admin,client,mail,sites,dns,tools,help',
                                                    typ='admin'))
        if self.options.get('transcript_seed'):
            self.add_remote_user('apiuser', 'apipass', legacy_md5=True)
        else:
            self.add_remote_user('demo', 'demo-password')

    def _insert(self, table, row, row_id=None):
        key = self.KEYS[table]
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

    def _function_groups(self, functions):
        """remote_functions text: ';'-separated comma lists, from group names and/or function names."""
        groups = self.FUNCTION_GROUPS
        if functions is None:
            functions = list(groups)
        lists = [','.join(groups[item].functions) if item in groups else item for item in functions]
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
        if name == 'set_config':
            server_id = payload.get('server_id')
            row = self.tables['sys_ini'][1] if server_id is None else self.tables['server'][int(server_id)]
            config = parse_ini(row.get('config'))
            config.setdefault(payload['section'], {})[payload['key']] = php_str(payload['value'])
            row['config'] = render_ini(config)
            return {'ok': True}
        return super().control(name, payload)

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
    def _form(self, method):
        return self.FORMS[method.rsplit('_', 1)[0]]

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
            elif callable(name):  # a filter function (the sites and DNS forms)
                text = name(text)
        return text

    def _form_fields(self, table):
        """The table's form fields on this panel: a tab switched off in sys_ini [mail] takes its fields along."""
        return [f for f in table.fields if f.tab is None or self.sys_ini.get('mail', {}).get(f.tab) == 'y']

    def _weak_password(self, value, ascii_switch):
        """validate_password::password_check with the rule of sys_ini [misc] (the [mail] `ascii_switch` of a form
        whose tform has one, set to y, puts ISASCII in its place); returns the error text or ''."""
        if ascii_switch and self.sys_ini.get('mail', {}).get(ascii_switch) == 'y':
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
                    errors += self._weak_password(value, validator[1])
                elif kind == 'USERNAME_UNIQUE' and self._username_taken(value, action, own_id):
                    errors += 'username_error_unique<br>\r\n'
                elif kind == 'USERNAME_COLLISION' and re.fullmatch(r'web\d*', value):
                    errors += 'username_error_collision<br>\r\n'
                elif callable(kind):  # a validator function (the sites and DNS forms)
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
        renamed = any(child.parent.address for child in self._children(table.name)) and old['domain'] != row['domain']
        self._check_panel(method, table.name, own_id, gone=old if renamed else None)
        return 1 if changed else 0

    def _delete_record(self, method, table, primary_id):
        self._get_record(table, primary_id)  # deleteQuery reads the record first (faults on 0)
        row_id = float(primary_id) if is_numeric(primary_id) else None
        deleted = 0
        if row_id is not None and row_id.is_integer() and int(row_id) in self.tables[table.name]:
            gone = self.tables[table.name].pop(int(row_id))
            deleted = 1
            self._check_panel(method, table.name, None, gone=gone)
        self.record_write(method)
        return deleted

    # --- panel invariants ----------------------------------------------------------------------------
    def _check_panel(self, method, table, row_id, gone=None):
        """With the option panel_invariants (on unless switched off): record in invariant_violations every way
        the rows a write left differ from anything the panel's own forms could have produced: the invariants of
        the row written (row_id), and the rows left in `gone`, a row deleted or renamed. The API itself accepts
        such writes (the recordings show it), so the answer is unchanged; the tests' `serve` fixture fails a
        test that leaves any."""
        if not self.options.get('panel_invariants', True):
            return
        problems = []
        check = self.TABLES[table].invariants
        if row_id is not None and check is not None:
            problems += check(self, self.tables[table][row_id])
        if gone is not None:
            problems += self._left_behind(table, gone)
        self.invariant_violations.extend('%s: %s' % (method, problem) for problem in problems)

    def _children(self, table):
        """The tables whose rows belong to a row of `table`."""
        return [child for child in self.TABLES.values() if child.parent and child.parent.table == table]

    def _left_behind(self, table, gone):
        """Rows still in `gone`, a row of `table` that is deleted or renamed (the panel deletes them with it)."""
        key = self.TABLES[table].key
        return ['%s is left in the %s %s, which is gone' % (child.label.format(**row), child.parent.noun,
                                                            child.parent.name(gone, key))
                for child in self._children(table) for row in self.tables[child.name].values()
                if child.parent.holds(row, gone, key)]

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

    # --- the remoting calls of the sites and DNS functions --------------------------------------------
    def hosting_add(self, method, session_id, client_id, params):
        session = self._check_perm(session_id, method)
        self.hosting_primary_id = 0
        return self._insert_record(method, self._form(method), client_id, self._params(params, method), session)

    def hosting_update(self, method, session_id, client_id, primary_id, params):
        session = self._check_perm(session_id, method)
        return self._update_row(method, self._form(method), client_id, primary_id, self._params(params, method),
                                session)

    def hosting_delete(self, method, session_id, primary_id):
        self._check_perm(session_id, method)
        return self._delete_row(method, self._form(method), primary_id)

    def _update_row(self, method, table, client_id, primary_id, params, session, before_write=None):
        """remoting::updateQuery: the generic update, plus what happens to an id that is no number.

        `before_write(row_id)` runs after validation and before the UPDATE (sites_database_update's plugin)."""
        self.hosting_primary_id = php_intval(primary_id) if is_numeric(primary_id) else 0
        if not is_numeric(primary_id):
            self._get_record(table, primary_id)  # a filter on an unknown column dies here
            errors = self._validate(table, params, None, 'UPDATE')
            if primary_id is None or primary_id is False:
                raise Exit(PRIMARY_ID_MISSING)  # getSQL: `$primary_id != 0` is false for null
            if not isinstance(primary_id, (dict, list)):
                raise Fault(ID_NOT_INTEGER + errors)  # getDataRecord's complaint comes first
            if errors:
                raise Fault(errors)
            raise Fatal('UPDATE ... WHERE id = Array')
        row_id = php_intval(primary_id)
        if before_write is not None and row_id in self.tables[table.name]:
            merged = dict(self.tables[table.name][row_id])
            merged.update(params)
            if not self._validate(table, merged, row_id, 'UPDATE'):
                before_write(row_id)
        return self._update_record(method, table, client_id, primary_id, params, session)

    def _delete_row(self, method, table, primary_id):
        """remoting::deleteQuery: the id goes into the SQL text, so anything but a number is an SQL error."""
        if not is_numeric(primary_id):
            self._get_record(table, primary_id)
            raise Fatal('DELETE ... WHERE id =  AND ...')
        return self._delete_record(method, table, primary_id)

    def _refuse_duplicate(self, table, row_id, columns, previous=None):
        """A MySQL unique key: the INSERT (previous None) or UPDATE of row_id dies with HTTP 500 when another
        row has the same values; the row is rolled back, an inserted row's id stays spent."""
        rows = self.tables[table]
        row = rows[row_id]
        for other_id, other in rows.items():
            if other_id != row_id and all(same_key(row[column], other[column]) for column in columns):
                if previous is None:
                    del rows[row_id]
                else:
                    rows[row_id] = previous
                raise Fatal('Duplicate entry for key')

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

    def system_config(self):
        return self.sys_ini

    def server_config(self, server_id):
        server = self.tables['server'].get(php_intval(server_id))
        return parse_ini(server.get('config') if server else None)

    def system_config_get(self, method, session_id, section, key):
        self._check_perm(session_id, method)
        if loose_blank(section):
            raise Fault('Invalid function parameter.')
        values = self.system_config().get(php_str(section))
        if values is None:
            return False
        if loose_blank(key):
            return values
        return values.get(php_str(key), False)

    def server_get(self, method, session_id, server_id, section):
        self._check_perm(session_id, method)
        section = php_str(section)
        if not php_empty(server_id):
            config = self.server_config(server_id)
            return (config or []) if section == '' else config.get(section)
        return {str(number): (self.server_config(number) if section == '' else
                              self.server_config(number).get(section))
                for number in self.tables['server']}
