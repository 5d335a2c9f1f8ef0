# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ISPConfig simulator's web hosting and DNS functions: the behaviours a module author would get wrong
(docs/api/ispconfig.md section 9; recorded in tests/conformance/data/ispconfig/10-14, the rest from the
public source of the same release)."""

import datetime
import hashlib
import json

import pytest

from simulators.ispconfig import crypthash
from simulators.ispconfig_hosting import PRIMARY_ID_MISSING, id_hash, mysql_native_password
from test_ispconfig_simulator import JSON_TYPE, SHA512_RE, Api, add_client

HTML = 'text/html; charset=utf-8'
SITE = {'server_id': 1, 'hd_quota': -1, 'traffic_quota': -1, 'allow_override': 'All',
        'pm_process_idle_timeout': 10, 'pm_max_requests': 0, 'http_port': 80, 'https_port': 443}
SHELL = {'server_id': 1, 'parent_domain_id': 1, 'password': 'ShellPass123!', 'quota_size': 500, 'active': 'y',
         'puser': 'web1', 'pgroup': 'client1', 'shell': '/bin/bash', 'dir': '/var/www/clients/client1/web1',
         'chroot': 'jailkit'}
# recording 16's full parameter set of an FTP user of website 1 (what the panel would store)
FTP = {'server_id': 1, 'parent_domain_id': 1, 'password': 'FtpPass123!', 'quota_size': 500, 'active': 'y',
       'uid': 'web1', 'gid': 'client1', 'dir': '/var/www/clients/client1/web1', 'quota_files': -1, 'ul_ratio': -1,
       'dl_ratio': -1, 'ul_bandwidth': -1, 'dl_bandwidth': -1}
CRON = {'server_id': 1, 'parent_domain_id': 1, 'type': 'url', 'command': 'https://example.org/cron.php',
        'run_min': '*/5', 'run_hour': '*', 'run_mday': '*', 'run_month': '*', 'run_wday': '*', 'active': 'y'}
ZONE = {'server_id': 1, 'origin': 'example.org.', 'ns': 'ns1.example.org.', 'mbox': 'hostmaster.example.org.',
        'serial': 2024010101, 'refresh': 7200, 'retry': 540, 'expire': 604800, 'minimum': 3600, 'ttl': 3600,
        'active': 'y', 'xfer': '', 'also_notify': ''}


@pytest.fixture
def api(serve):
    # raw API calls, which leave rows the panel's forms never would: the panel invariant check is off
    client = Api(serve('ispconfig', panel_invariants=False))
    client.login()
    add_client(client, limit_web_domain=-1, default_dnsserver=1)  # client 1, sys_user 2, group 2
    return client


def add_site(api, domain='example.org', client_id=1, **extra):
    return api.ok('sites_web_domain_add', session_id=api.session, client_id=client_id,
                  params=dict(SITE, domain=domain, **extra))


def site(api, domain_id):
    return api.sim.tables['web_domain'][int(domain_id)]


def add(api, function, client_id=1, **params):
    return api.ok(function, session_id=api.session, client_id=client_id, params=params)


def post(api, function, **args):
    """(status, content type, body text) of a call whose answer may not be JSON."""
    status, content_type, raw = api.raw('?' + function, dict(args, session_id=api.session))
    return status, content_type, raw.decode('utf-8')


# --- web domains ---------------------------------------------------------------------------------------

def test_web_domain_add_requires_the_api_fields_and_stores_unchecked_values(api):
    assert api.fault('sites_web_domain_add', session_id=api.session, client_id=1, params={'domain': 'example.org'}) \
        == ('no_server_error<br />\r\nhd_quota_error_empty<br />\r\nhd_quota_error_regex<br />\r\n'
            'traffic_quota_error_empty<br />\r\ntraffic_quota_error_regex<br />\r\n'
            'allow_override_error_empty<br />\r\npm_process_idle_timeout_error_regex<br />\r\n'
            'pm_max_requests_error_regex<br />\r\nhttp_port_error_regex<br />\r\nhttps_port_error_regex<br />\r\n')
    row = site(api, add_site(api, hd_quota=0, server_id=0))  # 0 is not empty for the form
    assert {c: row[c] for c in ('active', 'suexec', 'cgi', 'errordocs', 'php', 'pm', 'type', 'vhost_type',
                                'subdomain', 'stats_type', 'backup_interval', 'backup_copies')} == {
        'active': 'n', 'suexec': 'n', 'cgi': 'n', 'errordocs': '0', 'php': '', 'pm': '', 'type': '',
        'vhost_type': '', 'subdomain': '', 'stats_type': '', 'backup_interval': '', 'backup_copies': '0'}
    # what the API fills in, not the form's 10/2/1/5 nor the column default 10
    assert (row['log_retention'], row['pm_max_children'], row['pm_start_servers'], row['pm_max_spare_servers']) \
        == ('30', '1', '1', '1')
    assert (row['is_subdomainwww'], row['http_port'], row['apache_directives'], row['added_date']) == \
        ('1', '80', None, None)


def test_web_domain_add_derives_paths_owner_and_permissions(api):
    row = site(api, add_site(api, allow_override='None', php_open_basedir='/x', document_root='/mine'))
    assert {c: row[c] for c in ('document_root', 'system_user', 'system_group', 'sys_userid', 'sys_groupid',
                                'sys_perm_user', 'sys_perm_group', 'allow_override')} == {
        'document_root': '/var/www/clients/client1/web1', 'system_user': 'web1', 'system_group': 'client1',
        'sys_userid': '2', 'sys_groupid': '2', 'sys_perm_user': 'riud', 'sys_perm_group': 'ru',
        'allow_override': 'All'}
    assert row['php_open_basedir'].startswith('/var/www/clients/client1/web1/web:/var/www/clients/client1/web1/'
                                              'private:/var/www/clients/client1/web1/tmp:/var/www/example.org/web:')
    admin = site(api, add_site(api, 'admin.example.net', client_id=0))
    assert (admin['system_group'], admin['document_root'], admin['sys_groupid'], admin['sys_perm_group']) == \
        ('client0', '/var/www/clients/client0/web2', '1', 'ru')
    orphan = site(api, add_site(api, 'noclient.example.org', client_id=99))
    assert (orphan['system_group'], orphan['sys_userid'], orphan['sys_groupid'], orphan['sys_perm_group']) == \
        ('client0', '0', '0', 'riud')


def test_web_domain_owner_rules_follow_reseller_protection_and_the_server_path(api):
    reseller = add_client(api, 'reseller', limit_client=-1)  # client 2, group 3
    assert site(api, add_site(api, 'resold.example', client_id=reseller))['sys_perm_group'] == 'riud'
    api.control('set_config', {'section': 'sites', 'key': 'client_protection', 'value': 'n'})
    row = site(api, add_site(api, 'free.example', client_id=1))
    assert (row['sys_userid'], row['sys_groupid'], row['sys_perm_group']) == ('2', '2', 'riud')
    api.control('set_config', {'server_id': 1, 'section': 'web', 'key': 'website_path',
                               'value': '/srv/[client_idhash_2]/[website_idhash_3]/web[website_id]/[client_id]'})
    row = site(api, add_site(api, 'hashed.example', client_id=1))
    assert row['document_root'] == '/srv/1/0/%s/web3/1' % id_hash(3, 1) == '/srv/1/0/3/web3/1'
    assert id_hash(123, 3) == '3/2/1'


def test_duplicate_web_domain_is_http_500_unless_a_validator_sees_it(api):
    add_site(api)
    assert post(api, 'sites_web_domain_add', client_id=1, params=dict(SITE, domain='Example.ORG')) == (500, HTML, '')
    assert api.sim.stats()['writes'][-1] == 'sites_web_domain_add'  # the INSERT reached MySQL
    assert api.fault('sites_web_domain_add', session_id=api.session, client_id=1,
                     params=dict(SITE, domain='example.org', ip_address='*')) == 'domain_error_unique<br>\r\n'
    assert add_site(api, 'www.example.org') == '3'  # the failed INSERT spent id 2
    assert api.fault('sites_web_domain_add', session_id=api.session, client_id=1,
                     params=dict(SITE, domain='-bad-.example.org')) == 'domain_error_empty<br>\r\n'
    assert api.fault('sites_web_domain_add', session_id=api.session, client_id=1,
                     params=dict(SITE, domain='not a domain!')) == 'domain_error_regex<br>\r\n'
    assert site(api, add_site(api, 'Bücher.Example'))['domain'] == 'xn--bcher-kva.example'


def test_web_domain_rename_onto_another_site(api):
    add_site(api, ip_address='*')
    other = add_site(api, 'other.example')
    assert api.fault('sites_web_domain_update', session_id=api.session, client_id=1, primary_id=other,
                     params={'domain': 'example.org'}) == 'domain_error_unique<br>\r\n'
    third = add_site(api, 'third.example')
    before = dict(site(api, third))
    api.ok('sites_web_domain_update', session_id=api.session, client_id=1, primary_id=other,
           params={'domain': 'taken.example'})
    assert post(api, 'sites_web_domain_update', client_id=1, primary_id=third,
                params={'domain': 'taken.example'}) == (500, HTML, '')  # both on ip '': the unique key refuses
    assert site(api, third) == before


def test_web_domain_update_resets_log_retention_and_pm_counts_and_never_moves_the_site(api):
    domain_id = add_site(api, log_retention=10, pm_max_children=10, pm_start_servers=2, pm_max_spare_servers=5)
    assert (site(api, domain_id)['log_retention'], site(api, domain_id)['pm_max_children']) == ('10', '10')
    assert api.ok('sites_web_domain_update', session_id=api.session, client_id=1, primary_id=domain_id,
                  params={'hd_quota': 2000}) == 1
    row = site(api, domain_id)
    assert (row['log_retention'], row['pm_max_children'], row['pm_start_servers'], row['pm_max_spare_servers'],
            row['hd_quota']) == ('30', '1', '1', '1', '2000')
    assert api.ok('sites_web_domain_update', session_id=api.session, client_id=1, primary_id=domain_id,
                  params={'hd_quota': 2000}) == 0
    add_client(api, 'other')  # client 2, sys_user 3, group 3
    api.ok('sites_web_domain_update', session_id=api.session, client_id=2, primary_id=domain_id,
           params={'client_group_id': 3})
    row = site(api, domain_id)  # the row is re-owned, its paths and system group are not
    assert (row['sys_userid'], row['sys_groupid'], row['system_group'], row['document_root']) == \
        ('3', '3', 'client1', '/var/www/clients/client1/web1')


def test_set_status(api):
    domain_id = add_site(api)
    assert api.fault('sites_web_domain_set_status', session_id=api.session, primary_id=domain_id, status='n') == \
        'The status is not available'
    assert api.ok('sites_web_domain_set_status', session_id=api.session, primary_id=domain_id,
                  status='inactive') == 0
    assert api.ok('sites_web_domain_set_status', session_id=api.session, primary_id=domain_id,
                  status='active') == 1
    assert site(api, domain_id)['active'] == 'y'
    assert api.fault('sites_web_domain_set_status', session_id=api.session, primary_id=9999,
                     status='active').startswith('no_server_error<br />\r\ndomain_error_empty<br>\r\n')
    assert post(api, 'sites_web_domain_set_status', status='active') == (200, HTML, PRIMARY_ID_MISSING)
    # it sends the whole stored row back: a stats password hash is hashed again
    api.ok('sites_web_domain_update', session_id=api.session, client_id=1, primary_id=domain_id,
           params={'stats_password': 'StatsPass123!'})
    stored = site(api, domain_id)['stats_password']
    assert api.ok('sites_web_domain_set_status', session_id=api.session, primary_id=domain_id,
                  status='active') == 1
    assert crypthash.verify(stored, site(api, domain_id)['stats_password'])


def test_sub_and_alias_domains_keep_column_defaults_and_accept_orphans_and_duplicates(api):
    add_site(api)
    sub = add(api, 'sites_web_subdomain_add', server_id=1, parent_domain_id=1, domain='blog.example.org',
              type='subdomain', active='y')
    row = site(api, sub)
    assert {c: row[c] for c in ('php', 'cgi', 'pm', 'hd_quota', 'subdomain', 'document_root', 'ip_address',
                                'sys_perm_group', 'log_retention')} == {
        'php': 'y', 'cgi': 'y', 'pm': 'ondemand', 'hd_quota': '0', 'subdomain': '', 'document_root': None,
        'ip_address': None, 'sys_perm_group': 'riud', 'log_retention': '10'}
    for parent in (1, 9999, 1):
        add(api, 'sites_web_aliasdomain_add', server_id=1, parent_domain_id=parent, domain='alias.example',
            type='alias', active='y')
    assert [r['domain'] for r in api.sim.tables['web_domain'].values()].count('alias.example') == 3
    assert api.ok('sites_web_subdomain_delete', session_id=api.session, primary_id=sub) == 1


VHOST_CHILD = dict(SITE, ip_address='*', active='y', php='php-fpm', parent_domain_id=1)


def test_vhost_sub_and_alias_domains_leave_the_derived_fields_at_the_placeholder(api):
    """Recorded in 19: the website's required fields, `-` for what the panel copies from the website, a type only
    when sent, the sub and alias domain permissions."""
    add_site(api, ip_address='*')
    assert api.fault('sites_web_vhost_subdomain_add', session_id=api.session, client_id=1, params={}) == (
        'no_server_error<br />\r\ndomain_error_empty<br>\r\nhd_quota_error_empty<br />\r\nhd_quota_error_regex<br />'
        '\r\ntraffic_quota_error_empty<br />\r\ntraffic_quota_error_regex<br />\r\nallow_override_error_empty<br />'
        '\r\npm_process_idle_timeout_error_regex<br />\r\npm_max_requests_error_regex<br />\r\nhttp_port_error_regex'
        '<br />\r\nhttps_port_error_regex<br />\r\n')
    sub = add(api, 'sites_web_vhost_subdomain_add', domain='blog.example.org', type='vhostsubdomain', web_folder='blog',
              **VHOST_CHILD)
    row = site(api, sub)
    assert {c: row[c] for c in ('type', 'document_root', 'system_user', 'system_group', 'php_open_basedir',
                                'log_retention', 'pm_max_children', 'sys_groupid')} == {
        'type': 'vhostsubdomain', 'document_root': '-', 'system_user': '-', 'system_group': '-',
        'php_open_basedir': '', 'log_retention': '30', 'pm_max_children': '1', 'sys_groupid': '2'}
    untyped = add(api, 'sites_web_vhost_aliasdomain_add', domain='example.net', web_folder='net', **VHOST_CHILD)
    assert site(api, untyped)['type'] == ''
    assert api.fault('sites_web_vhost_aliasdomain_add', session_id=api.session, client_id=1, params=dict(
        VHOST_CHILD, domain='example.de', type='vhostalias', web_folder='../web2')) == 'web_folder_error_regex<br />\r\n'
    assert api.ok('sites_web_vhost_subdomain_update', session_id=api.session, client_id=1, primary_id=sub,
                  params={'web_folder': 'blog-new'}) == 1
    assert site(api, sub)['web_folder'] == 'blog-new'
    assert api.ok('sites_web_vhost_subdomain_delete', session_id=api.session, primary_id=sub) == 1
    assert api.sim.PERMISSION_OF['sites_web_vhost_aliasdomain_add'] == 'sites_web_aliasdomain_add'


def test_a_vhost_subdomain_without_a_parent_blocks_every_later_website_on_the_server(api):
    """Recorded in 19: validate_domain::_check_unique takes the row with parent_domain_id 0 for a subdomain of the
    new row (id 0), until it is deleted."""
    add_site(api, ip_address='*')
    orphan = add(api, 'sites_web_vhost_subdomain_add', **{**VHOST_CHILD, 'parent_domain_id': 0,
                                                          'domain': 'noparent.example.org',
                                                          'type': 'vhostsubdomain', 'web_folder': 'noparent'})
    assert api.fault('sites_web_domain_add', session_id=api.session, client_id=1, params=dict(
        SITE, domain='unrelated.example', ip_address='*')) == 'domain_error_unique<br>\r\n'
    assert api.fault('sites_web_vhost_subdomain_add', session_id=api.session, client_id=1, params=dict(
        VHOST_CHILD, domain='later.example.org', type='vhostsubdomain', web_folder='later')) == \
        'domain_error_unique<br>\r\n'
    api.ok('sites_web_vhost_subdomain_delete', session_id=api.session, primary_id=orphan)
    add_site(api, domain='unrelated.example', ip_address='*')


def test_panel_invariants_of_sub_and_alias_domains(serve):
    running = serve('ispconfig')
    api = Api(running)
    api.login()
    add_client(api, limit_web_domain=-1)
    add_site(api, ip_address='*', type='vhost', vhost_type='name', subdomain='www', php='php-fpm', pm='ondemand',
             backup_interval='none', backup_copies=1, backup_format_web='default', backup_format_db='gzip')
    running.simulator.invariant_violations = []
    add(api, 'sites_web_subdomain_add', server_id=1, parent_domain_id=1, domain='blog.other.example',
        type='subdomain', active='y')
    add(api, 'sites_web_aliasdomain_add', client_id=0, server_id=1, parent_domain_id=9999, domain='orphan.example',
        type='alias', active='y')
    add(api, 'sites_web_vhost_aliasdomain_add', domain='example.net', type='vhostalias', web_folder='log',
        **VHOST_CHILD)
    violations, running.simulator.invariant_violations = running.simulator.invariant_violations, []
    name = 'sites_web_vhost_aliasdomain_add: web_domain example.net: '
    assert violations == [
        'sites_web_subdomain_add: web_domain blog.other.example: not below its website example.org (the panel '
        'appends the website\'s domain)',
        'sites_web_aliasdomain_add: web_domain orphan.example: website 9999 does not exist (the panel offers only '
        'existing websites)'] + [
        name + "%s '-' is not the website's %r (the panel copies it)" % (column, value) for column, value in (
            ('document_root', '/var/www/clients/client1/web1'), ('system_user', 'web1'),
            ('system_group', 'client1'))] + [
        name + "web_folder 'log' is empty or a system folder (the panel refuses it)"]


# --- databases --------------------------------------------------------------------------------------------

def test_database_user_passwords_are_mysql_native_hashes(api):
    user_id = add(api, 'sites_database_user_add', server_id=1, database_user='c1app', database_password='DbPass123!')
    users = api.sim.tables['web_database_user']
    assert users[1]['database_password'] == mysql_native_password('DbPass123!') == \
        '*1807214F719B677F5947F412ED2E22AAB9E7F36E'

    def update(**params):
        return api.ok('sites_database_user_update', session_id=api.session, client_id=1, primary_id=user_id,
                      params=params)

    assert update(database_password='DbPass123!') == 0  # the same hash: MySQL counts no change
    stored = users[1]['database_password']
    assert update(database_password=stored) == 1  # a hash sent back is hashed again
    assert users[1]['database_password'] == mysql_native_password(stored)
    assert update(database_password=stored, _ispconfig_pw_crypted=1) == 1
    assert users[1]['database_password'] == stored
    assert update(database_password='') == 0
    assert update(database_password_mongo='Mongo123!x') == 1  # no tform encryption: md5
    assert users[1]['database_password_mongo'] == hashlib.md5(b'Mongo123!x').hexdigest()
    nopw = add(api, 'sites_database_user_add', server_id=1, database_user='c1nopw')
    assert users[int(nopw)]['database_password'] is None
    assert api.fault('sites_database_user_add', session_id=api.session, client_id=1, params={}) == \
        'database_user_error_empty<br />\r\ndatabase_user_error_regex<br />\r\n'


def test_names_get_no_prefix_and_the_system_config_holds_the_prefixes(api):
    add(api, 'sites_database_user_add', server_id=1, database_user='appuser', database_password='DbPass123!')
    add(api, 'sites_database_add', server_id=1, database_name='mysql')
    assert {(r['database_user'], r['database_user_prefix']) for r in api.sim.tables['web_database_user'].values()} \
        == {('appuser', '')}
    assert api.sim.tables['web_database'][1]['database_name_prefix'] == ''

    def config(section, key=None):
        return api.ok('system_config_get', session_id=api.session, section=section, key=key)

    assert (config('sites', 'dbname_prefix'), config('sites', 'dbuser_prefix'),
            config('sites', 'shelluser_prefix')) == ('c[CLIENTID]', 'c[CLIENTID]', '[CLIENTNAME]')
    assert config('sites')['client_protection'] == 'y'
    assert config('sites', 'nope') is False and config('global') is False
    assert api.fault('system_config_get', session_id=api.session, section='') == 'Invalid function parameter.'
    api.control('set_config', {'section': 'sites', 'key': 'dbname_prefix', 'value': '[CLIENTNAME]_'})
    assert config('sites', 'dbname_prefix') == '[CLIENTNAME]_'
    web = api.ok('server_get', session_id=api.session, server_id=1, section='web')
    assert web['website_path'] == '/var/www/clients/client[client_id]/web[website_id]'
    assert api.ok('server_get', session_id=api.session, server_id=7) == []
    assert list(api.ok('server_get', session_id=api.session, section='web')) == ['1']


def test_database_add_update_rules(api):
    add_site(api, backup_interval='daily', backup_copies=3)
    bare = add(api, 'sites_database_add', server_id=1, database_name='c1bare')
    rows = api.sim.tables['web_database']
    assert {c: rows[1][c] for c in ('type', 'database_quota', 'database_user_id', 'remote_access', 'remote_ips',
                                    'active', 'backup_interval', 'backup_copies', 'sys_groupid')} == {
        'type': '', 'database_quota': '0', 'database_user_id': '0', 'remote_access': 'n', 'remote_ips': None,
        'active': 'n', 'backup_interval': 'none', 'backup_copies': '1', 'sys_groupid': '2'}
    assert api.fault('sites_database_add', session_id=api.session, client_id=1,
                     params={'server_id': 1, 'database_name': 'C1BARE'}) == \
        'There is already a database with that name on the same server.'
    add(api, 'sites_database_add', database_name='c1bare')  # without server_id the check finds nothing
    shop = add(api, 'sites_database_add', client_id=0, server_id=1, parent_domain_id=1, database_name='c1shop',
               database_user_id=9999, remote_access='y', remote_ips='not-an-ip', database_quota=500)
    assert {c: rows[int(shop)][c] for c in ('sys_userid', 'sys_groupid', 'backup_interval', 'backup_copies',
                                            'database_user_id', 'remote_ips')} == {
        'sys_userid': '1', 'sys_groupid': '2', 'backup_interval': 'daily', 'backup_copies': '3',
        'database_user_id': '9999', 'remote_ips': 'not-an-ip'}  # the site's group and backup settings
    orphan = add(api, 'sites_database_add', server_id=1, parent_domain_id=9999, database_name='c1orphan')
    assert (rows[int(orphan)]['sys_groupid'], rows[int(orphan)]['backup_interval'],
            rows[int(orphan)]['backup_copies']) == ('0', '', '0')
    assert api.ok('sites_database_update', session_id=api.session, client_id=1, primary_id=shop,
                  params={'database_name': 'c1bare'}) == 1  # a rename onto a taken name passes
    assert api.fault('sites_database_add', session_id=api.session, client_id=1,
                     params={'server_id': 1, 'database_name': 'c1q', 'database_quota': 'abc'}) == \
        'limit_database_quota_error_notint<br />\r\n'
    assert post(api, 'sites_database_add', client_id=1,
                params={'server_id': 1, 'database_name': 'c1fmt', 'backup_format_web': 'zip'}) == (500, HTML, '')
    assert [r['database_name'] for r in rows.values()][-1] == 'c1fmt'  # inserted before the failing UPDATE
    assert bare == '1'


def test_deleting_a_database_user_sets_the_links_to_null(api):
    user = add(api, 'sites_database_user_add', server_id=1, database_user='c1app', database_password='DbPass123!')
    reader = add(api, 'sites_database_user_add', server_id=1, database_user='c1ro', database_password='DbPass123!')
    add(api, 'sites_database_add', server_id=1, database_name='c1a', database_user_id=user,
        database_ro_user_id=reader)
    add(api, 'sites_database_add', server_id=1, database_name='c1b', database_user_id=user)
    listing = api.ok('sites_database_get_all_by_user', session_id=api.session, client_id=1)
    assert [(r['database_name'], r['database_user'], r['database_password']) for r in listing] == [
        ('c1a', 'c1app', mysql_native_password('DbPass123!')), ('c1b', 'c1app', mysql_native_password('DbPass123!'))]
    assert api.ok('sites_database_user_delete', session_id=api.session, primary_id=user) == 1
    rows = api.sim.tables['web_database']
    assert [(r['database_user_id'], r['database_ro_user_id']) for r in rows.values()] == [(None, reader), (None, '0')]
    assert api.ok('sites_database_user_delete', session_id=api.session, primary_id=reader) == 1
    assert rows[1]['database_ro_user_id'] is None
    assert api.ok('sites_database_get_all_by_user', session_id=api.session, client_id=5) == []


# --- shell users and cron jobs -------------------------------------------------------------------------

def test_shell_user_rules(api):
    add_site(api)
    assert api.fault('sites_shell_user_add', session_id=api.session, client_id=1,
                     params={'server_id': 1, 'parent_domain_id': 1, 'username': 'c1shell'}) == (
        'quota_size_error_empty<br />\r\nuid_error_empty<br />\r\ninvalid_system_user_or_group_txt<br>\r\n'
        'uid_error_empty<br />\r\ninvalid_system_user_or_group_txt<br>\r\nshell_error_empty<br />\r\n'
        'shell_error_regex<br />\r\ndirectory_error_empty<br />\r\ndirectory_error_regex<br />\r\n'
        'directory_error_notinweb<br>\r\n')
    user_id = add(api, 'sites_shell_user_add', username='c1deploy', ssh_rsa='not a key', **SHELL)
    row = api.sim.tables['shell_user'][int(user_id)]
    assert SHA512_RE.match(row['password']) and crypthash.verify('ShellPass123!', row['password'])
    assert (row['username'], row['username_prefix'], row['ssh_rsa']) == ('c1deploy', '', 'not a key')
    odd = add(api, 'sites_shell_user_add', **{**SHELL, 'username': 'c1odd', 'chroot': 'bogus', 'quota_size': 'abc',
                                              'dir': '/var/www/clients/client1/web1/x/../private'})
    row = api.sim.tables['shell_user'][int(odd)]
    assert (row['chroot'], row['quota_size'], row['dir']) == ('bogus', '0', '/var/www/clients/client1/web1/private')
    for bad, fault in (({'username': 'root'}, 'invalid_username_txt<br>\r\n'),
                       ({'username': 'c1x', 'puser': 'root'}, 'invalid_system_user_or_group_txt<br>\r\n'),
                       ({'username': 'c1x', 'dir': '/var/www/clients/client1/web10'},
                        'directory_error_notinweb<br>\r\n'),
                       ({'username': 'c1x', 'parent_domain_id': 9999}, 'directory_error_notinweb<br>\r\n'),
                       ({'username': 'c1deploy'}, 'username_error_unique<br />\r\n')):
        assert api.fault('sites_shell_user_add', session_id=api.session, client_id=1,
                         params=dict(SHELL, **bad)) == fault
    assert api.fault('sites_shell_user_update', session_id=api.session, client_id=1, primary_id=odd,
                     params={'username': 'C1DEPLOY'}) == 'username_error_unique<br />\r\n'


def ftp_fault(api, **params):
    return api.fault('sites_ftp_user_add', session_id=api.session, client_id=1, params=params)


def test_ftp_user_requires_what_the_panel_derives_and_checks_the_directory(api):
    add_site(api)
    add_site(api, domain='admin-site.example', client_id=0)
    required = ('uid_error_empty<br />\r\ninvalid_system_user_or_group_txt<br>\r\ngid_error_empty<br />\r\n'
                'invalid_system_user_or_group_txt<br>\r\n')
    directory = 'directory_error_empty<br />\r\ndirectory_error_regex<br />\r\ndirectory_error_notinweb<br>\r\n'
    assert ftp_fault(api) == 'quota_size_error_empty<br />\r\nquota_size_error_regex<br />\r\n' + required + directory
    minimal = dict(server_id=1, parent_domain_id=1, username='ftpmin', password='FtpPass123!', quota_size=-1)
    assert ftp_fault(api, **minimal) == required + directory
    assert ftp_fault(api, **minimal, dir='/var/www/clients/client1/web1') == required
    assert api.sim.tables['ftp_user'] == {}
    for bad, fault in (({'parent_domain_id': 9999}, 'directory_error_notinweb<br>\r\n'),
                       ({'parent_domain_id': None}, 'directory_error_notinweb<br>\r\n'),
                       ({'dir': '/var/www/clients/client1'}, 'directory_error_notinweb<br>\r\n'),
                       ({'dir': '/var/www/clients/client1/web1/../web2'}, 'directory_error_notinweb<br>\r\n'),
                       ({'uid': 'root', 'gid': 'root'}, 'invalid_system_user_or_group_txt<br>\r\n' * 2),
                       ({'username': 'bad user'}, 'username_error_regex<br />\r\n'),
                       ({'username': 'x' * 65}, 'username_error_regex<br />\r\n'),
                       ({'quota_size': 'abc'}, 'quota_size_error_regex<br />\r\n')):
        assert ftp_fault(api, **dict(FTP, **dict({'username': 'c1x'}, **bad))) == fault
    assert ftp_fault(api, **{**FTP, 'username': 'c1weak', 'password': 'a'}) == (
        'The chosen password does not match the security guidelines. It has to be at least 8 chars in length and '
        'have a strength of "Good".')
    # accepted: the uid and gid of another website, root as a name, an unknown server, an empty password
    for name, extra in (('c1uidother', dict(uid='web2', gid='client0')), ('root', {}), ('c1server9', dict(server_id=9)),
                        ('c1nopw', dict(password=''))):
        add(api, 'sites_ftp_user_add', **dict(FTP, username=name, **extra))
    rows = dict((row['username'], row) for row in api.sim.tables['ftp_user'].values())
    assert (rows['c1uidother']['uid'], rows['c1server9']['server_id'], rows['c1nopw']['password']) == ('web2', '9', None)
    assert api.sim.invariant_violations == []


def test_ftp_user_stores_what_is_sent_and_nothing_more(api):
    add_site(api)
    add_site(api, domain='admin-site.example', client_id=0)
    user_id = add(api, 'sites_ftp_user_add', username='jdoeftp', username_prefix='jdoe', **FTP)
    row = api.sim.tables['ftp_user'][int(user_id)]
    assert SHA512_RE.match(row['password']) and crypthash.verify('FtpPass123!', row['password'])
    assert dict((k, row[k]) for k in ('sys_groupid', 'username', 'username_prefix', 'quota_size', 'active',
                                      'quota_files', 'expires', 'user_type', 'user_config')) == dict(
        sys_groupid='2', username='jdoeftp', username_prefix='jdoe', quota_size='500', active='y', quota_files='-1',
        expires=None, user_type='user', user_config=None)
    # the unique check ignores case
    for name in ('jdoeftp', 'JDOEFTP'):
        assert ftp_fault(api, **dict(FTP, username=name, username_prefix='jdoe')) == 'username_error_unique<br />\r\n'
    # no prefix added; unsent active is n, the unsent limits 0; the owner group is the call's client_id's
    bare = add(api, 'sites_ftp_user_add', **{**FTP, 'username': 'upload2', 'active': 'n'})
    unsent = ('active', 'quota_files', 'ul_ratio', 'dl_ratio', 'ul_bandwidth', 'dl_bandwidth')
    defaults = add(api, 'sites_ftp_user_add', username='c1defaults',
                   **dict((k, v) for k, v in FTP.items() if k not in unsent))
    admin = add(api, 'sites_ftp_user_add', client_id=0, username='adminftp', **FTP)
    table = api.sim.tables['ftp_user']
    assert (table[int(bare)]['username'], table[int(bare)]['username_prefix']) == ('upload2', '')
    assert [table[int(defaults)][k] for k in unsent] == ['n', '0', '0', '0', '0', '0']
    assert table[int(admin)]['sys_groupid'] == '1'
    # a pre-hashed password with _ispconfig_pw_crypted is stored verbatim; the hash sent back is hashed again
    known = crypthash.sha512_crypt('Known789!')
    api.ok('sites_ftp_user_update', session_id=api.session, client_id=1, primary_id=user_id,
           params={'password': known, '_ispconfig_pw_crypted': 1})
    assert table[int(user_id)]['password'] == known
    api.ok('sites_ftp_user_update', session_id=api.session, client_id=1, primary_id=user_id, params={'password': known})
    assert table[int(user_id)]['password'] != known and crypthash.verify(known, table[int(user_id)]['password'])
    stored = table[int(user_id)]['password']
    assert api.ok('sites_ftp_user_update', session_id=api.session, client_id=1, primary_id=user_id,
                  params={'password': ''}) == 0 and table[int(user_id)]['password'] == stored
    # a move to another website keeps uid, gid and dir (the panel's page would derive them again)
    api.ok('sites_ftp_user_update', session_id=api.session, client_id=1, primary_id=user_id,
           params={'parent_domain_id': 2})
    assert [table[int(user_id)][k] for k in ('parent_domain_id', 'uid', 'gid', 'dir')] == [
        '2', 'web1', 'client1', '/var/www/clients/client1/web1']
    assert api.fault('sites_ftp_user_update', session_id=api.session, client_id=1, primary_id=9999,
                     params={'quota_size': 5}) == (
        'uid_error_empty<br />\r\ninvalid_system_user_or_group_txt<br>\r\ngid_error_empty<br />\r\n'
        'invalid_system_user_or_group_txt<br>\r\ndirectory_error_empty<br />\r\ndirectory_error_regex<br />\r\n'
        'directory_error_notinweb<br>\r\n')
    assert api.ok('sites_ftp_user_get', session_id=api.session, primary_id=9999) is None
    assert api.fault('sites_ftp_user_get', session_id=api.session, primary_id=0) == 'The ID has to be > 0 or -1.'
    assert api.ok('sites_ftp_user_server_get', session_id=api.session, ftp_user='jdoeftp')['hostname'] == \
        'server1.example.com'
    assert api.ok('sites_ftp_user_server_get', session_id=api.session, ftp_user='nosuchuser') is False
    assert api.ok('sites_ftp_user_delete', session_id=api.session, primary_id=user_id) == 1
    assert api.ok('sites_ftp_user_delete', session_id=api.session, primary_id=user_id) == 0


def test_cron_takes_cron_id(api):
    add_site(api)
    cron_id = add(api, 'sites_cron_add', **CRON)
    assert api.ok('sites_cron_get', session_id=api.session, primary_id=cron_id) == []
    assert api.ok('sites_cron_get', session_id=api.session, cron_id=cron_id)['command'] == CRON['command']
    assert post(api, 'sites_cron_update', client_id=1, primary_id=cron_id, params={'active': 'n'}) == \
        (200, HTML, PRIMARY_ID_MISSING)
    assert post(api, 'sites_cron_delete', primary_id=cron_id) == (500, HTML, '')
    assert api.sim.tables['cron'][1]['active'] == 'y'
    assert api.ok('sites_cron_update', session_id=api.session, client_id=1, cron_id=cron_id,
                  params={'active': 'n'}) == 1
    assert api.fault('sites_cron_update', session_id=api.session, client_id=1, cron_id='abc',
                     params={'active': 'n'}).startswith('The ID must be either an integer or an array.server_id_')
    assert api.fault('sites_cron_update', session_id=api.session, client_id=1, cron_id=0, params={}) == \
        'The ID has to be > 0 or -1.'
    assert api.ok('sites_cron_delete', session_id=api.session, cron_id=cron_id) == 1
    # type is neither checked nor derived from the command
    bogus = add(api, 'sites_cron_add', **{**CRON, 'type': 'bogus'})
    full = add(api, 'sites_cron_add', **{**CRON, 'type': None, 'command': 'php /web/cron.php'})
    assert [api.sim.tables['cron'][int(i)]['type'] for i in (bogus, full)] == ['', '']


@pytest.mark.parametrize('field, value, valid', [
    ('run_min', '0,15,30,45', True), ('run_hour', '8-18/2', True), ('run_wday', '7', True),
    ('run_month', '@reboot', True), ('run_mday', '1-31', True), ('run_min', '*/59', False),
    ('run_min', '60', False), ('run_hour', '24', False), ('run_mday', '0', False), ('run_month', '13', False),
    ('run_wday', '8', False), ('run_month', 'jan', False), ('run_min', '@hourly', False), ('run_min', '', False),
    ('run_hour', '5-5', False), ('run_hour', '1,,2', False), ('run_min', '* *', False), ('run_min', '*/1', False),
    ('command', 'ftp://example.org/x', False), ('command', 'echo a\necho b', False),
    ('command', 'https://localhost/x', False), ('command', '[web_root]/x.sh > /dev/null 2>&1', True)])
def test_cron_schedule_and_command_checks(api, field, value, valid):
    add_site(api)
    params = dict(CRON, **{field: value})
    reply = api.call('sites_cron_add', session_id=api.session, client_id=1, params=params)
    assert reply['code'] == ('ok' if valid else 'remote_fault'), reply
    if not valid:
        assert reply['message'] == '%s_error_format<br>\r\n' % field if field != 'command' else \
            'command_error_format<br>\r\n'


# --- DNS -----------------------------------------------------------------------------------------------------

def add_zone(api, **extra):
    return add(api, 'dns_zone_add', **dict(ZONE, **extra))


def add_record(api, rr_type, update_serial=None, **params):
    base = {'server_id': 1, 'zone': '1', 'type': rr_type.upper(), 'ttl': 3600, 'active': 'y', 'stamp': '',
            'serial': ''}
    base.update(params)
    args = {'session_id': api.session, 'client_id': 1, 'params': base}
    if update_serial is not None:
        args['update_serial'] = update_serial
    return api.ok('dns_%s_add' % rr_type, **args)


def serial(api, zone_id=1):
    return api.sim.tables['dns_soa'][zone_id]['serial']


def test_dns_zone_rules(api):
    assert api.fault('dns_zone_add', session_id=api.session, client_id=1,
                     params=dict(ZONE, mbox='hostmaster@example.org')) == 'mbox_error_regex<br />\r\n'
    zone_id = add_zone(api)
    row = api.sim.tables['dns_soa'][1]
    assert (row['origin'], row['active'], row['dnssec_wanted'], row['dnssec_algo'], row['update_acl'],
            row['sys_perm_group']) == ('example.org.', 'Y', 'N', '', '', 'riud')
    assert api.sim.tables['dns_soa'][int(add_zone(api, origin='nozone.example.', serial=''))]['serial'] == '0'
    assert api.ok('dns_zone_update', session_id=api.session, client_id=1, primary_id=zone_id,
                  params={'refresh': 3600}) == 1
    assert serial(api) == '2024010101'  # no bump
    assert api.ok('dns_zone_set_status', session_id=api.session, primary_id=zone_id, status='inactive') == 1
    assert api.ok('dns_zone_set_status', session_id=api.session, primary_id=zone_id, status='inactive') == 0
    assert api.sim.tables['dns_soa'][1]['active'] == 'N'
    assert api.ok('dns_zone_get_id', session_id=api.session, origin='example.org') == 1
    assert api.fault('dns_zone_get_id', session_id=api.session, origin='example.org.') == 'Invalid domain name.'
    assert api.fault('dns_zone_get_id', session_id=api.session, origin='nothing.example') == \
        'There is no domain ID with informed domain name.'
    assert api.ok('dns_zone_get_by_user', session_id=api.session, client_id=1, server_id=1) == [
        {'id': '1', 'origin': 'example.org.'}, {'id': '2', 'origin': 'nozone.example.'}]
    assert post(api, 'dns_zone_add', client_id=1, params=dict(ZONE, origin='xfer.example.', xfer='nope')) == \
        (500, HTML, '')  # validate_ip's fault text needs $app->tform, which the API never loads
    add_record(api, 'a', name='www', data='192.0.2.10')
    assert api.ok('dns_zone_delete', session_id=api.session, primary_id=zone_id) == 1
    assert [r['zone'] for r in api.sim.tables['dns_rr'].values()] == ['1']  # the records stay


def test_dns_record_rules(api):
    add_zone(api)
    first = add_record(api, 'a', name='Upper', data='192.0.2.10')
    row = api.sim.tables['dns_rr'][int(first)]
    assert (row['name'], row['active'], row['stamp'], row['serial'], row['aux']) == \
        ('upper', 'Y', '0000-00-00 00:00:00', '0', '0')
    for rr_type, params in (('a', {'name': 'upper', 'data': '192.0.2.10'}),  # duplicates pass
                            ('cname', {'name': 'upper', 'data': 'other.example.org.'}),  # next to an A record
                            ('txt', {'name': 'long', 'data': 'x' * 300}),
                            ('a', {'name': 'nozone', 'data': '192.0.2.1', 'zone': 9999}),
                            ('a', {'name': 'typ', 'data': '192.0.2.1', 'type': 'cname'}),
                            ('aaaa', {'name': 'V6', 'data': '2001:db8::10'}),
                            ('mx', {'name': 'example.org.', 'data': 'Mail.Example.org.', 'aux': 10}),
                            ('srv', {'name': '_sip._tcp', 'data': '0 5060 sip.example.org.', 'aux': 10}),
                            ('caa', {'name': '', 'data': '0 issue "letsencrypt.org"'}),
                            ('ns', {'name': 'sub', 'data': 'ns1.example.org.'})):
        add_record(api, rr_type, **params)
    rows = list(api.sim.tables['dns_rr'].values())
    assert [(r['type'], r['name'], r['data'], r['aux']) for r in rows[-6:]] == [
        ('CNAME', 'typ', '192.0.2.1', '0'), ('AAAA', 'V6', '2001:db8::10', '0'),
        ('MX', 'example.org.', 'mail.example.org.', '10'), ('SRV', '_sip._tcp', '0 5060 sip.example.org.', '10'),
        ('CAA', '', '0 issue "letsencrypt.org"', '0'), ('NS', 'sub', 'ns1.example.org.', '0')]
    for rr_type, params, fault in (('a', {'name': '@', 'data': '192.0.2.1'}, 'name_error_regex<br />\r\n'),
                                   ('a', {'data': '2001:db8::1'}, 'ip_error_wrong<br />\r\n'),
                                   ('a', {'data': '999.1.1.1'}, 'ip_error_wrong<br />\r\n'),
                                   ('aaaa', {'data': '192.0.2.1'}, 'ip_error_wrong<br />\r\n'),
                                   ('cname', {'data': 'a b'}, 'data_error_regex<br />\r\n'),
                                   ('srv', {'data': '5060 sip.example.org.'}, 'srv_error_regex<br />\r\n'),
                                   ('a', {'data': '192.0.2.1', 'ttl': 59}, 'ttl_range_error<br />\r\n'),
                                   ('a', {'data': '192.0.2.1', 'ttl': None}, 'ttl_range_error<br />\r\n')):
        base = {'server_id': 1, 'zone': '1', 'name': 'x', 'ttl': 3600}
        assert api.fault('dns_%s_add' % rr_type, session_id=api.session, client_id=1,
                         params=dict(base, **params)) == fault
    assert api.ok('dns_a_get', session_id=api.session, primary_id={'zone': '1', 'name': 'upper'})[2]['type'] == \
        'CNAME'  # _get does not filter on the type
    assert len(api.ok('dns_rr_get_all_by_zone', session_id=api.session, zone_id='1')) == 10
    assert api.ok('dns_cname_update', session_id=api.session, client_id=1, primary_id=first,
                  params={'data': 'x.example.org.'}) == 1
    assert api.sim.tables['dns_rr'][1]['type'] == 'A'  # any form updates any record


def test_soa_serial_only_moves_with_update_serial(api):
    api.sim.clock.advance(datetime.datetime(2026, 11, 29, 12, tzinfo=datetime.timezone.utc).timestamp()
                          - api.sim.clock.now())
    add_zone(api)
    add_record(api, 'a', name='www', data='192.0.2.10')
    assert serial(api) == '2024010101'
    record = add_record(api, 'a', update_serial=True, name='mail', data='192.0.2.11')
    assert serial(api) == '2026112901'
    assert api.sim.stats()['writes'][-2:] == ['dns_zone_update', 'dns_a_add']
    assert post(api, 'dns_a_update', client_id=1, primary_id=record, params={'ttl': 600}, update_serial=True) == \
        (200, HTML, PRIMARY_ID_MISSING)  # applied, but the serial bump has no zone id
    assert (api.sim.tables['dns_rr'][int(record)]['ttl'], serial(api)) == ('600', '2026112901')
    assert api.ok('dns_a_update', session_id=api.session, client_id=1, primary_id=record,
                  params={'ttl': 900, 'zone': '1'}, update_serial=True) == 1
    assert serial(api) == '2026112902'
    api.sim.tables['dns_soa'][1]['serial'] = '2026112999'
    assert api.ok('dns_a_delete', session_id=api.session, primary_id=record, update_serial=True) == 1
    assert serial(api) == '2026113000'  # nn past 99 rolls into the next day
    assert post(api, 'dns_a_add', client_id=1, update_serial=True,
                params={'server_id': 1, 'zone': 9999, 'name': 'x', 'data': '192.0.2.1', 'ttl': 3600}) == \
        (200, HTML, PRIMARY_ID_MISSING)
    assert post(api, 'dns_a_delete', primary_id=9999, update_serial=True) == (200, HTML, PRIMARY_ID_MISSING)
    assert len(api.sim.tables['dns_rr']) == 1  # neither inserted nor deleted


def test_templatezone_add(api):
    assert post(api, 'dns_templatezone_add', client_id=1, template_id=1, domain='tpl.example.com', ip='192.0.2.50',
                ns1='ns1.example.com', ns2='ns2.example.com', email='admin@example.com') == (200, HTML, '')
    zone = api.sim.tables['dns_soa'][1]
    assert (zone['origin'], zone['mbox'], zone['sys_groupid'], zone['active'], zone['update_acl'],
            zone['dnssec_algo']) == ('tpl.example.com.', 'admin.example.com.', '2', 'Y', None, 'ECDSAP256SHA256')
    assert len(zone['serial']) == 10 and zone['serial'].endswith('01')
    assert [(r['type'], r['name'], r['data'], r['aux']) for r in api.sim.tables['dns_rr'].values()] == [
        ('A', 'tpl.example.com.', '192.0.2.50', '0'), ('A', 'www', '192.0.2.50', '0'),
        ('A', 'mail', '192.0.2.50', '0'), ('NS', 'tpl.example.com.', 'ns1.example.com.', '0'),
        ('NS', 'tpl.example.com.', 'ns2.example.com.', '0'), ('MX', 'tpl.example.com.', 'mail.tpl.example.com.', '10'),
        ('TXT', 'tpl.example.com.', 'v=spf1 mx a ~all', '0')]
    assert post(api, 'dns_templatezone_add', client_id=1, template_id=1, domain='tpl.example.com', ip='192.0.2.50',
                ns1='ns1.example.com', ns2='ns2.example.com', email='admin@example.com') == (500, HTML, '')
    assert api.fault('dns_templatezone_add', session_id=api.session, client_id=1, template_id=99,
                     domain='x.example') == ('error_origin_empty<br />error_ns_empty<br />error_mbox_empty<br />'
                                             'error_refresh_empty<br />error_retry_empty<br />error_expire_empty<br />'
                                             'error_minimum_empty<br />error_ttl_empty<br />')


# --- permissions, ids, state -------------------------------------------------------------------------------

def test_function_groups(api):
    api.control('add_remote_user', {'username': 'dnsonly', 'password': 'dnsonly-pass',
                                    'functions': ['dns_a', 'sites_database']})
    limited = api.ok('login', username='dnsonly', password='dnsonly-pass')
    api.ok('dns_zone_add', session_id=api.session, client_id=1, params=ZONE)
    denied = 'You do not have the permissions to access this function.'
    assert api.fault('dns_zone_get', session_id=limited, primary_id=1) == denied
    params = {'server_id': 1, 'zone': '1', 'name': 'x', 'data': '192.0.2.1', 'ttl': 3600}
    assert api.ok('dns_a_add', session_id=limited, client_id=1, params=params) == '1'
    assert api.fault('dns_a_add', session_id=limited, client_id=1, params=params, update_serial=True) == denied
    assert api.ok('sites_database_get_all_by_user', session_id=limited, client_id=1) == []
    assert api.fault('sites_web_domain_get', session_id=limited, primary_id=-1) == denied


def test_hosting_rows_are_json_state(api):
    add_site(api)
    add_zone(api)
    state = json.loads(json.dumps(api.sim.state()))
    assert {'web_domain', 'dns_soa', 'dns_rr', 'sys_ini', 'dns_template', 'shell_user', 'cron', 'web_database',
            'web_database_user'} <= set(state['tables'])
    status, content_type, body = api.raw('?sites_web_domain_get', {'session_id': api.session, 'primary_id': 1})
    assert (status, content_type) == (200, JSON_TYPE) and json.loads(body)['response']['domain'] == 'example.org'


# --- panel invariants of the hosting tables ---------------------------------------------------------------

# what the panel's forms and edit pages give a website of client 1 (group 2) and its objects
PANEL_SITE = dict(SITE, ip_address='*', type='vhost', vhost_type='name', subdomain='www', php='php-fpm', active='y',
                  pm='ondemand', pm_max_children=10, pm_start_servers=2, pm_min_spare_servers=1,
                  pm_max_spare_servers=5, backup_interval='none', backup_copies=1, backup_format_web='default',
                  backup_format_db='gzip', client_group_id=2)


def test_panel_made_hosting_rows_satisfy_the_invariants(serve):
    running = serve('ispconfig')
    api = Api(running)
    api.login()
    add_client(api, limit_cron_type='full', default_webserver=1, mail_servers='1', web_servers='1',
               dns_servers='1', db_servers='1')
    add_site(api, client_id=0, **PANEL_SITE)
    add(api, 'sites_database_user_add', client_id=1, server_id=0, database_user='c1wp', database_user_prefix='c1',
        database_password='DbPass123!x')
    add(api, 'sites_database_add', client_id=0, server_id=1, parent_domain_id=1, type='mysql',
        database_name='c1wp', database_name_prefix='c1', database_user_id=1, database_quota=-1, active='y')
    add(api, 'sites_shell_user_add', **{**SHELL, 'username': 'jdoedeploy', 'username_prefix': 'jdoe', 'chroot': 'no'})
    add(api, 'sites_ftp_user_add', **{**FTP, 'username': 'jdoeupload', 'username_prefix': 'jdoe'})
    add(api, 'sites_cron_add', **{**CRON, 'command': 'php /x.php', 'type': 'full'})
    add(api, 'sites_cron_add', **CRON)
    assert running.simulator.invariant_violations == []


def test_panel_invariants_of_the_hosting_tables_record_what_the_panel_never_makes(serve):
    running = serve('ispconfig')
    api = Api(running)
    api.login()
    add_client(api, limit_cron_type='url', default_webserver=1, mail_servers='1', web_servers='1', dns_servers='1',
               db_servers='1')
    add_site(api, domain='bare.example')  # the API's minimal site: no type, no PHP, no backup settings
    add_site(api, type='vhost')  # a website, but with the API's empty values
    api.control('add_server', {'server_name': 'db2', 'db_server': 1})
    add(api, 'sites_database_user_add', client_id=1, database_user='wp', database_password='DbPass123!x')
    add(api, 'sites_database_add', server_id=2, parent_domain_id=2, database_name='c1wp', database_name_prefix='c1',
        database_user_id=7)
    shell = {**SHELL, 'parent_domain_id': 2, 'username': 'deploy', 'chroot': '', 'dir': '/var/www/clients/client1/web2',
             'puser': 'web2', 'pgroup': 'client1'}
    add(api, 'sites_shell_user_add', **shell)
    add(api, 'sites_ftp_user_add', **{**FTP, 'parent_domain_id': 2, 'username': 'upload',
                                      'dir': '/var/www/clients/client1/web2'})
    add(api, 'sites_cron_add', **{**CRON, 'parent_domain_id': 2, 'command': 'php /x.php'})
    violations, running.simulator.invariant_violations = running.simulator.invariant_violations, []
    database = 'sites_database_add: web_database c1wp: '
    choices = 'is not a choice of the panel'
    assert violations == [
        "sites_web_domain_add: web_domain bare.example: type '' is not a kind the panel makes",
        "sites_web_domain_add: web_domain example.org: vhost_type '' %s (name, ip)" % choices,
        "sites_web_domain_add: web_domain example.org: subdomain '' %s (none, www, *)" % choices,
        "sites_web_domain_add: web_domain example.org: php '' %s (no, fast-cgi, cgi, mod, suphp, php-fpm, hhvm)"
        % choices,
        "sites_web_domain_add: web_domain example.org: pm '' %s (static, dynamic, ondemand)" % choices,
        "sites_web_domain_add: web_domain example.org: backup_interval '' %s (none, daily, weekly, monthly)"
        % choices,
        "sites_web_domain_add: web_domain example.org: backup_format_web '' %s (default, zip, zip_bzip2, tar_gzip, "
        "tar_bzip2, tar_xz, tar_7z_lzma2, tar_7z_lzma)" % choices,
        "sites_web_domain_add: web_domain example.org: backup_format_db '' %s (zip, zip_bzip2, gzip, bzip2, xz, "
        "7z_lzma2, 7z_lzma, 7z_ppmd)" % choices,
        'sites_web_domain_add: web_domain example.org: backup_copies 0 %s (1 to 30)' % choices,
        "sites_database_user_add: web_database_user wp: database_user_prefix '' and the name 'wp' are not the "
        "prefix 'c1' the panel gives its owner and that prefix + name",
        database + 'server_id 2 is not the server_id of its website (1)',
        database + "type '' is not the panel's mysql",
        database + "database user 7 is none of its client's (the panel offers only those)",
        "sites_shell_user_add: shell_user deploy: username_prefix '' and the name 'deploy' are not the prefix 'jdoe' "
        "the panel gives its owner and that prefix + name",
        "sites_shell_user_add: shell_user deploy: chroot '' is not a choice of the panel (no, jailkit)",
        "sites_ftp_user_add: ftp_user upload: username_prefix '' and the name 'upload' are not the prefix 'jdoe' "
        "the panel gives its owner and that prefix + name",
        "sites_ftp_user_add: ftp_user upload: uid 'web1' is not the website's system_user 'web2'",
        "sites_cron_add: cron 'php /x.php': type 'url' is not the 'chrooted' the panel derives from the command and "
        "the client's limit_cron_type",
    ]
    api.ok('sites_web_domain_delete', session_id=api.session, primary_id=2)
    violations, running.simulator.invariant_violations = running.simulator.invariant_violations, []
    assert violations == [
        'sites_web_domain_delete: web_database c1wp is left in the website 2, which is gone',
        'sites_web_domain_delete: shell_user deploy is left in the website 2, which is gone',
        'sites_web_domain_delete: ftp_user upload is left in the website 2, which is gone',
        "sites_web_domain_delete: cron php /x.php is left in the website 2, which is gone",
    ]


def test_the_database_user_server_and_the_website_system_group_invariants(serve):
    """A database user the panel makes is on every server (0); a website's system group is client<id> of the
    client that owns it (the API's update with another client's id moves the owner, not the paths)."""
    running = serve('ispconfig')
    api = Api(running)
    api.login()
    panel_client = dict(limit_cron_type='url', default_webserver=1, mail_servers='1', web_servers='1',
                        dns_servers='1', db_servers='1')
    add_client(api, **panel_client)
    add_client(api, username='other', email='other@example.org', **panel_client)  # client 2, group 3
    add_site(api, client_id=0, **PANEL_SITE)
    add(api, 'sites_database_user_add', client_id=1, server_id=1, database_user='c1wp', database_user_prefix='c1',
        database_password='DbPass123!x')
    api.ok('sites_web_domain_update', session_id=api.session, client_id=2, primary_id=1, params={
        'log_retention': 10, 'pm_max_children': 10, 'pm_start_servers': 2, 'pm_min_spare_servers': 1,
        'pm_max_spare_servers': 5})
    violations, running.simulator.invariant_violations = running.simulator.invariant_violations, []
    assert violations == [
        'sites_database_user_add: web_database_user c1wp: server_id 1; the panel puts database users on every '
        'server (0)',
        "sites_web_domain_update: web_domain example.org: system_group 'client1' is not the 'client2' the panel "
        "derives for its owner (client 2)",
        "sites_web_domain_update: web_domain example.org: document_root '/var/www/clients/client1/web1' is not the "
        "'/var/www/clients/client2/web1' the panel derives for its owner (client 2)",
    ]


def test_php_versions_and_the_version_invariant(serve):
    running = serve('ispconfig')
    api = Api(running)
    api.login()
    add_client(api, limit_cron_type='url', default_webserver=1, mail_servers='1', web_servers='1', dns_servers='1',
               db_servers='1')
    fpm = api.control('add_php_version', {'name': '8.3', 'modes': ['php-fpm']})['server_php_id']
    api.control('add_php_version', {'name': '7.4', 'active': 'n'})
    versions = api.ok('server_get_php_versions', session_id=api.session, server_id=1, php='php-fpm',
                      get_full_data=True)
    assert [(row['name'], row['active']) for row in versions] == [('8.3', 'y'), ('7.4', 'n')]
    assert api.ok('server_get_php_versions', session_id=api.session, server_id=1, php='fast-cgi') == [
        '7.4:/opt/7.4/bin/php-cgi:/opt/7.4/lib']
    assert api.ok('server_get_php_versions', session_id=api.session, server_id=1, php='mod') == []
    assert api.ok('server_get_php_versions', session_id=api.session, server_id=0, php='php-fpm') is False
    add_site(api, client_id=0, **dict(PANEL_SITE, server_php_id=fpm))
    assert running.simulator.invariant_violations == []
    api.ok('sites_web_domain_update', session_id=api.session, client_id=0, primary_id=1,
           params={'php': 'fast-cgi', 'log_retention': 10, 'pm_max_children': 10, 'pm_start_servers': 2,
                   'pm_min_spare_servers': 1, 'pm_max_spare_servers': 5})
    violations, running.simulator.invariant_violations = running.simulator.invariant_violations, []
    assert violations == ['sites_web_domain_update: web_domain example.org: server_php_id %d is no active PHP version '
                          'of its server for fast-cgi (the panel offers only those, and resets it to 0)' % fpm]
