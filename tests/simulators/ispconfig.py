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
mail_user_get/add/update/delete; mail_alias_*, mail_forward_* and mail_catchall_* (get/add/update/delete, all
on table mail_forwarding, any type); mail_spamfilter_user_* (table spamfilter_users, a duplicate email dies with
HTTP 500), mail_spamfilter_whitelist_* and mail_spamfilter_blacklist_* (both on table spamfilter_wblist, any
row), mail_policy_* (table spamfilter_policy, seeded with the 7 stock policies as recorded in file 17);
client_get/add/update/delete/get_by_username/get_by_customer_no/
get_id/get_groupid/get_all/change_password (client_update runs the lock routine, func_client_lock, on every
call: "n" unlocks, switching on every website, mail domain, mailbox, ... of the client but those its last lock
found off; "y" locks; it applies the templates and makes the assignments what template_additional lists, all
of them gone when it is empty), client_template_additional_get/add/delete; system_config_get, server_get,
server_get_all, server_get_functions, client_templates_get_all (the "Server functions" group). The web hosting
and DNS functions are in ispconfig_hosting.py and
ispconfig_dns.py: sites_web_domain_get/add/update/delete/set_status, sites_web_subdomain_* and
sites_web_aliasdomain_* (get/add/update/delete), sites_database_* (get/add/update/delete, get_all_by_user),
sites_database_user_* (get/add/update/delete), sites_shell_user_*, sites_ftp_user_* (get/add/update/delete,
server_get), sites_webdav_user_* (get/add/update/delete), sites_cron_* (its id argument is cron_id),
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
                        renamed; a spam filter user is in a mail domain that exists, on its server, with a
                        priority 1-10, local Y or N, a listed policy and a name; a white/blacklist row is W or
                        B, of a spam filter user that exists and on its server, priority 1-10, and none is
                        left when its user is deleted. The conformance replay switches it off: it replays raw API calls, not panel work.

Controls (POST /__sim__/<name>, or simulator.control(name, payload) in-process):
  expire_sessions   {"session_id": optional}  every open session (or just that one) is expired now,
                    like `UPDATE remote_session SET tstamp = UNIX_TIMESTAMP() - 1`.
  add_remote_user   {"username", "password", "functions": [group or function names] (default all groups),
                    "remote_access": "y", "remote_ips": "", "legacy_md5": false} -> {"remote_userid"}
                    groups: mail_domain, mail_user, mail_alias, mail_forward, client, server, sites_web_domain,
                    sites_web_subdomain, sites_web_aliasdomain, sites_database (databases and their users),
                    sites_shell_user, sites_ftp_user, sites_webdav_user, sites_cron, dns_zone (also dns_templatezone_add), dns_a, dns_aaaa,
                    dns_caa, dns_cname, dns_mx, dns_ns, dns_srv, dns_txt (the panel's "Sites Domain
                    functions", ..., "DNS txt functions"; a record call with update_serial also needs
                    dns_zone_get and dns_zone_update).
  set_remote_user   {"username", and any of "password", "functions", "remote_access", "remote_ips"}
  set_row           {"table", "id", "values": {column: value}}: a hand edit of the database, e.g. the
                    server daemon replacing uid -1 or client.can_use_api = 'y'.
  add_server        {"server_name", "mail_server": 1, "web_server": 0, ..., "mirror_server_id": 0}
                    -> {"server_id"}: another server of a multiserver setup.
  add_client_template {"template_name", "template_type": "m" or "a", limit columns} -> {"template_id"}: a limit
                    template as System > Client templates saves it (no remote function creates one).
  set_config        {"server_id": optional, "section", "key", "value"}: one value of the system config
                    (sys_ini, e.g. sites/dbname_prefix, sites/client_protection) or of a server's config
                    (e.g. web/website_path), as System > System Config / Server Config would set it.
  (clock: /__sim__/clock {"advance": 1801} expires sessions naturally; they last 1800 s from login.)

Writes (stats()["writes"]): every add/update/delete/set_status/change_password that reached its SQL,
including updates and deletes that affected 0 rows, plus the half-done client_add that dies with 500
after inserting the client row, an INSERT refused by a unique key (HTTP 500) and dns_templatezone_add. A
DNS record call with update_serial also records `dns_zone_update` (the serial bump is a second write).
Faults, reads, login and logout are not writes.

The files: ispconfig_base.py (PHP semantics, the form machinery, the wire format, sessions, the generic calls, the
declarations `Table`, `Form`, `FunctionGroup`, `Parent`) <- ispconfig_hosting.py (`HostingPanel`, sites_*) and
ispconfig_dns.py (`DnsPanel`, dns_*) <- this module (mail and clients, and `ISPConfigSimulator`, which inherits
both parts). Each part declares its tables and forms once; PanelBase builds KEYS, FORMS, FUNCTIONS,
FUNCTION_GROUPS and PERMISSION_OF from them.
"""

import base64
import secrets

from .ispconfig_base import (GENERIC_CALLS, STRENGTH, _ADD, _UPDATE, AUTORESPONDER_TAB, CUSTOM_RULES_TAB, FILTER_TAB,
                             Fatal, Fault, Field, Form, FunctionGroup, Parent, Table, _columns, crypt_password,
                             is_numeric, isemail, isint, notempty, php_empty, php_intval, php_str, regex, unique)
# the tests and the conformance replays import these from here
from .ispconfig_base import SYS_INI, crypthash, php_json  # noqa: F401 pylint: disable=unused-import
from .ispconfig_dns import DnsPanel
from .ispconfig_hosting import HostingPanel


# --- what the panel's pages always leave in each table (Table.invariants) ---------------------------------


def hosted_domain(sim, address):
    """The mail_domain row of an address's domain, or None."""
    return sim._find('mail_domain', 'domain', (address or '').rpartition('@')[2])


