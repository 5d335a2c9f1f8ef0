# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_web_domain against the ISPConfig simulator: the full module test matrix."""

import pytest

from ispconfig_web import PASSWORD, row, run_ok
from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (ispconfig_client, ispconfig_cron,
                                                                   ispconfig_database, ispconfig_web_domain)

# the fields a new website's row holds that the API would leave empty, as the panel's form stores them
PANEL_FORM = dict(
    type='vhost', vhost_type='name', parent_domain_id='0', ip_address='*', ipv6_address='', hd_quota='-1',
    traffic_quota='-1', active='y', suexec='y', errordocs='1', subdomain='www', php='fast-cgi', cgi='n', ssi='n',
    perl='n', ruby='n', python='n', ssl='n', ssl_letsencrypt='n', rewrite_to_https='n', server_php_id='0',
    enable_pagespeed='n', web_folder='', allow_override='All', php_fpm_use_socket='y', php_fpm_chroot='n',
    proxy_protocol='n', pm='ondemand', pm_max_children='10', pm_start_servers='2', pm_min_spare_servers='1',
    pm_max_spare_servers='5', pm_process_idle_timeout='10', pm_max_requests='0', http_port='80', https_port='443',
    stats_type='awstats', backup_interval='none', backup_copies='1', backup_format_web='default',
    backup_format_db='gzip', backup_encrypt='n', log_retention='10', added_by='demo')


@pytest.fixture
def sim(ispconfig):
    run_ok(ispconfig, ispconfig_client, username='acme', password=PASSWORD, contact_name='Jane Doe',
           email='jane@acme.example')
    ispconfig.simulator.reset_stats()
    return ispconfig


def site(sim, **options):
    return dict(sim.conn, **dict(dict(domain='Acme.Example', client='acme', quota='2 GiB'), **options))


def stored(sim, domain='acme.example'):
    return row(sim, 'web_domain', domain=domain)


def test_create_sends_what_the_panel_form_stores_and_returns_what_the_server_derives(sim):
    result = run_module(ispconfig_web_domain, site(sim, quota=None))
    assert result['changed'] is True
    record = stored(sim)
    assert dict((column, record[column]) for column in PANEL_FORM) == PANEL_FORM
    assert record['added_date'] is None
    # the admin adds it and gives it to the client's group (client protection: the client may not delete it)
    assert (record['sys_userid'], record['sys_groupid'], record['sys_perm_group']) == ('1', '2', 'ru')
    web = result['web_domain']
    assert (web['document_root'], web['system_user'], web['system_group']) == (
        '/var/www/clients/client1/web1', 'web1', 'client1')
    assert (web['domain'], web['client'], web['quota'], web['domain_id']) == ('acme.example', 'acme', -1, 1)
    assert sim.simulator.stats()['writes'] == ['sites_web_domain_add']


def test_second_run_is_a_no_op_with_a_fixed_request_count(sim):
    run_module(ispconfig_web_domain, site(sim))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_web_domain, site(sim))
    assert result['changed'] is False
    assert result['web_domain']['quota'] == 2048
    assert sim.simulator.stats()['calls'] == ['login', 'client_get_by_username', 'sites_web_domain_get', 'logout']
    without_client = run_module(ispconfig_web_domain, site(sim, client=None))
    assert without_client['changed'] is False and 'client' not in without_client['web_domain']


def test_update_sends_the_changes_and_what_the_api_would_reset(sim):
    run_module(ispconfig_web_domain, site(sim))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_web_domain, site(sim, quota='unlimited', php='php-fpm', active=False), diff=True)
    assert result['changed'] is True
    assert result['diff']['before']['quota'] == '2048 (2 GiB)' and result['diff']['after']['quota'] == '-1 (unlimited)'
    assert result['web_domain']['quota'] == -1
    record = stored(sim)
    assert (record['hd_quota'], record['php'], record['active']) == ('-1', 'php-fpm', 'n')
    # sites_web_domain_update would have written 30 and 1 1 1 1
    assert (record['log_retention'], record['pm_max_children'], record['pm_start_servers'],
            record['pm_min_spare_servers'], record['pm_max_spare_servers']) == ('10', '10', '2', '1', '5')
    assert record['sys_userid'] == '1', 'an update must not give the website to the client\'s panel user'
    assert sim.simulator.stats()['calls'] == ['login', 'client_get_by_username', 'sites_web_domain_get',
                                              'sites_web_domain_update', 'logout']


