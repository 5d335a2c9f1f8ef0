# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""The ISPConfig web hosting objects: websites, database users, databases, shell users, FTP users and cron jobs.

Facts: docs/api/ispconfig.md section 9 and docs/api/ispconfig-panel.md (web domain, database, database_user,
shell_user, ftp_user, cron). What the panel's own forms and edit pages do and the API leaves out is done here, so a
task and the panel, given the same values, leave the same rows:
- a new object gets every field the panel's form stores (its first tab as posted, the other tabs at their
  column defaults, then what its edit page derives), because the API stores empty values for what is not sent;
- database, database user, shell user and FTP user names get the panel's prefix (System > Interface > Main
  Config > Sites), expanded for the owner as the panel expands it, and the prefix is stored with them;
- an object of a website (database, shell user, FTP user, cron job) belongs to the website's client, as in the
  panel.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import ipaddress
import re

from . import _engine as engine
from . import ispconfig
from ._crypthash import verify
from ._idn import DomainName, to_ascii_domain
from ._transport import ApiError, TransportError, wrong_shape
from ._units import MIB, with_unit
from .ispconfig_resources import Client, Owned, ServerId, client_owner, group_owner

INT_MAX = 2 ** 31 - 1
# the ISPConfig database and its user on a stock install, which the panel refuses as names (database_edit.php,
# database_user_edit.php) together with MySQL's own
RESERVED_DATABASES = ('mysql', 'dbispconfig')
RESERVED_DATABASE_USERS = ('mysql', 'root', 'ispconfig')
# interface/lib/shelluser_blacklist and functions::is_allowed_user
RESERVED_SHELL_USERS = (
    'root', 'daemon', 'bin', 'sys', 'sync', 'games', 'man', 'lp', 'mail', 'news', 'uucp', 'proxy', 'www-data',
    'wwwrun', 'apache', 'backup', 'list', 'irc', 'gnats', 'nobody', 'debian-exim', 'statd', 'identd', 'sshd', 'mysql',
    'postgres', 'postfix', 'clamav', 'amavis', 'vmail', 'getmail', 'ispconfig', 'courier', 'dovecot', 'mongodb')
PHP_MODES = ['no', 'fast-cgi', 'cgi', 'mod', 'suphp', 'php-fpm', 'hhvm']
# validate_domain::web_domain, on the punycode form
WEB_DOMAIN = re.compile(r'^[\w.\-]{1,255}\.[a-zA-Z0-9\-]{2,63}$', re.ASCII)
NAME = re.compile(r'^[a-zA-Z0-9_]{2,64}$')  # database and database user names (database*.tform.php)
SHELL_NAME = re.compile(r'^[a-zA-Z0-9.\-_]{1,32}$')  # functions::is_allowed_user
SHELL = re.compile(r'^/[a-zA-Z0-9/]{5,20}$')
URL_COMMAND = re.compile(r'^https?://', re.IGNORECASE)
DATABASE_USER_LENGTH = 16  # database_user_edit.php: prefix and name together
DATABASE_NAME_LENGTH = 64
SHELL_USER_LENGTH = 32
# the stock server settings (install/tpl/server.ini.master and the server config form's defaults), for a remote
# user that may not read the server's own
STOCK_SERVER = {'server': {'log_retention': '10'},
                'web': {'php_handler': 'fast-cgi', 'php_fpm_default_chroot': 'n', 'server_type': 'apache',
                        'htaccess_allow_override': 'All'}}


class Megabytes(engine.ValueType):
    """A quota in MB as the panel's form takes and stores it (1 MB = 1024 x 1024 bytes): a number of MB, a size
    with a unit ("2 GiB"), or -1 / "unlimited" for no limit; a whole number of MB of at most `maximum`."""

    def __init__(self, maximum):
        self.size = engine.Size(unlimited=-1, bare_unit=MIB, step=MIB, step_name='MB', maximum=maximum * MIB)

    def from_user(self, value):
        if str(value).strip() == '-1':
            return -1
        size = self.size.from_user(value)
        return size if size == -1 else size // MIB

    def from_api(self, raw):
        return None if raw in (None, '') else int(raw)

    def to_api(self, value):
        return str(value)

    def shown(self, value):
        return with_unit(value, -1, MIB)


class Lines(engine.ValueType):
    """A list kept by the API as one text of lines (SSH public keys); each line trimmed, empty ones dropped. An
    item with a control character is refused: a line break in it would be stored as a second line (a second key,
    which may carry its own command=...), and the next read would never match the task again."""

    def from_user(self, value):
        lines = [str(line).strip() for line in value or []]
        for number, line in enumerate(lines, 1):
            if engine.CONTROL_CHARACTERS.search(line):
                raise engine.InputError('item %d holds a control character (such as a line break); give each key '
                                        'as one list item of one line' % number)
        return [line for line in lines if line]

    def from_api(self, raw):
        return [line.strip() for line in (raw or '').splitlines() if line.strip()]

    def to_api(self, value):
        return '\n'.join(value)


class CommaList(engine.TextList):
    """A comma-separated list as the panel stores it (database remote IPs): items trimmed, joined with commas."""

    def from_api(self, raw):
        return self.from_user((raw or '').split(','))


# --- owners, prefixes and websites -----------------------------------------------------------------------

def panel_client_name(name):
    """tools_sites::convertClientName: lower case, spaces dropped, every other byte outside [a-z0-9_] -> `_`."""
    converted = []
    for byte in bytearray((name or '').strip().lower().encode('utf-8')):
        character = chr(byte)
        if character == ' ':
            continue
        converted.append(character if re.match(r'[a-z0-9_]$', character) else '_')
    return ''.join(converted)


def expand_prefix(template, owner, site_id=None):
    """tools_sites::replacePrefix: [CLIENTNAME], [CLIENTID] and [DOMAINID] (the website's id) of a prefix."""
    prefix = (template or '').replace('[CLIENTNAME]', panel_client_name(owner.name or 'default'))
    prefix = prefix.replace('[CLIENTID]', str(owner.client_id))
    return prefix.replace('[DOMAINID]', str(site_id)) if site_id else prefix


def strip_prefix(name, prefix):
    """tools_sites::removePrefix: the name without its stored prefix."""
    return name[len(prefix):] if prefix and (name or '').startswith(prefix) else name


def name_prefix(resource, named, owner, site_id=None):
    """The prefix the panel gives the new name of a `named` object (a PanelObject class with a prefix_setting) for
    `owner`: the panel's setting, or the stock one, with a warning, when the remote user may not read it."""
    sites = resource.connection.system_config('sites')
    if sites is None:
        template = named.stock_prefix
        warning = ('The remote user may not read the panel\'s settings, so the name of the %s gets ISPConfig\'s '
                   'stock prefix (%s %s). Tick "%s" for it, and the module uses the panel\'s own.' % (
                       named.kind, named.prefix_setting, named.stock_prefix, ispconfig.SERVER_FUNCTIONS))
        if warning not in resource.warnings:
            resource.warnings.append(warning)
    else:
        template = sites.get(named.prefix_setting) or ''
    return expand_prefix(template, owner, site_id)


def website_rows(connection, domain=None, **filters):
    """The websites (web_domain rows of type vhost) of one domain, or of the filters; the API's filter ignores
    case, treats `%` as a wildcard and returns every type (aliases, subdomains): compared exactly here."""
    if domain is not None:
        filters['domain'] = domain
    return [row for row in connection.find(WebDomain, **filters)
            if row.get('type') == 'vhost' and (domain is None or (row.get('domain') or '').lower() == domain)]


def find_website(connection, domain, cache=None):
    """The website row of `domain` or None (read once per task with a shared cache)."""
    cache = {} if cache is None else cache
    if domain not in cache:
        rows = website_rows(connection, domain)
        if len(rows) > 1:
            raise ApiError('sites_web_domain_get: %d websites named %s; remove the duplicates in the panel first.' % (
                len(rows), domain), call='sites_web_domain_get')
        cache[domain] = rows[0] if rows else None
    return cache[domain]


def server_settings(connection, server_id, warnings):
    """{section: {key: value}} of a server's settings (server_get), or the stock ones, with a warning, when the
    remote user may not read them."""
    try:
        settings = connection.call('server_get', server_id=server_id, section='')
    except ApiError as exc:
        if exc.api_message != ispconfig.PERMISSION_DENIED:
            raise
        warnings.append('The remote user may not read the settings of server %d, so the website gets ISPConfig\'s '
                        'stock defaults (PHP mode fast-cgi, log retention 10 days). Tick "%s" for it, and the module '
                        'uses the server\'s own.' % (server_id, ispconfig.SERVER_FUNCTIONS))
        return STOCK_SERVER
    if not isinstance(settings, dict):
        raise wrong_shape(connection.transport, 'server_get', 'the settings of server %d' % server_id, settings)
    return settings


def _text(value):
    return '' if value is None else str(value)


# --- websites ---------------------------------------------------------------------------------------------

# What the panel's "new website" form stores beyond its first tab: the insert writes only that tab's fields, so
# the others keep their column defaults (install/sql/ispconfig3.sql), which the API would store as empty values.
WEB_DOMAIN_FORM = dict(
    type='vhost', vhost_type='name', parent_domain_id='0', web_folder='', enable_pagespeed='n',
    allow_override='All', php_fpm_use_socket='y', proxy_protocol='n', pm='ondemand', pm_max_children='10',
    pm_start_servers='2', pm_min_spare_servers='1', pm_max_spare_servers='5', pm_process_idle_timeout='10',
    pm_max_requests='0', http_port='80', https_port='443', stats_type='awstats', backup_interval='none',
    backup_copies='1', backup_format_web='default', backup_format_db='gzip', backup_encrypt='n',
    delete_unused_jailkit='n')
