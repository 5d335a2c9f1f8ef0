# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_ftp_user and ispconfig_ftp_user_info against the ISPConfig simulator: the full module test matrix."""

import pytest

from ispconfig_web import OTHER_PASSWORD, PASSWORD, customer, row, run_ok
from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (ispconfig_ftp_user, ispconfig_ftp_user_info,
                                                                   ispconfig_web_domain)

ROOT = '/var/www/clients/client1/web1'


@pytest.fixture
def sim(ispconfig):
    customer(ispconfig)
    return ispconfig


def ftp(sim, **options):
    return dict(sim.conn, **dict(dict(username='upload', website='acme.example', client='acme', password=PASSWORD),
                                 **options))


def stored(sim, name='acmeupload'):
    return row(sim, 'ftp_user', username=name)


def test_create_sends_what_the_panel_derives_from_the_website(sim):
    result = run_module(ispconfig_ftp_user, ftp(sim, quota='2 GiB'))
    assert result['changed'] is True and result['action'] == 'created'
    record = stored(sim)
    assert dict((k, record[k]) for k in (
        'username_prefix', 'uid', 'gid', 'dir', 'server_id', 'parent_domain_id', 'sys_groupid', 'quota_size', 'active',
        'quota_files', 'ul_ratio', 'dl_ratio', 'ul_bandwidth', 'dl_bandwidth')) == dict(
        username_prefix='acme', uid='web1', gid='client1', dir=ROOT, server_id='1', parent_domain_id='1',
        sys_groupid='2', quota_size='2048', active='y', quota_files='-1', ul_ratio='-1', dl_ratio='-1',
        ul_bandwidth='-1', dl_bandwidth='-1')
    assert record['password'].startswith('$6$') and record['password'] not in result['_raw']
    assert result['ftp_user'] == dict(
        username='upload', login='acmeupload', prefix='acme', website='acme.example', client='acme', quota=2048,
        active=True, directory=ROOT, server_id=1, ftp_user_id=1)
    assert sim.simulator.stats()['writes'] == ['sites_ftp_user_add']


def test_second_run_is_a_no_op_with_a_fixed_request_count(sim):
    run_module(ispconfig_ftp_user, ftp(sim))
    sim.simulator.reset_stats()
    assert run_module(ispconfig_ftp_user, ftp(sim))['changed'] is False
    assert sim.simulator.stats()['calls'] == ['login', 'sites_web_domain_get', 'client_get_by_groupid',
                                              'system_config_get', 'sites_ftp_user_get', 'logout']


def test_create_request_count(sim):
    run_module(ispconfig_ftp_user, ftp(sim))
    # the panel's password rule (misc) is read once, for the password that is sent
    assert sim.simulator.stats()['calls'] == ['login', 'sites_web_domain_get', 'client_get_by_groupid',
                                              'system_config_get', 'sites_ftp_user_get', 'system_config_get',
                                              'sites_ftp_user_add', 'logout']


def test_update_quota_active_directory_and_password(sim):
    run_module(ispconfig_ftp_user, ftp(sim))
    hash_before = stored(sim)['password']
    result = run_module(ispconfig_ftp_user, ftp(sim, quota=500, active=False, directory=ROOT + '/web/upload'),
                        diff=True)
    assert result['changed'] is True and result['action'] == 'updated'
    assert (result['diff']['before']['quota'], result['diff']['after']['quota']) == ('-1 (unlimited)', '500 (500 MiB)')
    assert (stored(sim)['quota_size'], stored(sim)['active'], stored(sim)['dir']) == ('500', 'n', ROOT + '/web/upload')
    assert stored(sim)['password'] == hash_before, 'an unchanged password must not be sent again'
    result = run_module(ispconfig_ftp_user, ftp(sim, password=OTHER_PASSWORD), diff=True)
    assert result['changed'] is True and result['diff']['after']['password'] == '<hidden, changed>'
    assert '$6$' not in result['_raw'] and OTHER_PASSWORD not in str(result['diff'])
    sim.simulator.reset_stats()
    assert run_module(ispconfig_ftp_user, ftp(sim, password=OTHER_PASSWORD))['changed'] is False
    assert sim.simulator.write_calls == []


def test_update_password_on_create_keeps_the_stored_one(sim):
    run_module(ispconfig_ftp_user, ftp(sim))
    hash_before = stored(sim)['password']
    result = run_module(ispconfig_ftp_user, ftp(sim, password=OTHER_PASSWORD, update_password='on_create'))
    assert result['changed'] is False and stored(sim)['password'] == hash_before