def test_lets_encrypt_is_switched_on_after_the_add_as_the_panel_does(sim):
    result = run_module(ispconfig_web_domain, site(sim, letsencrypt=True))
    assert result['web_domain']['ssl'] is True and result['web_domain']['letsencrypt'] is True
    writes = [call for call in sim.simulator.stats()['calls'] if call.startswith('sites_web_domain_')
              and not call.endswith('_get')]
    assert writes == ['sites_web_domain_add', 'sites_web_domain_update']
    record = stored(sim)
    assert (record['ssl'], record['ssl_letsencrypt'], record['log_retention'], record['pm_max_children']) == (
        'y', 'y', '10', '10')
    assert run_module(ispconfig_web_domain, site(sim, letsencrypt=True))['changed'] is False
    off = run_module(ispconfig_web_domain, site(sim, ssl=False))
    assert (off['web_domain']['ssl'], off['web_domain']['letsencrypt']) == (False, False)


def test_lets_encrypt_switch_failing_after_the_add_reports_the_website_created(sim):
    sim.simulator.add_fault(kind='http', status=200, content_type='application/json; charset="utf-8"',
                            body='{"code":"remote_fault","message":"ssl_error_isempty","response":false}',
                            call='sites_web_domain_update')
    result = run_module(ispconfig_web_domain, site(sim, letsencrypt=True))
    assert result['failed'] is True and result['changed'] is True
    assert result['msg'].startswith('website acme.example was created, but switching on SSL and Let\'s Encrypt '
                                    'failed: sites_web_domain_update failed')
    assert run_module(ispconfig_web_domain, site(sim, letsencrypt=True))['changed'] is True
    assert stored(sim)['ssl_letsencrypt'] == 'y'


def test_check_mode_sends_no_write_and_predicts_the_real_run(sim):
    predicted = run_module(ispconfig_web_domain, site(sim), check=True, diff=True)
    assert sim.simulator.write_calls == [] and stored(sim) is None
    real = run_module(ispconfig_web_domain, site(sim), diff=True)
    derived = ('domain_id', 'document_root', 'system_user', 'system_group', 'php_open_basedir')
    assert dict((k, v) for k, v in real['web_domain'].items() if k not in derived) == predicted['web_domain']
    sim.simulator.reset_stats()
    predicted = run_module(ispconfig_web_domain, site(sim, traffic_quota='10 GiB'), check=True, diff=True)
    assert sim.simulator.write_calls == []
    real = run_module(ispconfig_web_domain, site(sim, traffic_quota='10 GiB'), diff=True)
    assert predicted['diff'] == real['diff'] and predicted['web_domain'] == real['web_domain']


def test_delete_then_delete_again(sim):
    run_module(ispconfig_web_domain, site(sim))
    result = run_module(ispconfig_web_domain, dict(sim.conn, domain='acme.example', state='absent'))
    assert result['changed'] is True and stored(sim) is None
    sim.simulator.reset_stats()
    assert run_module(ispconfig_web_domain, dict(sim.conn, domain='acme.example', state='absent'))['changed'] is False
    assert sim.simulator.stats()['writes'] == []


