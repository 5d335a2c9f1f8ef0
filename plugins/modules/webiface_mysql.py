#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: webiface_mysql
short_description: Manage MySQL databases of the Easy-WI web interface
version_added: 0.2.0
description:
  - Create, switch on or off and delete a MySQL database of an Easy-WI user through the panel's external API
    (C(api.php), C(type=mysql)), on one of the panel's MySQL master servers.
  - The database is found by O(external_id) among the databases of its owner (O(owner_external_id) or
    O(owner_username)), because Easy-WI's API has no read of one database, only the list of a user's databases.
  - B(What Easy-WI's API cannot do, so this module does not offer it.) Easy-WI names the database itself,
    C(sql<local ID>) (its MySQL login has the same name), and returns that name as RV(database.name); a name of your
    own cannot be given. Easy-WI makes up the password, and no API call returns it, so the module has no password
    option; a create warns that the customer sets a password in the Easy-WI customer panel. The limits (queries,
    updates and connections per hour) are copied from the master server and cannot be set, nor the hosts allowed
    to connect.
  - Easy-WI picks the master server with the lowest share of its database maximum in use; O(master_server_id)
    restricts the choice to one master.
  - B(Queued jobs.) The cron job (C(jobs.php)) creates the database on the master, applies a change of O(active)
    and drops the database on a delete; a task that queues one returns RV(pending=true). A delete is followed by a
    change of the external ID to C(ansible_deleted:<external_id>) that queues nothing, and Easy-WI's answer to it
    proves the delete queued. A change of O(active) while a delete is queued would cancel it in Easy-WI; the module
    never sends one to a marked database.
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.webiface
  - hosting.provision.attributes
  - hosting.provision.attributes.actions
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  action_group:
    membership:
      - hosting.provision.webiface
notes:
  - Supported and tested against Easy-WI 6.2.5 with a MySQL master server added in the panel.
  - Easy-WI's cron job drops the database on a delete but leaves its MySQL login on the master; remove it there
    if it matters.
options:
  external_id:
    description:
      - Your own key for the database, stored in Easy-WI's external ID; finds the database. 1 to 255 characters of
        C(A-Z), C(a-z), C(0-9), C(_) and C(:) (Easy-WI stores anything else as an empty ID without an error).
      - Easy-WI refuses a create with an external ID that any database has, one waiting for its delete included. IDs
        starting with C(ansible_deleted) are reserved.
    type: str
    required: true
  owner_external_id:
    description:
      - External ID of the Easy-WI user that owns the database (see M(hosting.provision.webiface_user)).
      - Easy-WI cannot move a database to another user.
    type: str
  owner_username:
    description:
      - Login name of the Easy-WI user that owns the database, when O(owner_external_id) is not used.
    type: str
  state:
    description:
      - V(present) creates the database or converges O(active).
      - V(absent) queues its delete; the database stays listed (marked) until the panel's cron job has dropped it,
        and every V(absent) run until then queues the delete again and reports changed.
      - V(present) on a marked database fails before anything is sent; run it again once the cron job has dropped
        the database to create a new one.
    type: str
    choices: [present, absent]
    default: present
  active:
    description:
      - Whether the database is active in Easy-WI. V(true) when it is created. A change is a queued job.
      - Easy-WI's cron job does not lock a deactivated database; its login keeps working (the task warns).
    type: bool
  master_server_id:
    description:
      - Easy-WI's ID of the MySQL master server to create the database on. Used when the database is created; the
        API cannot show which master a database is on.
    type: int
'''

EXAMPLES = r'''
- name: A database for customer crm:4711
  hosting.provision.webiface_mysql:
    api_url: https://wi.example.com
    api_username: ansible
    api_password: "{{ vault_easywi_api_password }}"
    external_id: "db:4711:1"
    owner_external_id: "crm:4711"
  register: db

- name: Tell the customer its name (Easy-WI gives it; the customer sets the password in the panel)
  ansible.builtin.debug:
    msg: "Database and login: {{ db.database.name }}"

- name: Drop it; the panel's cron job removes it from the master
  hosting.provision.webiface_mysql:
    external_id: "db:4711:1"
    owner_external_id: "crm:4711"
    state: absent
'''

RETURN = r'''
action:
  description:
    - What the task did to the database (predicted in check mode), in the words the bulk modules list objects by
      (C(changed) alone cannot tell a create from an update).
    - V(created), V(updated), V(deleted), or V(none) when it left the database as it was.
  returned: always
  type: str
  sample: created
database:
  description:
    - The database as Easy-WI now holds it ({} after a delete). After a create, with the name and ID Easy-WI gave (in
      check mode these are not known yet).
  returned: always
  type: dict
  contains:
    external_id:
      description: The database's external ID (C(ansible_deleted:...) while marked for deletion).
      type: str
    local_id:
      description: Easy-WI's ID of the database.
      type: int
      returned: when the database exists
    name:
      description: The database's name on the master, C(sql<local ID>), which is also its MySQL login.
      type: str
      returned: when the database exists
    active:
      description: Whether the database is active in Easy-WI.
      type: bool
    master_server_id:
      description: The master server the create asked for.
      type: int
      returned: when this task created the database with it
  sample:
    external_id: "db:4711:1"
    local_id: 12
    name: sql12
    active: true
pending:
  description:
    - True when this task queued a job for the panel's cron job (a create, a change of O(active), a delete); the
      master changes only when the cron job runs.
  returned: always
  type: bool
  sample: true
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import webiface
from ansible_collections.hosting.provision.plugins.module_utils.webiface_gserver_resources import Database


def arguments():
    return dict(
        argument_spec=webiface.argument_spec(
            external_id=dict(type='str', required=True),
            owner_external_id=dict(type='str'),
            owner_username=dict(type='str'),
            state=dict(type='str', default='present', choices=['present', 'absent']),
            active=dict(type='bool'),
            master_server_id=dict(type='int'),
        ),
        required_one_of=[('owner_external_id', 'owner_username')],
        mutually_exclusive=[('owner_external_id', 'owner_username')],
        supports_check_mode=True,
    )


def run(module):
    connection = webiface.WebifaceConnection.from_module(module)
    engine.run(module, connection, Database)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
