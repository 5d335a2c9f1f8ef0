# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Panel parity of web hosting: a website, a database user, a database, a shell user, an FTP user and a cron job
created by the modules leave, field by field, the rows the panel's own forms leave for the same inputs.

The PANEL_* rows below are written down from the panel's source (ISPConfig 3.2: web_vhost_domain.tform.php and
web_vhost_domain_edit.php with sites_web_vhost_domain_plugin.inc.php, database.tform.php / database_edit.php and
sites_database_plugin.inc.php, database_user*.php, shell_user*.php, ftp_user*.php, cron*.php, install/sql/ispconfig3.sql) as
docs/api/ispconfig-panel.md explains them: the panel's insert writes the fields of the tab on screen (the first
one) with the form's defaults and leaves every other column at its ispconfig3.sql default; then its edit page
derives paths, system user and group, prefixes, the owner group of the website's objects and the cron type.
The admin makes them for client acme (client 1, group 2) on a stock panel (prefixes c[CLIENTID] and [CLIENTNAME],
client protection on). Each column where a module-made row cannot equal the panel's is listed in NOT_COMPARED.
"""

import pytest

from ispconfig_web import PASSWORD, run_ok
from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (
    ispconfig_client, ispconfig_cron, ispconfig_database, ispconfig_database_user, ispconfig_ftp_user,
    ispconfig_shell_user, ispconfig_web_domain,
)

GENERATED = 'a value the server generates (id, password hash)'
ADMIN_CLICKED = ('the panel records the admin who clicked "Save" (user 1); the API records the owning client\'s '
                 'panel user; the owner group, which decides who sees the row, is the same')
API_WRITES_EVERY_FIELD = ("the API writes every form field of every tab, '' where the panel's insert leaves a field "
                          "of another tab at its NULL column default: the same empty value")
KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIParityKey deploy@acme'
ROOT = '/var/www/clients/client1/web1'
BASEDIR = (ROOT + '/web:' + ROOT + '/private:' + ROOT + '/tmp:/var/www/acme.example/web:/srv/www/acme.example/web:'
           '/usr/share/php5:/usr/share/php:/tmp:/usr/share/phpmyadmin:/etc/phpmyadmin:/var/lib/phpmyadmin:'
           '/dev/random:/dev/urandom')

# website acme.example of client acme, 2 GiB: the Domain tab as posted (the server's default PHP mode), the other
# tabs at their column defaults, then the vhost plugin and edit page (paths, owner group with client protection,
# log retention and PHP-FPM chroot from the server)
PANEL_WEB_DOMAIN = dict(
    sys_userid='1', sys_groupid='2', sys_perm_user='riud', sys_perm_group='ru', sys_perm_other='', server_id='1',
    # Domain tab
    ip_address='*', ipv6_address='', domain='acme.example', type='vhost', parent_domain_id='0', vhost_type='name',
    hd_quota='2048', traffic_quota='-1', cgi='n', ssi='n', suexec='y', errordocs='1', subdomain='www',
    ssl='n', ssl_letsencrypt='n', php='fast-cgi', server_php_id='0', perl='n', ruby='n', python='n',
    enable_pagespeed='n', active='y', web_folder='',
    # other tabs: column defaults
    is_subdomainwww='1', rewrite_to_https='n', ssl_letsencrypt_exclude='n', stats_password=None,
    stats_type='awstats', apache_directives=None, nginx_directives=None, php_fpm_use_socket='y', pm='ondemand',
    pm_max_children='10', pm_start_servers='2', pm_min_spare_servers='1', pm_max_spare_servers='5',
    pm_process_idle_timeout='10', pm_max_requests='0', custom_php_ini=None, backup_interval='none',
    backup_copies='1', backup_format_web='default', backup_format_db='gzip', backup_encrypt='n', backup_password='',
    traffic_quota_lock='n', proxy_directives=None, last_quota_notification=None, rewrite_rules=None,
    directive_snippets_id='0', http_port='80', https_port='443', folder_directive_snippets=None,
    proxy_protocol='n', jailkit_chroot_app_sections=None, jailkit_chroot_app_programs=None,
    delete_unused_jailkit='n', last_jailkit_update=None, last_jailkit_hash=None,
    # derived after the insert
    document_root=ROOT, system_user='web1', system_group='client1', allow_override='All',
    php_open_basedir=BASEDIR, log_retention='10', php_fpm_chroot='n',
    # differ (NOT_COMPARED)
    added_date='<today>', added_by='admin', redirect_type=None, redirect_path=None, seo_redirect=None,
    ssl_state=None, ssl_locality=None, ssl_organisation=None, ssl_organisation_unit=None, ssl_country=None,
    ssl_domain=None, ssl_request=None, ssl_cert=None, ssl_bundle=None, ssl_key=None, ssl_action=None,
    backup_excludes=None,
)
# database user "wp" of client acme: the form as posted, the prefix added, server 0 (every database server), the
# client's group given after the insert
PANEL_DATABASE_USER = dict(
    sys_userid='1', sys_groupid='2', sys_perm_user='riud', sys_perm_group='riud', sys_perm_other='', server_id='0',
    database_user='c1wp', database_user_prefix='c1', database_password_mongo=None)
# database "wp" of acme.example, owned by "wp", 1 GiB: the form as posted with its defaults, the prefix added,
# the website's group and backup settings copied in by the database plugin
PANEL_DATABASE = dict(
    sys_userid='1', sys_groupid='2', sys_perm_user='riud', sys_perm_group='riud', sys_perm_other='', server_id='1',
    parent_domain_id='1', type='mysql', database_name='c1wp', database_name_prefix='c1', database_quota='1024',
    quota_exceeded='n', last_quota_notification=None, database_user_id='1', database_ro_user_id='0',
    database_charset='', remote_access='n', remote_ips='', backup_interval='none', backup_copies='1', active='y')
# shell user "deploy" of acme.example with a password and a key: the Shell tab as posted (chroot: the first
# choice), the Options tab at its column defaults, then the website's server, directory, user, group and owner
PANEL_SHELL_USER = dict(
    sys_userid='1', sys_groupid='2', sys_perm_user='riud', sys_perm_group='riud', sys_perm_other='', server_id='1',
    parent_domain_id='1', username='acmedeploy', username_prefix='acme', quota_size='-1', active='y', puser='web1',
    pgroup='client1', shell='/bin/bash', dir=ROOT, chroot='no', ssh_rsa=KEY)
# FTP user "upload" of acme.example: the FTP User tab as posted (no quota, active), the Options tab at its form
# defaults (no limits), the prefix added, then the website's server, directory, system user and group and owner
PANEL_FTP_USER = dict(
    sys_userid='1', sys_groupid='2', sys_perm_user='riud', sys_perm_group='riud', sys_perm_other='', server_id='1',
    parent_domain_id='1', username='acmeupload', username_prefix='acme', quota_size='-1', active='y', uid='web1',
    gid='client1', dir=ROOT, quota_files='-1', ul_ratio='-1', dl_ratio='-1', ul_bandwidth='-1', dl_bandwidth='-1',
    expires=None, user_type='user', user_config=None)
# cron job of acme.example: the form as posted, the website's server, the type the page derives (a command, and
# the client's limit_cron_type "url": chrooted), the website's owner group
PANEL_CRON = dict(
    sys_userid='1', sys_groupid='2', sys_perm_user='riud', sys_perm_group='riud', sys_perm_other='', server_id='1',
    parent_domain_id='1', type='chrooted', command='php /var/www/acme.example/web/cleanup.php', run_min='30',
    run_hour='3', run_mday='*', run_month='*', run_wday='*', log='n', active='y')

NOT_COMPARED = {
    'web_domain': dict(
        [('domain_id', GENERATED),
         ('added_date', "the API reads dates in the format of the panel's language files, which it does not load: "
                        "the module leaves the date empty"),
         ('added_by', 'the user who made it: the panel user there, the remote user through the API')]
        + [(column, API_WRITES_EVERY_FIELD) for column in (
            'redirect_type', 'redirect_path', 'seo_redirect', 'ssl_state', 'ssl_locality', 'ssl_organisation',
            'ssl_organisation_unit', 'ssl_country', 'ssl_domain', 'ssl_request', 'ssl_cert', 'ssl_bundle', 'ssl_key',
            'ssl_action', 'backup_excludes')]),
    'web_database_user': {'database_user_id': GENERATED, 'database_password': GENERATED,
                          'sys_userid': ADMIN_CLICKED},
    'web_database': {'database_id': GENERATED},
    'shell_user': {'shell_user_id': GENERATED, 'password': GENERATED, 'sys_userid': ADMIN_CLICKED},
    'ftp_user': {'ftp_user_id': GENERATED, 'password': GENERATED, 'sys_userid': ADMIN_CLICKED},
    'cron': {'id': GENERATED, 'sys_userid': ADMIN_CLICKED},
}

TASKS = [
    (ispconfig_client, dict(username='acme', password='Panel-Passw0rd-x', contact_name='Jane Doe',
                            email='jane@acme.example')),
    (ispconfig_web_domain, dict(domain='acme.example', client='acme', quota='2 GiB')),
    (ispconfig_database_user, dict(name='wp', client='acme', password=PASSWORD)),
    (ispconfig_database, dict(name='wp', website='acme.example', client='acme', user='wp', quota='1 GiB')),
    (ispconfig_shell_user, dict(username='deploy', website='acme.example', client='acme', password=PASSWORD,
                                ssh_keys=[KEY])),
    (ispconfig_ftp_user, dict(username='upload', website='acme.example', client='acme', password=PASSWORD)),
    (ispconfig_cron, dict(website='acme.example', client='acme', job='php /var/www/acme.example/web/cleanup.php',
                          minute='30', hour='3')),
]


@pytest.fixture
def made(ispconfig):
    for module, options in TASKS:
        assert run_ok(ispconfig, module, **options)['changed'] is True
    return ispconfig


def the_row(sim, table):
    rows = sim.simulator.state()['tables'][table]
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize('table, panel_row', [
    ('web_domain', PANEL_WEB_DOMAIN), ('web_database_user', PANEL_DATABASE_USER), ('web_database', PANEL_DATABASE),
    ('shell_user', PANEL_SHELL_USER), ('ftp_user', PANEL_FTP_USER), ('cron', PANEL_CRON),
], ids=lambda value: value if isinstance(value, str) else '')
def test_rows_are_what_the_panel_makes(made, table, panel_row):
    made_row = the_row(made, table)
    skipped = NOT_COMPARED[table]
    assert set(made_row) == set(panel_row) | set(skipped), 'every column is compared or explained'
    assert dict((column, (made_row[column], panel_row[column])) for column in made_row
                if column not in skipped and made_row[column] != panel_row[column]) == {}


def test_every_task_runs_again_with_no_change(made):
    made.simulator.reset_stats()
    for module, options in TASKS:
        result = run_module(module, dict(made.conn, **options))
        assert result['changed'] is False, (module.__name__, result)
    assert made.simulator.write_calls == []