# sites_web_domain_update writes 30 and 1 into these whenever they are not sent: every update sends them again
WEB_DOMAIN_RESENT = ('log_retention', 'pm_max_children', 'pm_start_servers', 'pm_min_spare_servers',
                     'pm_max_spare_servers')
WEB_QUOTA = Megabytes(9999999999)  # ^(-1|[0-9]{1,10})$


class WebDomain(Owned):
    """A website (web_domain of type vhost), found by its domain."""

    kind = 'website'
    result_key = 'web_domain'
    module_name = 'ispconfig_web_domain'
    function_family = 'sites_web_domain'
    id_column = 'domain_id'
    function_groups = {'sites_web_domain': 'Sites Domain functions'}
    prefix_setting = stock_prefix = None
    secret_columns = ('stats_password', 'backup_password', 'ssl_key')
    parent_class = Client
    parent_column = None  # its owner's group is its sys_groupid
    children_block_delete = True
    name_column = 'domain'
    # defaults: what the panel's "new website" tab posts
    fields = (
        engine.Field('domain', value_type=DomainName()),
        engine.Field('client', value_type=engine.Text(), virtual=True),
        engine.Field('server_id', value_type=ServerId()),
        engine.Field('ip_address', value_type=engine.Text(), default='*'),
        engine.Field('ipv6_address', value_type=engine.Text(), default=''),
        engine.Field('quota', api='hd_quota', value_type=WEB_QUOTA, default=-1),
        engine.Field('traffic_quota', value_type=WEB_QUOTA, default=-1),
        engine.Field('php', value_type=engine.Text()),
        engine.Field('php_version_id', api='server_php_id', value_type=engine.Integer(), default=0),
        engine.Field('subdomain', value_type=engine.Text(), default='www'),
        engine.Field('ssl', value_type=engine.Flag(), default=False),
        engine.Field('letsencrypt', api='ssl_letsencrypt', value_type=engine.Flag(), default=False),
        engine.Field('rewrite_to_https', value_type=engine.Flag(), default=False),
        engine.Field('active', value_type=engine.Flag(), default=True),
        engine.Field('cgi', value_type=engine.Flag(), default=False),
        engine.Field('ssi', value_type=engine.Flag(), default=False),
        engine.Field('perl', value_type=engine.Flag(), default=False),
        engine.Field('ruby', value_type=engine.Flag(), default=False),
        engine.Field('python', value_type=engine.Flag(), default=False),
        engine.Field('suexec', value_type=engine.Flag(), default=True),
        engine.Field('errordocs', value_type=engine.Flag(true='1', false='0'), default=True),
        # what the server derives on create: reported, never sent
        engine.Field('document_root', value_type=engine.Text()),
        engine.Field('system_user', value_type=engine.Text()),
        engine.Field('system_group', value_type=engine.Text()),
    )

    def __init__(self, connection, params, check_mode=False):
        super(WebDomain, self).__init__(connection, params, check_mode)
        self.domain = DomainName().from_user(params['domain'])
        self.owner = None  # the Owner a new website gets
        self.settings = None  # the server's settings, read when the form's defaults depend on them

    def describe(self):
        return 'website %s' % self.domain

    def validate(self, desired):
        if not WEB_DOMAIN.match(self.domain):
            raise engine.InputError(
                '%r is not a domain name ISPConfig accepts for a website: it needs a name of letters, digits, _, - or . '
                'before its last dot and a top-level domain of 2 to 63 letters, digits or -' % self.domain)
        if self.domain.endswith('.acme.invalid'):
            raise engine.InputError('%s: ISPConfig reserves .acme.invalid for its Let\'s Encrypt checks' % self.domain)
        if desired.get('php') is not None and desired['php'] not in PHP_MODES:
            raise engine.InputError('php must be one of %s, not %r' % (', '.join(PHP_MODES), desired['php']))
        if self.params.get('php_version') and desired.get('php') not in (None, 'php-fpm', 'fast-cgi', 'hhvm'):
            raise engine.InputError('php_version needs php php-fpm or fast-cgi: the panel offers PHP versions for '
                                    'those modes only')
        address = desired.get('ip_address')
        if address not in (None, '*') and not _is_ip(address, 4):
            raise engine.InputError('ip_address must be "*" or an IPv4 address of the server, not %r' % address)
        address = desired.get('ipv6_address')
        if address not in (None, '') and not _is_ip(address, 6):
            raise engine.InputError('ipv6_address must be empty or an IPv6 address of the server, not %r' % address)
        # the panel's form ticks SSL with Let's Encrypt and unticks Let's Encrypt with SSL
        if desired.get('letsencrypt') and desired.get('ssl') is False:
            raise engine.InputError('letsencrypt=true needs ssl=true: a Let\'s Encrypt certificate is an SSL '
                                    'certificate')
        if desired.get('letsencrypt'):
            desired.setdefault('ssl', True)
        if desired.get('ssl') is False:
            desired.setdefault('letsencrypt', False)

    def read(self):
        if self.params['state'] == 'present':
            self.owner = self.check_parent(lambda: client_owner(self.connection, self.params.get('client')))
        raw = self.find_record()
        if raw is not None and self.params['state'] == 'absent':
            self._refuse_to_orphan(raw)
        return raw

    def find_record(self):
        return find_website(self.connection, self.domain, {})

    def _refuse_to_orphan(self, raw):
        """The API deletes a website alone; the panel deletes its objects (every class whose parent_class is
        WebDomain) and its sub and alias domains with it. The task deletes them first (in the customer role's
        reverse order)."""
        site_id = int(raw['domain_id'])
        children = []
        for what, rows, column in self._children(site_id):
            if rows:
                children.append('%s %s' % (what, ', '.join(sorted(_text(row.get(column)) for row in rows))))
        if not children:
            return
        names = [child.module_name for child in ispconfig.panel_object_classes() if child.parent_class is WebDomain]
        modules = ', '.join(['hosting.provision.%s' % names[0]] + [name[len('ispconfig'):] for name in names[1:]])
        message = ('website %s still has %s. Delete them first (%s): the API would delete the website alone and '
                   'leave them without it.' % (self.domain, '; '.join(children), modules))
        if not self.check_mode:
            raise engine.InputError(message)
        # an earlier task of the same play (the customer role's reverse order) may delete them
        self.warnings.append('website %s has %s now. The real run deletes it only if they are gone by then, as when '
                             'earlier tasks of the play delete them (check mode cannot see what those would do).' % (
                                 self.domain, '; '.join(children)))

    def _children(self, site_id):
        """(what, rows, name column) of the website's sub and alias domains and of each class of its objects."""
        # every web_domain row of the website, whatever its type: the sub and alias domain classes read the same rows
        children = [('sub or alias domains', WebDomain, 'domain', 'parent_domain_id')]
        children += [('%ss' % child.kind, child, child.name_column, child.parent_column)
                     for child in ispconfig.panel_object_classes()
                     if child.parent_class is WebDomain and not issubclass(child, ChildDomain)]
        for what, child, name, link in children:
            rows = [row for row in self.connection.find(child, **{link: site_id}) if int(row.get(link) or 0) == site_id]
            yield what, rows, name

    def resolve(self, desired, raw):
        if raw is not None:
            self._refuse_moves(desired, raw)
        php = desired.get('php')
        if raw is None or php == 'fast-cgi':
            server_id = desired.get('server_id') or (int(raw['server_id']) if raw else self._default_server())
            desired.setdefault('server_id', server_id)
            self.settings = server_settings(self.connection, server_id, self.warnings)
            web = self.settings.get('web') or {}
            if php is None and raw is None:
                php = desired['php'] = web.get('php_handler') or 'fast-cgi'
            if php == 'fast-cgi' and web.get('server_type') == 'nginx':
                desired['php'] = 'php-fpm'
                self.warnings.append('php=fast-cgi becomes php-fpm: the website\'s server runs nginx, which has no '
                                     'Fast-CGI mode (the panel switches it the same way).')
        self._resolve_php_version(desired, raw)

    def _resolve_php_version(self, desired, raw):
        """php_version (a name of System > Additional PHP Versions) -> php_version_id, among the active versions
        the server offers for the PHP mode, as the panel's select does; a new PHP mode keeps the stored version only
        where it fits, else the server's default (0), as the panel resets it."""
        wanted = self.params.get('php_version')
        php = desired.get('php') or (raw or {}).get('php')
        mode_changes = raw is not None and desired.get('php') not in (None, raw.get('php'))
        if wanted in (None, '') and not (mode_changes and int(raw.get('server_php_id') or 0)):
            if wanted == '':
                desired['php_version_id'] = 0
            return
        server_id = desired.get('server_id') or int(raw['server_id'])
        rows = self.connection.call('server_get_php_versions', server_id=server_id, php=php, get_full_data=True)
        if not isinstance(rows, list) or not all(isinstance(row, dict) and 'server_php_id' in row for row in rows):
            raise wrong_shape(self.connection.transport, 'server_get_php_versions', 'a list of PHP versions', rows)
        offered = dict((row.get('name'), int(row['server_php_id'])) for row in rows if row.get('active') == 'y')
        if wanted in (None, ''):
            if int(raw['server_php_id']) not in offered.values():
                desired['php_version_id'] = 0
            return
        if wanted not in offered:
            raise engine.InputError('php_version %r: server %s offers %s for PHP mode %s' % (
                wanted, server_id, ', '.join(repr(name) for name in sorted(offered)) or 'no additional PHP version',
                php))
        desired['php_version_id'] = offered[wanted]

    def _refuse_moves(self, desired, raw):
        """The panel refuses another server for a website, and moving it to another client is a panel edit that
        also moves its paths and children, which no API call does."""
        if desired.get('server_id') is not None and desired['server_id'] != int(raw['server_id']):
            raise engine.InputError('%s is on server %s; ISPConfig cannot move a website to another server '
                                    '(server_id %d).' % (self.describe(), raw['server_id'], desired['server_id']))
        wanted = self.params.get('client')
        if wanted is not None:
            if self.connection.owner_name(raw, wanted) != wanted:
                owner = group_owner(self.connection, int(raw.get('sys_groupid') or 0))
                raise engine.InputError(
                    '%s belongs to %s, not to client %s. Moving a website to another client is done in the panel '
                    '(it moves the website\'s files and objects); the API cannot.' % (
                        self.describe(), _owner_text(owner), wanted))

    def _default_server(self):
        servers = self.connection.servers_for_new_client()
        if servers is None:
            self.warnings.append('The remote user may not read the panel\'s servers and settings, so the website '
                                 'goes to server 1. Tick "%s" for it, or set server_id.' % ispconfig.SERVER_FUNCTIONS)
            return 1
        return servers['web']

    def normalise(self, raw):
        state = super(WebDomain, self).normalise(raw)
        state['php_open_basedir'] = _text(raw.get('php_open_basedir'))
        return state

    def create_payload(self, after):
        """The rest of the "new website" form, the values its edit page derives after the insert (log retention
        and PHP-FPM chroot from the server, who added it) and the owner's group (client_group_id:
        the panel's insert is made by the admin and gives the website to the client's group)."""
        settings = self.settings or STOCK_SERVER
        payload = dict(WEB_DOMAIN_FORM)
        # added_date is left out: the API would read it in the date format of language files it does not load
        payload.update(
            log_retention=_text((settings.get('server') or {}).get('log_retention') or 10),
            php_fpm_chroot=(settings.get('web') or {}).get('php_fpm_default_chroot') or 'n',
            added_by=self.connection.username)
        if self.owner is not None and self.owner.client_id:
            payload['client_group_id'] = str(self.owner.group_id)
        return payload

    def update_payload(self, raw, changes):
        return dict((name, _text(raw.get(name))) for name in WEB_DOMAIN_RESENT)

    def create(self, payload):
        """As the panel: a website with Let's Encrypt is added with SSL off and switched on by an update right
        after (the certificate needs the website to exist)."""
        letsencrypt = payload.get('ssl') == 'y' and payload.get('ssl_letsencrypt') == 'y'
        sent = dict(payload, ssl='n', ssl_letsencrypt='n') if letsencrypt else payload
        domain_id = self.connection.call('sites_web_domain_add', write=True, client_id=0, params=sent)
        if not letsencrypt:
            return
        if not str(domain_id).isdigit():
            raise wrong_shape(self.connection.transport, 'sites_web_domain_add', 'the id of the new website', domain_id)
        switch = dict(((name, payload[name]) for name in WEB_DOMAIN_RESENT), ssl='y', ssl_letsencrypt='y')
        try:
            self.connection.update('sites_web_domain', 0, int(domain_id), switch)
        except TransportError as exc:
            if exc.maybe_applied:
                raise  # the engine re-reads to learn whether it took
            error = ApiError('%s was created, but switching on SSL and Let\'s Encrypt failed: %s Run the task again '
                             'to switch them on.' % (self.describe(), exc.message), call=exc.call,
                             status=exc.status, code=exc.code, api_message=exc.api_message)
            error.written = True
            raise error

    def update(self, raw, payload):
        # client_id 0: a client's id would give the row to the client's panel user, which the panel never does
        self.connection.update(self.function_family, 0, int(raw[self.id_column]), payload)

    def settle(self, action, after):
        """A new website is read back: the server derived its paths, system user and group."""
        if action != 'create':
            return None
        raw = self.find_record()
        return self.normalise(raw) if raw is not None else None