def test_check_mode_sends_no_write_and_predicts_the_real_run(sim):
    predicted = run_module(ispconfig_ftp_user, ftp(sim), check=True, diff=True)
    assert sim.simulator.write_calls == [] and stored(sim) is None
    real = run_module(ispconfig_ftp_user, ftp(sim), diff=True)
    # the id the panel gave it, which check mode cannot know
    assert real['ftp_user'].pop('ftp_user_id') == real['diff']['after'].pop('ftp_user_id') == 1
    assert predicted['diff'] == real['diff'] and predicted['ftp_user'] == real['ftp_user']
    sim.simulator.reset_stats()
    predicted = run_module(ispconfig_ftp_user, ftp(sim, quota='1 GiB'), check=True, diff=True)
    assert predicted['changed'] is True and sim.simulator.write_calls == [] and stored(sim)['quota_size'] == '-1'
    real = run_module(ispconfig_ftp_user, ftp(sim, quota='1 GiB'), diff=True)
    assert predicted['diff'] == real['diff']


def test_delete_then_delete_again(sim):
    run_module(ispconfig_ftp_user, ftp(sim))
    assert run_module(ispconfig_ftp_user, ftp(sim, state='absent'))['changed'] is True
    assert stored(sim) is None
    sim.simulator.reset_stats()
    assert run_module(ispconfig_ftp_user, ftp(sim, state='absent'))['changed'] is False
    assert sim.simulator.stats()['writes'] == []


def test_absent_without_website_finds_the_user_by_its_stored_prefix(sim):
    run_module(ispconfig_ftp_user, ftp(sim))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_ftp_user, dict(sim.conn, username='upload', state='absent'), diff=True)
    assert result['changed'] is True and stored(sim) is None
    assert (result['diff']['before']['login'], result['diff']['before']['website']) == ('acmeupload', 'acme.example')
    assert sim.simulator.stats()['calls'] == ['login', 'sites_ftp_user_get', 'sites_web_domain_get',
                                              'client_get_by_groupid', 'sites_ftp_user_delete', 'logout']


def test_absent_with_a_name_of_two_websites_fails_naming_them(sim):
    customer(sim, username='other', domain='other.example')
    run_module(ispconfig_ftp_user, ftp(sim))
    run_module(ispconfig_ftp_user, ftp(sim, website='other.example', client='other'))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_ftp_user, dict(sim.conn, username='upload', state='absent'))
    assert result['failed'] is True and result['msg'] == (
        '2 FTP users are named upload with their prefix: acmeupload (id 1), otherupload (id 2). Set website to say '
        'which one to delete.')
    assert sim.simulator.write_calls == []


def test_a_user_of_an_admin_website_belongs_to_the_admin(ispconfig):
    run_ok(ispconfig, ispconfig_web_domain, domain='admin.example')
    result = run_module(ispconfig_ftp_user, dict(ispconfig.conn, username='upload', website='admin.example',
                                                 password=PASSWORD))
    record = stored(ispconfig, 'adminupload')
    assert result['changed'] is True and (record['sys_groupid'], record['uid'], record['gid'], record['dir']) == (
        '1', 'web1', 'client0', '/var/www/clients/client0/web1')


def test_client_name_placeholder_is_converted_as_the_panel_does(ispconfig):
    customer(ispconfig, username='Jane.Doe')
    result = run_module(ispconfig_ftp_user, ftp(ispconfig, client='Jane.Doe'))
    assert result['ftp_user']['login'] == 'jane_doeupload'


def test_deleting_the_website_is_refused_while_it_has_an_ftp_user(sim):
    run_module(ispconfig_ftp_user, ftp(sim))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_web_domain, dict(sim.conn, domain='acme.example', state='absent'))
    assert result['failed'] is True and result['msg'] == (
        'website acme.example still has FTP users acmeupload. Delete them first (hosting.provision.ispconfig_database, '
        '_shell_user, _ftp_user, _cron, _web_subdomain, _web_aliasdomain): the API would delete the website alone and '
        'leave them without it.')
    assert sim.simulator.write_calls == [] and stored(sim) is not None
    run_ok(sim, ispconfig_ftp_user, **ftp(sim, state='absent'))
    assert run_module(ispconfig_web_domain, dict(sim.conn, domain='acme.example', state='absent'))['changed'] is True


# --- bad input: one sentence, nothing sent ---------------------------------------------------------------------

