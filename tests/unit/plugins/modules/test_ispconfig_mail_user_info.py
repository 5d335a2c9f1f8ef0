# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_mail_user_info against the ISPConfig simulator."""

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (
    ispconfig_mail_domain, ispconfig_mail_user, ispconfig_mail_user_info,
)


def test_lists_by_domain_address_or_all_without_hashes(ispconfig):
    conn = ispconfig.conn
    for domain in ('example.com', 'example.org'):
        run_module(ispconfig_mail_domain, dict(conn, domain=domain))
    for email in ('bob@example.com', 'alice@example.com', 'carol@example.org'):
        run_module(ispconfig_mail_user, dict(conn, email=email, quota='1G', password='Str0ng-Pass-word'))
    ispconfig.simulator.reset_stats()

    by_domain = run_module(ispconfig_mail_user_info, dict(conn, domain='example.com'), check=True)
    assert by_domain['changed'] is False
    assert [u['email'] for u in by_domain['mail_users']] == ['alice@example.com', 'bob@example.com']
    assert by_domain['mail_users'][0]['quota'] == 1024 ** 3
    assert '$6$' not in by_domain['_raw'] and 'password' not in by_domain['mail_users'][0]

    one = run_module(ispconfig_mail_user_info, dict(conn, email='Carol@Example.org'))
    assert [u['email'] for u in one['mail_users']] == ['carol@example.org']
    assert len(run_module(ispconfig_mail_user_info, conn)['mail_users']) == 3
    assert run_module(ispconfig_mail_user_info, dict(conn, domain='nothing.example'))['mail_users'] == []
    assert ispconfig.simulator.stats()['writes'] == []


def test_fault_is_clear(ispconfig):
    result = run_module(ispconfig_mail_user_info, dict(ispconfig.conn, api_password='Wr0ng-Passw0rd'))
    assert result['failed'] is True and 'Login to ISPConfig' in result['msg']