def mail_domain_invariants(sim, row):
    server = sim.tables['server'].get(php_intval(row['server_id']))
    if server is None or server['mail_server'] != '1':
        return ['mail_domain %s: server %s is not a mail server (the panel offers only those)' % (
            row['domain'], row['server_id'])]
    return []


def mail_user_invariants(sim, row):
    name = 'mail_user %s' % row['email']
    problems = mail_parent_problems(sim, name, row, row['email'])
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


def mail_forwarding_invariants(sim, row):
    name = 'mail_forwarding %s -> %s' % (row['source'], row['destination'])
    if row['type'] not in ('alias', 'aliasdomain', 'forward', 'catchall'):
        return ['%s: type %r is not a kind the panel makes' % (name, row['type'])]
    problems = [] if row['type'] == 'aliasdomain' else mail_parent_problems(sim, name, row, row['source'])
    if not row['destination']:
        problems.append('%s: no destination' % name)
    return problems


def mail_parent_problems(sim, name, row, address):
    domain = hosted_domain(sim, address)
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


def spamfilter_user_invariants(sim, row):
    """What the panel's mail domain and mailbox pages (and its spam filter user form) leave in spamfilter_users."""
    name = 'spamfilter_users %s' % row['email']
    problems = mail_parent_problems(sim, name, row, row['email'])
    if not 1 <= php_intval(row['priority']) <= 10 or row['local'] not in ('Y', 'N'):
        problems.append('%s: priority %s / local %r are not choices of the panel (1-10, Y or N)' % (
            name, row['priority'], row['local']))
    if php_intval(row['policy_id']) not in sim.tables['spamfilter_policy']:
        problems.append('%s: policy %s is not a policy the panel lists' % (name, row['policy_id']))
    if not row['fullname']:
        problems.append('%s: fullname is empty (the panel always fills it)' % name)
    return problems


def spamfilter_wblist_invariants(sim, row):
    """A white/blacklist entry as the panel's forms write it: W or B (a hidden input), for a spam filter user,
    on that user's server, priority 1-10."""
    name = 'spamfilter_wblist %s %s' % (row['wb'] or "''", row['email'])
    problems = [] if row['wb'] in ('W', 'B') else ['%s: wb %r is neither W nor B' % (name, row['wb'])]
    user = sim.tables['spamfilter_users'].get(php_intval(row['rid']))
    if user is None:
        problems.append('%s: rid %s names no spam filter user' % (name, row['rid']))
    elif row['server_id'] != user['server_id']:
        problems.append('%s: server %s is not the server of its spam filter user (%s)' % (
            name, row['server_id'], user['server_id']))
    if not 1 <= php_intval(row['priority']) <= 10:
        problems.append('%s: priority %s is not a choice of the panel (1-10)' % (name, row['priority']))
    return problems


def client_invariants(sim, row):
    name = 'client %s' % row['username']
    problems = []
    for role, column in (('mail_server', 'mail_servers'), ('web_server', 'web_servers'),
                         ('dns_server', 'dns_servers'), ('db_server', 'db_servers')):
        ids = [item.strip() for item in (row[column] or '').split(',') if item.strip()]
        servers = [sim.tables['server'].get(php_intval(item)) for item in ids]
        if not ids or any(server is None or server[role] != '1' for server in servers):
            problems.append('%s: %s %r does not name servers of that kind (the panel assigns one after '
                            'the insert)' % (name, column, row[column]))
    if row['limit_cron_type'] not in ('url', 'chrooted', 'full'):
        problems.append('%s: limit_cron_type %r is not a choice of the panel' % (name, row['limit_cron_type']))
    return problems


# --- tables ------------------------------------------------------------------------------------------

# remote function groups as System > Remote Users offers them (interface/web/*/lib/remote.conf.php)
MAIL_DOMAIN_FUNCTIONS = FunctionGroup('mail_domain', 'Mail domain functions', [
    'mail_domain_get', 'mail_domain_add', 'mail_domain_update', 'mail_domain_delete', 'mail_domain_set_status',
    'mail_domain_get_by_domain'])
MAIL_USER_FUNCTIONS = FunctionGroup('mail_user', 'Mail user functions', [
    'mail_user_get', 'mail_user_add', 'mail_user_update', 'mail_user_delete'])
MAIL_ALIAS_FUNCTIONS = FunctionGroup('mail_alias', 'Mail alias functions', [
    'mail_alias_get', 'mail_alias_add', 'mail_alias_update', 'mail_alias_delete'])
MAIL_FORWARD_FUNCTIONS = FunctionGroup('mail_forward', 'Mail forward functions', [
    'mail_forward_get', 'mail_forward_add', 'mail_forward_update', 'mail_forward_delete'])
MAIL_CATCHALL_FUNCTIONS = FunctionGroup('mail_catchall', 'Mail catchall functions', [
    'mail_catchall_get', 'mail_catchall_add', 'mail_catchall_update', 'mail_catchall_delete'])
MAIL_SPAMFILTER_USER_FUNCTIONS = FunctionGroup('mail_spamfilter_user', 'Mail spamfilter user functions', [
    'mail_spamfilter_user_get', 'mail_spamfilter_user_add', 'mail_spamfilter_user_update',
    'mail_spamfilter_user_delete'])
MAIL_POLICY_FUNCTIONS = FunctionGroup('mail_policy', 'Mail spamfilter policy functions', [
    'mail_policy_get', 'mail_policy_add', 'mail_policy_update', 'mail_policy_delete'])
MAIL_SPAMFILTER_WHITELIST_FUNCTIONS = FunctionGroup('mail_spamfilter_whitelist', 'Mail spamfilter whitelist functions', [
    'mail_spamfilter_whitelist_get', 'mail_spamfilter_whitelist_add', 'mail_spamfilter_whitelist_update',
    'mail_spamfilter_whitelist_delete'])
