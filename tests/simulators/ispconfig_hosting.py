# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ISPConfig 3 remote API, web hosting: the `sites_*` functions of the simulator (ispconfig.py), as recorded in
tests/conformance/data/ispconfig/10-14 (and for FTP and WebDAV users in recording 16, which docs/api/ispconfig.md describes)
and described in docs/api/ispconfig.md section 9 and docs/api/ispconfig-panel.md. Unrecorded corners follow the
public source of the same release (`interface/lib/classes/remote.d/sites.inc.php`, `remoting.inc.php`,
`tform_base.inc.php`, `validate_*.inc.php`, the `sites/form` tforms, `install/sql/ispconfig3.sql`).

`HostingPanel` is a part of the simulator: its tables, forms and function groups are declared below and listed
on the class; ispconfig.py's ISPConfigSimulator inherits it. What the server derives or does on its own is
modelled here:

- web domain add: `client_group_id`, the `-` placeholders and the `log_retention` 30 / `pm_*` 1 defaults of the
  API, then the vhost plugin: `document_root` from the server's `website_path`, `system_user` web<id>,
  `system_group` client<client id> (client0 for the admin or an unknown client), `allow_override` and
  `php_open_basedir` from the server's web config, `sys_groupid` of the client and `sys_perm_group` `ru` (client
  protection on); update writes `log_retention` 30 and `pm_*` 1 whenever they are missing and raises no event;
- the unique key (server_id, ip_address, domain) of web_domain: a duplicate the validators let through dies with
  HTTP 500 and spends the auto-increment id;
- database user passwords as the MySQL native hash, shell and FTP user passwords as SHA-512 crypt, WebDAV user
  passwords in clear text (recorded in 16: the form's encryption is CLEARTEXT); a database copies
  owner group and backup settings from its site; deleting a database user sets the links to it to NULL;
- the id argument of `sites_cron_*` is `cron_id`; an update without an id answers the panel's HTML fragment
  "Primary ID fehlt!" (HTTP 200, text/html), a delete without a numeric id dies with HTTP 500;
- sites_web_vhost_subdomain_* / sites_web_vhost_aliasdomain_* (recorded in 19): the website's form and the add's
  placeholders and defaults under the sub and alias domain permissions, and no plugin: document_root, system_user
  and system_group stay `-`; a row of type vhostsubdomain with parent_domain_id 0 makes every later web_domain
  insert on its server fail with domain_error_unique (validate_domain::_check_unique);
- `server_get_php_versions` (a server's additional PHP versions of no client for php-fpm or fast-cgi, as
  `remote.d/server.inc.php` selects them: active or not); the table `server_php` starts empty, as on a new
  server, and the `add_php_version` control adds one.

Panel invariants (the `panel_invariants` option of ispconfig.py; checked after the interface plugin of an add):
a website (type vhost) has the system user web<id>, the system group client<owner's client id> and the document
root the server's website_path gives its owner, and panel choices for vhost_type, subdomain, php, pm and the
backup settings, and a PHP version (server_php_id) of 0 or one the panel offers for its mode (active, of its
server); every web_domain row has a type the panel makes; a sub or alias domain belongs to an existing website,
shares its server and owner group, a subdomain is below its domain, and a vhost one has the website's paths and
system user and a web folder of its own that is no system folder; a database, shell user or cron job belongs to
an existing website and has its owner group and server; a database is of type mysql and linked only to a
database user of its client; database, database user and shell user names carry the prefix the panel gives their
owner (sys_ini [sites], [CLIENTNAME] the group's name converted as tools_sites does, [CLIENTID] its client,
[DOMAINID] the website) in the name and in the `*_prefix` column, within 64, 16 and 32 characters; a database
user is on server 0 and has a password; a shell user has the website's puser and pgroup, a directory inside it
and a chroot of no or jailkit; an FTP user has the website's system user and group as uid and gid and a directory
inside it; a WebDAV user belongs to an existing website and has its owner group and server, its name carries
webdavuser_prefix, its dir holds no `..` or `./` and its password is an md5 digest; a cron job's type is the one
cron_edit.php derives from the command and the client's limit_cron_type; deleting a website (or a sub or alias
domain) leaves no database, shell user, FTP or WebDAV user, cron job or sub or alias domain in it (each table's
`parent`).