def test_delete_is_refused_while_the_website_has_objects(sim):
    run_module(ispconfig_web_domain, site(sim))
    run_ok(sim, ispconfig_database, name='wp', website='acme.example')
    run_ok(sim, ispconfig_cron, website='acme.example', job='php /tmp/x.php')
    sim.simulator.reset_stats()
    message = ('website acme.example still has databases c1wp; cron jobs php /tmp/x.php. Delete them first '
               '(hosting.provision.ispconfig_database, _shell_user, _ftp_user, _cron, _web_subdomain, '
               '_web_aliasdomain): the API would delete the website alone and leave them without it.')
    result = run_module(ispconfig_web_domain, dict(sim.conn, domain='acme.example', state='absent'))
    assert result['failed'] is True and result['msg'] == message
    # check mode warns: earlier tasks of the play (an offboarding in reverse order) may delete them
    predicted = run_module(ispconfig_web_domain, dict(sim.conn, domain='acme.example', state='absent'), check=True)
    assert predicted['changed'] is True
    assert predicted['warnings'] == [
        'website acme.example has databases c1wp; cron jobs php /tmp/x.php now. The real run deletes it only if they '
        'are gone by then, as when earlier tasks of the play delete them (check mode cannot see what those would do).']
    assert sim.simulator.write_calls == []


def test_a_website_is_not_moved_to_another_server_or_client(sim):
    run_module(ispconfig_web_domain, site(sim))
    run_ok(sim, ispconfig_client, username='other', password=PASSWORD, contact_name='O', email='o@other.example')
    sim.simulator.reset_stats()
    moved = run_module(ispconfig_web_domain, site(sim, server_id=2))
    assert moved['failed'] and 'ISPConfig cannot move a website to another server' in moved['msg']
    moved = run_module(ispconfig_web_domain, site(sim, client='other'))
    assert moved['failed'] and moved['msg'].startswith('website acme.example belongs to client acme, not to client other.')
    assert sim.simulator.write_calls == []


def test_php_fast_cgi_becomes_php_fpm_on_nginx(sim):
    sim.simulator.control('set_config', dict(server_id=1, section='web', key='server_type', value='nginx'))
    result = run_module(ispconfig_web_domain, site(sim, php='fast-cgi'))
    assert result['web_domain']['php'] == 'php-fpm' and stored(sim)['php'] == 'php-fpm'
    assert any('nginx' in warning for warning in result['warnings'])
    assert run_module(ispconfig_web_domain, site(sim, php='fast-cgi'))['changed'] is False


def test_the_servers_default_php_handler_and_log_retention(sim):
    sim.simulator.control('set_config', dict(server_id=1, section='web', key='php_handler', value='php-fpm'))
    sim.simulator.control('set_config', dict(server_id=1, section='server', key='log_retention', value='45'))
    run_module(ispconfig_web_domain, site(sim))
    assert (stored(sim)['php'], stored(sim)['log_retention']) == ('php-fpm', '45')


def test_without_server_functions_the_stock_defaults_are_used_with_a_warning(sim):
    sim.simulator.control('add_remote_user', {'username': 'sites', 'password': 'sites-pass',
                                              'functions': ['sites_web_domain', 'client']})
    result = run_module(ispconfig_web_domain, site(sim, api_username='sites', api_password='sites-pass'))
    assert result['changed'] is True and stored(sim)['php'] == 'fast-cgi'
    assert any('Server functions' in warning for warning in result['warnings'])