def _is_ip(text, version):
    try:
        return '%' not in text and ipaddress.ip_address(str(text)).version == version
    except ValueError:
        return False


def web_domain_options():
    """The argument spec of ispconfig_web_domain."""
    return dict(
        domain=dict(type='str', required=True),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        client=dict(type='str'),
        server_id=dict(type='int'),
        ip_address=dict(type='str'),
        ipv6_address=dict(type='str'),
        quota=dict(type='str'),
        traffic_quota=dict(type='str'),
        php=dict(type='str', choices=PHP_MODES),
        php_version=dict(type='str'),
        subdomain=dict(type='str', choices=['none', 'www', '*']),
        ssl=dict(type='bool'),
        letsencrypt=dict(type='bool'),
        rewrite_to_https=dict(type='bool'),
        active=dict(type='bool'),
        cgi=dict(type='bool'),
        ssi=dict(type='bool'),
        perl=dict(type='bool'),
        ruby=dict(type='bool'),
        python=dict(type='bool'),
        suexec=dict(type='bool'),
        errordocs=dict(type='bool'),
    )


def web_domain_record(raw):
    """A website as the modules report it (without its owner, which only a task's client names)."""
    return dict(engine.field_values(WebDomain.fields, raw), domain_id=int(raw['domain_id']),
                php_open_basedir=_text(raw.get('php_open_basedir')))


def list_web_domains(connection, domain=None, owner=None):
    """The websites of one domain, of one client (username), or all, as ispconfig_web_domain reports them."""
    filters = {}
    if owner is not None:
        filters['sys_groupid'] = client_owner(connection, owner).group_id
    rows = website_rows(connection, to_ascii_domain(domain) if domain else None, **filters)
    return sorted((web_domain_record(row) for row in rows), key=lambda site: site['domain'])


# --- objects of a website -----------------------------------------------------------------------------------

class WebsiteObject(Owned):
    """An object of a website (database, shell user, FTP user, cron job): looked for within the website `website`, and
    owned as the panel owns it, by the website's client (`client`, when the task gives it, must name that client).

    A website that does not exist has none of them: absent is then done, and present fails (check mode warns,
    as an earlier task may create the website)."""

    parent_class = WebDomain
    parent_column = 'parent_domain_id'
    children_block_delete = False

    def __init__(self, connection, params, check_mode=False):
        super(WebsiteObject, self).__init__(connection, params, check_mode)
        self.website = DomainName().from_user(params['website']) if params.get('website') else None
        self.site = None
        self.owner = None

    def find_site(self):
        """The row of the task's website (read once per task), or None."""
        return find_website(self.connection, self.website, self.shared.setdefault('websites', {}))

    def read_site(self):
        """The website's row and owner (and the name prefix for that owner); None when there is no website."""
        def find():
            site = self.find_site()
            if site is None and self.params.get('state', 'present') == 'present':
                raise ispconfig.MissingParent(
                    'Cannot create %s: the website %s does not exist in ISPConfig; create it first '
                    '(hosting.provision.ispconfig_web_domain).' % (self.describe(), self.website),
                    call='sites_web_domain_get')
            return site
        if self.use_site(self.check_parent(find)) is not None and self.prefix_setting:
            self.prefix = name_prefix(self, type(self), self.owner, self.site_id())
        return self.site

    def use_site(self, site):
        """Take `site` (a website row, or None) as the object's website, with its owner, which `client` must name."""
        self.site = site
        if site is None:
            return None
        self.website = self.website or site['domain']
        self.owner = group_owner(self.connection, int(site.get('sys_groupid') or 0))
        wanted = self.params.get('client')
        if wanted is not None and wanted != self.owner.name:
            raise engine.InputError('%s belongs to %s, not to client %s; the objects of a website belong to its '
                                    'client.' % (self.site_name(), _owner_text(self.owner), wanted))
        return site

    def read_to_delete(self):
        """The row an absent task names (see PrefixedName.find_named): within the task's website when it names
        one, else on the whole panel; the website of the row found is read for the result."""
        filters = {}
        if self.website:
            if self.use_site(self.find_site()) is None:
                return None  # no website, none of its objects
            filters['parent_domain_id'] = self.site_id()
        raw = self.find_named('website', **filters)
        if raw is not None and self.site is None:
            sites = website_rows(self.connection, domain_id=int(raw.get('parent_domain_id') or 0))
            self.use_site(sites[0] if sites else None)
        return raw

    def site_id(self):
        return int(self.site['domain_id'])

    def site_name(self):
        return 'website %s' % self.website

    def belongs_to_site(self, raw):
        """Refuse a row found by its unique name that belongs to another website (present and absent alike:
        the task names an object of its own website)."""
        if int(raw.get('parent_domain_id') or 0) != self.site_id():
            raise engine.InputError('%s exists, but in another website (id %s), not in %s; names are unique in the '
                                    'panel.' % (self.describe(), raw.get('parent_domain_id'), self.website))

    def normalise(self, raw):
        state = engine.field_values(self.fields, raw)
        state[self.id_column] = int(raw[self.id_column])
        state['website'] = self.website
        if self.params.get('client') is not None:
            mine = self.owner is not None and int(raw.get('sys_groupid') or 0) == self.owner.group_id
            state['client'] = self.owner.name if mine else 'the client of group %s' % raw.get('sys_groupid')
        return state

    def create_defaults(self, after):
        defaults = dict(website=self.website)
        if self.site is not None:
            defaults['server_id'] = int(self.site['server_id'])
            if self.params.get('client') is not None:
                defaults['client'] = self.owner.name
        return defaults

    def create_payload(self, after):
        return dict(parent_domain_id=str(self.site_id())) if self.site is not None else {}

    def create(self, payload):
        # the panel gives the object the website's group; the owner's id does the same through the API
        self.new_id = self.connection.add(self.function_family, self.owner.client_id, payload)

    def update(self, raw, payload):
        self.connection.update(self.function_family, 0, int(raw[self.id_column]), payload)