Where the simulator had to choose: the apache/nginx directive blacklists (security settings) block nothing;
`rewrite_to_https` and `enable_pagespeed` are enum('y','n') columns, so a number sent there picks by that order
in MySQL and by ('n', 'y') here (send y/n); a client_login session derives paths like the admin-level remote
user.
"""

import contextlib
import hashlib
import ipaddress
import re
from urllib.parse import urlsplit

from .ispconfig_base import (CUSTOM_BR, DOMAIN_FILTERS, REMOTING_CALLS, STRENGTH, _ADD, _DELETE, _UPDATE,
                             Fatal, Fault, Field, Form, FunctionGroup, PanelBase, Parent, Table, _columns,
                             checkbox, column_equals, idn_to_ascii, is_numeric, isint, loose_blank, notempty,
                             php_empty, php_intval, php_positive, php_str, php_trim, regex, required, same_key, unique,
                             NULL)
# the sites tests read it here, where sites answer it
from .ispconfig_base import PRIMARY_ID_MISSING  # noqa: F401 pylint: disable=unused-import


# --- PHP and MySQL details of the sites functions ------------------------------------------------

def mysql_native_password(password):
    """`*` + upper-case hex of SHA1(SHA1(password)): what MySQL's PASSWORD() and ISPConfig's getPasswordHash make."""
    return '*' + hashlib.sha1(hashlib.sha1(password.encode('utf-8')).digest()).hexdigest().upper()


def website_root(config, domain_id, owner):
    """sites_web_vhost_domain_plugin: the document root of website `domain_id` of client `owner` from the server's
    [web] website_path."""
    root = php_str(config.get('website_path')).replace('[website_id]', str(domain_id))
    for level in range(1, 5):  # the plugin hashes the website id with one level whatever the placeholder says
        root = root.replace('[website_idhash_%d]' % level, id_hash(domain_id, 1))
    root = root.replace('[client_id]', str(owner))
    for level in range(1, 5):
        root = root.replace('[client_idhash_%d]' % level, id_hash(owner, level))
    return root


def client_name(name):
    """tools_sites::convertClientName: lower case, spaces dropped, every other byte outside [a-z0-9_] -> `_`."""
    return ''.join('' if char == ' ' else char if re.match(r'[a-z0-9_]$', char) else '_'
                   for char in map(chr, php_trim(name).lower().encode('utf-8')))


def id_hash(number, levels):
    """sites_web_vhost_domain_plugin::id_hash: '3/2/1' for 123 and three levels."""
    parts = [str(int(number) % 10)]
    value = number / 10
    while len(parts) < levels:
        parts.append(str(int(value) % 10))
        value /= 10
    return '/'.join(parts)


# --- validators and filters of the sites forms (called by PanelBase._validate) ----------------------


def system_name(kind, message, web_names=False):
    """validate_systemuser::check_sysuser / check_sysgroup (functions::is_allowed_user / _group)."""
    pattern = {'user': r'web\d+', 'group': r'client\d+'}[kind]

    def check(sim, name, value, record, own_id):
        if name in ('system_user', 'system_group') and value == '-':
            return ''  # the API's placeholder, replaced after the insert
        candidate = php_trim(value.lower())
        allowed = (candidate not in ('root', 'ispconfig', 'vmail', 'getmail')
                   and re.fullmatch(r'[a-zA-Z0-9.\-_]{1,32}', candidate)
                   and (not web_names or re.fullmatch(pattern, candidate)))
        return '' if allowed else message + CUSTOM_BR
    return (check,)


def cron_time(message):
    """validate_cron::run_time_format (and run_month_format, which also takes @reboot)."""
    limits = {'run_min': (0, 59), 'run_hour': (0, 23), 'run_mday': (1, 31), 'run_month': (1, 12),
              'run_wday': (0, 7)}

    def check(sim, name, value, record, own_id):
        if name == 'run_month' and value == '@reboot':
            return ''
        low, high = limits[name]
        value = value.replace(' ', '')
        if not re.match(r'^[0-9\-,/*]+$', value, re.ASCII) or re.search(r'[\-,/][\-,/]', value):
            return message + CUSTOM_BR
        for entry in value.split(','):
            match = re.match(r'^(((\d+)(-(\d+))?)|\*)(/([1-9]\d*))?$', entry, re.ASCII)
            if not match:
                return message + CUSTOM_BR
            if match.group(1) != '*':
                first = int(match.group(3))
                if first < low or first > high:
                    return message + CUSTOM_BR
                if match.group(4) and (int(match.group(5)) < low or int(match.group(5)) > high
                                       or int(match.group(5)) <= first):
                    return message + CUSTOM_BR
            if match.group(6) and (int(match.group(7)) < 2 or int(match.group(7)) > high - 1):
                return message + CUSTOM_BR
        return ''
    return (check,)


def cron_command(message):
    """validate_cron::command_format: a URL must be http(s) with a host name; no line breaks or NUL."""
    def check(sim, name, value, record, own_id):
        if re.match(r'^(\w+)://', value, re.ASCII):
            parts = urlsplit(value)
            host = parts.hostname or ''
            if parts.scheme not in ('http', 'https') or value.split('://', 1)[0] not in ('http', 'https') \
                    or not re.match(r'^([a-z0-9][a-z0-9_\-]{0,62}\.)+([A-Za-z0-9\-]{2,63})$', host,
                                    re.IGNORECASE | re.ASCII):
                return message + CUSTOM_BR
        if any(char in value for char in '\n\r\0'):
            return message + CUSTOM_BR
        return ''
    return (check,)


def directory_in_website(message, table):
    """validate_systemuser::shelluser_dir and validate_ftpuser::ftp_dir: `dir` is the document_root of the
    website (of the stored row of `table` on update, of the sent parent_domain_id on add) or below it."""
    def check(sim, name, value, record, own_id):
        primary_id = sim.hosting_primary_id
        if primary_id > 0:
            stored = sim.tables[table].get(primary_id)
            parent_id = php_intval(stored['parent_domain_id']) if stored else 0
            if parent_id < 1:
                return message + CUSTOM_BR
        elif record.get('parent_domain_id') is None:
            return message + CUSTOM_BR
        else:
            parent_id = php_intval(record['parent_domain_id'])
        site = sim.tables['web_domain'].get(parent_id)
        if site is None:
            return message + CUSTOM_BR
        root = site['document_root'] or ''
        inside = value == root or value.startswith(root + '/')
        if '..' in value or './' in value or '/.' in value or len(root + '/') < 5:
            inside = False
        return '' if inside else message + CUSTOM_BR
    return (check,)


def web_domain_name(wildcard=False):
    """validate_domain::web_domain / alias_domain (sub_domain with wildcard)."""
    def check(sim, name, value, record, own_id):
        if php_empty(value):
            return 'domain_error_empty' + CUSTOM_BR
        if not re.match(r'^%s[\w.\-]{1,255}\.[a-zA-Z0-9\-]{2,63}$' % (r'(\*\.)?' if wildcard else ''), value,
                        re.ASCII):
            return 'domain_error_regex' + CUSTOM_BR
        if not sim.web_domain_unique(value, record):
            return 'domain_error_unique' + CUSTOM_BR
        if value.endswith('.acme.invalid'):
            return 'domain_error_acme_invalid' + CUSTOM_BR
        return ''
    return (check,)


def auto_subdomain(sim, name, value, record, own_id):
    """validate_domain::web_domain_autosub: `www.` / `*.` + the (unfiltered) domain must be free."""
    if php_empty(value):
        return ''
    if not sim.web_domain_unique(value + '.' + php_str(record.get('domain')), record, only_domain=True):
        return 'domain_error_autosub' + CUSTOM_BR
    return ''


def normalize_path(text):
    """functions::normalize_path: repeated slashes joined, `..` resolved (never above the start)."""
    parts = []
    for part in re.sub('/{2,}', '/', text).split('/'):
        if part == '..':
            if parts and parts[-1] != '':
                parts.pop()
        else:
            parts.append(part)
    return '/'.join(parts)

# --- tables ------------------------------------------------------------------------------------------


class MysqlPasswordField(Field):
    """A PASSWORD field with the tform encryption MYSQL (db->getPasswordHash)."""

    def hash(self, password):
        return mysql_native_password(password)


class Md5PasswordField(Field):
    """A PASSWORD field without an encryption: md5 of the text."""

    def hash(self, password):
        return hashlib.md5(password.encode('utf-8')).hexdigest()


class CleartextPasswordField(Field):
    """A PASSWORD field with the tform encryption CLEARTEXT: stored as sent."""

    def hash(self, password):
        return password


_WEB_DOMAIN_COLUMNS = _columns('domain_id', {
    'server_id': '0', 'ip_address': NULL, 'ipv6_address': NULL, 'domain': NULL, 'type': NULL,
    'parent_domain_id': '0', 'vhost_type': NULL, 'document_root': NULL, 'web_folder': NULL, 'system_user': NULL,
    'system_group': NULL, 'hd_quota': '0', 'traffic_quota': '-1', 'cgi': 'y', 'ssi': 'y', 'suexec': 'y',
    'errordocs': '1', 'is_subdomainwww': '1', 'subdomain': 'none', 'php': 'y', 'ruby': 'n', 'python': 'n',
    'perl': 'n', 'redirect_type': NULL, 'redirect_path': NULL, 'seo_redirect': NULL, 'rewrite_to_https': 'n',
    'ssl': 'n', 'ssl_letsencrypt': 'n', 'ssl_letsencrypt_exclude': 'n', 'ssl_state': NULL, 'ssl_locality': NULL,
    'ssl_organisation': NULL, 'ssl_organisation_unit': NULL, 'ssl_country': NULL, 'ssl_domain': NULL,
    'ssl_request': NULL, 'ssl_cert': NULL, 'ssl_bundle': NULL, 'ssl_key': NULL, 'ssl_action': NULL,
    'stats_password': NULL, 'stats_type': 'awstats', 'allow_override': 'All', 'apache_directives': NULL,
    'nginx_directives': NULL, 'php_fpm_use_socket': 'y', 'php_fpm_chroot': 'n', 'pm': 'ondemand',
    'pm_max_children': '10', 'pm_start_servers': '2', 'pm_min_spare_servers': '1', 'pm_max_spare_servers': '5',
    'pm_process_idle_timeout': '10', 'pm_max_requests': '0', 'php_open_basedir': NULL, 'custom_php_ini': NULL,
    'backup_interval': 'none', 'backup_copies': '1', 'backup_format_web': 'default', 'backup_format_db': 'gzip',
    'backup_encrypt': 'n', 'backup_password': '', 'backup_excludes': NULL, 'active': 'y',
    'traffic_quota_lock': 'n', 'proxy_directives': NULL, 'last_quota_notification': NULL, 'rewrite_rules': NULL,
    'added_date': NULL, 'added_by': NULL, 'directive_snippets_id': '0', 'enable_pagespeed': 'n',
    'http_port': '80', 'https_port': '443', 'folder_directive_snippets': NULL, 'log_retention': '10',
    'proxy_protocol': 'n', 'server_php_id': '0', 'jailkit_chroot_app_sections': NULL,
    'jailkit_chroot_app_programs': NULL, 'delete_unused_jailkit': 'n', 'last_jailkit_update': NULL,
    'last_jailkit_hash': NULL})
_SSL_TEXT = r'^(([\.]{0})|([-a-zA-Z0-9._,&äöüÄÖÜ ]{0,255}))$'
_REDIRECT_PATH = (r'^(([\.]{0})|((ftp|https?|\[scheme\])://([-\w\.]+)+(:\d+)?(/([\w/_\.\,\-\+\?\~!:%]*(\?\S+)?)?)?)'
                  r'(?:#\S*)?|(/(?!.*\.\.)[\w/_\.\-]{1,255}/))$')
_QUOTA = r'^(\-1|[0-9]{1,10})$'
_COUNT = r'^([1-9][0-9]{0,10})$'


# what the panel's pages always leave in each table (Table.invariants)


def web_domain_invariants(sim, row):
    name = 'web_domain %s' % row['domain']
    if sim.plugin_pending:
        return []
    if row['type'] not in ('vhost', 'alias', 'subdomain', 'vhostsubdomain', 'vhostalias'):
        return ['%s: type %r is not a kind the panel makes' % (name, row['type'])]
    if row['type'] != 'vhost':
        return child_domain_invariants(sim, row, name)
    problems = []
    owner = sim._group_client_id(row['sys_groupid'])
    config = sim.server_config(row['server_id']).get('web', {})
    wanted = dict(system_user='web%s' % row['domain_id'], system_group='client%d' % owner,
                  document_root=website_root(config, php_intval(row['domain_id']), owner))
    problems += ['%s: %s %r is not the %r the panel derives for its owner (client %d)' % (
        name, column, row[column], value, owner) for column, value in wanted.items() if row[column] != value]
    choices = dict(vhost_type=('name', 'ip'), subdomain=('none', 'www', '*'),
                   php=('no', 'fast-cgi', 'cgi', 'mod', 'suphp', 'php-fpm', 'hhvm'),
                   pm=('static', 'dynamic', 'ondemand'), backup_interval=('none', 'daily', 'weekly', 'monthly'),
                   backup_format_web=('default', 'zip', 'zip_bzip2', 'tar_gzip', 'tar_bzip2', 'tar_xz',
                                      'tar_7z_lzma2', 'tar_7z_lzma'),
                   backup_format_db=('zip', 'zip_bzip2', 'gzip', 'bzip2', 'xz', '7z_lzma2', '7z_lzma', '7z_ppmd'))
    problems += ['%s: %s %r is not a choice of the panel (%s)' % (name, column, row[column], ', '.join(values))
                 for column, values in choices.items() if row[column] not in values]
    if php_intval(row['backup_copies']) < 1:
        problems.append('%s: backup_copies %s is not a choice of the panel (1 to 30)' % (name, row['backup_copies']))
    if row['server_php_id'] != '0' and not any(
            version['server_php_id'] == row['server_php_id'] and version['active'] == 'y'
            for version in sim._php_versions(row['server_id'], row['php'])):
        problems.append('%s: server_php_id %s is no active PHP version of its server for %s (the panel offers '
                        'only those, and resets it to 0)' % (name, row['server_php_id'], row['php']))
    return problems


# functions::is_blacklisted_web_path (interface/lib/classes/system.inc.php): no web_folder below these
BLACKLISTED_WEB_FOLDERS = ('bin', 'cgi-bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'log', 'ssl', 'usr', 'var', 'proc',
                           'net', 'sys', 'srv', 'sbin', 'run')


def child_domain_invariants(sim, row, name):
    """A sub or alias domain as web_childdomain_edit.php / web_vhost_domain_edit.php make it: of an existing
    website, on its server and in its owner group; a subdomain below the website's domain; a vhost kind with the
    website's paths and system user (never the API's `-`) and a web folder of its own that is no system folder."""
    site = sim.tables['web_domain'].get(php_intval(row['parent_domain_id']))
    if site is None or site['type'] != 'vhost':
        return ['%s: website %s does not exist (the panel offers only existing websites)' % (
            name, row['parent_domain_id'])]
    problems = ['%s: %s %s is not the %s of its website (%s)' % (name, column, row[column], column, site[column])
                for column in ('server_id', 'sys_groupid') if row[column] != site[column]]
    if row['type'] in ('subdomain', 'vhostsubdomain') and not php_str(row['domain']).endswith('.' + site['domain']):
        problems.append('%s: not below its website %s (the panel appends the website\'s domain)' % (
            name, site['domain']))
    if row['type'] not in ('vhostsubdomain', 'vhostalias'):
        return problems
    problems += ['%s: %s %r is not the website\'s %r (the panel copies it)' % (name, column, row[column], site[column])
                 for column in ('document_root', 'system_user', 'system_group', 'allow_override')
                 if row[column] != site[column]]
    folder = php_str(row['web_folder'])
    if folder == '' or folder.split('/')[0].lower() in BLACKLISTED_WEB_FOLDERS:
        problems.append('%s: web_folder %r is empty or a system folder (the panel refuses it)' % (name, folder))
    if any(other['domain_id'] != row['domain_id'] and other['parent_domain_id'] == row['parent_domain_id']
           and other['type'] in ('vhostsubdomain', 'vhostalias') and php_str(other['web_folder']).lower() ==
           folder.lower() for other in sim.tables['web_domain'].values()):
        problems.append('%s: web_folder %r is also the folder of another sub or alias domain of its website' % (
            name, folder))
    return problems


def web_database_invariants(sim, row):
    name = 'web_database %s' % row['database_name']
    if sim.plugin_pending:
        return []
    problems, site = sim._panel_website(name, row)
    if site is not None:
        problems += sim._panel_name(name, row, 'database_name', 'dbname_prefix', 64, site['domain_id'])
    if row['type'] != 'mysql':
        problems.append('%s: type %r is not the panel\'s mysql' % (name, row['type']))
    if row['database_user_id'] not in (None, '0'):
        user = sim.tables['web_database_user'].get(php_intval(row['database_user_id']))
        if user is None or user['sys_groupid'] != row['sys_groupid']:
            problems.append('%s: database user %s is none of its client\'s (the panel offers only those)' % (
                name, row['database_user_id']))
    if row['remote_access'] == 'y':
        for address in php_str(row['remote_ips']).split(','):
            try:
                ipaddress.ip_address(address.strip())
            except ValueError:
                if address.strip():
                    problems.append('%s: remote IP %r is no address (validate_database)' % (name, address))
    return problems


def web_database_user_invariants(sim, row):
    name = 'web_database_user %s' % row['database_user']
    problems = sim._panel_name(name, row, 'database_user', 'dbuser_prefix', 16)
    if row['server_id'] != '0':
        problems.append('%s: server_id %s; the panel puts database users on every server (0)' % (
            name, row['server_id']))
    if not row['database_password']:
        problems.append('%s: no password (the panel requires one)' % name)
    return problems


def shell_user_invariants(sim, row):
    name = 'shell_user %s' % row['username']
    problems, site = sim._panel_website(name, row)
    if site is None:
        return problems
    problems += sim._panel_name(name, row, 'username', 'shelluser_prefix', 32, site['domain_id'])
    for column, source in (('puser', 'system_user'), ('pgroup', 'system_group')):
        if row[column] != site[source]:
            problems.append('%s: %s %r is not the website\'s %s %r' % (
                name, column, row[column], source, site[source]))
    root = site['document_root'] or ''
    if row['dir'] != root and not php_str(row['dir']).startswith(root + '/'):
        problems.append('%s: dir %r is outside the website (%s)' % (name, row['dir'], root))
    if row['chroot'] not in ('no', 'jailkit'):
        problems.append('%s: chroot %r is not a choice of the panel (no, jailkit)' % (name, row['chroot']))
    return problems


def ftp_user_invariants(sim, row):
    name = 'ftp_user %s' % row['username']
    problems, site = sim._panel_website(name, row)
    if site is None:
        return problems
    problems += sim._panel_name(name, row, 'username', 'ftpuser_prefix', 64, site['domain_id'])
    for column, source in (('uid', 'system_user'), ('gid', 'system_group')):
        if row[column] != site[source]:
            problems.append('%s: %s %r is not the website\'s %s %r' % (
                name, column, row[column], source, site[source]))
    root = site['document_root'] or ''
    if row['dir'] != root and not php_str(row['dir']).startswith(root + '/'):
        problems.append('%s: dir %r is outside the website (%s)' % (name, row['dir'], root))
    return problems


def webdav_user_invariants(sim, row):
    """webdav_user_edit.php: the website's server and owner group, the webdavuser_prefix, a dir without `..` or
    `./`, and the password as md5(username:dir:password) (the API stores it in clear text)."""
    name = 'webdav_user %s' % row['username']
    problems, site = sim._panel_website(name, row)
    if site is None:
        return problems
    problems += sim._panel_name(name, row, 'username', 'webdavuser_prefix', 64, site['domain_id'])
    if '..' in php_str(row['dir']) or './' in php_str(row['dir']):
        problems.append('%s: dir %r holds .. or ./' % (name, row['dir']))
    if not re.fullmatch(r'[0-9a-f]{32}', php_str(row['password'])):
        problems.append('%s: the password is not the md5(username:dir:password) hash the panel stores' % name)
    return problems


def cron_invariants(sim, row):
    name = 'cron %r' % row['command']
    problems, site = sim._panel_website(name, row)
    if site is None:
        return problems
    if re.match(r'^https?://', php_str(row['command']), re.IGNORECASE):
        wanted = 'url'
    else:
        owner = sim.tables['client'].get(sim._group_client_id(site['sys_groupid']))
        wanted = 'full' if owner is None or owner['limit_cron_type'] == 'full' else 'chrooted'
    if row['type'] != wanted:
        problems.append('%s: type %r is not the %r the panel derives from the command and the client\'s '
                        'limit_cron_type' % (name, row['type'], wanted))
    return problems


# remote function groups as System > Remote Users offers them (interface/web/*/lib/remote.conf.php)
SITES_CRON = FunctionGroup('sites_cron', 'Sites cron functions', [
    'sites_cron_get', 'sites_cron_add', 'sites_cron_update', 'sites_cron_delete'])
SITES_DATABASE = FunctionGroup('sites_database', 'Sites database functions', [
    'sites_database_get', 'sites_database_add', 'sites_database_update', 'sites_database_delete',
    'sites_database_get_all_by_user', 'sites_database_user_get', 'sites_database_user_add',
    'sites_database_user_update', 'sites_database_user_delete', 'sites_database_user_get_all_by_user'])
SITES_SHELL_USER = FunctionGroup('sites_shell_user', 'Sites Shell-User functions', [
    'sites_shell_user_get', 'sites_shell_user_add', 'sites_shell_user_update', 'sites_shell_user_delete'])
SITES_FTP_USER = FunctionGroup('sites_ftp_user', 'Sites FTP-User functions', [
    'sites_ftp_user_get', 'sites_ftp_user_add', 'sites_ftp_user_update', 'sites_ftp_user_delete',
    'sites_ftp_user_server_get'])
SITES_WEBDAV_USER = FunctionGroup('sites_webdav_user', 'Sites WebDAV-User functions', [
    'sites_webdav_user_get', 'sites_webdav_user_add', 'sites_webdav_user_update', 'sites_webdav_user_delete'])
SITES_WEB_DOMAIN = FunctionGroup('sites_web_domain', 'Sites Domain functions', [
    'sites_web_domain_get', 'sites_web_domain_add', 'sites_web_domain_update', 'sites_web_domain_delete',
    'sites_web_domain_set_status'])
SITES_WEB_ALIASDOMAIN = FunctionGroup('sites_web_aliasdomain', 'Sites Aliasdomain functions', [
    'sites_web_aliasdomain_get', 'sites_web_aliasdomain_add', 'sites_web_aliasdomain_update',
    'sites_web_aliasdomain_delete'])
SITES_WEB_SUBDOMAIN = FunctionGroup('sites_web_subdomain', 'Sites Subdomain functions', [
    'sites_web_subdomain_get', 'sites_web_subdomain_add', 'sites_web_subdomain_update',
    'sites_web_subdomain_delete'])

IN_WEBSITE = Parent('web_domain', 'parent_domain_id', 'website')
WEB_DOMAIN_TABLE = Table('web_domain', 'domain_id', _WEB_DOMAIN_COLUMNS, label='web_domain {domain}',
                         invariants=web_domain_invariants, parent=IN_WEBSITE)  # sub and alias domains of a website
WEB_DATABASE_TABLE = Table('web_database', 'database_id', _columns('database_id', {
    'server_id': '0', 'parent_domain_id': '0', 'type': 'y', 'database_name': NULL, 'database_name_prefix': '',
    'database_quota': NULL, 'quota_exceeded': 'n', 'last_quota_notification': NULL, 'database_user_id': NULL,
    'database_ro_user_id': NULL, 'database_charset': NULL, 'remote_access': 'y', 'remote_ips': NULL,
    'backup_interval': 'none', 'backup_copies': '1', 'active': 'y'}), label='web_database {database_name}',
    invariants=web_database_invariants, parent=IN_WEBSITE)
WEB_DATABASE_USER_TABLE = Table('web_database_user', 'database_user_id', _columns('database_user_id', {
    'server_id': '0', 'database_user': NULL, 'database_user_prefix': '', 'database_password': NULL,
    'database_password_mongo': NULL}), label='web_database_user {database_user}',
    invariants=web_database_user_invariants, parent=None)
SHELL_USER_TABLE = Table('shell_user', 'shell_user_id', _columns('shell_user_id', {
    'server_id': '0', 'parent_domain_id': '0', 'username': NULL, 'username_prefix': '', 'password': NULL,
    'quota_size': '-1', 'active': 'y', 'puser': NULL, 'pgroup': NULL, 'shell': '/bin/bash', 'dir': NULL,
    'chroot': '', 'ssh_rsa': NULL}), label='shell_user {username}', invariants=shell_user_invariants,
    parent=IN_WEBSITE)
FTP_USER_TABLE = Table('ftp_user', 'ftp_user_id', _columns('ftp_user_id', {
    'server_id': '0', 'parent_domain_id': '0', 'username': NULL, 'username_prefix': '', 'password': NULL,
    'quota_size': '-1', 'active': 'y', 'uid': NULL, 'gid': NULL, 'dir': NULL, 'quota_files': '-1', 'ul_ratio': '-1',
    'dl_ratio': '-1', 'ul_bandwidth': '-1', 'dl_bandwidth': '-1', 'expires': NULL, 'user_type': 'user',
    'user_config': NULL}), label='ftp_user {username}', invariants=ftp_user_invariants, parent=IN_WEBSITE)
WEBDAV_USER_TABLE = Table('webdav_user', 'webdav_user_id', _columns('webdav_user_id', {
    'server_id': '0', 'parent_domain_id': '0', 'username': NULL, 'username_prefix': '', 'password': NULL,
    'active': 'y', 'dir': NULL}), label='webdav_user {username}', invariants=webdav_user_invariants,
    parent=IN_WEBSITE)
CRON_TABLE = Table('cron', 'id', _columns('id', {
    'server_id': '0', 'parent_domain_id': '0', 'type': 'url', 'command': NULL, 'run_min': NULL, 'run_hour': NULL,
    'run_mday': NULL, 'run_month': NULL, 'run_wday': NULL, 'log': 'n', 'active': 'y'}), label='cron {command}',
    invariants=cron_invariants, parent=IN_WEBSITE)
# System > Additional PHP Versions (the add_php_version control writes it)
SERVER_PHP_TABLE = Table('server_php', 'server_php_id', label='server_php {name}', invariants=None, parent=None)
SERVERDOMAIN = ('server_id', 'ip_address', 'domain')  # UNIQUE KEY serverdomain of web_domain

# web_vhost_domain.tform.php as the API loads it (an admin session: every tab), fields in form order
WEB_DOMAIN = Form('sites_web_domain', WEB_DOMAIN_TABLE, group=SITES_WEB_DOMAIN, calls=dict(
    REMOTING_CALLS, add=('sites_web_domain_add', _ADD + ('readonly',)), update=('sites_web_domain_update', _UPDATE)),
    fields=[
    Field('server_id', 'int', validators=(required('no_server_error'),)),
    Field('ip_address'), Field('ipv6_address'),
    Field('domain', filters=DOMAIN_FILTERS, validators=(web_domain_name(),)),
    Field('type'), Field('parent_domain_id', 'int'), Field('vhost_type'),
    Field('hd_quota', 'int', validators=(required('hd_quota_error_empty'), regex(_QUOTA, 'hd_quota_error_regex'))),
    Field('traffic_quota', 'int', validators=(required('traffic_quota_error_empty'),
                                              regex(_QUOTA, 'traffic_quota_error_regex'))),
    checkbox('cgi'), checkbox('ssi'), checkbox('suexec'), Field('errordocs', 'int'),
    Field('subdomain', 'enum', enum=('none', 'www', '*'), validators=((auto_subdomain,),)),
    checkbox('ssl'), checkbox('ssl_letsencrypt'), Field('php'), Field('server_php_id', 'int'),
    checkbox('perl'), checkbox('ruby'), checkbox('python'), checkbox('enable_pagespeed'), checkbox('active'),
    Field('web_folder', filters=(php_trim,), validators=(
        regex(r'^((?!(.*\.\.)|(.*\./)|(.*//))[^/][\w/_\.\-]{1,100})?$', 'web_folder_error_regex'),)),
    Field('redirect_type'),
    Field('redirect_path', validators=(regex(_REDIRECT_PATH, 'redirect_error_regex'),)),
    Field('seo_redirect'), Field('rewrite_rules', 'text'), checkbox('rewrite_to_https'),
    Field('ssl_state', validators=(regex(_SSL_TEXT, 'ssl_state_error_regex'),)),
    Field('ssl_locality', validators=(regex(_SSL_TEXT, 'ssl_locality_error_regex'),)),
    Field('ssl_organisation', validators=(regex(_SSL_TEXT, 'ssl_organisation_error_regex'),)),
    Field('ssl_organisation_unit', validators=(regex(_SSL_TEXT, 'ssl_organistaion_unit_error_regex'),)),
    Field('ssl_country'), Field('ssl_domain', filters=('STRIPTAGS', 'STRIPNL')),
    # text areas with a filter: a missing value is filtered to '' (varchar here)
    Field('ssl_key', filters=('STRIPTAGS',)), Field('ssl_request', filters=('STRIPTAGS',)),
    Field('ssl_cert', filters=('STRIPTAGS',)), Field('ssl_bundle', filters=('STRIPTAGS',)),
    Field('ssl_action'),
    Field('stats_password', 'password', validators=(STRENGTH,)), Field('stats_type'),
    Field('backup_interval'), Field('backup_copies', 'int'),
    Field('backup_excludes', validators=(regex(r'^(?!.*\.\.)[-a-zA-Z0-9_/.~,*]*$', 'backup_excludes_error_regex'),)),
    Field('backup_format_web'), Field('backup_format_db'), checkbox('backup_encrypt'), Field('backup_password'),
    Field('document_root', validators=(required('documentroot_error_empty'),)),
    Field('system_user', validators=(required('sysuser_error_empty'),
                                     system_name('user', 'invalid_system_user_or_group_txt', web_names=True))),
    Field('system_group', validators=(required('sysgroup_error_empty'),
                                      system_name('group', 'invalid_system_user_or_group_txt', web_names=True))),
    Field('allow_override', validators=(required('allow_override_error_empty'),)),
    checkbox('proxy_protocol'), checkbox('php_fpm_use_socket'), checkbox('php_fpm_chroot'),
    Field('pm', 'enum', enum=('static', 'dynamic', 'ondemand')),
    Field('pm_max_children', 'int', validators=(regex(_COUNT, 'pm_max_children_error_regex'),)),
    Field('pm_start_servers', 'int', validators=(regex(_COUNT, 'pm_start_servers_error_regex'),)),
    Field('pm_min_spare_servers', 'int', validators=(regex(_COUNT, 'pm_min_spare_servers_error_regex'),)),
    Field('pm_max_spare_servers', 'int', validators=(regex(_COUNT, 'pm_max_spare_servers_error_regex'),)),
    Field('pm_process_idle_timeout', 'int', validators=(regex(_COUNT, 'pm_process_idle_timeout_error_regex'),)),
    Field('pm_max_requests', 'int', validators=(regex(r'^([0-9]{1,11})$', 'pm_max_requests_error_regex'),)),
    Field('php_open_basedir'), Field('custom_php_ini', 'text'),
    # the directive blacklists depend on the security settings; not modelled (nothing is blocked)
    Field('apache_directives', 'text'), Field('nginx_directives', 'text'), Field('proxy_directives', 'text'),
    Field('added_date', 'datetime'), Field('added_by'),
    Field('http_port', 'int', validators=(regex(r'^([0-9]{1,5})$', 'http_port_error_regex'),)),
    Field('https_port', 'int', validators=(regex(r'^([0-9]{1,5})$', 'https_port_error_regex'),)),
    Field('log_retention', 'int', validators=(regex(r'^([0-9]{1,4})$', 'log_retention_error_regex'),)),
    Field('jailkit_chroot_app_sections', 'text', validators=(
        regex(r'^[a-zA-Z0-9\-\_\ ]*$', 'jailkit_chroot_app_sections_error_regex'),)),
    Field('jailkit_chroot_app_programs', 'text', validators=(
        regex(r'^[a-zA-Z0-9\.\-\_\/\ ]*$', 'jailkit_chroot_app_programs_error_regex'),)),
    checkbox('delete_unused_jailkit'),
])

# web_childdomain.tform.php: the API never sets the session's childdomain_type, so sites_web_subdomain_* and
# sites_web_aliasdomain_* both get the alias-domain variant (alias_domain validator, subdomain and seo_redirect)
WEB_CHILDDOMAIN_FIELDS = [
    Field('server_id', 'int'),
    Field('domain', filters=DOMAIN_FILTERS, validators=(web_domain_name(),)),
    Field('type'), Field('parent_domain_id', 'int'), Field('redirect_type'),
    Field('redirect_path', validators=(regex(_REDIRECT_PATH, 'redirect_error_regex'),)),
    checkbox('ssl_letsencrypt_exclude'), checkbox('active'),
    Field('subdomain', 'enum', enum=('none', 'www', '*'), validators=((auto_subdomain,),)),
    Field('seo_redirect'), Field('proxy_directives', 'text'),
]
WEB_SUBDOMAIN = Form('sites_web_subdomain', WEB_DOMAIN_TABLE, WEB_CHILDDOMAIN_FIELDS, group=SITES_WEB_SUBDOMAIN,
                     calls=REMOTING_CALLS)
WEB_ALIASDOMAIN = Form('sites_web_aliasdomain', WEB_DOMAIN_TABLE, WEB_CHILDDOMAIN_FIELDS,
                       group=SITES_WEB_ALIASDOMAIN, calls=REMOTING_CALLS)

# sites_web_vhost_subdomain_* / sites_web_vhost_aliasdomain_*: the website's form (web_vhost_domain.tform.php as
# the API loads it), allowed by the sub and alias domain permissions; the add raises an event no plugin listens to
_VHOST_CHILD_CALLS = dict(REMOTING_CALLS, add=('sites_web_vhost_child_add', _ADD),
                          update=('sites_web_domain_update', _UPDATE))
WEB_VHOST_SUBDOMAIN = Form('sites_web_vhost_subdomain', WEB_DOMAIN_TABLE, WEB_DOMAIN.fields, group=SITES_WEB_SUBDOMAIN,
                           calls=_VHOST_CHILD_CALLS)
WEB_VHOST_ALIASDOMAIN = Form('sites_web_vhost_aliasdomain', WEB_DOMAIN_TABLE, WEB_DOMAIN.fields,
                             group=SITES_WEB_ALIASDOMAIN, calls=_VHOST_CHILD_CALLS)

WEB_DATABASE_USER = Form('sites_database_user', WEB_DATABASE_USER_TABLE, group=SITES_DATABASE, calls=dict(
    REMOTING_CALLS, delete=('sites_database_user_delete', _DELETE)), fields=[
    Field('server_id', 'int'),
    Field('database_user', validators=(required('database_user_error_empty'), unique('database_user_error_unique'),
                                       regex(r'^[a-zA-Z0-9_]{2,64}$', 'database_user_error_regex'))),
    Field('database_user_prefix'),
    MysqlPasswordField('database_password', 'password', validators=(STRENGTH,)),
    Md5PasswordField('database_password_mongo', 'password'),
])

WEB_DATABASE = Form('sites_database', WEB_DATABASE_TABLE, group=SITES_DATABASE, calls=dict(
    REMOTING_CALLS, add=('sites_database_add', _ADD), update=('sites_database_update', _UPDATE)), fields=[
    Field('server_id', 'int'), Field('parent_domain_id', 'int'), Field('type'),
    Field('database_name', validators=(required('database_name_error_empty'),
                                       regex(r'^[a-zA-Z0-9_]{2,64}$', 'database_name_error_regex'))),
    Field('database_name_prefix'),
    Field('database_quota', 'int', validators=(isint('limit_database_quota_error_notint'),)),
    Field('database_user_id', 'int'), Field('database_ro_user_id', 'int'), Field('database_charset'),
    checkbox('remote_access'), checkbox('active'),
    # validate_database::valid_ip_list reads $_POST['remote_access'], which the API never has: no check
    Field('remote_ips', 'text'),
])

SHELL_USER = Form('sites_shell_user', SHELL_USER_TABLE, group=SITES_SHELL_USER, calls=REMOTING_CALLS, fields=[
    Field('server_id', 'int'), Field('parent_domain_id', 'int'),
    Field('username', validators=(unique('username_error_unique'),
                                  regex(r'^[\w\.\-]{0,32}$', 'username_error_regex'),
                                  system_name('user', 'invalid_username_txt'))),
    Field('username_prefix'),
    Field('password', 'password', validators=(STRENGTH,)),
    Field('chroot'),
    Field('quota_size', 'int', validators=(required('quota_size_error_empty'),)),
    checkbox('active'), Field('ssh_rsa'),
    Field('puser', validators=(required('uid_error_empty'),
                               system_name('user', 'invalid_system_user_or_group_txt', web_names=True))),
    Field('pgroup', validators=(required('uid_error_empty'),
                                system_name('group', 'invalid_system_user_or_group_txt', web_names=True))),
    Field('shell', validators=(required('shell_error_empty'), regex(r'^\/[a-zA-Z0-9\/]{5,20}$', 'shell_error_regex'))),
    Field('dir', filters=(normalize_path,), validators=(
        required('directory_error_empty'), regex(r'^\/[a-zA-Z0-9\ \.\-\_\/]{10,128}$', 'directory_error_regex'),
        directory_in_website('directory_error_notinweb', 'shell_user'))),
])

# ftp_user.tform.php (an admin session: the FTP User and Options tabs); the API derives none of uid, gid and dir
FTP_USER = Form('sites_ftp_user', FTP_USER_TABLE, group=SITES_FTP_USER, calls=REMOTING_CALLS, fields=[
    Field('server_id', 'int'), Field('parent_domain_id', 'int'),
    Field('username', validators=(unique('username_error_unique'),
                                  regex(r'^[\w\.\-@]{0,64}$', 'username_error_regex'))),
    Field('username_prefix'),
    Field('password', 'password', validators=(STRENGTH,)),
    Field('quota_size', 'int', validators=(required('quota_size_error_empty'),
                                           regex(_QUOTA, 'quota_size_error_regex'))),
    checkbox('active'),
    Field('uid', validators=(required('uid_error_empty'),
                             system_name('user', 'invalid_system_user_or_group_txt'))),
    Field('gid', validators=(required('gid_error_empty'),
                             system_name('group', 'invalid_system_user_or_group_txt'))),
    Field('dir', validators=(
        required('directory_error_empty'), regex(r'^\/[a-zA-Z0-9\ \.\-\_\/]{10,128}$', 'directory_error_regex'),
        directory_in_website('directory_error_notinweb', 'ftp_user'))),
    Field('quota_files', 'int'), Field('ul_ratio', 'int'), Field('dl_ratio', 'int'), Field('ul_bandwidth', 'int'),
    Field('dl_bandwidth', 'int'), Field('expires', 'datetime'),
])

# webdav_user.tform.php: the password's encryption is CLEARTEXT and only dir is required; the panel's page
# (webdav_user_edit.php: prefix, md5 digest, server and group of the website, username and dir kept) does not run
WEBDAV_USER = Form('sites_webdav_user', WEBDAV_USER_TABLE, group=SITES_WEBDAV_USER, calls=REMOTING_CALLS, fields=[
    Field('server_id', 'int'), Field('parent_domain_id', 'int'),
    Field('username', validators=(unique('username_error_unique'),
                                  regex(r'^[\w\.\-@]{0,64}$', 'username_error_regex'))),
    Field('username_prefix'),
    CleartextPasswordField('password', 'password', validators=(STRENGTH,)),
    checkbox('active'),
    Field('dir', validators=(notempty('directory_error_empty'),)),
])

CRON = Form('sites_cron', CRON_TABLE, group=SITES_CRON, calls={  # its id argument is cron_id
    'get': ('generic_get', ('session_id', 'cron_id')), 'add': ('hosting_add', _ADD),
    'update': ('hosting_update', ('session_id', 'client_id', 'cron_id', 'params')),
    'delete': ('hosting_delete', ('session_id', 'cron_id'))}, fields=[
    Field('server_id', 'int', validators=(required('server_id_error_empty'),)),
    Field('parent_domain_id', 'int'),
    Field('run_min', validators=(cron_time('run_min_error_format'),)),
    Field('run_hour', validators=(cron_time('run_hour_error_format'),)),
    Field('run_mday', validators=(cron_time('run_mday_error_format'),)),
    Field('run_month', validators=(cron_time('run_month_error_format'),)),
    Field('run_wday', validators=(cron_time('run_wday_error_format'),)),
    Field('command', validators=(required('command_error_empty'), cron_command('command_error_format'))),
    Field('type', 'enum', enum=('url', 'chrooted', 'full')),  # the column's order (MySQL enum index)
    checkbox('log'), checkbox('active'),
])


class HostingPanel(PanelBase):
    """The sites_* functions, their tables and forms."""

    tables = (WEB_DOMAIN_TABLE, WEB_DATABASE_TABLE, WEB_DATABASE_USER_TABLE, SHELL_USER_TABLE, FTP_USER_TABLE,
              WEBDAV_USER_TABLE, CRON_TABLE, SERVER_PHP_TABLE)
    forms = (WEB_DOMAIN, WEB_SUBDOMAIN, WEB_ALIASDOMAIN, WEB_VHOST_SUBDOMAIN, WEB_VHOST_ALIASDOMAIN, WEB_DATABASE,
             WEB_DATABASE_USER, SHELL_USER, FTP_USER, WEBDAV_USER, CRON)
    functions = {
        'sites_web_domain_set_status': ('sites_web_domain_set_status', ('session_id', 'primary_id', 'status')),
        'sites_ftp_user_server_get': ('sites_ftp_user_server_get', ('session_id', 'ftp_user')),
        'sites_database_get_all_by_user': ('sites_database_get_all_by_user', ('session_id', 'client_id')),
        'server_get_php_versions': ('server_get_php_versions', ('session_id', 'server_id', 'php', 'get_full_data')),
    }
    permission_of = dict({'sites_database_get_all_by_user': 'sites_database_get', 'server_get_php_versions': 'server_get'},
                         **dict(('sites_web_vhost_%s_%s' % (kind, call), 'sites_web_%s_%s' % (kind, call))
                                for kind in ('subdomain', 'aliasdomain') for call in ('get', 'add', 'update', 'delete')))

    # --- state ---------------------------------------------------------------------------------
    def seed(self):
        super().seed()
        self.plugin_pending = False  # an add whose interface plugin has not run yet: its row is checked after it

    def control(self, name, payload):
        """add_php_version {"name", "server_id": 1, "modes": ["php-fpm", "fast-cgi"], "active": "y", "client_id": 0}
        -> {"server_php_id"}: an additional PHP version (System > Additional PHP Versions) for those modes."""
        if name != 'add_php_version':
            return super().control(name, payload)
        modes = payload.get('modes', ['php-fpm', 'fast-cgi'])
        version = payload['name']
        fpm = 'php-fpm' in modes
        fastcgi = 'fast-cgi' in modes
        row = {'sys_userid': '1', 'sys_groupid': '1', 'sys_perm_user': 'riud', 'sys_perm_group': 'riud',
               'sys_perm_other': '', 'server_id': str(payload.get('server_id', 1)),
               'client_id': str(payload.get('client_id', 0)), 'name': version,
               'php_fastcgi_binary': '/opt/%s/bin/php-cgi' % version if fastcgi else '',
               'php_fastcgi_ini_dir': '/opt/%s/lib' % version if fastcgi else '',
               'php_fpm_init_script': 'php%s-fpm' % version if fpm else '',
               'php_fpm_ini_dir': '/opt/%s/lib' % version if fpm else '',
               'php_fpm_pool_dir': '/opt/%s/pool.d' % version if fpm else '',
               'php_fpm_socket_dir': '', 'active': payload.get('active', 'y'), 'sortprio': '100'}
        return {'server_php_id': self._insert('server_php', row)}

    # --- web domains ---------------------------------------------------------------------------------
    @staticmethod
    def _web_domain_defaults(params, placeholders):
        """What sites_web_domain_add/_update put into params before the form sees them."""
        names = ('document_root', 'system_user', 'system_group') if placeholders else ()
        for name in names:
            if loose_blank(params.get(name)):
                params[name] = '-'
        if loose_blank(params.get('log_retention')):
            params['log_retention'] = 30
        for name in ('pm_max_children', 'pm_start_servers', 'pm_min_spare_servers', 'pm_max_spare_servers'):
            if loose_blank(params.get(name)):
                params[name] = 1
        return params

    def sites_web_domain_add(self, method, session_id, client_id, params, readonly):
        session = self._check_perm(session_id, method)
        params = self._params(params, method)
        if php_empty(params.get('client_group_id')):
            group = None if client_id is None else self._find('sys_group', 'client_id', str(php_intval(client_id)))
            params['client_group_id'] = group['groupid'] if group else None
        self.hosting_primary_id = 0
        with self._plugin_after_insert():
            domain_id = self._insert_record(method, WEB_DOMAIN, client_id, self._web_domain_defaults(params, True),
                                            session)
            self._refuse_duplicate('web_domain', int(domain_id), SERVERDOMAIN)
            self._vhost_plugin(int(domain_id), params, client_id)
        if readonly is True:
            self.tables['web_domain'][int(domain_id)]['sys_userid'] = '1'
        self._check_panel(method, 'web_domain', int(domain_id))
        return domain_id

    def sites_web_vhost_child_add(self, method, session_id, client_id, params):
        """sites_web_vhost_subdomain_add / _aliasdomain_add: the website add's placeholders and defaults, then
        nothing: the event it raises has no plugin, so document_root, system_user and system_group stay `-`."""
        session = self._check_perm(session_id, method)
        params = self._params(params, method)
        self.hosting_primary_id = 0
        with self._plugin_after_insert():
            domain_id = self._insert_record(method, self._form(method), client_id,
                                            self._web_domain_defaults(params, True), session)
            self._refuse_duplicate('web_domain', int(domain_id), SERVERDOMAIN)
        self._check_panel(method, 'web_domain', int(domain_id))
        return domain_id

    @contextlib.contextmanager
    def _plugin_after_insert(self):
        """The panel invariants of a row are checked once the interface plugin of its add has run."""
        self.plugin_pending = True
        try:
            yield
        finally:
            self.plugin_pending = False

    def _vhost_plugin(self, domain_id, params, client_id):
        """sites_web_vhost_domain_plugin on sites:web_vhost_domain:on_after_insert, as an admin session."""
        row = self.tables['web_domain'][domain_id]
        group_id = params.get('client_group_id')
        if group_id is not None:
            if self.system_config().get('sites', {}).get('client_protection') == 'y':
                row.update(sys_groupid=str(php_intval(group_id)), sys_perm_group='ru')
            else:
                user = self._find('sys_user', 'default_group', str(php_intval(group_id)))
                row.update(sys_userid=user['userid'] if user else '1', sys_groupid=str(php_intval(group_id)),
                           sys_perm_group='riud')
            if self._is_reseller(client_id):
                row.update(sys_groupid=str(php_intval(group_id)), sys_perm_group='riud')
        config = self.server_config(params.get('server_id')).get('web', {})
        if php_str(params.get('type')) in ('vhostalias', 'vhostsubdomain'):
            self._child_vhost_paths(row, params, config)
            return
        owner = self._group_client_id(row['sys_groupid'] if group_id is None else group_id)
        root = website_root(config, domain_id, owner)
        basedir = php_str(config.get('php_open_basedir')).replace('[website_path]', root)
        basedir = basedir.replace('[website_domain]', idn_to_ascii(php_str(params.get('domain'))))
        row.update(system_user='web%d' % domain_id, system_group='client%d' % owner, document_root=root,
                   allow_override=php_str(config.get('htaccess_allow_override')), php_open_basedir=basedir)

    def _child_vhost_paths(self, row, params, config):
        """The plugin for type vhostsubdomain/vhostalias: paths, owner group and overrides from the parent."""
        if loose_blank(params.get('parent_domain_id')) or params.get('parent_domain_id') == 0:
            return
        parent = self.tables['web_domain'].get(php_intval(params['parent_domain_id'])) or {}
        root = parent.get('document_root') or ''
        folder = php_str(params.get('web_folder'))
        domain = idn_to_ascii(php_str(params.get('domain')))
        basedir = php_str(config.get('php_open_basedir')).replace('[website_path]/web', root + '/' + folder)
        basedir = basedir.replace('[website_domain]/web', domain + '/' + folder)
        basedir = basedir.replace('[website_path]', root).replace('[website_domain]', domain)
        row.update(sys_groupid=parent.get('sys_groupid') or '0', system_user=parent.get('system_user') or '',
                   system_group=parent.get('system_group') or '', document_root=root,
                   allow_override=parent.get('allow_override') or '', php_open_basedir=basedir)

    def web_domain_unique(self, name, record, only_domain=False):
        """validate_domain::_check_unique: no other site, alias or subdomain (and, unless only_domain, no
        auto-subdomain such as www.) of that name on the server answers on the same IP."""
        rows = self.tables['web_domain']
        primary_id = self.hosting_primary_id
        ip, ipv6 = php_str(record.get('ip_address')), php_str(record.get('ipv6_address'))
        if (ip == '' or ipv6 == '') and php_positive(record.get('parent_domain_id')):
            parent = rows.get(php_intval(record['parent_domain_id']))
            if parent is not None:
                ip, ipv6 = php_str(parent['ip_address']), php_str(parent['ipv6_address'])
        children = [row['domain'] for row in rows.values() if php_intval(row['parent_domain_id']) == primary_id
                    and row['type'] in ('alias', 'subdomain', 'vhostsubdomain')]
        names = [name] + children
        server_id = record.get('server_id')

        def answers(row):
            parent = rows.get(php_intval(row['parent_domain_id']))
            if row['parent_domain_id'] != '0' and parent is not None:
                return php_str(parent['ip_address']), php_str(parent['ipv6_address'])
            return php_str(row['ip_address']), php_str(row['ipv6_address'])

        spellings = [lambda row: row['domain']]
        if not only_domain:  # CONCAT(subdomain, '.', domain)
            spellings.append(lambda row: None if row['domain'] is None else row['subdomain'] + '.' + row['domain'])
        for spelling in spellings:
            for row_id, row in rows.items():
                if row_id == primary_id or (primary_id and php_intval(row['parent_domain_id']) == primary_id):
                    continue
                if server_id is None or not self._matches(row['server_id'], server_id) \
                        or not any(same_key(spelling(row), candidate) for candidate in names):
                    continue
                other_ip, other_ipv6 = answers(row)
                if ip == '*' or other_ip == '*' or (ip != '' and other_ip == ip) \
                        or (ipv6 != '' and other_ipv6 == ipv6):
                    return False
        return True

    def sites_web_domain_update(self, method, session_id, client_id, primary_id, params):
        session = self._check_perm(session_id, method)
        params = self._web_domain_defaults(self._params(params, method), False)
        previous = self.tables['web_domain'].get(php_intval(primary_id)) if is_numeric(primary_id) else None
        affected = self._update_row(method, WEB_DOMAIN, client_id, primary_id, params, session)
        if previous is not None:
            self._refuse_duplicate('web_domain', php_intval(primary_id), SERVERDOMAIN, previous)
        return affected

    def sites_web_domain_set_status(self, method, session_id, primary_id, status):
        session = self._check_perm(session_id, method)
        if status is not True and status not in ('active', 'inactive'):
            raise Fault('The status is not available')
        record = self._get_record(WEB_DOMAIN, primary_id)
        params = dict(record) if isinstance(record, dict) else {}
        params['active'] = 'y' if status in (True, 'active') else 'n'
        return self._update_row(method, WEB_DOMAIN, 0, primary_id, params, session)

    # --- databases -------------------------------------------------------------------------------------
    def sites_database_add(self, method, session_id, client_id, params):
        session = self._check_perm(session_id, method)
        params = self._params(params, method)
        name, server_id = params.get('database_name'), params.get('server_id')
        if any(column_equals(row['database_name'], name) and column_equals(row['server_id'], server_id, True)
               for row in self.tables['web_database'].values()):
            raise Fault('There is already a database with that name on the same server.')
        self.hosting_primary_id = 0
        with self._plugin_after_insert():
            database_id = self._insert_record(method, WEB_DATABASE, client_id, params, session)
            self._database_plugin(int(database_id), params)
            self._database_backup(int(database_id), params)
        self._check_panel(method, 'web_database', int(database_id))
        return database_id

    def sites_database_update(self, method, session_id, client_id, primary_id, params):
        session = self._check_perm(session_id, method)
        params = self._params(params, method)
        affected = self._update_row(method, WEB_DATABASE, client_id, primary_id, params, session,
                                    before_write=lambda row_id: self._database_plugin(row_id, params))
        self._database_backup(php_intval(primary_id), params)
        return affected

    def _database_plugin(self, database_id, params):
        """sites_database_plugin: a database of a site gets the site's group and backup settings."""
        if not php_positive(params.get('parent_domain_id')):
            return
        site = self.tables['web_domain'].get(php_intval(params['parent_domain_id'])) or {}
        # a missing site gives NULLs; the non-strict single-row UPDATE stores 0 and '' instead
        self.tables['web_database'][database_id].update(
            sys_groupid=str(php_intval(site.get('sys_groupid'))), backup_interval=php_str(site.get('backup_interval')),
            backup_copies=str(php_intval(site.get('backup_copies'))))

    def _database_backup(self, database_id, params):
        """sites_database_add/_update: sent backup values are written by a second UPDATE; that UPDATE also names
        backup_format_web/_db, which web_database does not have (an SQL error, HTTP 500)."""
        sent = [name for name in ('backup_interval', 'backup_copies', 'backup_format_web', 'backup_format_db')
                if params.get(name) is not None]
        if 'backup_format_web' in sent or 'backup_format_db' in sent:
            raise Fatal("Unknown column 'backup_format_web'")
        row = self.tables['web_database'].get(database_id, {})
        if params.get('backup_interval') is not None:
            row['backup_interval'] = php_str(params['backup_interval'])
        if params.get('backup_copies') is not None:
            row['backup_copies'] = str(php_intval(params['backup_copies']))

    def sites_database_user_delete(self, method, session_id, primary_id):
        self._check_perm(session_id, method)
        deleted = self._delete_row(method, WEB_DATABASE_USER, primary_id)
        for row in self.tables['web_database'].values():
            for column in ('database_user_id', 'database_ro_user_id'):
                if column_equals(row[column], primary_id, True):
                    row[column] = None
        return deleted

    def sites_database_get_all_by_user(self, method, session_id, client_id):
        self._check_perm(session_id, method)
        user = self._find('sys_user', 'client_id', str(php_intval(client_id)))
        result = []
        for row in self.tables['web_database'].values():
            if user is None or row['sys_groupid'] != user['default_group']:
                continue
            owner = self.tables['web_database_user'].get(php_intval(row['database_user_id'])) \
                if row['database_user_id'] is not None else None
            result.append({'database_id': row['database_id'], 'database_name': row['database_name'],
                           'database_user_id': row['database_user_id'],
                           'database_ro_user_id': row['database_ro_user_id'],
                           'database_user': owner['database_user'] if owner else None,
                           'database_password': owner['database_password'] if owner else None})
        return result

    # --- FTP users -------------------------------------------------------------------------------------
    def sites_ftp_user_server_get(self, method, session_id, ftp_user):
        """The [server] settings of the server of the FTP user named `ftp_user`; false for none."""
        self._check_perm(session_id, method)
        row = self._find('ftp_user', 'username', ftp_user)
        return dict(self.server_config(row['server_id']).get('server', {})) if row else False

    # --- helpers of the invariants of the sites tables ----------------------------------------------------
    def _group_client_id(self, group_id):
        group = self.tables['sys_group'].get(php_intval(group_id))
        return php_intval(group['client_id']) if group else 0

    def _panel_prefix(self, setting, group_id, site_id=None):
        """The name prefix the panel stores for an object of group `group_id` (tools_sites::replacePrefix)."""
        group = self.tables['sys_group'].get(php_intval(group_id))
        prefix = php_str(self.system_config().get('sites', {}).get(setting))
        prefix = prefix.replace('[CLIENTNAME]', client_name((group or {}).get('name') or 'default'))
        prefix = prefix.replace('[CLIENTID]', str(self._group_client_id(group_id)))
        return prefix.replace('[DOMAINID]', str(site_id)) if site_id else prefix

    def _panel_name(self, name, row, column, setting, limit, site_id=None):
        """A name the panel made: its stored prefix is the one it gives the row's owner, it starts with it and
        is at most `limit` characters long."""
        prefix = self._panel_prefix(setting, row['sys_groupid'], site_id)
        stored = php_str(row[column + '_prefix'])
        value = php_str(row[column])
        if stored != prefix or not value.startswith(prefix):
            return ['%s: %s_prefix %r and the name %r are not the prefix %r the panel gives its owner and that '
                    'prefix + name' % (name, column, stored, value, prefix)]
        if len(value) > limit:
            return ['%s: %d characters, the panel allows %d with the prefix' % (name, len(value), limit)]
        return []

    def _panel_website(self, name, row, same=('sys_groupid', 'server_id')):
        """(problems, site) of an object of a website: the website exists and the row shares its owner group and
        server."""
        site = self.tables['web_domain'].get(php_intval(row['parent_domain_id']))
        if site is None or site['type'] != 'vhost':
            return ['%s: website %s does not exist (the panel offers only existing websites)' % (
                name, row['parent_domain_id'])], None
        return ['%s: %s %s is not the %s of its website (%s)' % (name, column, row[column], column, site[column])
                for column in same if row[column] != site[column]], site

    # --- configuration ---------------------------------------------------------------------------------
    def _php_versions(self, server_id, php):
        """server_get_php_versions: the additional PHP versions of a server (of no client) for a PHP mode: those
        with PHP-FPM scripts for php-fpm (and hhvm on nginx), with a Fast-CGI binary for fast-cgi; active or not."""
        server_type = self.server_config(server_id).get('web', {}).get('server_type') or 'apache'
        if php == 'php-fpm' or (php == 'hhvm' and server_type == 'nginx'):
            needed = ('php_fpm_init_script', 'php_fpm_ini_dir', 'php_fpm_pool_dir')
        elif php == 'fast-cgi':
            needed = ('php_fastcgi_binary', 'php_fastcgi_ini_dir')
        else:
            return []
        return [row for row in self.tables['server_php'].values()
                if all(row[column] for column in needed) and row['server_id'] == str(php_intval(server_id))
                and row['client_id'] == '0']

    def server_get_php_versions(self, method, session_id, server_id, php, get_full_data):
        self._check_perm(session_id, method)
        if php_empty(server_id) or php_empty(php):
            return False
        rows = self._php_versions(server_id, php_str(php))
        if get_full_data is True:
            return [dict(row) for row in rows]
        if php_str(php) == 'fast-cgi':
            return ['%s:%s:%s' % (row['name'], row['php_fastcgi_binary'], row['php_fastcgi_ini_dir']) for row in rows]
        return ['%s:%s:%s:%s' % (row['name'], row['php_fpm_init_script'], row['php_fpm_ini_dir'],
                                 row['php_fpm_pool_dir']) for row in rows]
