# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_shell_user against the ISPConfig simulator: the full module test matrix."""

import pytest

from ispconfig_web import OTHER_PASSWORD, PASSWORD, customer, row
from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import ispconfig_shell_user

KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKey deploy@ci'


@pytest.fixture
def sim(ispconfig):
    customer(ispconfig)
    return ispconfig


def shell(sim, **options):
    return dict(sim.conn, **dict(dict(username='deploy', website='acme.example', client='acme', password=PASSWORD,
                                      ssh_keys=[KEY]), **options))


def stored(sim, name='acmedeploy'):
    return row(sim, 'shell_user', username=name)


def test_create_takes_the_websites_user_group_and_directory(sim):
    result = run_module(ispconfig_shell_user, shell(sim))
    assert result['changed'] is True
    record = stored(sim)
    assert dict((k, record[k]) for k in ('username_prefix', 'puser', 'pgroup', 'dir', 'server_id', 'parent_domain_id',
                                         'shell', 'chroot', 'quota_size', 'active', 'ssh_rsa', 'sys_groupid')) == dict(
        username_prefix='acme', puser='web1', pgroup='client1', dir='/var/www/clients/client1/web1', server_id='1',
        parent_domain_id='1', shell='/bin/bash', chroot='no', quota_size='-1', active='y', ssh_rsa=KEY,
        sys_groupid='2')
    assert record['password'].startswith('$6$') and record['password'] not in result['_raw']
    assert result['shell_user'] == dict(
        username='deploy', login='acmedeploy', prefix='acme', website='acme.example', client='acme', ssh_keys=[KEY],
        chroot='no', quota=-1, shell='/bin/bash', active=True, directory='/var/www/clients/client1/web1', server_id=1,
        shell_user_id=1)
    assert sim.simulator.stats()['writes'] == ['sites_shell_user_add']


def test_second_run_is_a_no_op_with_a_fixed_request_count(sim):
    run_module(ispconfig_shell_user, shell(sim))
    sim.simulator.reset_stats()
    assert run_module(ispconfig_shell_user, shell(sim))['changed'] is False
    assert sim.simulator.stats()['calls'] == ['login', 'sites_web_domain_get', 'client_get_by_groupid',
                                              'system_config_get', 'sites_shell_user_get', 'logout']


def test_update_password_keys_and_chroot(sim):
    run_module(ispconfig_shell_user, shell(sim))
    hash_before = stored(sim)['password']
    result = run_module(ispconfig_shell_user, shell(sim, ssh_keys=[], chroot='jailkit'), diff=True)
    assert result['changed'] is True and result['diff']['after']['ssh_keys'] == []
    assert (stored(sim)['ssh_rsa'], stored(sim)['chroot']) == ('', 'jailkit')
    assert stored(sim)['password'] == hash_before, 'an unchanged password must not be sent again'
    result = run_module(ispconfig_shell_user, shell(sim, password=OTHER_PASSWORD, ssh_keys=[], chroot='jailkit'),
                        diff=True)
    assert result['changed'] is True and result['diff']['after']['password'] == '<hidden, changed>'
    assert run_module(ispconfig_shell_user, shell(sim, password=OTHER_PASSWORD, ssh_keys=[], chroot='jailkit'))[
        'changed'] is False


def test_check_mode_sends_no_write_and_predicts_the_real_run(sim):
    predicted = run_module(ispconfig_shell_user, shell(sim), check=True, diff=True)
    assert sim.simulator.write_calls == [] and stored(sim) is None
    real = run_module(ispconfig_shell_user, shell(sim), diff=True)
    # the id the panel gave it, which check mode cannot know
    assert real['shell_user'].pop('shell_user_id') == real['diff']['after'].pop('shell_user_id') == 1
    assert predicted['diff'] == real['diff'] and predicted['shell_user'] == real['shell_user']


def test_delete_then_delete_again(sim):
    run_module(ispconfig_shell_user, shell(sim))
    assert run_module(ispconfig_shell_user, shell(sim, state='absent'))['changed'] is True
    assert stored(sim) is None
    sim.simulator.reset_stats()
    assert run_module(ispconfig_shell_user, shell(sim, state='absent'))['changed'] is False
    assert sim.simulator.stats()['writes'] == []


def test_the_first_chroot_the_client_may_use(ispconfig):
    customer(ispconfig)
    ispconfig.simulator.control('set_row', {'table': 'client', 'id': 1, 'values': {'ssh_chroot': 'jailkit'}})
    result = run_module(ispconfig_shell_user, shell(ispconfig))
    assert result['shell_user']['chroot'] == 'jailkit'