@pytest.mark.parametrize('options, message', [
    (dict(username='bad name'), "username 'bad name': an FTP user name is 1 to 64 of"),
    (dict(quota='-2'), 'quota'),
    (dict(directory='/var/www/clients/client1/web1/../web2'), 'without "..", "./" or "/."'),
    (dict(directory='web'), "directory 'web': the panel takes an absolute path"),
    (dict(password=''), 'password is empty: a login needs one that passes the panel\'s password rule'),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(ispconfig_ftp_user, ftp(sim, **options))
    assert result['failed'] is True and message in result['msg']
    assert sim.simulator.stats()['requests'] == 0


def test_a_directory_outside_the_website_fails_before_any_write(sim):
    result = run_module(ispconfig_ftp_user, ftp(sim, directory='/var/www/clients/client1/web10'))
    assert result['failed'] is True and result['msg'] == (
        "directory '/var/www/clients/client1/web10' is outside website acme.example: the panel takes its document "
        "root /var/www/clients/client1/web1 or a directory below it")
    assert sim.simulator.write_calls == []


def test_a_weak_password_fails_before_any_write(sim):
    result = run_module(ispconfig_ftp_user, ftp(sim, password='short'))
    assert result['failed'] is True and result['msg'].startswith(
        'the password is too weak for ISPConfig: it needs at least 8 characters and a strength of "Good"')
    assert sim.simulator.write_calls == []
    run_module(ispconfig_ftp_user, ftp(sim))
    result = run_module(ispconfig_ftp_user, ftp(sim, password='short'))
    assert result['failed'] is True and 'too weak' in result['msg']
    assert sim.simulator.stats()['writes'] == ['sites_ftp_user_add']


def test_a_new_user_without_a_password_fails_before_any_write(sim):
    result = run_module(ispconfig_ftp_user, ftp(sim, password=None))
    assert result['failed'] is True and result['msg'] == (
        'password is required to create FTP user acmeupload: the panel makes no login without one')
    assert sim.simulator.write_calls == []


def test_over_long_name_with_the_prefix_fails_before_any_write(sim):
    result = run_module(ispconfig_ftp_user, ftp(sim, username='u' * 62))
    assert result['failed'] and "66 characters; the panel allows at most 64" in result['msg']
    assert sim.simulator.write_calls == []


def test_a_name_that_differs_only_in_case_fails_before_any_write(sim):
    run_module(ispconfig_ftp_user, ftp(sim))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_ftp_user, ftp(sim, username='Upload'))
    assert result['failed'] is True and result['msg'] == (
        'FTP user acmeUpload cannot be created: FTP user acmeupload exists, and names that differ only in case are '
        'the same name to the panel')
    assert sim.simulator.write_calls == []


def test_a_website_is_required_to_create(sim):
    options = ftp(sim)
    del options['website']
    result = run_module(ispconfig_ftp_user, options)
    assert result['failed'] is True and 'state is present but all of the following are missing: website' in \
        result['msg']
    assert sim.simulator.stats()['requests'] == 0


def test_a_missing_website_fails_and_check_mode_warns(sim):
    result = run_module(ispconfig_ftp_user, ftp(sim, website='none.example'))
    assert result['failed'] is True and result['msg'].startswith(
        'Cannot create FTP user upload: the website none.example does not exist in ISPConfig')
    predicted = run_module(ispconfig_ftp_user, ftp(sim, website='none.example'), check=True)
    assert predicted['changed'] is True and 'A real run fails unless an earlier task creates it.' in \
        predicted['warnings'][0]
    assert sim.simulator.write_calls == []


# --- the info module -----------------------------------------------------------------------------------------

def test_info_lists_by_website_client_and_username_without_a_hash(sim):
    customer(sim, username='beta', domain='beta.example')
    run_ok(sim, ispconfig_ftp_user, **ftp(sim))
    run_ok(sim, ispconfig_ftp_user, **ftp(sim, username='backup'))
    run_ok(sim, ispconfig_ftp_user, **ftp(sim, website='beta.example', client='beta'))
    sim.simulator.reset_stats()

    def listed(**options):
        result = run_module(ispconfig_ftp_user_info, dict(sim.conn, **options), check=True)
        assert result['changed'] is False and '$6$' not in result['_raw']
        assert all('password' not in user for user in result['ftp_users'])
        return [(user['website'], user['login'], user['username']) for user in result['ftp_users']]
    assert listed() == [('acme.example', 'acmebackup', 'backup'), ('acme.example', 'acmeupload', 'upload'),
                        ('beta.example', 'betaupload', 'upload')]
    assert listed(website='beta.example') == [('beta.example', 'betaupload', 'upload')]
    assert listed(client='acme', username='upload') == [('acme.example', 'acmeupload', 'upload')]
    assert listed(username='upload') == [('acme.example', 'acmeupload', 'upload'),
                                         ('beta.example', 'betaupload', 'upload')]
    assert listed(website='none.example') == []
    assert sim.simulator.write_calls == []
