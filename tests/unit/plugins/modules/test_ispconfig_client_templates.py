# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_client: limit templates, and a client update that leaves switched-off objects switched off."""

from module_runner import run_module

from ispconfig_web import customer, row, run_ok

from ansible_collections.hosting.provision.plugins.modules import (ispconfig_client, ispconfig_ftp_user,
                                                                   ispconfig_mail_domain, ispconfig_mail_user,
                                                                   ispconfig_web_domain)

# the reads before a client_update: the assignments it sends again, the client's group and every kind of object
# the lock routine switches on
UPDATE_READS = ['client_template_additional_get', 'client_get_by_username', 'sites_web_domain_get', 'mail_domain_get',
                'mail_user_get', 'mail_alias_get', 'sites_database_get', 'sites_shell_user_get', 'sites_ftp_user_get',
                'sites_cron_get']


def templates(sim):
    """The panel's templates as recorded (file 18); servers set, as the panel's template form sets them."""
    servers = dict(mail_servers='1', web_servers='1', dns_servers='1', db_servers='1')
    basic = sim.simulator.control('add_client_template', dict(
        servers, template_name='Basic', template_type='m', limit_web_domain=5, limit_maildomain=2, limit_mailbox=10,
        limit_ftp_user=3, limit_database=1, web_php_options='no,php-fpm', ssh_chroot='no', limit_cgi='n'))
    sim.simulator.control('add_client_template', dict(template_name='Extra sites', template_type='a',
                                                      limit_web_domain=2, limit_maildomain=0, limit_cgi='y'))
    return basic['template_id']


def client(sim, **options):
    return dict(sim.conn, username='acme', **options)


def test_a_change_of_the_contact_name_leaves_switched_off_objects_off(ispconfig):
    sim = ispconfig
    customer(sim)
    run_ok(sim, ispconfig_web_domain, domain='acme.example', client='acme', active=False)
    run_ok(sim, ispconfig_mail_domain, domain='acme.example', client='acme', active=True)
    run_ok(sim, ispconfig_mail_domain, domain='acme.test', client='acme', active=False)
    run_ok(sim, ispconfig_mail_user, email='alice@acme.example', password='Mailbox-Passw0rd-1', quota='1 GiB',
           smtp=False)
    run_ok(sim, ispconfig_ftp_user, website='acme.example', username='upload', password='Ftp-Passw0rd-1', active=False)
    sim.simulator.reset_stats()

    predicted = run_module(ispconfig_client, client(sim, contact_name='John Q. Doe'), check=True)
    assert sim.simulator.stats()['writes'] == []
    sim.simulator.reset_stats()
    result = run_module(ispconfig_client, client(sim, contact_name='John Q. Doe'))
    assert result['changed'] is True, result
    assert result['restored'] == predicted['restored'] == [
        'website acme.example', 'mail domain acme.test', 'mailbox alice@acme.example', 'FTP user acmeupload']
    assert sim.simulator.stats()['calls'] == ['login', 'client_get'] + UPDATE_READS + [
        'client_update', 'sites_web_domain_update', 'mail_domain_update', 'mail_user_update',
        'sites_ftp_user_update', 'logout']
    assert row(sim, 'ftp_user', username='acmeupload')['active'] == 'n'
    assert row(sim, 'web_domain', domain='acme.example')['active'] == 'n'
    assert row(sim, 'mail_domain', domain='acme.test')['active'] == 'n'
    assert row(sim, 'mail_domain', domain='acme.example')['active'] == 'y'
    mailbox = row(sim, 'mail_user', email='alice@acme.example')
    assert (mailbox['postfix'], mailbox['disablesmtp']) == ('y', 'y')
    assert row(sim, 'client', username='acme')['contact_name'] == 'John Q. Doe'

    sim.simulator.reset_stats()
    again = run_module(ispconfig_client, client(sim, contact_name='John Q. Doe'))
    assert (again['changed'], again['restored']) == (False, [])
    assert sim.simulator.stats()['calls'] == ['login', 'client_get', 'logout']