def test_client_name_placeholder_is_converted_as_the_panel_does(ispconfig):
    customer(ispconfig, username='Jane.Doe')
    result = run_module(ispconfig_shell_user, shell(ispconfig, client='Jane.Doe'))
    assert result['shell_user']['login'] == 'jane_doedeploy'


@pytest.mark.parametrize('options, message', [
    (dict(username='root'), "username 'root' is a system user the panel does not allow"),
    (dict(username='WWW-Data'), 'is a system user the panel does not allow'),
    (dict(username='bad name'), 'a shell user name is 1 to 32'),
    (dict(shell='bash'), "shell 'bash': the panel takes an absolute path"),
    (dict(quota='-2'), 'quota'),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(ispconfig_shell_user, shell(sim, **options))
    assert result['failed'] is True and message in result['msg']
    assert sim.simulator.stats()['requests'] == 0


def test_over_long_name_with_the_prefix_fails_before_any_write(sim):
    result = run_module(ispconfig_shell_user, shell(sim, username='u' * 30))
    assert result['failed'] and "is 'acme%s', 34 characters; the panel allows at most 32" % ('u' * 30) in result['msg']
    assert sim.simulator.write_calls == []


# --- absent finds the user by its stored prefix and name; website only to create (issue #24) ---------------

def test_absent_without_website_finds_the_user_by_its_stored_prefix(sim):
    run_module(ispconfig_shell_user, shell(sim))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_shell_user, dict(sim.conn, username='deploy', state='absent'), diff=True)
    assert result['changed'] is True and stored(sim) is None
    assert (result['diff']['before']['login'], result['diff']['before']['website']) == ('acmedeploy', 'acme.example')
    assert sim.simulator.stats()['calls'] == ['login', 'sites_shell_user_get', 'sites_web_domain_get',
                                              'client_get_by_groupid', 'sites_shell_user_delete', 'logout']


def test_absent_with_a_name_of_two_websites_fails_naming_them(sim):
    customer(sim, username='other', domain='other.example')
    run_module(ispconfig_shell_user, shell(sim))
    run_module(ispconfig_shell_user, shell(sim, website='other.example', client='other'))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_shell_user, dict(sim.conn, username='deploy', state='absent'))
    assert result['failed'] is True and result['msg'] == (
        '2 shell users are named deploy with their prefix: acmedeploy (id 1), otherdeploy (id 2). Set website to say '
        'which one to delete.')
    assert sim.simulator.write_calls == []
    gone = run_module(ispconfig_shell_user, dict(sim.conn, username='deploy', website='other.example', state='absent'))
    assert gone['changed'] is True and stored(sim, 'otherdeploy') is None and stored(sim) is not None


def test_a_website_is_required_to_create(sim):
    options = shell(sim)
    del options['website']
    result = run_module(ispconfig_shell_user, options)
    assert result['failed'] is True and 'state is present but all of the following are missing: website' in \
        result['msg']
    assert sim.simulator.stats()['requests'] == 0


# --- passwords and keys (issue #24) -------------------------------------------------------------------------

def test_a_new_user_without_a_password_fails_before_any_write(sim):
    result = run_module(ispconfig_shell_user, shell(sim, password=None))
    assert result['failed'] is True and result['msg'] == (
        'password is required to create shell user acmedeploy: the panel makes no login without one')
    assert sim.simulator.write_calls == []


def test_an_empty_password_is_refused_before_any_request(sim):
    result = run_module(ispconfig_shell_user, shell(sim, password=''))
    assert result['failed'] is True and result['msg'] == (
        'password is empty: a login needs one that passes the panel\'s password rule')
    assert sim.simulator.stats()['requests'] == 0


@pytest.mark.parametrize('key', [KEY + '\ncommand="/bin/sh" ' + KEY, KEY + '\r\n' + KEY, 'ssh-ed25519\x00AAAA'])
def test_a_key_with_a_line_break_is_refused_before_any_request(sim, key):
    result = run_module(ispconfig_shell_user, shell(sim, ssh_keys=[KEY, key]))
    assert result['failed'] is True and result['msg'] == (
        'ssh_keys: item 2 holds a control character (such as a line break); give each key as one list item of '
        'one line')
    assert sim.simulator.stats()['requests'] == 0


def test_keys_are_trimmed_and_stored_one_per_line(sim):
    assert run_module(ispconfig_shell_user, shell(sim, ssh_keys=['  %s\n' % KEY, '', 'ssh-rsa AAAAB3 x']))['changed']
    assert stored(sim)['ssh_rsa'] == KEY + '\nssh-rsa AAAAB3 x'
    assert run_module(ispconfig_shell_user, shell(sim, ssh_keys=[KEY, 'ssh-rsa AAAAB3 x']))['changed'] is False
