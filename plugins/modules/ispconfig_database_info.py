#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_database_info
short_description: List databases of ISPConfig 3 websites
version_added: 0.1.0
description:
  - Read databases through the ISPConfig 3 remote JSON API, all of them, one website's, or one client's.
  - Returns the same fields as M(hosting.provision.ispconfig_database) returns.
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.ispconfig
  - hosting.provision.attributes.actions
  - hosting.provision.attributes.info_module
attributes:
  action_group:
    membership:
      - hosting.provision.ispconfig
options:
  website:
    description:
      - Only the databases of the website of this domain.
    type: str
  client:
    description:
      - Only the databases of the client with this username.
    type: str
seealso:
  - module: hosting.provision.ispconfig_database
'''

EXAMPLES = r'''
- name: The databases of one customer
  hosting.provision.ispconfig_database_info:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    website: acme.example
  register: dbs

- name: Show them
  ansible.builtin.debug:
    msg: "{{ dbs.databases | map(attribute='database_name') | list }}"
'''

RETURN = r'''
databases:
  description: The matching databases; an empty list when none match.
  returned: always
  type: list
  elements: dict
  contains:
    database_id:
      description: Id of the database in the panel.
      type: int
    name:
      description: Name without the prefix.
      type: str
    database_name:
      description: The full name MySQL knows (prefix and name).
      type: str
    prefix:
      description: The panel's prefix of the name, stored with it.
      type: str
    website:
      description: Domain of the website, in punycode.
      type: str
    user:
      description: Name (without prefix) of the database user that owns the database; empty for none.
      type: str
    type:
      description: Database type.
      type: str
    quota:
      description: Quota in MB; V(-1) for no limit.
      type: int
    charset:
      description: Character set; empty for the server's default.
      type: str
    remote_access:
      description: Whether the database may be reached from other hosts.
      type: bool
    remote_ips:
      description: The addresses that may reach it.
      type: list
      elements: str
    active:
      description: Whether the database is in use.
      type: bool
    server_id:
      description: Database server id (the website's server).
      type: int
  sample:
    - database_id: 2
      name: wp
      database_name: c3wp
      prefix: c3
      website: acme.example
      user: wp
      type: mysql
      quota: 1024
      active: true
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_web_resources import list_databases


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(website=dict(type='str'), client=dict(type='str')),
        mutually_exclusive=[('website', 'client')],
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run_info(module, connection, 'databases', list_databases, ('website', ('client', 'owner')))


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