class PrefixedName(object):
    """An object whose name the panel prefixes (database, database user, shell user): the option `name_option`
    holds the name without the prefix; read() sets `prefix`, the panel's prefix for the owner."""

    name_option = 'name'
    prefix = None

    def name(self):
        return self.params[self.name_option]

    def describe(self):
        return '%s %s' % (self.kind, self.name() if self.prefix is None else self.prefix + self.name())

    def find_named(self, narrower, **filters):
        """The row an absent task names: one whose stored name (name_column) is its stored prefix (the
        `<name_column>_prefix` column)
        + the task's name, whatever owner and prefix setting made it, so that deleting needs neither the client
        nor the website that decided the prefix. None when there is none; more than one fails, naming them
        (`narrower`, the option that tells them apart, should then be set). The API's filter ignores case and
        takes `%` as a wildcard: the rows are compared exactly here."""
        column = self.name_column
        rows = self.connection.find(self, **dict(filters, **{column: '%' + self.name()}))
        named = [row for row in rows if strip_prefix(row.get(column), row.get(column + '_prefix')) == self.name()]
        if len(named) > 1:
            raise engine.InputError('%d %ss are named %s with their prefix: %s. %s' % (
                len(named), self.kind, self.name(), ', '.join(sorted('%s (id %s)' % (
                    _text(row.get(column)), row.get(self.id_column)) for row in named)),
                'Delete the one you mean in the panel.' if self.params.get(narrower) else
                'Set %s to say which one to delete.' % narrower))
        if not named:
            return None
        self.prefix = _text(named[0].get(column + '_prefix'))
        return named[0]

    def resolve(self, desired, raw):
        if self.prefix is not None:
            desired['prefix'] = self.prefix  # the prefix column is compared, so a row made without it gets it

    def normalise(self, raw):
        state = super(PrefixedName, self).normalise(raw)
        state[self.name_option] = self.name()  # found as prefix + name
        return state


def _owner_text(owner):
    return 'client %s' % owner.name if owner.row is not None else 'the admin'


def _prefixed(option, name, prefix, limit, reserved):
    """Refuse a name the panel would refuse: `name` without the prefix as its form checks it, prefix + name
    against the length the panel allows and its reserved names."""
    full = prefix + name
    if len(full) > limit:
        raise engine.InputError('%s %r with the panel\'s prefix %r is %r, %d characters; the panel allows at most %d'
                                % (option, name, prefix, full, len(full), limit))
    if full.lower() in reserved:
        raise engine.InputError('%s %r is reserved: the panel does not allow %s' % (option, full, ', '.join(reserved)))
    return full


def _refuse_empty_password(params):
    """A database or shell user's password is never "": the API would make a login without one, or keep the old
    one on update while every run sends "" again."""
    if params.get('password') == '':
        raise engine.InputError('password is empty: a login needs one that passes the panel\'s password rule')


def _require_password(resource, raw):
    """A new database or shell user needs a password: the API would make a login without one (the panel's form
    requires it)."""
    if raw is None and resource.params['state'] == 'present' and resource.params.get('password') is None:
        raise engine.InputError('password is required to create %s: the panel makes no login without one'
                                % resource.describe())


def _exactly(rows, column, value):
    """The rows whose `column` is `value` exactly (the API's filter ignores case)."""
    return [row for row in rows if row.get(column) == value]


def _the_one(rows, what):
    if len(rows) > 1:
        raise ApiError('%d records of %s; remove the duplicates in the panel first.' % (len(rows), what))
    return rows[0] if rows else None


# --- database users -------------------------------------------------------------------------------------------

def mysql_native_hash(password):
    """MySQL's native password hash, which ISPConfig stores for database users: `*` + upper-case hex of
    SHA1(SHA1(password))."""
    return '*' + hashlib.sha1(hashlib.sha1(password.encode('utf-8')).digest()).hexdigest().upper()


class DatabaseUser(PrefixedName, Owned):
    """A database user (web_database_user), found by its name without the panel's prefix."""

    kind = 'database user'
    result_key = 'database_user'
    module_name = 'ispconfig_database_user'
    function_family = 'sites_database_user'
    id_column = 'database_user_id'
    function_groups = {'sites_database_user': 'Sites database functions'}
    prefix_setting = 'dbuser_prefix'
    stock_prefix = 'c[CLIENTID]'
    secret_columns = ('database_password', 'database_password_mongo')
    parent_class = Client
    parent_column = None  # its owner's group is its sys_groupid
    children_block_delete = False  # deleting it unlinks its databases, as the panel does
    name_column = 'database_user'
    fields = (
        engine.Field('name', value_type=engine.Text(identifier=True), virtual=True),
        engine.Field('client', value_type=engine.Text(), virtual=True),
        engine.Field('password', api='database_password', secret=True),
        engine.Field('database_user', value_type=engine.Text()),
        engine.Field('prefix', api='database_user_prefix', value_type=engine.Text()),
    )

    def __init__(self, connection, params, check_mode=False):
        super(DatabaseUser, self).__init__(connection, params, check_mode)
        self.owner = None

    def validate(self, desired):
        if not NAME.match(self.name()):
            raise engine.InputError('name %r: a database user name is 2 to 64 of a-z, A-Z, 0-9 and _' % self.name())
        _refuse_empty_password(self.params)

    def read(self):
        if self.params['state'] == 'absent':
            return self._read_to_delete()
        self.owner = self.check_parent(lambda: client_owner(self.connection, self.params.get('client')))
        if self.owner is None:  # check mode: the client an earlier task creates
            return None
        self.prefix = name_prefix(self, DatabaseUser, self.owner)
        full = _prefixed('name', self.name(), self.prefix, DATABASE_USER_LENGTH, RESERVED_DATABASE_USERS)
        return find_database_user(self.connection, full)

    def _read_to_delete(self):
        """By its stored prefix and name (find_named), among the users of `client` when the task names one."""
        filters = {}
        if self.params.get('client') is not None:
            try:
                filters['sys_groupid'] = client_owner(self.connection, self.params['client']).group_id
            except ispconfig.MissingParent:
                return None  # a client that is gone has no users
        return self.find_named('client', **filters)

    def resolve(self, desired, raw):
        super(DatabaseUser, self).resolve(desired, raw)
        _require_password(self, raw)

    def password_matches(self, raw, password):
        return raw.get('database_password') == mysql_native_hash(password)

    def create_defaults(self, after):
        return dict(database_user=self.prefix + self.name()) if self.prefix is not None else {}

    def create_payload(self, after):
        # the panel puts a new database user on every database server (database_user_edit.php)
        return dict(server_id='0')


def find_database_user(connection, full_name):
    rows = _exactly(connection.find(DatabaseUser, database_user=full_name), 'database_user', full_name)
    return _the_one(rows, 'database user %s' % full_name)


def database_user_options():
    return dict(
        name=dict(type='str', required=True),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        client=dict(type='str'),
        password=dict(type='str', no_log=True),
        update_password=engine.update_password_option(comparable=True),
    )


# --- databases --------------------------------------------------------------------------------------------------

DATABASE_QUOTA = Megabytes(INT_MAX)


class Database(PrefixedName, WebsiteObject):
    """A database (web_database) of a website, found by its name without the panel's prefix."""

    kind = 'database'
    result_key = 'database'
    module_name = 'ispconfig_database'
    function_family = 'sites_database'
    id_column = 'database_id'
    function_groups = {'sites_database': 'Sites database functions'}
    prefix_setting = 'dbname_prefix'
    stock_prefix = 'c[CLIENTID]'
    secret_columns = ()
    name_column = 'database_name'
    # defaults: what the panel's "new database" form posts
    fields = (
        engine.Field('name', value_type=engine.Text(identifier=True), virtual=True),
        engine.Field('website', value_type=DomainName(), virtual=True),
        engine.Field('user', value_type=engine.Text(), virtual=True),
        engine.Field('database_name', value_type=engine.Text()),
        engine.Field('prefix', api='database_name_prefix', value_type=engine.Text()),
        engine.Field('type', value_type=engine.Text(), default='mysql'),
        engine.Field('quota', api='database_quota', value_type=DATABASE_QUOTA, default=-1),
        engine.Field('charset', api='database_charset', value_type=engine.Text(), default=''),
        engine.Field('remote_access', value_type=engine.Flag(), default=False),
        engine.Field('remote_ips', value_type=CommaList(), default=[]),
        engine.Field('active', value_type=engine.Flag(), default=True),
        engine.Field('server_id', value_type=engine.Integer()),
    )

    def __init__(self, connection, params, check_mode=False):
        super(Database, self).__init__(connection, params, check_mode)
        self.user = None  # the database user row the task names

    def validate(self, desired):
        if not NAME.match(self.name()):
            raise engine.InputError('name %r: a database name is 2 to 64 of a-z, A-Z, 0-9 and _' % self.name())
        for address in desired.get('remote_ips') or []:
            if not (_is_ip(address, 4) or _is_ip(address, 6)):
                raise engine.InputError('remote_ips: %r is not an IP address (the panel takes addresses only)' % address)

    def read(self):
        if self.params['state'] == 'absent':
            return self.read_to_delete()
        if self.read_site() is None:
            return None
        full = _prefixed('name', self.name(), self.prefix, DATABASE_NAME_LENGTH, RESERVED_DATABASES)
        rows = [row for row in _exactly(self.connection.find(Database, database_name=full), 'database_name', full)
                if int(row.get('server_id') or 0) == int(self.site['server_id'])]
        raw = _the_one(rows, self.describe())
        if raw is not None:
            self.belongs_to_site(raw)
        return raw

    def resolve(self, desired, raw):
        super(Database, self).resolve(desired, raw)
        if desired.get('user') and self.owner is not None and self.params['state'] == 'present':
            def find():
                user_prefix = name_prefix(self, DatabaseUser, self.owner)
                row = find_database_user(self.connection, user_prefix + desired['user'])
                if row is None:
                    raise ispconfig.MissingParent(
                        '%s: the database user %s does not exist; create it first '
                        '(hosting.provision.ispconfig_database_user).'
                        % (self.describe(), user_prefix + desired['user']),
                        call='sites_database_user_get')
                if int(row.get('sys_groupid') or 0) != self.owner.group_id:
                    raise engine.InputError('%s: the database user %s belongs to another client than %s' % (
                        self.describe(), row['database_user'], self.site_name()))
                return row
            self.user = self.check_parent(find)

    def normalise(self, raw):
        state = super(Database, self).normalise(raw)
        state['user'] = self._user_name(raw.get('database_user_id'))
        return state

    def _user_name(self, user_id):
        """The name (without prefix) of the linked database user; '' for none."""
        if user_id in (None, '', '0', 0):
            return ''
        if self.user is not None and int(self.user['database_user_id']) == int(user_id):
            row = self.user
        else:
            row = self.connection.call('sites_database_user_get', primary_id=int(user_id))
            if row is None:
                return ''  # the id of a user that is gone
            if not isinstance(row, dict) or 'database_user' not in row:
                raise wrong_shape(self.connection.transport, 'sites_database_user_get', 'a database user', row)
        return strip_prefix(row['database_user'], row.get('database_user_prefix'))

    def create_defaults(self, after):
        defaults = super(Database, self).create_defaults(after)
        if self.prefix is not None:
            defaults['database_name'] = self.prefix + self.name()
        defaults.setdefault('user', '')
        return defaults

    def _user_payload(self, after_user):
        return dict(database_user_id=str(int(self.user['database_user_id'])) if after_user and self.user else '0')

    def create_payload(self, after):
        return dict(super(Database, self).create_payload(after), **self._user_payload(after.get('user')))

    def update_payload(self, raw, changes):
        return self._user_payload(changes['user']) if 'user' in changes else {}

    def create(self, payload):
        # client_id 0: the database plugin gives the database the website's group, as the panel's insert does
        self.new_id = self.connection.add(self.function_family, 0, payload)