@pytest.mark.parametrize('options, message', [
    (dict(quota='1.5 MiB'), 'quota: \'1.5 MiB\' is 1572864 bytes, not a whole number of MB'),
    (dict(quota='lots'), "quota: cannot read 'lots' as a size"),
    (dict(domain='localhost'), "'localhost' is not a domain name ISPConfig accepts for a website: it needs a name "
                               "of letters, digits, _, - or . before its last dot and a top-level domain of 2 to 63"),
    (dict(domain='-bad-.example'), 'is not a valid domain name'),
    (dict(domain='x.acme.invalid'), 'reserves .acme.invalid'),
    (dict(ip_address='300.1.1.1'), 'ip_address must be "*" or an IPv4 address'),
    (dict(letsencrypt=True, ssl=False), 'letsencrypt=true needs ssl=true'),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(ispconfig_web_domain, site(sim, **options))
    assert result['failed'] is True
    assert message in result['msg']
    assert sim.simulator.stats()['requests'] == 0


def test_unknown_client_fails_and_check_mode_warns(sim):
    result = run_module(ispconfig_web_domain, site(sim, client='nobody'))
    assert result['failed'] and 'There is no ISPConfig client with the username \'nobody\'' in result['msg']
    predicted = run_module(ispconfig_web_domain, site(sim, client='nobody'), check=True)
    assert predicted['changed'] is True and any('A real run fails' in w for w in predicted['warnings'])
    assert sim.simulator.write_calls == []


def test_idn_domain_is_stored_in_punycode(sim):
    result = run_module(ispconfig_web_domain, site(sim, domain='Bücher.example'))
    assert result['web_domain']['domain'] == 'xn--bcher-kva.example'
    assert run_module(ispconfig_web_domain, site(sim, domain='bücher.example'))['changed'] is False


def test_admin_website(sim):
    result = run_module(ispconfig_web_domain, site(sim, client=None))
    assert result['web_domain']['system_group'] == 'client0' and stored(sim)['sys_groupid'] == '1'


def test_an_alias_domain_is_not_a_website(sim):
    run_module(ispconfig_web_domain, site(sim))
    sim.simulator.control('add_remote_user', {'username': 'raw', 'password': 'raw-pass'})
    session = sim.simulator.login('login', 'raw', 'raw-pass', False)
    # client 1, the website's: the panel gives an alias domain the owner of its website
    sim.simulator.hosting_add('sites_web_aliasdomain_add', session, 1, dict(
        server_id=1, domain='alias.example', type='alias', parent_domain_id=1, active='y', subdomain='none'))
    sim.simulator.reset_stats()
    assert run_module(ispconfig_web_domain, dict(sim.conn, domain='alias.example', state='absent'))['changed'] is False
    result = run_module(ispconfig_web_domain, site(sim, domain='alias.example'))
    assert result['failed'] and 'domain_error_unique' in result['msg']


def test_php_version_is_one_the_panel_offers_for_the_mode(sim):
    fpm_only = sim.simulator.control('add_php_version', {'name': 'PHP 8.3', 'modes': ['php-fpm']})['server_php_id']
    both = sim.simulator.control('add_php_version', {'name': 'PHP 8.2'})['server_php_id']
    sim.simulator.control('add_php_version', {'name': 'PHP 7.4', 'active': 'n'})
    result = run_module(ispconfig_web_domain, site(sim, php='php-fpm', php_version='PHP 8.3'))
    assert result['web_domain']['php_version_id'] == fpm_only and stored(sim)['server_php_id'] == str(fpm_only)
    assert run_module(ispconfig_web_domain, site(sim, php='php-fpm', php_version='PHP 8.3'))['changed'] is False
    refused = run_module(ispconfig_web_domain, site(sim, php='php-fpm', php_version='PHP 7.4'))
    assert refused['failed'] and refused['msg'] == (
        "php_version 'PHP 7.4': server 1 offers 'PHP 8.2', 'PHP 8.3' for PHP mode php-fpm")
    # a new mode the stored version does not serve gets the server's default, as the panel resets it
    result = run_module(ispconfig_web_domain, site(sim, php='fast-cgi'), diff=True)
    assert result['diff']['after']['php_version_id'] == 0 and stored(sim)['server_php_id'] == '0'
    run_module(ispconfig_web_domain, site(sim, php='fast-cgi', php_version='PHP 8.2'))
    result = run_module(ispconfig_web_domain, site(sim, php='php-fpm'))
    assert result['web_domain']['php_version_id'] == both
    assert run_module(ispconfig_web_domain, site(sim, php_version=''))['web_domain']['php_version_id'] == 0
    bad = run_module(ispconfig_web_domain, site(sim, php='mod', php_version='PHP 8.2'))
    assert bad['failed'] and 'php_version needs php php-fpm or fast-cgi' in bad['msg']
