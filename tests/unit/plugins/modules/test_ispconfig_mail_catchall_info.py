# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_mail_catchall_info against the ISPConfig simulator."""

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (
    ispconfig_mail_catchall, ispconfig_mail_catchall_info, ispconfig_mail_domain,
)


def test_lists_one_domain_or_all_with_one_read(ispconfig):
    conn = ispconfig.conn
    for domain in ('example.org', 'example.com'):
        run_module(ispconfig_mail_domain, dict(conn, domain=domain))
        run_module(ispconfig_mail_catchall, dict(conn, domain=domain, destination='alice@example.com'))
    # an alias domain's row also has the source "@<domain>": it is no catch-all
    ispconfig.simulator._insert('mail_forwarding', dict(
        sys_userid='1', sys_groupid='1', sys_perm_user='riud', sys_perm_group='riud', sys_perm_other='', server_id='1',
        source='@alias.example', destination='@example.com', type='aliasdomain', active='y', allow_send_as='n',
        greylisting='n'))
    # a catch-all the API stored without its type is one
    ispconfig.simulator.control('set_row', {'table': 'mail_forwarding', 'id': 2, 'values': {'type': ''}})
    ispconfig.simulator.reset_stats()

    everything = run_module(ispconfig_mail_catchall_info, conn, check=True)
    assert everything['changed'] is False
    assert everything['mail_catchalls'] == [
        dict(domain='example.com', destination='alice@example.com', type='', server_id=1, active=True, forwarding_id=2),
        dict(domain='example.org', destination='alice@example.com', type='catchall', server_id=1, active=True,
             forwarding_id=1)]
    assert ispconfig.simulator.stats()['calls'] == ['login', 'mail_catchall_get', 'logout']
    one = run_module(ispconfig_mail_catchall_info, dict(conn, domain='Example.org'))
    assert [c['forwarding_id'] for c in one['mail_catchalls']] == [1]
    assert run_module(ispconfig_mail_catchall_info, dict(conn, domain='nothing.example'))['mail_catchalls'] == []
    assert ispconfig.simulator.stats()['writes'] == []


def test_fault_is_clear(ispconfig):
    result = run_module(ispconfig_mail_catchall_info, dict(ispconfig.conn, api_password='Wr0ng-Passw0rd'))
    assert result['failed'] is True and 'Login to ISPConfig' in result['msg']