MAIL_SPAMFILTER_BLACKLIST_FUNCTIONS = FunctionGroup('mail_spamfilter_blacklist', 'Mail spamfilter blacklist functions', [
    'mail_spamfilter_blacklist_get', 'mail_spamfilter_blacklist_add', 'mail_spamfilter_blacklist_update',
    'mail_spamfilter_blacklist_delete'])
CLIENT_FUNCTIONS = FunctionGroup('client', 'Client functions', [
    'client_get_all', 'client_get', 'client_add', 'client_update', 'client_delete', 'client_get_sites_by_user',
    'client_get_by_username', 'client_get_by_customer_no', 'client_change_password', 'client_get_id',
    'client_delete_everything', 'client_get_emailcontact'])

DOMAIN_RE = r'^[\w.\-]{2,255}\.[a-zA-Z0-9\-]{2,30}$'

MAIL_DOMAIN_TABLE = Table('mail_domain', 'domain_id', _columns('domain_id', {
    'server_id': '0', 'domain': '', 'dkim': 'n', 'dkim_selector': 'default', 'dkim_private': None,
    'dkim_public': None, 'relay_host': '', 'relay_user': '', 'relay_pass': '', 'active': 'n'}),
    label='mail_domain {domain}', invariants=mail_domain_invariants, parent=None)