def test_a_locked_client_is_not_locked_again(ispconfig):
    customer(ispconfig)
    run_ok(ispconfig, ispconfig_client, username='acme', locked=True)
    ispconfig.simulator.reset_stats()
    result = run_module(ispconfig_client, client(ispconfig, notes='vip'))
    assert result['failed'] is True and 'client acme is locked' in result['msg']
    assert ispconfig.simulator.stats()['writes'] == []
    unlocked = run_module(ispconfig_client, client(ispconfig, notes='vip', locked=False))
    assert unlocked['changed'] is True and unlocked['restored'] == []


def test_templates_by_name(ispconfig):
    sim = ispconfig
    basic = templates(sim)
    new = dict(password='Panel-Passw0rd-x', contact_name='Jane Doe', email='jane@acme.example', template='Basic',
               additional_templates=['Extra sites'])
    predicted = run_module(ispconfig_client, client(sim, **new), check=True, diff=True)
    assert sim.simulator.stats()['writes'] == []
    created = run_module(ispconfig_client, client(sim, **new), diff=True)
    assert created['changed'] is True, created
    created['client'].pop('client_id')
    assert predicted['client'] == created['client']
    assert (created['client']['template'], created['client']['additional_templates']) == ('Basic', ['Extra sites'])
    assert created['client']['web_php_options'] == ['no', 'php-fpm'] and created['client']['ssh_chroot'] == ['no']
    stored = row(sim, 'client', username='acme')
    assert (stored['template_master'], stored['limit_web_domain'], stored['limit_mailbox']) == (str(basic), '7', '-1')

    sim.simulator.reset_stats()
    assert run_module(ispconfig_client, client(sim, **new))['changed'] is False
    assert sim.simulator.stats()['calls'] == ['login', 'client_get', 'client_templates_get_all',
                                              'client_template_additional_get', 'logout']

    # the same template twice adds twice: only the assignment is added, no client_update
    twice = {**new, 'additional_templates': ['Extra sites', 'Extra sites']}
    sim.simulator.reset_stats()
    result = run_module(ispconfig_client, client(sim, **twice))
    assert result['changed'] is True and result['client']['additional_templates'] == ['Extra sites', 'Extra sites']
    assert sim.simulator.stats()['writes'] == ['client_template_additional_add']
    assert row(sim, 'client', username='acme')['limit_web_domain'] == '9'
    assert run_module(ispconfig_client, client(sim, **twice))['changed'] is False

    # a client_update sends the assignments again (it would drop them)
    sim.simulator.reset_stats()
    assert run_module(ispconfig_client, client(sim, notes='vip'))['changed'] is True
    assert 'client_update' in sim.simulator.stats()['writes']
    assert row(sim, 'client', username='acme')['limit_web_domain'] == '9'

    sim.simulator.reset_stats()
    result = run_module(ispconfig_client, client(sim, template='Basic', additional_templates=[]))
    assert result['changed'] is True
    assert sim.simulator.stats()['writes'] == ['client_template_additional_delete'] * 2
    assert row(sim, 'client', username='acme')['limit_web_domain'] == '5'


def test_an_unknown_template_is_refused_before_any_write(ispconfig):
    templates(ispconfig)
    result = run_module(ispconfig_client, client(ispconfig, contact_name='J', email='j@acme.example', template='Gold'))
    assert result['failed'] is True
    assert result['msg'] == "'Gold' is not a master limit template of the panel (System > Client templates); its " \
                            "master templates are: Basic, Custom"
    assert ispconfig.simulator.stats()['writes'] == []
    result = run_module(ispconfig_client, client(ispconfig, contact_name='J', email='j@acme.example',
                                                 additional_templates=['Basic']))
    assert result['failed'] is True and "its additional templates are: Extra sites" in result['msg']


def test_limits_with_a_master_template_are_refused(ispconfig):
    templates(ispconfig)
    result = run_module(ispconfig_client, client(ispconfig, contact_name='J', email='j@acme.example',
                                                 template='Basic', limits={'limit_mailbox': 3}))
    assert result['failed'] is True
    assert "has the master limit template 'Basic'" in result['msg'] and 'leave limits out' in result['msg']
    assert ispconfig.simulator.stats()['writes'] == []