def database_options():
    return dict(
        name=dict(type='str', required=True),
        website=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        client=dict(type='str'),
        user=dict(type='str'),
        type=dict(type='str', choices=['mysql']),
        quota=dict(type='str'),
        charset=dict(type='str', choices=['', 'latin1', 'utf8', 'utf8mb4']),
        remote_access=dict(type='bool'),
        remote_ips=dict(type='list', elements='str'),
        active=dict(type='bool'),
    )


# --- shell users ------------------------------------------------------------------------------------------------

SHELL_QUOTA = Megabytes(INT_MAX)


class ShellUser(PrefixedName, WebsiteObject):
    """A shell (SSH/SFTP) user (shell_user) of a website, found by its name without the panel's prefix."""

    kind = 'shell user'
    result_key = 'shell_user'
    module_name = 'ispconfig_shell_user'
    function_family = 'sites_shell_user'
    id_column = 'shell_user_id'
    function_groups = {'sites_shell_user': 'Sites Shell-User functions'}
    prefix_setting = 'shelluser_prefix'
    stock_prefix = '[CLIENTNAME]'
    secret_columns = ('password',)
    name_column = 'username'
    name_option = 'username'
    fields = (
        engine.Field('username', value_type=engine.Text(identifier=True), virtual=True),
        engine.Field('website', value_type=DomainName(), virtual=True),
        engine.Field('password', secret=True),
        engine.Field('login', api='username', value_type=engine.Text()),
        engine.Field('prefix', api='username_prefix', value_type=engine.Text()),
        engine.Field('ssh_keys', api='ssh_rsa', value_type=Lines(), default=[]),
        engine.Field('chroot', value_type=engine.Text()),
        engine.Field('quota', api='quota_size', value_type=SHELL_QUOTA, default=-1),
        engine.Field('shell', value_type=engine.Text(), default='/bin/bash'),
        engine.Field('active', value_type=engine.Flag(), default=True),
        engine.Field('directory', api='dir', value_type=engine.Text()),
        engine.Field('server_id', value_type=engine.Integer()),
    )

    def validate(self, desired):
        if not SHELL_NAME.match(self.name()):
            raise engine.InputError('username %r: a shell user name is 1 to 32 of a-z, A-Z, 0-9, ".", "-" and "_"'
                                    % self.name())
        if self.name().lower() in RESERVED_SHELL_USERS:
            raise engine.InputError('username %r is a system user the panel does not allow' % self.name())
        shell = desired.get('shell')
        if shell is not None and not SHELL.match(shell):
            raise engine.InputError('shell %r: the panel takes an absolute path of 5 to 20 letters, digits and "/"'
                                    % shell)
        _refuse_empty_password(self.params)

    def read(self):
        if self.params['state'] == 'absent':
            return self.read_to_delete()
        if self.read_site() is None:
            return None
        full = _prefixed('username', self.name(), self.prefix, SHELL_USER_LENGTH, RESERVED_SHELL_USERS)
        raw = _the_one(_exactly(self.connection.find(ShellUser, username=full), 'username', full),
                       self.describe())
        if raw is not None:
            self.belongs_to_site(raw)
        return raw

    def resolve(self, desired, raw):
        super(ShellUser, self).resolve(desired, raw)
        _require_password(self, raw)

    def password_matches(self, raw, password):
        return verify(password, raw.get('password'))

    def create_defaults(self, after):
        defaults = super(ShellUser, self).create_defaults(after)
        if self.site is not None:
            defaults.update(login=self.prefix + self.name(), directory=self.site.get('document_root'),
                            chroot=_first_chroot(self.owner))
        return defaults

    def create_payload(self, after):
        # what the panel's edit page takes from the website after the insert
        payload = super(ShellUser, self).create_payload(after)
        if self.site is not None:
            payload.update(puser=_text(self.site.get('system_user')), pgroup=_text(self.site.get('system_group')))
        return payload


def _first_chroot(owner):
    """The chroot the panel's form preselects: the first of its choices (no, jailkit) the client may use."""
    allowed = [item.strip() for item in _text((owner.row or {}).get('ssh_chroot')).split(',') if item.strip()]
    for choice in ('no', 'jailkit'):
        if owner.row is None or choice in allowed:
            return choice
    return 'no'


def shell_user_options():
    return dict(
        username=dict(type='str', required=True),
        website=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        client=dict(type='str'),
        password=dict(type='str', no_log=True),
        update_password=engine.update_password_option(comparable=True),
        ssh_keys=dict(type='list', elements='str', no_log=False),
        chroot=dict(type='str', choices=['no', 'jailkit']),
        quota=dict(type='str'),
        shell=dict(type='str'),
        active=dict(type='bool'),
    )


# --- FTP users --------------------------------------------------------------------------------------------------

FTP_QUOTA = WEB_QUOTA  # ftp_user.tform.php has the same ^(-1|[0-9]{1,10})$
FTP_NAME = re.compile(r'^[\w.\-@]{1,64}$', re.ASCII)  # ftp_user.tform.php, on the name with its prefix
FTP_USER_LENGTH = 64
# ftp_user.tform.php: dir, before validate_ftpuser::ftp_dir checks it is in the website
FTP_DIRECTORY = re.compile(r'^/[a-zA-Z0-9 .\-_/]{10,128}$', re.ASCII)
# the form's defaults of its Options tab (no limits), which the API would store as 0
FTP_USER_FORM = dict(quota_files='-1', ul_ratio='-1', dl_ratio='-1', ul_bandwidth='-1', dl_bandwidth='-1')


