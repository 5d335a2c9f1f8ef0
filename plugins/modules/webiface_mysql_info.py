#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: webiface_mysql_info
short_description: List MySQL databases of the Easy-WI web interface
version_added: 0.2.0
description:
  - Read the MySQL databases of one Easy-WI user, or of every user whose external ID starts with a prefix (all
    users of the API user's reseller without one), through the panel's external API.
  - Easy-WI lists a user's databases with the user (C(type=user ls)), so one user costs one request and a list of N
    users N + 1.
  - Returns, for every database, what M(hosting.provision.webiface_mysql) compares and returns, its owner and
    whether this collection marked it for deletion. The password, the master server and queued jobs cannot be read
    through the API.
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.webiface
  - hosting.provision.webiface.server_owners
  - hosting.provision.attributes.actions
  - hosting.provision.attributes.info_module
attributes:
  action_group:
    membership:
      - hosting.provision.webiface
'''

EXAMPLES = r'''
- name: The databases of one customer
  hosting.provision.webiface_mysql_info:
    api_url: https://wi.example.com
    api_username: ansible
    api_password: "{{ vault_easywi_api_password }}"
    owner_external_id: "crm:4711"
  register: found

- name: Their names
  ansible.builtin.debug:
    msg: "{{ found.databases | map(attribute='name') | list }}"
'''

RETURN = r'''
databases:
  description:
    - The databases, sorted by C(owner_local_id), then C(local_id); an empty list when there are none (or the user
      does not exist). Every database has the same keys.
  returned: always
  type: list
  elements: dict
  contains:
    external_id:
      description: The database's external ID (C(ansible_deleted:...) while marked for deletion); empty when none is
        stored.
      type: str
    local_id:
      description: Easy-WI's ID of the database.
      type: int
    name:
      description: Its name on the master, C(sql<local ID>), also its MySQL login.
      type: str
    active:
      description: Whether the database is active in Easy-WI.
      type: bool
    owner_local_id:
      description: Easy-WI's ID of the owner.
      type: int
    owner_username:
      description: The owner's login name.
      type: str
    owner_external_id:
      description: The owner's external ID.
      type: str
    marked_for_deletion:
      description: Whether M(hosting.provision.webiface_mysql) queued its delete (the cron job has not dropped it yet).
      type: bool
  sample:
    - external_id: "db:4711:1"
      local_id: 12
      name: sql12
      active: true
      owner_local_id: 266
      owner_username: jdoe
      owner_external_id: "crm:4711"
      marked_for_deletion: false
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import webiface
from ansible_collections.hosting.provision.plugins.module_utils.webiface_gserver_resources import (
    SERVER_OWNER_FILTERS, list_databases)


def arguments():
    return dict(
        argument_spec=webiface.argument_spec(**dict((name, dict(type='str')) for name in SERVER_OWNER_FILTERS)),
        mutually_exclusive=[SERVER_OWNER_FILTERS],
        supports_check_mode=True,
    )


def run(module):
    connection = webiface.WebifaceConnection.from_module(module)
    engine.run_info(module, connection, 'databases', list_databases, SERVER_OWNER_FILTERS)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
