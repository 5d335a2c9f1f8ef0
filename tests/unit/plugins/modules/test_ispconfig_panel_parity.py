# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Panel parity: a client, mail domain, mailboxes, an alias and a forward created by the modules with the README's
examples leave, field by field, the rows the panel's own forms leave for the same inputs.

The PANEL_* tables below are those panel-made rows, written down from the panel's source (ISPConfig 3.2,
interface/web/*/form/*.tform.php, the *_edit.php pages and their plugins, install/sql/ispconfig3.sql) as
docs/ispconfig.md explains them. How the panel fills a row on "Save" of a new object:
- it writes only the fields of the tab it shows (tform_actions.inc.php onInsert -> getSQL of the current tab):
  the fields of that first tab with the form's defaults, every other column with its ispconfig3.sql default;
- then its edit page runs (onAfterInsert): owners, and for a client the servers of each kind.
Each column where a module-made row can not equal the panel's is listed in NOT_COMPARED with the reason; every
other column of the simulator's row must be equal.
"""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (
    ispconfig_client, ispconfig_mail_alias, ispconfig_mail_domain, ispconfig_mail_user, ispconfig_mail_users,
)

MIB = 1024 ** 2
GENERATED = 'a value the server generates (id, crypt hash, SSH key, time stamp)'
ADMIN_CLICKED = ('the panel records the admin who clicked "Save" (user 1); the API records the owning client\'s '
                 'panel user; the owner group, which decides who sees the row, is the same')
API_WRITES_EVERY_FIELD = ("the API writes every form field of every tab, '' where the panel's insert leaves a field "
                          "of another tab at its NULL column default: the same empty value")

# --- the panel-made rows ----------------------------------------------------------------------------------

# client "acme" (username, password, contact name, e-mail; no limits): address tab as posted, Limits tab at the
# column defaults, then client_edit.php onAfterInsert gives it the first server of each kind (server 1 here).
PANEL_CLIENT = dict(
    sys_userid='1', sys_groupid='1', sys_perm_user='riud', sys_perm_group='riud', sys_perm_other='',
    # address tab
    company_name='', company_id='', gender='', contact_firstname='', contact_name='Jane Doe', vat_id='',
    street='', zip='', city='', state='', telephone='', mobile='', fax='', email='jane@acme.example',
    internet='https://', icq='', notes='', bank_account_owner='', bank_account_number='', bank_code='',
    bank_name='', bank_account_iban='', bank_account_swift='', paypal_email='', username='acme', language='en',
    usertheme='default', locked='n', canceled='n',
    # Limits tab: ispconfig3.sql column defaults
    template_master='0', default_mailserver='1', default_xmppserver='1', default_webserver='1',
    default_dnsserver='1', default_dbserver='1', limit_maildomain='-1', limit_mailbox='-1', limit_mailalias='-1',
    limit_mailaliasdomain='-1', limit_mailforward='-1', limit_mailcatchall='-1', limit_mailrouting='0',
    limit_mail_wblist='0', limit_mailfilter='-1', limit_fetchmail='-1', limit_mailquota='-1',
    limit_spamfilter_wblist='0', limit_spamfilter_user='0', limit_spamfilter_policy='0', limit_mail_backup='y',
    limit_relayhost='n', limit_xmpp_domain='-1', limit_xmpp_user='-1', limit_xmpp_muc='n', limit_xmpp_anon='n',
    limit_xmpp_vjud='n', limit_xmpp_proxy='n', limit_xmpp_status='n', limit_xmpp_pastebin='n',
    limit_xmpp_httparchive='n', limit_web_domain='-1', limit_web_quota='-1',
    web_php_options='no,fast-cgi,cgi,mod,suphp,php-fpm,hhvm', limit_cgi='n', limit_ssi='n', limit_perl='n',
    limit_ruby='n', limit_python='n', force_suexec='y', limit_hterror='n', limit_wildcard='n', limit_ssl='n',
    limit_ssl_letsencrypt='n', limit_web_subdomain='-1', limit_web_aliasdomain='-1', limit_ftp_user='-1',
    limit_shell_user='0', ssh_chroot='no,jailkit,ssh-chroot', limit_webdav_user='0', limit_backup='y',
    limit_directive_snippets='n', limit_aps='-1', limit_dns_zone='-1', limit_dns_slave_zone='-1',
    limit_dns_record='-1', limit_database='-1', limit_database_user='-1', limit_database_quota='-1', limit_cron='0',
    limit_cron_type='url', limit_cron_frequency='5', limit_traffic_quota='-1', limit_client='0',
    limit_mailmailinglist='-1', limit_openvz_vm='0', limit_openvz_vm_template_id='0',
    # onAfterInsert: the default server of each kind, also as the secondary DNS server
    mail_servers='1', web_servers='1', dns_servers='1', db_servers='1', default_slave_dnsserver='1',
    # columns of no form
    limit_xmpp_auth_options='plain,hashed,isp', limit_web_ip=None, limit_domainmodule='0', parent_client_id='0',
    can_use_api='n', tmp_data=None, customer_no_template='R[CLIENTID]C[CUSTOMER_NO]', customer_no_start='1',
    customer_no_counter='0', validation_status='accept', risk_score='0', activation_code='',
    # differ (NOT_COMPARED)
    customer_no='C1', country='AF', added_date='<today>', added_by='admin', template_additional=None,
    xmpp_servers=None,
)

# mail domain acme.example of client acme: one tab, posted with the form's defaults (server 1, DKIM off, selector
# "default", empty key fields, active); mail_mail_domain_plugin gives it to the client.
PANEL_MAIL_DOMAIN = dict(
    sys_userid='2', sys_groupid='2', sys_perm_user='riud', sys_perm_group='ru', sys_perm_other='', server_id='1',
    domain='acme.example', dkim='n', dkim_selector='default', dkim_private='', dkim_public='', relay_host='',
    relay_user='', relay_pass='', active='y',
)


def panel_mailbox(local, quota):
    """Mailbox <local>@acme.example with password and quota (MB in the form, stored x 1024 x 1024): the Mailbox
    tab as posted, server paths and ids from the mail server's settings (the installer's /var/vmail/[domain]/
    [localpart], vmail 5000), the other tabs at their column defaults; owner: the domain's client."""
    return dict(
        sys_userid='1', sys_groupid='2', sys_perm_user='riud', sys_perm_group='riud', sys_perm_other='',
        server_id='1', email='%s@acme.example' % local, login='%s@acme.example' % local, name='', uid='5000',
        gid='5000', maildir='/var/vmail/acme.example/%s' % local, maildir_format='maildir', quota=str(quota),
        cc='', forward_in_lda='n', sender_cc='', homedir='/var/vmail', postfix='y', greylisting='n',
        disableimap='n', disablepop3='n', disabledeliver='n', disablesmtp='n',
        # Autoresponder, Mail Filter, Custom Rules and Backup tabs: column defaults
        autoresponder='n', autoresponder_start_date=None, autoresponder_end_date=None,
        autoresponder_subject='Out of office reply', autoresponder_text=None, move_junk='y', purge_trash_days='0',
        purge_junk_days='0', custom_mailfilter=None, backup_interval='none', backup_copies='1',
        # no form field: column defaults, then onAfterInsert copies the switches (sieve with IMAP, lda/lmtp with
        # delivery: all on here)
        access='y', disablesieve='n', disablelda='n', disablelmtp='n', disabledoveadm='n',
        last_quota_notification=None, **{'disablesieve-filter': 'n', 'disablequota-status': 'n',
                                         'disableindexer-worker': 'n'})


def panel_forwarding(source, destination, kind, allow_send_as):
    """An alias (alias form: "send as" ticked) or a forward (forward form: destinations joined with ", ") of
    acme.example, on the domain's server, owned by the domain's client."""
    return dict(sys_userid='1', sys_groupid='2', sys_perm_user='riud', sys_perm_group='riud', sys_perm_other='',
                server_id='1', source=source, destination=destination, type=kind, active='y',
                allow_send_as=allow_send_as, greylisting='n')


NOT_COMPARED = {
    'client': {
        'client_id': GENERATED, 'password': GENERATED, 'created_at': GENERATED, 'id_rsa': GENERATED,
        'ssh_rsa': GENERATED,
        'customer_no': 'the panel proposes the next number of its counter (system settings) and counts it up; the '
                       'API has no counter, so the module sends only a customer_no the task gives',
        'country': "the form's default (the interface language, EN) is no country of its list, so the browser "
                   "posts the first one; the module leaves it empty unless the task gives it",
        'added_date': "the API reads dates in the format of the panel's language files, which it does not load: "
                      "the module leaves the date empty",
        'added_by': 'the user who made it: the panel user there, the remote user through the API',
        'template_additional': API_WRITES_EVERY_FIELD, 'xmpp_servers': API_WRITES_EVERY_FIELD,
    },
    'mail_domain': {
        'domain_id': GENERATED,
        'sys_perm_group': "the admin panel's domain plugin lets the client read and update but not delete its "
                          "domain ('ru'); the API does not run that plugin and has no field for it ('riud')",
    },
    'mail_user': {
        'mailuser_id': GENERATED, 'password': GENERATED, 'sys_userid': ADMIN_CLICKED,
        'uid': "the panel writes the mail server's vmail uid; the API writes -1, which the server's mail plugin "
               "replaces with that same uid (server/plugins-available/mail_plugin.inc.php)",
        'gid': 'as uid',
        'autoresponder_text': API_WRITES_EVERY_FIELD,
    },
    'mail_forwarding': {'forwarding_id': GENERATED, 'sys_userid': ADMIN_CLICKED},
}

# --- the module-made rows ---------------------------------------------------------------------------------

CLIENT = dict(username='acme', password='Panel-Passw0rd-x', contact_name='Jane Doe', email='jane@acme.example')


@pytest.fixture
def made(ispconfig):
    """The README's onboarding, task by task: client (no limits), mail domain, mailboxes (quota in GiB and MB),
    an alias and a forward."""
    conn = ispconfig.conn
    tasks = [
        (ispconfig_client, CLIENT),
        (ispconfig_mail_domain, dict(domain='acme.example', client='acme')),
        (ispconfig_mail_user, dict(email='jane@acme.example', password='Mailbox-Passw0rd', quota='2 GiB',
                                   client='acme')),
        (ispconfig_mail_users, dict(users=[dict(email='john@acme.example', password='Mailbox-Passw0rd',
                                                quota='500 MB', client='acme')])),
        (ispconfig_mail_alias, dict(source='info@acme.example', destination=['jane@acme.example'], client='acme')),
        (ispconfig_mail_alias, dict(type='forward', source='sales@acme.example',
                                    destination=['jane@acme.example', 'john@acme.example'], client='acme')),
    ]
    for module, options in tasks:
        result = run_module(module, dict(conn, **options))
        assert result['changed'] is True and not result.get('failed'), result
    ispconfig.tasks = tasks
    return ispconfig


def rows(sim, table):
    return sim.simulator.state()['tables'][table]


def compare(table, made_row, panel_row):
    """Columns where the module-made row differs from the panel-made one, besides the listed exceptions."""
    skipped = NOT_COMPARED[table]
    assert set(made_row) == set(panel_row) | set(skipped), 'every column is compared or explained'
    return dict((column, (made_row[column], panel_row[column])) for column in made_row
                if column not in skipped and made_row[column] != panel_row[column])


def test_client_is_what_the_panel_makes(made):
    assert compare('client', rows(made, 'client')[0], PANEL_CLIENT) == {}


def test_mail_domain_is_what_the_panel_makes(made):
    assert compare('mail_domain', rows(made, 'mail_domain')[0], PANEL_MAIL_DOMAIN) == {}


def test_mailboxes_are_what_the_panel_makes(made):
    jane, john = rows(made, 'mail_user')
    assert compare('mail_user', jane, panel_mailbox('jane', 2048 * MIB)) == {}
    assert compare('mail_user', john, panel_mailbox('john', 500 * MIB)) == {}
    assert int(john['quota']) // MIB == 500  # the panel's form shows 500


def test_alias_and_forward_are_what_the_panel_makes(made):
    alias, forward = rows(made, 'mail_forwarding')
    assert compare('mail_forwarding', alias,
                   panel_forwarding('info@acme.example', 'jane@acme.example', 'alias', 'y')) == {}
    assert compare('mail_forwarding', forward,
                   panel_forwarding('sales@acme.example', 'jane@acme.example, john@acme.example', 'forward',
                                    'n')) == {}


def test_every_task_runs_again_with_no_change(made):
    made.simulator.reset_stats()
    for module, options in made.tasks:
        result = run_module(module, dict(made.conn, **options))
        assert result['changed'] is False, (module.__name__, result)
    assert made.simulator.stats()['writes'] == []


def test_limits_the_task_gives_replace_the_panels_defaults_and_only_they_are_compared(ispconfig):
    options = dict(ispconfig.conn, limits={'limit_maildomain': 1, 'limit_mailbox': 10, 'limit_mailquota': '10 GiB'},
                   **CLIENT)
    assert run_module(ispconfig_client, options)['changed'] is True
    row = rows(ispconfig, 'client')[0]
    assert (row['limit_maildomain'], row['limit_mailbox'], row['limit_mailquota']) == ('1', '10', '10240')
    expected = dict(PANEL_CLIENT, limit_maildomain='1', limit_mailbox='10', limit_mailquota='10240')
    assert compare('client', row, expected) == {}
    # a limit changed in the panel afterwards is the panel's business unless the task names it
    ispconfig.simulator.control('set_row', {'table': 'client', 'id': 1, 'values': {'limit_web_domain': '3'}})
    assert run_module(ispconfig_client, options)['changed'] is False
