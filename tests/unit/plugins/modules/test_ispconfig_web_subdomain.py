# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_web_subdomain and ispconfig_web_aliasdomain against the ISPConfig simulator: the module test matrix
of both kinds (redirect and vhost), the website they belong to, and what the website modules make of their rows."""

import pytest

from ispconfig_web import customer, row, rows, run_ok
from module_runner import run_module

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_web_resources import WebSubdomain
from ansible_collections.hosting.provision.plugins.modules import (ispconfig_web_aliasdomain, ispconfig_web_domain,
                                                                   ispconfig_web_domain_info, ispconfig_web_subdomain)

READ_CALLS = ['login', 'sites_web_domain_get', 'client_get_by_groupid']


@pytest.fixture
def sim(ispconfig):
    customer(ispconfig)
    return ispconfig


def sub(sim, **options):
    return dict(sim.conn, **dict(dict(website='acme.example', client='acme', domain='blog.acme.example'), **options))


def shop(sim, **options):
    return sub(sim, **dict(dict(domain='shop.acme.example', vhost=True, web_folder='shop'), **options))


def alias(sim, **options):
    return sub(sim, **dict(dict(domain='acme-alias.example'), **options))


def stored(sim, domain):
    return row(sim, 'web_domain', domain=domain)


def test_redirect_subdomain_is_the_panels_row(sim):
    result = run_module(ispconfig_web_subdomain, sub(sim, redirect_type='R=301,L', redirect_path='https://acme.example/'))
    assert result['changed'] is True and result['action'] == 'created'
    record = stored(sim, 'blog.acme.example')
    assert dict((k, record[k]) for k in (
        'type', 'parent_domain_id', 'server_id', 'sys_groupid', 'redirect_type', 'redirect_path', 'active',
        'ssl_letsencrypt_exclude', 'document_root', 'subdomain', 'proxy_directives')) == dict(
        type='subdomain', parent_domain_id='1', server_id='1', sys_groupid='2', redirect_type='R=301,L',
        redirect_path='https://acme.example/', active='y', ssl_letsencrypt_exclude='n', document_root=None,
        subdomain='', proxy_directives='')
    assert result['web_subdomain'] == dict(
        domain='blog.acme.example', website='acme.example', client='acme', vhost=False, redirect_type='R=301,L',
        redirect_path='https://acme.example/', active=True, server_id=1, domain_id=2)
    assert sim.simulator.stats()['writes'] == ['sites_web_subdomain_add']


def test_vhost_subdomain_gets_the_paths_the_panel_copies_from_the_website(sim):
    result = run_module(ispconfig_web_subdomain, shop(sim))
    assert result['changed'] is True
    record = stored(sim, 'shop.acme.example')
    website = stored(sim, 'acme.example')
    assert dict((k, record[k]) for k in (
        'type', 'parent_domain_id', 'web_folder', 'document_root', 'system_user', 'system_group', 'allow_override',
        'php', 'hd_quota', 'traffic_quota', 'sys_groupid', 'ip_address', 'log_retention', 'pm_max_children',
        'vhost_type', 'suexec', 'errordocs')) == dict(
        type='vhostsubdomain', parent_domain_id='1', web_folder='shop', document_root=website['document_root'],
        system_user='web1', system_group='client1', allow_override='All', php=website['php'], hd_quota='0',
        traffic_quota='-1', sys_groupid='2', ip_address='*', log_retention='10', pm_max_children='10',
        vhost_type='name', suexec='y', errordocs='1')
    assert record['php_open_basedir'].startswith('/var/www/clients/client1/web1/shop:/var/www/clients/client1/web1/'
                                                 'private:')
    assert '-' not in (record['document_root'], record['system_user'], record['system_group'])
    assert result['web_subdomain']['document_root'] == '/var/www/clients/client1/web1'
    assert sim.simulator.stats()['writes'] == ['sites_web_vhost_subdomain_add']


@pytest.mark.parametrize('module, options, calls', [
    (ispconfig_web_subdomain, dict(redirect_type='R', redirect_path='/blog/'), ['sites_web_subdomain_get']),
    (ispconfig_web_subdomain, dict(domain='shop.acme.example', vhost=True, web_folder='shop'),
     ['sites_web_subdomain_get']),
    (ispconfig_web_aliasdomain, dict(domain='acme-alias.example', subdomain='*'), ['sites_web_aliasdomain_get']),
])
def test_second_run_is_a_no_op_with_a_fixed_request_count(sim, module, options, calls):
    run_ok(sim, module, **sub(sim, **options))
    sim.simulator.reset_stats()
    result = run_module(module, sub(sim, **options))
    assert result['changed'] is False and result['action'] == 'none'
    assert sim.simulator.stats()['calls'] == READ_CALLS + calls + ['logout']


def test_alias_domain_both_kinds_and_the_panels_auto_subdomain(sim):
    result = run_module(ispconfig_web_aliasdomain, alias(sim))
    assert result['web_aliasdomain']['subdomain'] == 'www'
    assert dict((k, stored(sim, 'acme-alias.example')[k]) for k in ('type', 'subdomain', 'seo_redirect')) == dict(
        type='alias', subdomain='www', seo_redirect='')
    run_ok(sim, ispconfig_web_aliasdomain, **alias(sim, domain='acme.shop', vhost=True, web_folder='/Shop/'))
    assert (stored(sim, 'acme.shop')['type'], stored(sim, 'acme.shop')['web_folder']) == ('vhostalias', 'shop')
    assert sim.simulator.stats()['writes'] == ['sites_web_aliasdomain_add', 'sites_web_vhost_aliasdomain_add']


def test_updates_go_to_the_function_of_the_kind(sim):
    run_ok(sim, ispconfig_web_subdomain, **sub(sim))
    run_ok(sim, ispconfig_web_subdomain, **shop(sim))
    result = run_module(ispconfig_web_subdomain, sub(sim, redirect_type='R', redirect_path='/blog/'), diff=True)
    assert result['changed'] is True and result['diff']['after']['redirect_path'] == '/blog/'
    result = run_module(ispconfig_web_subdomain, shop(sim, web_folder='store', active=False), diff=True)
    assert (result['diff']['before']['web_folder'], result['diff']['after']['web_folder']) == ('shop', 'store')
    record = stored(sim, 'shop.acme.example')
    # the vhost update writes 30 and 1 into these unless they are sent
    assert (record['web_folder'], record['active'], record['log_retention'], record['pm_max_children']) == (
        'store', 'n', '10', '10')
    assert sim.simulator.stats()['writes'][-2:] == ['sites_web_subdomain_update', 'sites_web_vhost_subdomain_update']


def test_the_kind_of_an_existing_one_cannot_change(sim):
    run_ok(sim, ispconfig_web_subdomain, **sub(sim))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_web_subdomain, sub(sim, vhost=True, web_folder='blog'))
    assert result['failed'] and result['msg'] == (
        'subdomain blog.acme.example is a redirect subdomain; the panel cannot change a subdomain between its own web '
        'folder (vhost) and a redirect, so delete it and create it again.')
    assert sim.simulator.write_calls == []


def test_vhost_options_of_a_redirect_kind_are_refused_before_any_write(sim):
    run_ok(sim, ispconfig_web_subdomain, **sub(sim))
    result = run_module(ispconfig_web_subdomain, sub(sim, php='php-fpm'))
    assert result['failed'] and result['msg'] == (
        'php needs vhost=true: only the vhost kind of subdomain blog.acme.example has one'), result['msg']
    assert sim.simulator.stats()['writes'] == ['sites_web_subdomain_add']
    # an existing vhost one takes them without vhost=true
    run_ok(sim, ispconfig_web_subdomain, **shop(sim))
    assert run_module(ispconfig_web_subdomain, sub(sim, domain='shop.acme.example', php='no'))['changed'] is True


def test_check_mode_sends_no_write_and_predicts_the_real_run(sim):
    for options in (dict(), dict(domain='shop.acme.example', vhost=True, web_folder='shop')):
        predicted = run_module(ispconfig_web_subdomain, sub(sim, **options), check=True, diff=True)
        assert sim.simulator.write_calls == []
        real = run_module(ispconfig_web_subdomain, sub(sim, **options), diff=True)
        assert real['web_subdomain'].pop('domain_id') == real['diff']['after'].pop('domain_id')
        assert predicted['diff'] == real['diff'] and predicted['web_subdomain'] == real['web_subdomain']
        sim.simulator.reset_stats()


@pytest.mark.parametrize('module, options, function', [
    (ispconfig_web_subdomain, dict(), 'sites_web_subdomain_delete'),
    (ispconfig_web_subdomain, dict(domain='shop.acme.example', vhost=True, web_folder='shop'),
     'sites_web_vhost_subdomain_delete'),
    (ispconfig_web_aliasdomain, dict(domain='acme-alias.example'), 'sites_web_aliasdomain_delete'),
])
def test_absent_finds_what_present_made_then_changes_nothing(sim, module, options, function):
    run_ok(sim, module, **sub(sim, **options))
    result = run_module(module, sub(sim, state='absent', domain=options.get('domain', 'blog.acme.example')))
    assert result['changed'] is True and sim.simulator.stats()['writes'][-1] == function
    assert rows(sim, 'web_domain', parent_domain_id='1') == []
    sim.simulator.reset_stats()
    assert run_module(module, sub(sim, state='absent', domain=options.get('domain', 'blog.acme.example')))[
        'changed'] is False
    assert sim.simulator.stats()['writes'] == []


def test_absent_deletes_what_a_deleted_website_left_behind(sim):
    run_ok(sim, ispconfig_web_subdomain, **sub(sim))
    sim.simulator.control('add_remote_user', {'username': 'raw', 'password': 'raw-pass'})
    session = sim.simulator.login('login', 'raw', 'raw-pass', False)
    sim.simulator.hosting_delete('sites_web_domain_delete', session, 1)  # the API leaves the subdomain
    del sim.simulator.invariant_violations[:]  # which the panel never would
    result = run_module(ispconfig_web_subdomain, sub(sim, state='absent'))
    assert result['changed'] is True and stored(sim, 'blog.acme.example') is None


def test_a_website_with_sub_or_alias_domains_is_not_deleted(sim):
    run_ok(sim, ispconfig_web_subdomain, **shop(sim))
    run_ok(sim, ispconfig_web_aliasdomain, **alias(sim))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_web_domain, dict(sim.conn, domain='acme.example', state='absent'))
    assert result['failed'] and result['msg'].startswith(
        'website acme.example still has sub or alias domains acme-alias.example, shop.acme.example. Delete them first')
    assert '_web_subdomain, _web_aliasdomain' in result['msg']
    assert sim.simulator.write_calls == [] and stored(sim, 'acme.example') is not None
    # in reverse order it works, and a second delete changes nothing
    for module, options in ((ispconfig_web_aliasdomain, alias(sim)), (ispconfig_web_subdomain, shop(sim))):
        assert run_module(module, dict(options, state='absent'))['changed'] is True
    assert run_module(ispconfig_web_domain, dict(sim.conn, domain='acme.example', state='absent'))['changed'] is True
    assert run_module(ispconfig_web_subdomain, shop(sim, state='absent'))['changed'] is False


def test_sub_and_alias_domains_are_not_websites(sim):
    run_ok(sim, ispconfig_web_subdomain, **sub(sim))
    run_ok(sim, ispconfig_web_subdomain, **shop(sim))
    run_ok(sim, ispconfig_web_aliasdomain, **alias(sim))
    run_ok(sim, ispconfig_web_aliasdomain, **alias(sim, domain='acme.shop', vhost=True, web_folder='alias'))
    listed = run_module(ispconfig_web_domain_info, dict(sim.conn))
    assert [site['domain'] for site in listed['web_domains']] == ['acme.example']
    for domain in ('blog.acme.example', 'shop.acme.example', 'acme-alias.example', 'acme.shop'):
        assert run_module(ispconfig_web_domain_info, dict(sim.conn, domain=domain))['web_domains'] == []
        assert run_module(ispconfig_web_domain, dict(sim.conn, domain=domain, state='absent'))['changed'] is False
    assert len(rows(sim, 'web_domain')) == 5


def test_a_domain_served_otherwise_is_refused_before_any_write(sim):
    run_ok(sim, ispconfig_web_aliasdomain, **alias(sim, domain='other.acme.example'))
    sim.simulator.reset_stats()
    result = run_module(ispconfig_web_subdomain, sub(sim, domain='other.acme.example'))
    assert result['failed'] and result['msg'].startswith("other.acme.example is already a web_domain row of type 'alias'")
    run_ok(sim, ispconfig_web_domain, domain='second.example', client='acme')
    taken = run_module(ispconfig_web_aliasdomain, alias(sim, website='second.example', domain='other.acme.example'))
    assert taken['failed'] and 'in another website (id 1), not in second.example' in taken['msg']
    assert sim.simulator.write_calls == ['sites_web_domain_add']


def test_a_web_folder_of_another_vhost_child_is_refused(sim):
    run_ok(sim, ispconfig_web_subdomain, **shop(sim))
    result = run_module(ispconfig_web_aliasdomain, alias(sim, vhost=True, web_folder='SHOP'))
    assert result['failed'] and result['msg'] == (
        'web_folder shop of website acme.example is already the folder of shop.acme.example; give each its own folder.')
    assert sim.simulator.stats()['writes'] == ['sites_web_vhost_subdomain_add']


@pytest.mark.parametrize('module, options, message', [
    (ispconfig_web_subdomain, dict(domain='blog.other.example'),
     'blog.other.example is not below the website acme.example'),
    (ispconfig_web_subdomain, dict(domain='acme.example'), 'acme.example is the website itself, not a subdomain'),
    (ispconfig_web_subdomain, dict(domain='bad_name!.acme.example'), 'is not a valid domain name'),
    (ispconfig_web_aliasdomain, dict(domain='acme.x'), 'is not a domain name ISPConfig accepts'),
    (ispconfig_web_subdomain, dict(vhost=True), 'vhost=true needs web_folder'),
    (ispconfig_web_subdomain, dict(vhost=False, web_folder='blog'), 'web_folder needs vhost=true'),
    (ispconfig_web_subdomain, dict(vhost=True, web_folder='../web2'), "web_folder '../web2': the panel takes"),
    (ispconfig_web_subdomain, dict(vhost=True, web_folder='log/x'), "web_folder 'log/x': the panel refuses a folder"),
    (ispconfig_web_subdomain, dict(redirect_type='R'), 'redirect_type R needs redirect_path'),
    (ispconfig_web_subdomain, dict(redirect_type='R', redirect_path='/blog'), "redirect_path '/blog': the panel"),
    (ispconfig_web_aliasdomain, dict(domain='acme-alias.example', redirect_type='proxy', redirect_path='/x/'),
     'redirect_type proxy needs a URL'),
])
def test_bad_input_fails_before_any_request(sim, module, options, message):
    if 'redirect_type' in options and 'redirect_path' not in options:
        options = dict(options, redirect_path='')
    result = run_module(module, sub(sim, **options))
    assert result['failed'] is True and message in result['msg'], result['msg']
    assert sim.simulator.stats()['requests'] == 0


def test_a_row_without_its_website_is_never_sent(sim):
    """parent_domain_id 0 would block every later website on the server (validate_domain::_check_unique)."""
    client = ispconfig.IspconfigConnection(None, 'nobody', 'unused')
    resource = WebSubdomain(client, dict(website='acme.example', domain='shop.acme.example', state='present'))
    resource.site = dict(domain_id='0', server_id='1', document_root='/var/www/x', system_user='web1',
                         system_group='client1')
    with pytest.raises(engine.InputError, match=r"no website id to belong to \(parent_domain_id '0'\)"):
        resource.create(dict(type='vhostsubdomain', parent_domain_id='0', document_root='/var/www/x',
                             system_user='web1', system_group='client1'))
    assert sim.simulator.stats()['requests'] == 0  # (the client has no transport: any request would fail)


def test_missing_website_fails_and_check_mode_warns(sim):
    result = run_module(ispconfig_web_subdomain, sub(sim, website='gone.example', domain='blog.gone.example'))
    assert result['failed'] and 'the website gone.example does not exist' in result['msg']
    predicted = run_module(ispconfig_web_subdomain, sub(sim, website='gone.example', domain='blog.gone.example'),
                           check=True)
    assert predicted['changed'] is True and any('A real run fails' in w for w in predicted['warnings'])
    assert sim.simulator.write_calls == []
