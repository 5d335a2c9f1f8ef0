# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Set-up shared by the tests of the ISPConfig web hosting modules: a client with a website."""

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import ispconfig_client, ispconfig_web_domain

PASSWORD = 'Rel1able-Secret-Pass'
OTHER_PASSWORD = 'An0ther-Rel1able-Pass'


def run_ok(sim, module, check=False, diff=False, **options):
    result = run_module(module, dict(sim.conn, **options), check=check, diff=diff)
    assert not result.get('failed'), result
    return result


def customer(sim, username='acme', domain='acme.example', **limits):
    """Client `username` (with `limits`) and its website `domain`; the simulator's counters cleared."""
    run_ok(sim, ispconfig_client, username=username, password=PASSWORD, contact_name='Jane Doe',
           email='jane@%s' % domain, limits=limits or None)
    run_ok(sim, ispconfig_web_domain, domain=domain, client=username)
    sim.simulator.reset_stats()


def rows(sim, table, **where):
    return [row for row in sim.simulator.state()['tables'][table]
            if all(row[column] == value for column, value in where.items())]


def row(sim, table, **where):
    found = rows(sim, table, **where)
    assert len(found) <= 1, found
    return found[0] if found else None