MAIL_DOMAIN = Form('mail_domain', MAIL_DOMAIN_TABLE, group=MAIL_DOMAIN_FUNCTIONS, calls=dict(
    GENERIC_CALLS, add=('mail_domain_add', _ADD)), fields=[
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

MAIL_USER_TABLE = Table('mail_user', 'mailuser_id', _columns('mailuser_id', {
    'server_id': '0', 'email': '', 'login': '', 'password': '', 'name': '', 'uid': '5000', 'gid': '5000',
    'maildir': '', 'maildir_format': 'maildir', 'quota': '-1', 'cc': None, 'forward_in_lda': 'n',
    'sender_cc': '', 'homedir': '', 'autoresponder': 'n', 'autoresponder_start_date': None,
    'autoresponder_end_date': None, 'autoresponder_subject': 'Out of office reply',
    'autoresponder_text': None, 'move_junk': 'y', 'purge_trash_days': '0', 'purge_junk_days': '0',
    'custom_mailfilter': None, 'postfix': 'y', 'greylisting': 'n', 'access': 'y', 'disableimap': 'n',
    'disablepop3': 'n', 'disabledeliver': 'n', 'disablesmtp': 'n', 'disablesieve': 'n',
    'disablesieve-filter': 'n', 'disablelda': 'n', 'disablelmtp': 'n', 'disabledoveadm': 'n',
    'disablequota-status': 'n', 'disableindexer-worker': 'n', 'last_quota_notification': None,
    'backup_interval': 'none', 'backup_copies': '1'}), label='{email}', invariants=mail_user_invariants,
    parent=Parent('mail_domain', 'email', 'mail domain', address=True))
MAIL_USER = Form('mail_user', MAIL_USER_TABLE, group=MAIL_USER_FUNCTIONS, calls=dict(
    GENERIC_CALLS, add=('mail_user_add', _ADD), update=('mail_user_update', _UPDATE)), fields=[
    Field('server_id', 'int'),
    Field('email', filters=('IDNTOASCII', 'TOLOWER'), validators=(
        isemail('email_error_isemail'), unique('email_error_unique'))),
    Field('login', filters=('TOLOWER',), validators=(
        unique('login_error_unique'), regex(r'^[_a-z0-9][\w.\-+@]{1,63}$', 'login_error_regex'))),
    Field('password', 'password', validators=(('STRENGTH', 'mail_password_onlyascii'),), latin1=True),
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

# an alias domain's source is a whole domain, not an address in one
MAIL_FORWARDING_TABLE = Table('mail_forwarding', 'forwarding_id', _columns('forwarding_id', {
    'server_id': '0', 'source': '', 'destination': None, 'type': 'alias', 'active': 'n',
    'allow_send_as': 'n', 'greylisting': 'n'}), label='{source}', invariants=mail_forwarding_invariants,
    parent=Parent('mail_domain', 'source', 'mail domain', address=True, where=lambda row: row['type'] != 'aliasdomain'))
_SOURCE = Field('source', filters=('IDNTOASCII', 'TOLOWER'), validators=(isemail('email_error_isemail'),))
_FORWARDING_TAIL = [Field('type', 'enum', enum=('alias', 'aliasdomain', 'forward', 'catchall')),
                    Field('active', 'checkbox'), Field('allow_send_as', 'checkbox'),
                    Field('greylisting', 'checkbox')]
MAIL_ALIAS = Form('mail_alias', MAIL_FORWARDING_TABLE, group=MAIL_ALIAS_FUNCTIONS, calls=dict(
    GENERIC_CALLS, add=('mail_alias_add', _ADD), update=('mail_alias_update', _UPDATE)), fields=[
    Field('server_id', 'int'), _SOURCE,
    Field('destination', filters=('IDNTOASCII', 'TOLOWER'), validators=(isemail('destination_error_isemail'),)),
] + _FORWARDING_TAIL)
MAIL_FORWARD = Form('mail_forward', MAIL_FORWARDING_TABLE, group=MAIL_FORWARD_FUNCTIONS, fields=[
    Field('server_id', 'int'), _SOURCE,
    Field('destination', filters=('STRIPTAGS', 'TOLOWER')),
] + _FORWARDING_TAIL)

# mail_domain_catchall.tform.php: source is "@" and a domain (the page builds it from its domain select); its
# type select defaults to '' and the page posts "catchall" in a hidden input, which the API leaves to the caller
MAIL_CATCHALL = Form('mail_catchall', MAIL_FORWARDING_TABLE, group=MAIL_CATCHALL_FUNCTIONS, fields=[
    Field('server_id', 'int'),
    Field('source', filters=('IDNTOASCII', 'TOLOWER'), validators=(
        notempty('domain_error_empty'), unique('domain_error_unique'),
        regex(r'^@[\w.\-]{2,255}\.[a-zA-Z0-9\-]{2,30}$', 'domain_error_regex'))),
    Field('destination', filters=('IDNTOASCII', 'TOLOWER'), validators=(isemail('destination_error_isemail'),)),
] + _FORWARDING_TAIL)

# spamfilter_users.tform.php; a unique key on email (a duplicate dies with HTTP 500, on add and on update)
SPAMFILTER_USERS_TABLE = Table('spamfilter_users', 'id', _columns('id', {
    'server_id': '0', 'priority': '7', 'policy_id': '1', 'email': '', 'fullname': None, 'local': None}),
    label='spamfilter_users {email}', invariants=spamfilter_user_invariants,
    parent=Parent('mail_domain', 'email', 'mail domain', address=True))
MAIL_SPAMFILTER_USER = Form(
    'mail_spamfilter_user', SPAMFILTER_USERS_TABLE, group=MAIL_SPAMFILTER_USER_FUNCTIONS,
    calls=dict(GENERIC_CALLS, add=('mail_spamfilter_user_add', _ADD), update=('mail_spamfilter_user_update', _UPDATE)),
    fields=[
        Field('server_id', 'int'), Field('priority', 'int'), Field('policy_id', 'int'),
        Field('email', filters=('IDNTOASCII', 'TOLOWER'), validators=(notempty('email_error_notempty'),)),
        Field('fullname', filters=('STRIPTAGS',), validators=(notempty('fullname_error_notempty'),)),
        Field('local'),
    ])

# spamfilter_whitelist.tform.php and spamfilter_blacklist.tform.php write the same table; their wb (W, B) is a
# hidden input of the page, so the API stores '' unless it is sent, and either family reads and writes any row
SPAMFILTER_WBLIST_TABLE = Table('spamfilter_wblist', 'wblist_id', _columns('wblist_id', {
    'server_id': '0', 'wb': 'W', 'rid': '0', 'email': '', 'priority': '0', 'active': 'y'}),
    label='spamfilter_wblist {wb} {email}', invariants=spamfilter_wblist_invariants,
    parent=Parent('spamfilter_users', 'rid', 'spam filter user'))
_WBLIST_FIELDS = [Field('server_id', 'int'), Field('wb', 'enum', enum=('W', 'B')), Field('rid', 'int'),
                  Field('email', filters=('IDNTOASCII', 'TOLOWER'), validators=(notempty('email_error_notempty'),)),
                  Field('priority', 'int'), Field('active', 'checkbox')]
MAIL_SPAMFILTER_WHITELIST = Form('mail_spamfilter_whitelist', SPAMFILTER_WBLIST_TABLE,
                                 group=MAIL_SPAMFILTER_WHITELIST_FUNCTIONS, fields=_WBLIST_FIELDS)
MAIL_SPAMFILTER_BLACKLIST = Form('mail_spamfilter_blacklist', SPAMFILTER_WBLIST_TABLE,
                                 group=MAIL_SPAMFILTER_BLACKLIST_FUNCTIONS, fields=_WBLIST_FIELDS)

# spamfilter_policy, seeded with the stock policies of ispconfig3.sql as recorded (file 17): the columns every
# stock policy shares, and each policy's own values. Only policy_name is modelled as a form field (the module
# reads policies, never writes them): an add stores the shared values for the rest.
_POLICY_COLUMNS = _columns('id', {'policy_name': ''})
_POLICY_COLUMNS.update(sys_userid='1', sys_perm_other='r')
_POLICY_COLUMNS.update(dict.fromkeys((
    'virus_lover', 'spam_lover', 'banned_files_lover', 'bad_header_lover', 'bypass_virus_checks', 'bypass_spam_checks',
    'bypass_banned_checks', 'bypass_header_checks'), 'N'))
_POLICY_COLUMNS.update(spam_modifies_subj='Y')
_POLICY_COLUMNS.update(dict.fromkeys((
    'virus_quarantine_to', 'spam_quarantine_to', 'banned_quarantine_to', 'bad_header_quarantine_to',
    'clean_quarantine_to', 'other_quarantine_to'), None))
_POLICY_COLUMNS.update(spam_tag_level='3.00', spam_tag2_level='999.00', spam_kill_level='999.00',
                       spam_dsn_cutoff_level=None, spam_quarantine_cutoff_level=None)
_POLICY_COLUMNS.update(dict.fromkeys((
    'addr_extension_virus', 'addr_extension_spam', 'addr_extension_banned', 'addr_extension_bad_header'), None))
_POLICY_COLUMNS.update(warnvirusrecip='N', warnbannedrecip='N', warnbadhrecip='N')
_POLICY_COLUMNS.update(dict.fromkeys((
    'newvirus_admin', 'virus_admin', 'banned_admin', 'bad_header_admin', 'spam_admin', 'spam_subject_tag',
    'spam_subject_tag2', 'message_size_limit', 'banned_rulenames'), None))
_POLICY_COLUMNS.update(policyd_quota_in='-1', policyd_quota_in_period='24', policyd_quota_out='-1',
                       policyd_quota_out_period='24', policyd_greylist='N', rspamd_greylisting='n',
                       rspamd_spam_greylisting_level='999.00', rspamd_spam_tag_level='999.00',
                       rspamd_spam_tag_method='rewrite_subject', rspamd_spam_kill_level='999.00')
_NO_QUARANTINE = dict.fromkeys(('virus_quarantine_to', 'spam_quarantine_to', 'banned_quarantine_to',
                                'bad_header_quarantine_to', 'clean_quarantine_to', 'other_quarantine_to'), '')
STOCK_POLICIES = (
    dict(_NO_QUARANTINE, policy_name='Non-paying', bypass_virus_checks='Y', bypass_spam_checks='Y',
         bypass_banned_checks='Y', spam_tag2_level='7.00', spam_kill_level='10.00', spam_dsn_cutoff_level='0.00',
         spam_quarantine_cutoff_level='0.00', message_size_limit='0', rspamd_spam_greylisting_level='6.00',
         rspamd_spam_tag_level='8.00', rspamd_spam_kill_level='12.00', **dict.fromkeys((
             'addr_extension_virus', 'addr_extension_spam', 'addr_extension_banned', 'addr_extension_bad_header',
             'newvirus_admin', 'virus_admin', 'banned_admin', 'bad_header_admin', 'spam_admin', 'spam_subject_tag',
             'spam_subject_tag2', 'banned_rulenames'), '')),
    dict(policy_name='Uncensored', virus_lover='Y', spam_lover='Y', banned_files_lover='Y', bad_header_lover='Y',
         spam_modifies_subj='N'),
    dict(policy_name='Wants all spam', spam_lover='Y'),
    dict(policy_name='Wants viruses', virus_lover='Y', banned_files_lover='Y', bad_header_lover='Y',
         spam_tag2_level='6.90', spam_kill_level='6.90', rspamd_greylisting='y', rspamd_spam_greylisting_level='4.00',
         rspamd_spam_tag_level='6.00', rspamd_spam_kill_level='10.00'),
    dict(_NO_QUARANTINE, policy_name='Normal', spam_tag_level='1.00', spam_tag2_level='4.50', spam_kill_level='50.00',
         spam_dsn_cutoff_level='0.00', spam_quarantine_cutoff_level='0.00', spam_subject_tag='',
         spam_subject_tag2='***SPAM***', rspamd_greylisting='y', rspamd_spam_greylisting_level='4.00',
         rspamd_spam_tag_level='6.00', rspamd_spam_kill_level='10.00'),
    dict(policy_name='Trigger happy', spam_tag2_level='5.00', spam_kill_level='5.00', rspamd_greylisting='y',
         rspamd_spam_greylisting_level='2.00', rspamd_spam_tag_level='4.00', rspamd_spam_kill_level='8.00'),
    dict(policy_name='Permissive', bad_header_lover='Y', spam_tag2_level='10.00', spam_kill_level='20.00',
         rspamd_spam_greylisting_level='7.00', rspamd_spam_tag_level='10.00', rspamd_spam_kill_level='20.00'),
)
SPAMFILTER_POLICY_TABLE = Table('spamfilter_policy', 'id', label='spamfilter_policy {policy_name}', invariants=None,
                                parent=None, columns=_POLICY_COLUMNS)
MAIL_POLICY = Form('mail_policy', SPAMFILTER_POLICY_TABLE, group=MAIL_POLICY_FUNCTIONS, fields=[
    Field('policy_name', validators=(notempty('policy_name_error_notempty'),))])

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
    table = Table('client', 'client_id', columns, label='client {username}', invariants=client_invariants, parent=None)
    return Form('client', table, ordered, group=CLIENT_FUNCTIONS, calls={
        'get': ('client_get', ('session_id', 'client_id')), 'add': ('client_add', ('session_id', 'reseller_id', 'params')),
        'update': ('client_update', ('session_id', 'client_id', 'reseller_id', 'params')),
        'delete': ('client_delete', ('session_id', 'client_id'))})


CLIENT = _client_table()

# client_template (System > Client templates; no remote function writes it, the control add_client_template does):
# the schema defaults of install/sql/ispconfig3.sql as recorded (file 18, a template given only a few limits).
_TEMPLATE_LIMITS = dict(dict.fromkeys(_UNLIMITED, '-1'), **dict.fromkeys((
    'limit_mailrouting limit_mail_wblist limit_spamfilter_wblist limit_spamfilter_user limit_spamfilter_policy '
    'limit_shell_user limit_webdav_user limit_cron limit_client limit_domainmodule limit_openvz_vm '
    'limit_openvz_vm_template_id default_slave_dnsserver').split(), '0'), **dict.fromkeys((
        'limit_relayhost limit_xmpp_muc limit_xmpp_anon limit_xmpp_vjud limit_xmpp_proxy limit_xmpp_status '
        'limit_xmpp_pastebin limit_xmpp_httparchive limit_cgi limit_ssi limit_perl limit_ruby limit_python '
        'limit_hterror limit_wildcard limit_ssl limit_ssl_letsencrypt limit_directive_snippets').split(), 'n'), **{
    'mail_servers': None, 'xmpp_servers': None, 'web_servers': None, 'dns_servers': None, 'db_servers': None,
    'limit_web_ip': None, 'limit_mail_backup': 'y', 'force_suexec': 'y', 'limit_backup': 'y',
    'default_xmppserver': '1', 'web_php_options': '', 'ssh_chroot': '', 'limit_cron_type': 'url',
    'limit_cron_frequency': '5'})
CLIENT_TEMPLATE_TABLE = Table('client_template', 'template_id', _columns('template_id', dict(
    template_name='', template_type='m', **_TEMPLATE_LIMITS)), label='client_template {template_name}',
    invariants=None, parent=None)
CLIENT_TEMPLATE_ASSIGNED_TABLE = Table('client_template_assigned', 'assigned_template_id', {
    'assigned_template_id': None, 'client_id': '0', 'client_template_id': '0'},
    label='client_template_assigned {assigned_template_id}', invariants=None, parent=None)
# how apply_client_templates (interface/lib/classes/client_templates.inc.php) joins an additional template's
# text limits into the master's: the choices of a checkbox array in the client form's order, the lower choice of
# a select, the servers of a multiple select
_TEMPLATE_CHOICES = {'web_php_options': ('no', 'fast-cgi', 'cgi', 'mod', 'suphp', 'php-fpm', 'hhvm'),
                     'ssh_chroot': ('no', 'jailkit', 'ssh-chroot')}
_TEMPLATE_SERVERS = ('mail_servers', 'web_servers', 'dns_servers', 'db_servers', 'xmpp_servers')
_TEMPLATE_DEFAULT_SERVERS = ('default_mailserver', 'default_webserver', 'default_dnsserver',
                             'default_slave_dnsserver', 'default_dbserver')


def _template_key(key):
    """The columns apply_client_templates copies from a template into the client."""
    return any(part in key for part in ('limit', 'default', 'servers')) or key in (
        'ssh_chroot', 'web_php_options', 'force_suexec')


def _add_template(limits, key, value):
    """One column of an additional template added to the limits so far (apply_client_templates)."""
    current = limits.get(key)
    if key in _TEMPLATE_SERVERS:
        known = [item for item in (current or '').split(',') if item] if current else []
        limits[key] = ','.join(known + [item for item in php_str(value).split(',') if item not in known])
    elif value is None:
        return
    elif is_numeric(value):
        if key == 'limit_cron_frequency':
            limits[key] = str(max(1, min(php_intval(value), php_intval(current))))
        elif key in _TEMPLATE_DEFAULT_SERVERS:
            if php_intval(current) == 0:
                limits[key] = value
        elif php_intval(current) > -1:
            limits[key] = '-1' if php_intval(value) == -1 else str(php_intval(current) + php_intval(value))
    elif key in _TEMPLATE_CHOICES:
        chosen = set((current or '').split(',')) | set(value.split(','))
        limits[key] = ','.join(choice for choice in _TEMPLATE_CHOICES[key] if choice in chosen)
    elif key == 'limit_cron_type':
        order = ('url', 'chrooted', 'full')
        limits[key] = order[min(order.index(current) if current in order else 0,
                                order.index(value) if value in order else 0)]
    elif key == 'force_suexec':
        limits[key] = 'n' if 'n' in (current, value) else 'y'  # "n" is the less limited
    elif value in ('y', 'n'):
        limits[key] = 'y' if 'y' in (current, value) else 'n'


# What func_client_lock (interface/lib/classes/functions.inc.php) switches for every row of the client's group:
# table -> [(column, the value that switches it on)]. The routine runs on every client_update whose merged locked
# value is not empty, and "n" is not empty: unlocking sets every column to its "on" value unless the state saved
# by the last lock says it was off. Only the tables the simulator has are touched; the saved state (client.tmp_data)
# lists every table, as recorded in 18.
CLIENT_LOCK_SWITCHES = (
    ('cron', 'active', 'y'), ('ftp_user', 'active', 'y'), ('mail_domain', 'active', 'y'),
    ('mail_user', 'postfix', 'y'), ('mail_user', 'disablesmtp', 'n'), ('mail_forwarding', 'active', 'y'),
    ('mail_get', 'active', 'y'), ('openvz_vm', 'active', 'y'), ('shell_user', 'active', 'y'),
    ('webdav_user', 'active', 'y'), ('web_database', 'active', 'y'), ('web_domain', 'active', 'y'),
    ('web_folder', 'active', 'y'), ('web_folder_user', 'active', 'y'))


def php_serialize(value):
    """PHP's serialize() of nested arrays with integer or text keys and text values (client.tmp_data)."""
    if isinstance(value, dict):
        return 'a:%d:{%s}' % (len(value), ''.join(php_serialize(key) + php_serialize(item)
                                                  for key, item in value.items()))
    if isinstance(value, int):
        return 'i:%d;' % value
    text = php_str(value)
    return 's:%d:"%s";' % (len(text.encode('utf-8')), text)


DEFAULT_MODULES = 'dashboard,mail,sites,dns,tools,help'


class ISPConfigSimulator(HostingPanel, DnsPanel):
    """The simulator: the mail and client functions, their tables and forms, on the sites and DNS parts."""

    name = 'ispconfig'
    tables = (CLIENT.table, CLIENT_TEMPLATE_TABLE, CLIENT_TEMPLATE_ASSIGNED_TABLE, MAIL_DOMAIN_TABLE, MAIL_USER_TABLE,
              MAIL_FORWARDING_TABLE, SPAMFILTER_POLICY_TABLE, SPAMFILTER_USERS_TABLE, SPAMFILTER_WBLIST_TABLE)
    forms = (MAIL_DOMAIN, MAIL_USER, MAIL_ALIAS, MAIL_FORWARD, MAIL_CATCHALL, MAIL_POLICY, MAIL_SPAMFILTER_USER,
             MAIL_SPAMFILTER_WHITELIST, MAIL_SPAMFILTER_BLACKLIST, CLIENT)
    functions = {
        'mail_domain_set_status': ('mail_domain_set_status', ('session_id', 'primary_id', 'status')),
        'mail_domain_get_by_domain': ('mail_domain_get_by_domain', ('session_id', 'domain')),
        'client_get_by_username': ('client_get_by_username', ('session_id', 'username')),
        'client_get_by_customer_no': ('client_get_by_customer_no', ('session_id', 'customer_no')),
        'client_get_id': ('client_get_id', ('session_id', 'sys_userid')),
        'client_get_groupid': ('client_get_groupid', ('session_id', 'client_id')),
        'client_get_by_groupid': ('client_get_by_groupid', ('session_id', 'group_id')),
        'client_get_all': ('client_get_all', ('session_id',)),
        'client_change_password': ('client_change_password', ('session_id', 'client_id', 'new_password')),
        'client_templates_get_all': ('client_templates_get_all', ('session_id',)),
        'client_template_additional_get': ('client_template_additional_get', ('session_id', 'client_id')),
        'client_template_additional_add': ('client_template_additional_add', ('session_id', 'client_id',
                                                                              'template_id')),
        'client_template_additional_delete': ('client_template_additional_delete', ('session_id', 'client_id',
                                                                                    'assigned_template_id')),
    }
    # guarded by the client_get_id permission; the template assignments by client_get / client_update
    permission_of = {'client_get_groupid': 'client_get_id', 'client_get_by_groupid': 'client_get_id',
                     'client_template_additional_get': 'client_get', 'client_template_additional_add': 'client_update',
                     'client_template_additional_delete': 'client_update'}

    def seed(self):
        super().seed()
        self.client_lock_state = {}  # client id -> what client.tmp_data holds (the state its lock saved)
        for policy in STOCK_POLICIES:
            row = dict(_POLICY_COLUMNS, **policy)
            del row['id']  # _insert numbers them 1-7, as the stock schema does
            self._insert('spamfilter_policy', row)

    def control(self, name, payload):
        """add_client_template {"template_name", "template_type": "m" (master) or "a" (additional), and any
        limit columns} -> {"template_id"}: a template as System > Client templates saves it (no remote function
        creates one); the columns not given keep the schema defaults."""
        if name != 'add_client_template':
            return super().control(name, payload)
        row = dict(CLIENT_TEMPLATE_TABLE.columns, sys_userid='1', sys_groupid='1')
        row.update((key, None if value is None else php_str(value)) for key, value in payload.items())
        del row['template_id']
        return {'template_id': self._insert('client_template', row)}

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

    def mail_spamfilter_user_add(self, method, session_id, client_id, params):
        session = self._check_perm(session_id, method)
        new_id = self._insert_record(method, MAIL_SPAMFILTER_USER, client_id, self._params(params, method), session)
        self._refuse_duplicate('spamfilter_users', int(new_id), ('email',))
        return new_id

    def mail_spamfilter_user_update(self, method, session_id, client_id, primary_id, params):
        session = self._check_perm(session_id, method)
        previous = self.tables['spamfilter_users'].get(php_intval(primary_id)) if is_numeric(primary_id) else None
        affected = self._update_record(method, MAIL_SPAMFILTER_USER, client_id, primary_id,
                                       self._params(params, method), session)
        if previous is not None:
            self._refuse_duplicate('spamfilter_users', php_intval(primary_id), ('email',), previous)
        return affected

    # --- client ----------------------------------------------------------------------------------
    def client_get(self, method, session_id, client_id):
        self._check_perm(session_id, method)
        record = self._get_record(CLIENT, client_id)
        # client.inc.php: an empty template_additional shows the assignments as "<assigned id>:<template id>/..."
        for row in record if isinstance(record, list) else [record] if isinstance(record, dict) else []:
            if row['template_additional'] == '':
                row['template_additional'] = '/'.join(
                    '%s:%s' % (item['assigned_template_id'], item['client_template_id'])
                    for item in self._assigned_templates(row['client_id']))
        return record

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
        self._apply_client_templates(client_id)  # the on_after_insert event
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
        if 'template_additional' in merged and merged['template_additional'] is not None:
            # before the update, so a client the update then refuses keeps them (recorded for a missing client)
            self._update_client_templates(php_intval(client_id), php_str(merged['template_additional']).split('/'))
            merged['template_additional'] = ''
        affected = self._update_record(method, CLIENT, reseller_id, client_id, merged, session)
        client = self.tables['client'].get(php_intval(client_id)) if isinstance(old, dict) else None
        sys_user = client and self._find('sys_user', 'client_id', client['client_id'])
        if client is not None:
            self._apply_client_templates(php_intval(client_id))  # the on_after_update event
        if sys_user is not None:
            sys_user['username'] = client['username']
            sys_user['language'] = client['language']
            if not php_empty(merged.get('password')):
                sys_user['passwort'] = crypt_password(php_str(merged['password']))
        if client is not None:
            # not only when the value changed, as the panel's client_edit.php does: "n" is not empty either
            if not php_empty(merged.get('canceled')) and sys_user is not None and merged['canceled'] in ('y', 'n'):
                sys_user['active'] = '0' if merged['canceled'] == 'y' else '1'
            if not php_empty(merged.get('locked')):
                self._lock_client(client, php_str(merged['locked']))
        return affected

    def _lock_client(self, client, locked):
        """func_client_lock: locking switches off every object of the client's group and saves which were off
        already; unlocking switches every one on except those the saved state says were off, and forgets it."""
        state = self.client_lock_state.setdefault(client['client_id'], {})
        group = self._find('sys_group', 'client_id', client['client_id'])
        user = self._find('sys_user', 'client_id', client['client_id'])
        if group is None or locked not in ('y', 'n'):
            return
        if locked == 'y':
            state['prev_active'], state['prev_sys_userid'] = {}, {}
        for table, column, on in CLIENT_LOCK_SWITCHES:
            off = 'n' if on == 'y' else 'y'
            saved = state.setdefault('prev_active', {}).setdefault(table, {}) if locked == 'y' else \
                state.get('prev_active', {}).get(table, {})
            owners = state['prev_sys_userid'].setdefault(table, {}) if locked == 'y' else \
                state.get('prev_sys_userid', {}).get(table, {})
            if table not in self.tables:
                continue  # no row of it: saved as an empty list, as the routine saves a table of no rows
            for row_id, row in self.tables[table].items():
                if row['sys_groupid'] != group['groupid']:
                    continue
                if locked == 'y':
                    if row[column] == off or (on == 'y' and row[column] != 'y'):
                        saved.setdefault(row_id, {})[column] = off
                    if user is not None and row['sys_userid'] != user['userid']:
                        owners[row_id] = row['sys_userid']
                    row[column] = off
                else:
                    row[column] = off if saved.get(row_id, {}).get(column) == off else on
                    row['sys_userid'] = owners.get(row_id, user['userid'] if user else row['sys_userid'])
                if user is not None and locked == 'y':
                    row['sys_userid'] = user['userid']
        if locked == 'n':
            state.pop('prev_active', None)
        client['tmp_data'] = php_serialize(state)

    def _assigned_templates(self, client_id):
        return [row for row in self.tables['client_template_assigned'].values()
                if row['client_id'] == str(php_intval(client_id))]

    def _update_client_templates(self, client_id, items):
        """client_templates.inc.php update_client_templates: "<template id>/..." (old style) makes the client's
        assignments that multiset; "<assigned id>:<template id>/..." (new style) keeps the assignments named,
        deletes the others and adds those with assigned id 0 or "n..."."""
        items = [item.strip() for item in items if item.strip()]
        assigned = self._assigned_templates(client_id)
        if all(':' not in item for item in items):
            wanted = {}
            for item in items:
                wanted[item] = wanted.get(item, 0) + 1
            for row in assigned:
                wanted[row['client_template_id']] = wanted.get(row['client_template_id'], 0) - 1
            for template_id, count in wanted.items():
                for _copy in range(count):
                    self._insert('client_template_assigned', {'client_id': str(client_id),
                                                              'client_template_id': template_id})
                for _copy in range(-count):
                    row = next(row for row in self._assigned_templates(client_id)
                               if row['client_template_id'] == template_id)
                    del self.tables['client_template_assigned'][int(row['assigned_template_id'])]
            return
        kept = set()
        new = []
        for item in items:
            assigned_id, template_id = (item.split(':', 1) + [''])[:2] if ':' in item else ('0', item)
            if assigned_id.startswith('n') or php_intval(assigned_id) <= 0:
                new.append(template_id)
            else:
                kept.add(str(php_intval(assigned_id)))
        for row in assigned:
            if row['assigned_template_id'] not in kept:
                del self.tables['client_template_assigned'][int(row['assigned_template_id'])]
        for template_id in new:
            self._insert('client_template_assigned', {'client_id': str(client_id), 'client_template_id': template_id})

    def _apply_client_templates(self, client_id):
        """client_templates.inc.php apply_client_templates: a client with a master template gets its limits, and
        each additional template assigned adds to them (-1 wins; a template assigned twice adds twice)."""
        client = self.tables['client'][client_id]
        if client['template_additional']:
            self._update_client_templates(client_id, client['template_additional'].split('/'))
            client['template_additional'] = ''
        master = self.tables['client_template'].get(php_intval(client['template_master']))
        if master is None:
            return  # "Custom" (0), or a template that is gone: the limits stay as they are
        reseller = php_intval(client['limit_client']) != 0
        limits = {key: value for key, value in master.items() if _template_key(key)}
        if reseller and php_intval(limits['limit_client']) == 0:
            limits['limit_client'] = '-1'
        for row in self._assigned_templates(client_id):
            extra = self.tables['client_template'].get(php_intval(row['client_template_id']))
            for key, value in (extra or {}).items():
                if _template_key(key) and (key != 'limit_client' or reseller == (php_intval(value) != 0)):
                    _add_template(limits, key, value)
        if not reseller:
            limits.pop('limit_client')
        for key, value in limits.items():
            if key in client and not ('default' in key and php_intval(value) == 0):
                client[key] = value

    def client_templates_get_all(self, method, session_id):
        self._check_perm(session_id, method)
        return [dict(row) for row in self.tables['client_template'].values()]

    def client_template_additional_get(self, method, session_id, client_id):
        self._check_perm(session_id, method)
        if not is_numeric(client_id):
            raise Fault('The ID must be an integer.')
        return [dict(row) for row in self._assigned_templates(client_id)]

    def _template_call(self, client_id, template_id, table, column):
        """The checks of client_template_additional_add/_delete: a missing client or template or an id that is no
        number throws a SoapFault with one argument, which PHP 8 turns into a fatal error (HTTP 500, empty)."""
        if not (is_numeric(client_id) and is_numeric(template_id)):
            raise Fatal('SoapFault::__construct() expects at least 2 arguments, 1 given')
        if php_intval(client_id) not in self.tables['client']:
            raise Fatal('SoapFault::__construct() expects at least 2 arguments, 1 given')
        found = [row for row in self.tables[table].values() if row[column] == str(php_intval(template_id))
                 and (table == 'client_template' or row['client_id'] == str(php_intval(client_id)))]
        if not found:
            raise Fatal('SoapFault::__construct() expects at least 2 arguments, 1 given')
        return found[0]

    def client_template_additional_add(self, method, session_id, client_id, template_id):
        self._check_perm(session_id, method)
        self._template_call(client_id, template_id, 'client_template', 'template_id')
        new_id = self._insert('client_template_assigned', {'client_id': str(php_intval(client_id)),
                                                           'client_template_id': str(php_intval(template_id))})
        self.record_write(method)
        self._apply_client_templates(php_intval(client_id))
        return str(new_id)

    def client_template_additional_delete(self, method, session_id, client_id, assigned_template_id):
        """Its third parameter is matched against client_template_id (recorded): it deletes one assignment of
        that template."""
        self._check_perm(session_id, method)
        row = self._template_call(client_id, assigned_template_id, 'client_template_assigned', 'client_template_id')
        del self.tables['client_template_assigned'][int(row['assigned_template_id'])]
        self.record_write(method)
        self._apply_client_templates(php_intval(client_id))
        return 1

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

    def client_get_by_groupid(self, method, session_id, group_id):
        """client.inc.php: the client of a sys_group, read with client_get (both permissions)."""
        self._check_perm(session_id, method)
        group = self.tables['sys_group'].get(php_intval(group_id))
        if group is None or group.get('client_id') is None:
            raise Fault('There is no client for this group ID.')
        return self.client_get('client_get', session_id, php_intval(group['client_id']))


SIMULATOR = ISPConfigSimulator
# what the tests read of the simulated panel
KEYS = ISPConfigSimulator.KEYS
FUNCTION_GROUPS = ISPConfigSimulator.FUNCTION_GROUPS
