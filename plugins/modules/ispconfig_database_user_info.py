#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_database_user_info
short_description: List database users in ISPConfig 3
version_added: 0.1.0
description:
  - Read database users through the ISPConfig 3 remote JSON API, all of them or one client's.
  - Returns the same fields as M(hosting.provision.ispconfig_database_user) returns.
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
  client:
    description:
      - Only the database users of the client with this username.
    type: str
seealso:
  - module: hosting.provision.ispconfig_database_user
'''

EXAMPLES = r'''
- name: The database users of one customer
  hosting.provision.ispconfig_database_user_info:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    client: acme
  register: users

- name: Show them
  ansible.builtin.debug:
    msg: "{{ users.database_users | map(attribute='database_user') | list }}"
'''

RETURN = r'''
database_users:
  description: The matching database users; an empty list when none match.
  returned: always
  type: list
  elements: dict
  contains:
    database_user_id:
      description: Id of the user in the panel.
      type: int
    name:
      description: Name without the prefix.
      type: str
    database_user:
      description: The full name MySQL knows (prefix and name).
      type: str
    prefix:
      description: The panel's prefix of the name, stored with it.
      type: str
  sample:
    - database_user_id: 5
      name: wp
      database_user: c3wp
      prefix: c3
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_web_resources import list_database_users


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(client=dict(type='str')),
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run_info(module, connection, 'database_users', list_database_users, (('client', 'owner'),))


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