class FtpUser(PrefixedName, WebsiteObject):
    """An FTP user (ftp_user) of a website, found by its name without the panel's prefix."""

    kind = 'FTP user'
    result_key = 'ftp_user'
    module_name = 'ispconfig_ftp_user'
    function_family = 'sites_ftp_user'
    id_column = 'ftp_user_id'
    function_groups = {'sites_ftp_user': 'Sites FTP-User functions'}
    prefix_setting = 'ftpuser_prefix'
    stock_prefix = '[CLIENTNAME]'
    secret_columns = ('password',)
    name_column = 'username'
    name_option = 'username'
    # defaults: what the panel's "new FTP user" form posts
    fields = (
        engine.Field('username', value_type=engine.Text(identifier=True), virtual=True),
        engine.Field('website', value_type=DomainName(), virtual=True),
        engine.Field('password', secret=True),
        engine.Field('login', api='username', value_type=engine.Text()),
        engine.Field('prefix', api='username_prefix', value_type=engine.Text()),
        engine.Field('quota', api='quota_size', value_type=FTP_QUOTA, default=-1),
        engine.Field('active', value_type=engine.Flag(), default=True),
        engine.Field('directory', api='dir', value_type=engine.Text()),
        engine.Field('server_id', value_type=engine.Integer()),
    )

    def validate(self, desired):
        if not FTP_NAME.match(self.name()):
            raise engine.InputError('username %r: an FTP user name is 1 to 64 of a-z, A-Z, 0-9, "_", ".", "-" and '
                                    '"@"' % self.name())
        directory = desired.get('directory')
        if directory is not None and (not FTP_DIRECTORY.match(directory) or re.search(r'\.\.|\./|/\.', directory)):
            raise engine.InputError('directory %r: the panel takes an absolute path of 11 to 129 letters, digits, '
                                    'spaces, "-", "_", "." and "/", without "..", "./" or "/."' % directory)
        _refuse_empty_password(self.params)

    def read(self):
        if self.params['state'] == 'absent':
            return self.read_to_delete()
        if self.read_site() is None:
            return None
        full = _prefixed('username', self.name(), self.prefix, FTP_USER_LENGTH, ())
        rows = self.connection.find(FtpUser, username=full)
        raw = _the_one(_exactly(rows, 'username', full), self.describe())
        if raw is None and rows:  # the filter ignores case, and so does the panel's unique check
            raise engine.InputError('%s cannot be created: FTP user %s exists, and names that differ only in case are '
                                    'the same name to the panel' % (self.describe(), rows[0].get('username')))
        if raw is not None:
            self.belongs_to_site(raw)
        return raw

    def resolve(self, desired, raw):
        super(FtpUser, self).resolve(desired, raw)
        _require_password(self, raw)
        if self.site is not None and desired.get('directory') is not None:
            root = _text(self.site.get('document_root'))
            if desired['directory'] != root and not desired['directory'].startswith(root + '/'):
                raise engine.InputError('directory %r is outside %s: the panel takes its document root %s or a '
                                        'directory below it' % (desired['directory'], self.site_name(), root))
        self._refuse_weak_password(raw)

    def _refuse_weak_password(self, raw):
        """The panel's password rule, checked before a password is sent (the API's answer would name no field)."""
        password = self.params.get('password')
        if self.params['state'] != 'present' or not password:
            return
        if raw is not None:
            if self.params.get('update_password') == 'on_create' or self.password_matches(raw, password):
                return  # not sent
        weak = self.connection.weak_password(password, mailbox=False)
        if weak:
            raise engine.InputError(weak)

    def password_matches(self, raw, password):
        return verify(password, raw.get('password'))

    def create_defaults(self, after):
        defaults = super(FtpUser, self).create_defaults(after)
        if self.site is not None:
            defaults.update(login=self.prefix + self.name(), directory=self.site.get('document_root'))
        return defaults

    def create_payload(self, after):
        # what the panel's edit page takes from the website after the insert (uid and gid: its system user and group)
        payload = dict(super(FtpUser, self).create_payload(after), **FTP_USER_FORM)
        if self.site is not None:
            payload.update(uid=_text(self.site.get('system_user')), gid=_text(self.site.get('system_group')))
        return payload


def ftp_user_options():
    return dict(
        username=dict(type='str', required=True),
        website=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        client=dict(type='str'),
        password=dict(type='str', no_log=True),
        update_password=engine.update_password_option(comparable=True),
        quota=dict(type='str'),
        active=dict(type='bool'),
        directory=dict(type='str', aliases=['dir']),
    )


# --- cron jobs --------------------------------------------------------------------------------------------------

# validate_cron::run_time_format: option -> (column, lowest, highest)
SCHEDULE = (('minute', 'run_min', 0, 59), ('hour', 'run_hour', 0, 23), ('day', 'run_mday', 1, 31),
            ('month', 'run_month', 1, 12), ('weekday', 'run_wday', 0, 7))
_SCHEDULE_ENTRY = re.compile(r'^(((\d+)(-(\d+))?)|\*)(/([1-9]\d*))?$', re.ASCII)


def schedule_problem(value, lowest, highest):
    """Why validate_cron refuses a schedule field, or None: numbers from `lowest` to `highest`, `*`, lists,
    ranges (end after start) and steps (2 to highest - 1); no names, no @hourly."""
    if not re.match(r'^[0-9\-,/*]+$', value, re.ASCII) or re.search(r'[\-,/][\-,/]', value):
        return 'only digits, "*", ",", "-" and "/" (no names such as "mon", no "@hourly")'
    for entry in value.split(','):
        match = _SCHEDULE_ENTRY.match(entry)
        if not match:
            return '%r is not a number, range or "*" with an optional /step' % entry
        if match.group(1) != '*':
            first = int(match.group(3))
            if not lowest <= first <= highest or (match.group(4) and not first < int(match.group(5)) <= highest):
                return '%r is outside %d-%d or a range that does not go up' % (entry, lowest, highest)
        if match.group(6) and not 2 <= int(match.group(7)) <= highest - 1:
            return 'the step of %r must be 2 to %d' % (entry, highest - 1)
    return None


class Schedule(engine.Text):
    """A cron schedule field, stored without spaces (the panel ignores them)."""

    def from_user(self, value):
        return str(value).replace(' ', '')

    def from_api(self, raw):
        return None if raw is None else str(raw).replace(' ', '')


def cron_type(command, owner):
    """cron_edit.php: url for an http(s) command, else full when the website's client may run full cron jobs
    (or the website has no client), chrooted otherwise."""
    if URL_COMMAND.match(command):
        return 'url'
    if owner.row is None or owner.row.get('limit_cron_type') == 'full':
        return 'full'
    return 'chrooted'


class Cron(WebsiteObject):
    """A cron job (cron) of a website, found by its command."""

    kind = 'cron job'
    result_key = 'cron'
    module_name = 'ispconfig_cron'
    function_family = 'sites_cron'
    id_argument = 'cron_id'
    id_column = 'id'
    function_groups = {'sites_cron': 'Sites cron functions'}
    prefix_setting = stock_prefix = None
    secret_columns = ()
    name_column = 'command'
    fields = (
        engine.Field('job', api='command', value_type=engine.Text()),
        engine.Field('website', value_type=DomainName(), virtual=True),
        engine.Field('minute', api='run_min', value_type=Schedule(), default='*'),
        engine.Field('hour', api='run_hour', value_type=Schedule(), default='*'),
        engine.Field('day', api='run_mday', value_type=Schedule(), default='*'),
        engine.Field('month', api='run_month', value_type=Schedule(), default='*'),
        engine.Field('weekday', api='run_wday', value_type=Schedule(), default='*'),
        engine.Field('type', value_type=engine.Text()),
        engine.Field('log', value_type=engine.Flag(), default=False),
        engine.Field('active', value_type=engine.Flag(), default=True),
        engine.Field('server_id', value_type=engine.Integer()),
    )

    def __init__(self, connection, params, check_mode=False):
        super(Cron, self).__init__(connection, params, check_mode)
        self.job = params['job']

    def describe(self):
        return 'cron job %r of %s' % (self.job, self.site_name())

    def validate(self, desired):
        job = desired['job']
        if not job.strip():
            raise engine.InputError('job is empty: the panel needs a command or URL')
        if re.search('[\n\r\0]', job):
            raise engine.InputError('job holds a line break or NUL, which the panel refuses')
        if re.match(r'^\w+://', job, re.ASCII) and not re.match(
                r'^https?://([a-z0-9][a-z0-9_\-]{0,62}\.)+[a-z0-9\-]{2,63}(?=[:/?#]|$)', job, re.IGNORECASE):
            raise engine.InputError('job %r: a URL must be http:// or https:// with a host name' % job)
        for option, column, lowest, highest in SCHEDULE:
            value = desired.get(option)
            if value is None or (option == 'month' and value == '@reboot'):
                continue
            problem = schedule_problem(value, lowest, highest)
            if problem:
                raise engine.InputError('%s %r: %s, as the panel checks it' % (option, value, problem))

    def read(self):
        if self.read_site() is None:
            return None
        return _the_one(self._same_jobs(), self.describe())

    def _same_jobs(self):
        """The rows of this job (its command in its website)."""
        rows = _exactly(self.connection.find(Cron, parent_domain_id=self.site_id()), 'command', self.job)
        return [row for row in rows if int(row.get('parent_domain_id') or 0) == self.site_id()]

    def settle(self, action, after):
        """A new job is looked for again: the controller's lock does not reach other controllers (AWX nodes, two
        admins), which may have created the same job at the same time; the API stores it twice."""
        if action != 'create':
            return None
        rows = self._same_jobs()
        if len(rows) > 1:
            ids = sorted(int(row['id']) for row in rows)
            error = ApiError(
                '%s now exists %d times (ids %s): another controller probably created the same job at the same time. '
                'Delete all but the oldest in the panel (ids %s; keep %d).' % (
                    self.describe(), len(ids), ', '.join(map(str, ids)), ', '.join(map(str, ids[1:])), ids[0]),
                call='sites_cron_get')
            error.written = True  # this run created one of them
            raise error
        return None

    def resolve(self, desired, raw):
        # the panel derives the type on every save, from the command and the client's cron limit
        if self.owner is not None:
            desired['type'] = cron_type(self.job, self.owner)

    def update(self, raw, payload):
        self.connection.call('sites_cron_update', write=True, client_id=0, cron_id=int(raw['id']), params=payload)

    def delete(self, raw):
        self.connection.call('sites_cron_delete', write=True, cron_id=int(raw['id']))


def cron_options():
    return dict(
        website=dict(type='str', required=True),
        job=dict(type='str', required=True),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        client=dict(type='str'),
        minute=dict(type='str'),
        hour=dict(type='str'),
        day=dict(type='str'),
        month=dict(type='str'),
        weekday=dict(type='str'),
        log=dict(type='bool'),
        active=dict(type='bool'),
    )


# --- sub and alias domains ------------------------------------------------------------------------------------

# functions::is_blacklisted_web_path: the first folder of a vhost sub or alias domain's web_folder may not be one of
# these (interface/lib/classes/system.inc.php)
BLACKLISTED_WEB_FOLDERS = ('bin', 'cgi-bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'log', 'ssl', 'usr', 'var', 'proc',
                           'net', 'sys', 'srv', 'sbin', 'run')
