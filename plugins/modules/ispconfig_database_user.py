#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_database_user
short_description: Manage database users in ISPConfig 3
version_added: 0.1.0
description:
  - Create, update and delete a database user through the ISPConfig 3 remote JSON API.
  - The user is found by its name, given without the panel's prefix, as in the panel's form; numeric ids are never
    needed.
  - The panel puts its database user prefix (System > Interface > Main Config > Sites, C(c[CLIENTID]) on a stock
    install) in front of the name and stores the prefix with it; the API does neither, so the module does, the way
    the panel expands the prefix for the owning client (C([CLIENTID]) its client id, C([CLIENTNAME]) its username in
    lower case with every character outside C(a-z), C(0-9) and C(_) replaced by C(_)). The name MySQL knows is
    returned as RV(database_user.database_user).
  - Like the panel, the module refuses a name that is not 2 to 64 of C(a-z), C(A-Z), C(0-9) and C(_), a name that
    is longer than 16 characters with its prefix, and the reserved names C(mysql), C(root) and C(ispconfig), before
    anything is sent.
notes:
  - The prefix depends on the owner, so a task with O(state=present) must name the same O(client) to find the user
    again. A prefix changed in the panel's settings later applies to new names only; such a task then creates the
    user under the new prefix.
  - O(state=absent) finds the user by its stored prefix and name, whatever client or prefix setting gave the prefix,
    so O(client) is not needed to delete it; with O(client), only that client's users are looked at. When users
    of several clients have that name, the task fails naming them; set O(client) to say which.
  - The remote user needs the C(Server functions) group to read the panel's prefix setting; without it the stock
    prefix is used, with a warning.
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.ispconfig
  - hosting.provision.attributes
  - hosting.provision.attributes.actions
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
    details: The password is shown as C(<hidden>), or C(<hidden, changed>) when it will be changed.
  action_group:
    membership:
      - hosting.provision.ispconfig
options:
  name:
    description:
      - Name of the user without the panel's prefix.
    type: str
    required: true
  state:
    description:
      - V(absent) deletes the user. Databases that use it keep no user (ISPConfig unlinks it, as the panel does).
    type: str
    choices: [present, absent]
    default: present
  client:
    description:
      - Username of the ISPConfig client that owns the user; its databases may use it. Leave unset for the admin.
      - Decides the name prefix (see the notes).
    type: str
  password:
    description:
      - Password of the user. The panel's password rule applies (by default at least 8 characters of strength
        "Good").
      - Required to create the user (the API would make a MySQL login without one); never empty.
      - ISPConfig stores MySQL's native hash, which the module compares locally, so O(update_password=always) stays
        idempotent.
    type: str
  update_password:
    description:
      - V(always) sets O(password) whenever it differs from the stored one; V(on_create) only when the user is
        created.
    type: str
    choices: [always, on_create]
    default: always
seealso:
  - module: hosting.provision.ispconfig_database
  - module: hosting.provision.ispconfig_database_info
'''

EXAMPLES = r'''
- name: The database user "wp" of client acme (stored as c<client id>wp)
  hosting.provision.ispconfig_database_user:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    name: wp
    client: acme
    password: "{{ vault_wp_db_password }}"
  register: dbuser

- name: The name to put into the application's configuration
  ansible.builtin.debug:
    msg: "{{ dbuser.database_user.database_user }}"

- name: Delete it (found by its stored prefix, so the client is not needed)
  hosting.provision.ispconfig_database_user:
    name: wp
    state: absent
'''

RETURN = r'''
action:
  description:
    - What the task did to the object (predicted in check mode), in the words the bulk modules list objects by
      (C(changed) alone cannot tell a create from an update).
    - V(created), V(updated), V(deleted), or V(none) when it left the object as it was.
  returned: always
  type: str
  sample: created
database_user:
  description:
    - The database user as ISPConfig holds it after the task (predicted in check mode); empty when absent.
    - The password and its hash are never returned.
  returned: always
  type: dict
  contains:
    database_user_id:
      description: Id of the user in the panel.
      type: int
      returned: when the user exists after the task (not in check mode for a new one)
    name:
      description: Name without the prefix, as the task gives it.
      type: str
    database_user:
      description: The full name MySQL knows (prefix and name).
      type: str
    prefix:
      description: The panel's prefix of the name, stored with it.
      type: str
    client:
      description: Username of the owning client.
      type: str
      returned: when O(client) is set
  sample:
    name: wp
    database_user: c3wp
    prefix: c3
    client: acme
    database_user_id: 5
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_web_resources import (DatabaseUser,
                                                                                                database_user_options)


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(**database_user_options()),
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run(module, connection, DatabaseUser)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