# the REGEX of web_folder in web_vhost_domain.tform.php: no `..`, `./` or `//`, no leading slash, 2 to 101 characters
WEB_FOLDER = re.compile(r'^((?!(.*\.\.)|(.*\./)|(.*//))[^/][\w/_.\-]{1,100})$')
# the REGEX of redirect_path in web_childdomain.tform.php: a URL, or a local path that starts and ends with /
REDIRECT_PATH = re.compile(r'^((ftp|https?|\[scheme\])://([-\w.]+)+(:\d+)?(/([\w/_.\-,+?~!:%]*(\?\S+)?)?)?'
                           r'(#\S*)?|(/(?!.*\.\.)[\w/_.\-]{1,255}/))$')
REDIRECT_TYPES = ['', 'no', 'R', 'L', 'R,L', 'R=301,L', 'last', 'break', 'redirect', 'permanent', 'proxy']
# stock install/tpl/server.ini.master, for a remote user that may not read the server's settings
STOCK_SERVER['web']['php_open_basedir'] = (
    '[website_path]/web:[website_path]/private:[website_path]/tmp:/var/www/[website_domain]/web:'
    '/srv/www/[website_domain]/web:/usr/share/php5:/usr/share/php:/tmp:/usr/share/phpmyadmin:/etc/phpmyadmin:'
    '/var/lib/phpmyadmin:/dev/random:/dev/urandom')


def child_open_basedir(template, document_root, domain, web_folder):
    """web_vhost_domain_edit.php onAfterInsert: the server's php_open_basedir for a vhost sub or alias domain, its
    web folder in place of the website's web/."""
    basedir = (template or '').replace('[website_path]/web', document_root + '/' + web_folder)
    basedir = basedir.replace('[website_domain]/web', domain + '/' + web_folder)
    return basedir.replace('[website_path]', document_root).replace('[website_domain]', domain)


class ChildDomain(WebsiteObject):
    """A sub or alias domain of a website (a web_domain row whose parent_domain_id is the website), found by its
    domain. Two kinds, as the panel has two lists for each: a redirect kind (type `redirect_type`: it answers with
    the website's content or redirects; sites_web_<x>_*) and a vhost kind (type `vhost_type`: its own web folder
    in the website; sites_web_vhost_<x>_*, allowed by the same function group)."""

    id_column = 'domain_id'
    prefix_setting = stock_prefix = None
    secret_columns = ('stats_password', 'backup_password', 'ssl_key')
    name_column = 'domain'
    redirect_kind = vhost_kind = None  # the type column of each kind
    vhost_family = None  # the function family of the vhost kind

    def __init__(self, connection, params, check_mode=False):
        super(ChildDomain, self).__init__(connection, params, check_mode)
        self.domain = DomainName().from_user(params['domain'])
        self.settings = None

    def describe(self):
        return '%s %s' % (self.kind, self.domain)

    def validate(self, desired):
        if not WEB_DOMAIN.match(self.domain):
            raise engine.InputError('%r is not a domain name ISPConfig accepts: it needs a name of letters, digits, _, '
                                    '- or . before its last dot and a top-level domain of 2 to 63 letters, digits or -'
                                    % self.domain)
        if self.domain == self.website:
            raise engine.InputError('%s is the website itself, not a %s of it' % (self.domain, self.kind))
        vhost = desired.get('vhost')
        if vhost is False:
            self._refuse_vhost_options(desired)
        if vhost and desired.get('web_folder') is None and self.params['state'] == 'present':
            raise engine.InputError('vhost=true needs web_folder, the folder of the website it serves (the panel '
                                    'requires one)')
        if desired.get('web_folder') is not None:
            desired['web_folder'] = self._web_folder(desired['web_folder'])
        self._check_redirect(desired)

    def _refuse_vhost_options(self, desired):
        for option in VHOST_OPTIONS:
            if desired.get(option) is not None:
                raise engine.InputError('%s needs vhost=true: only the vhost kind of %s has one' % (
                    option, self.describe()))

    @staticmethod
    def _web_folder(value):
        """web_vhost_domain_edit.php onSubmit: lower case without a leading or trailing slash, then the form's
        REGEX and the blacklist of system folders."""
        folder = value.strip().lower()
        folder = folder[1:] if folder.startswith('/') else folder
        folder = folder[:-1] if folder.endswith('/') else folder
        if not WEB_FOLDER.match(folder):
            raise engine.InputError('web_folder %r: the panel takes 2 to 101 letters, digits, _, -, . and / without '
                                    '"..", "./" or "//"' % value)
        if folder.split('/')[0] in BLACKLISTED_WEB_FOLDERS:
            raise engine.InputError('web_folder %r: the panel refuses a folder in %s' % (
                value, ', '.join(BLACKLISTED_WEB_FOLDERS)))
        return folder

    @staticmethod
    def _check_redirect(desired):
        path = desired.get('redirect_path')
        if path and not REDIRECT_PATH.match(path):
            raise engine.InputError('redirect_path %r: the panel takes an http(s):// or ftp:// URL or a local path '
                                    'that starts and ends with /' % path)
        if desired.get('redirect_type') == 'proxy' and path and path.startswith('/'):
            raise engine.InputError('redirect_type proxy needs a URL as redirect_path, not a local path (the panel '
                                    'refuses it)')
        if desired.get('redirect_type') not in (None, '') and desired.get('redirect_path') == '':
            raise engine.InputError('redirect_type %s needs redirect_path, where it redirects to' %
                                    desired['redirect_type'])

    def read(self):
        if self.params['state'] == 'absent':
            return self._read_to_delete()
        if self.read_site() is None:
            return None
        raw = self._named()
        if raw is not None and int(raw.get('parent_domain_id') or 0) != self.site_id():
            raise engine.InputError('%s exists, but in another website (id %s), not in %s; a domain is served by one '
                                    'website.' % (self.describe(), raw.get('parent_domain_id'), self.website))
        return raw

    def _named(self):
        """The row of this domain among the web_domain rows (the API's filter ignores case: compared exactly);
        a website, or a sub or alias domain of the other kind, of the same name is refused."""
        rows = _exactly(self.connection.find(self, domain=self.domain), 'domain', self.domain)
        mine = [row for row in rows if row.get('type') in (self.redirect_kind, self.vhost_kind)]
        others = [row for row in rows if row not in mine]
        if others:
            raise engine.InputError('%s is already a web_domain row of type %r (id %s), not a %s; the panel serves a '
                                    'domain once.' % (self.domain, others[0].get('type'), others[0].get('domain_id'),
                                                      self.kind))
        return _the_one(mine, self.describe())

    def _read_to_delete(self):
        """By its domain wherever it is: within the task's website when that still exists (a row of another
        website is refused), else also a row the API left when its website was deleted."""
        site = self.find_site()
        raw = self._named()
        if raw is not None and site is not None:
            self.use_site(site)
            self.belongs_to_site(raw)
        return raw

    def resolve(self, desired, raw):
        vhost = desired.get('vhost') if raw is None else raw['type'] == self.vhost_kind
        if raw is not None and desired.get('vhost') not in (None, vhost):
            raise engine.InputError(
                '%s is a %s %s; the panel cannot change a %s between its own web folder (vhost) and a redirect, so '
                'delete it and create it again.' % (self.describe(), 'vhost' if vhost else 'redirect', self.kind,
                                                    self.kind))
        if not vhost:
            self._refuse_vhost_options(desired)
        if vhost and self.site is not None and self.params['state'] == 'present':
            self._refuse_shared_folder(desired.get('web_folder'), raw)
            if raw is None:
                self.settings = server_settings(self.connection, int(self.site['server_id']), self.warnings)
                if desired.get('php') is None:
                    desired['php'] = (self.settings.get('web') or {}).get('php_handler') or 'fast-cgi'

    def _refuse_shared_folder(self, folder, raw):
        """Two vhost sub or alias domains of one website in one web folder would serve each other's files."""
        if folder is None or (raw is not None and (raw.get('web_folder') or '').lower() == folder):
            return
        site_id = self.site_id()
        others = [row for row in self.connection.find(WebDomain, parent_domain_id=site_id)
                  if raw is None or row['domain_id'] != raw['domain_id']]
        rows = [row for row in others if int(row.get('parent_domain_id') or 0) == site_id
                if row.get('type') in VHOST_CHILD_TYPES if (row.get('web_folder') or '').lower() == folder]
        if rows:
            raise engine.InputError('web_folder %s of website %s is already the folder of %s; give each its own '
                                    'folder.' % (folder, self.website, rows[0].get('domain')))

    def normalise(self, raw):
        state = super(ChildDomain, self).normalise(raw)
        if not state['vhost']:
            for option in VHOST_ONLY:
                state.pop(option, None)
        return state

    def create_defaults(self, after):
        defaults = super(ChildDomain, self).create_defaults(after)
        if after.get('vhost') and self.site is not None:
            for column in ('document_root', 'system_user', 'system_group'):
                defaults[column] = _text(self.site.get(column))
        return defaults

    def create_payload(self, after):
        payload = super(ChildDomain, self).create_payload(after)
        if self.site is None:
            return payload
        if not after.get('vhost'):
            # the rest of web_childdomain.tform.php as the admin's form posts it
            payload.update(ssl_letsencrypt_exclude='n', proxy_directives='')
            return payload
        # web_vhost_domain_edit.php: the website's form (its other tabs at their column defaults) with the type,
        # server and addresses of the parent, no quota of its own, then what onAfterInsert copies from the parent
        settings = self.settings or STOCK_SERVER
        site = self.site
        payload.update(WEB_DOMAIN_FORM)
        payload.update(
            type=self.vhost_kind, parent_domain_id=str(self.site_id()), ip_address=_text(site.get('ip_address')),
            ipv6_address=_text(site.get('ipv6_address')), hd_quota='0', traffic_quota='-1', cgi='n', ssi='n',
            suexec='y', errordocs='1', ssl='n', ssl_letsencrypt='n', server_php_id='0', perl='n', ruby='n',
            python='n', redirect_type='', redirect_path='', seo_redirect='', rewrite_to_https='n',
            allow_override=_text(site.get('allow_override')),
            php_open_basedir=child_open_basedir((settings.get('web') or {}).get('php_open_basedir'),
                                                _text(site.get('document_root')), self.domain, after['web_folder']),
            log_retention=_text((settings.get('server') or {}).get('log_retention') or 10),
            php_fpm_chroot=(settings.get('web') or {}).get('php_fpm_default_chroot') or 'n',
            added_by=self.connection.username)
        return payload

    def update_payload(self, raw, changes):
        # the vhost functions, like sites_web_domain_update, write 30 and 1 into these whenever they are not sent
        if raw['type'] == self.vhost_kind:
            return dict((name, _text(raw.get(name))) for name in WEB_DOMAIN_RESENT)
        return {}

    def _family(self, vhost):
        return self.vhost_family if vhost else self.function_family

    def create(self, payload):
        vhost = payload.get('type') == self.vhost_kind
        parent = payload.get('parent_domain_id')
        # a row without its website blocks every later website on the server (validate_domain::_check_unique)
        if not str(parent or '').isdigit() or int(parent) < 1:
            raise engine.InputError('%s has no website id to belong to (parent_domain_id %r); nothing was sent.' % (
                self.describe(), parent))
        if vhost and '-' in (payload.get('document_root'), payload.get('system_user'), payload.get('system_group')):
            raise engine.InputError('%s: website %s has no paths of its own yet (document root -), which a vhost %s '
                                    'takes from it; nothing was sent.' % (self.describe(), self.website, self.kind))
        self.new_id = self.connection.add(self._family(vhost), self.owner.client_id, payload)

    def update(self, raw, payload):
        self.connection.update(self._family(raw['type'] == self.vhost_kind), 0, int(raw['domain_id']), payload)

    def delete(self, raw):
        self.connection.delete(self._family(raw['type'] == self.vhost_kind), int(raw['domain_id']))


VHOST_CHILD_TYPES = ('vhostsubdomain', 'vhostalias')
VHOST_OPTIONS = ('web_folder', 'php')
VHOST_ONLY = VHOST_OPTIONS + ('document_root', 'system_user', 'system_group')


def _child_fields(redirect_kind, vhost_kind, extra=()):
    return (
        engine.Field('domain', value_type=DomainName()),
        engine.Field('website', value_type=DomainName(), virtual=True),
        engine.Field('vhost', api='type', value_type=engine.Flag(true=vhost_kind, false=redirect_kind), default=False),
        engine.Field('redirect_type', value_type=engine.Text(), default=''),
        engine.Field('redirect_path', value_type=engine.Text(), default=''),
    ) + tuple(extra) + (
        engine.Field('web_folder', value_type=engine.Text()),
        engine.Field('php', value_type=engine.Text()),
        engine.Field('active', value_type=engine.Flag(), default=True),
        engine.Field('server_id', value_type=engine.Integer()),
        # what the panel copies from the website for the vhost kind: reported, sent once
        engine.Field('document_root', value_type=engine.Text()),
        engine.Field('system_user', value_type=engine.Text()),
        engine.Field('system_group', value_type=engine.Text()),
    )


class WebSubdomain(ChildDomain):
    """A subdomain of a website (web_domain of type subdomain or vhostsubdomain), found by its domain."""

    kind = 'subdomain'
    result_key = 'web_subdomain'
    module_name = 'ispconfig_web_subdomain'
    function_family = 'sites_web_subdomain'
    vhost_family = 'sites_web_vhost_subdomain'
    function_groups = {'sites_web_subdomain': 'Sites Subdomain functions',
                       'sites_web_vhost_subdomain': 'Sites Subdomain functions'}
    redirect_kind, vhost_kind = 'subdomain', 'vhostsubdomain'
    fields = _child_fields(redirect_kind, vhost_kind)

    def validate(self, desired):
        super(WebSubdomain, self).validate(desired)
        # the panel's form takes the host name and appends the website's domain
        if self.website and not self.domain.endswith('.' + self.website):
            raise engine.InputError('%s is not below the website %s; the panel makes a subdomain of it as <name>.%s '
                                    '(an other domain is an alias domain: hosting.provision.ispconfig_web_aliasdomain)'
                                    % (self.domain, self.website, self.website))


class WebAliasdomain(ChildDomain):
    """An alias domain of a website (web_domain of type alias or vhostalias), found by its domain."""

    kind = 'alias domain'
    result_key = 'web_aliasdomain'
    module_name = 'ispconfig_web_aliasdomain'
    function_family = 'sites_web_aliasdomain'
    vhost_family = 'sites_web_vhost_aliasdomain'
    function_groups = {'sites_web_aliasdomain': 'Sites Aliasdomain functions',
                       'sites_web_vhost_aliasdomain': 'Sites Aliasdomain functions'}
    redirect_kind, vhost_kind = 'alias', 'vhostalias'
    # the alias form's auto-subdomain (www. by default) and its SEO redirect (none)
    fields = _child_fields(redirect_kind, vhost_kind, (engine.Field('subdomain', value_type=engine.Text(), default='www'),))

    def create_payload(self, after):
        return dict(super(WebAliasdomain, self).create_payload(after), seo_redirect='')


def child_domain_options(extra=None):
    """The argument spec of ispconfig_web_subdomain and (with `subdomain`) ispconfig_web_aliasdomain."""
    options = dict(
        domain=dict(type='str', required=True),
        website=dict(type='str', required=True),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        client=dict(type='str'),
        vhost=dict(type='bool'),
        web_folder=dict(type='str'),
        php=dict(type='str', choices=PHP_MODES),
        redirect_type=dict(type='str', choices=REDIRECT_TYPES),
        redirect_path=dict(type='str'),
        active=dict(type='bool'),
    )
    options.update(extra or {})
    return options


def web_subdomain_options():
    return child_domain_options()


def web_aliasdomain_options():
    return child_domain_options(dict(subdomain=dict(type='str', choices=['none', 'www', '*'])))


# --- listing (the info modules) ---------------------------------------------------------------------------------

def _scope(connection, website=None, owner=None):
    """What one list of website objects covers: (filters, {site id: domain}, owner group or None), or None when the
    website named does not exist (it has nothing). `owner` (a client's username) narrows it to the client's."""
    if website:
        site = find_website(connection, to_ascii_domain(website))
        if site is None:
            return None
        return dict(parent_domain_id=int(site['domain_id'])), {int(site['domain_id']): site['domain']}, \
            int(site.get('sys_groupid') or 0)
    filters = dict(sys_groupid=client_owner(connection, owner).group_id) if owner else {}
    sites = dict((int(row['domain_id']), row['domain']) for row in website_rows(connection, **filters))
    return filters, sites, filters.get('sys_groupid')


def _website_records(connection, resource, key, website=None, owner=None, extra=None):
    """The rows of `resource` (a class) in scope as `resource` reports them (and `extra(row)` adds), sorted by website and key."""
    scope = _scope(connection, website, owner)
    if scope is None:
        return []
    filters, sites, dummy = scope
    records = []
    for row in connection.find(resource, **filters):
        record = engine.field_values(resource.fields, row)
        record[resource.id_column] = int(row[resource.id_column])
        record['website'] = sites.get(int(row.get('parent_domain_id') or 0), '')
        record.update(extra(row) if extra else {})
        records.append(record)
    return sorted(records, key=lambda record: (record['website'], record[key]))


def database_user_record(row):
    """A database user as the modules report it (without its owner, which only a task's client names)."""
    return dict(engine.field_values(DatabaseUser.fields, row), database_user_id=int(row['database_user_id']),
                name=strip_prefix(row.get('database_user'), row.get('database_user_prefix')))


def list_database_users(connection, owner=None):
    """The database users of one client (username), or all, as ispconfig_database_user reports them."""
    filters = dict(sys_groupid=client_owner(connection, owner).group_id) if owner else {}
    rows = connection.find(DatabaseUser, **filters)
    return sorted((database_user_record(row) for row in rows), key=lambda user: user['database_user'])


def list_databases(connection, website=None, owner=None):
    """The databases of one website, of one client (username), or all, as ispconfig_database reports them."""
    users = dict((int(row['database_user_id']), row) for row in connection.find(DatabaseUser))

    def names(row):
        user = users.get(int(row.get('database_user_id') or 0))
        return dict(name=strip_prefix(row.get('database_name'), row.get('database_name_prefix')),
                    user=strip_prefix(user['database_user'], user.get('database_user_prefix')) if user else '')
    return _website_records(connection, Database, 'database_name', website, owner, names)


def list_shell_users(connection, website=None, owner=None):
    """The shell users of one website, of one client (username), or all, as ispconfig_shell_user reports them."""
    return _website_records(connection, ShellUser, 'login', website, owner,
                            lambda row: dict(username=strip_prefix(row.get('username'), row.get('username_prefix'))))


def list_ftp_users(connection, website=None, owner=None, username=None):
    """The FTP users of one website, of one client (username), or all, as ispconfig_ftp_user reports them; only
    those named `username` (without the prefix) when it is given."""
    records = _website_records(connection, FtpUser, 'login', website, owner,
                               lambda row: dict(username=strip_prefix(row.get('username'), row.get('username_prefix'))))
    return [record for record in records if username is None or record['username'] == username]


def list_cron_jobs(connection, website=None, owner=None):
    """The cron jobs of one website, of one client (username), or all, as ispconfig_cron reports them."""
    return _website_records(connection, Cron, 'job', website, owner)
