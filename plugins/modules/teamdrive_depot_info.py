#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: teamdrive_depot_info
short_description: Read a user's TeamDrive depots and their spaces from a Hosting Service (Host Server)
version_added: 0.1.0
description:
  - Read the depots of a TeamDrive user on one Host Server (C(getdepotdata)), with their spaces
    (C(getspacedata)) and, when asked, the depot documents (C(getdepotdocument)).
  - Returns the same depot fields as M(hosting.provision.teamdrive_depot) returns.
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.teamdrive
  - hosting.provision.attributes.actions
  - hosting.provision.attributes.info_module
attributes:
  action_group:
    membership:
      - hosting.provision.teamdrive
options:
  username:
    description:
      - TeamDrive user name of the depots' owner.
    type: str
    required: true
  depot_id:
    description:
      - Only the depot with this id. A depot that does not exist or belongs to another user gives an empty list.
    type: int
  spaces:
    description:
      - Read the spaces of the depots too (one more request).
    type: bool
    default: true
  depot_document:
    description:
      - Return each depot's base64 depot document, which the Registration Server's C(sendinvitation) needs
        (one more request per depot). It can be large.
    type: bool
    default: false
notes:
  - Space names are empty unless the Host Server settings C(StoreSpaceNames) and C(APIReturnSpaceNames) are
    both true.
  - The reply shapes of C(getdepotdata) and C(getspacedata) are inferred, not confirmed by the vendor
    documentation (see the notes of M(hosting.provision.teamdrive_depot)).
seealso:
  - module: hosting.provision.teamdrive_depot
'''

EXAMPLES = r'''
- name: Jane's depots and their spaces
  hosting.provision.teamdrive_depot_info:
    api_url: https://teamdrive-host.example.com/pbas/p1_as/api/api.htm
    api_salt: "{{ vault_teamdrive_salt }}"
    username: jane
  delegate_to: localhost
  register: info

- name: Show the storage used per depot
  ansible.builtin.debug:
    msg: "{{ info.depots | items2dict(key_name='depot_id', value_name='used_storage') }}"
'''

RETURN = r'''
depots:
  description: The user's depots on this Host Server, sorted by id; an empty list when the user has none.
  returned: always
  type: list
  elements: dict
  contains:
    depot_id:
      description: Id of the depot.
      type: int
    username:
      description: The owner.
      type: str
    storage_limit:
      description: Storage limit in bytes.
      type: int
    traffic_limit:
      description: Traffic limit in bytes.
      type: int
    used_storage:
      description: Bytes stored.
      type: int
    used_traffic:
      description: Bytes of traffic used.
      type: int
    authorized_users:
      description: Users allowed to create spaces in the depot, sorted.
      type: list
      elements: str
    status:
      description: V(active) or V(deactivated) when the Host Server reports it, else V(null).
      type: str
    spaces:
      description: The depot's spaces, sorted by id (when O(spaces=true)).
      type: list
      elements: dict
      contains:
        space_id:
          description: Id of the space.
          type: int
        depot_id:
          description: Id of its depot.
          type: int
        name:
          description: Name of the space; empty unless the Host Server is set to return names.
          type: str
        used_storage:
          description: Bytes stored in the space.
          type: int
        used_traffic:
          description: Bytes of traffic of the space.
          type: int
    depot_document:
      description: The base64 depot document (when O(depot_document=true)).
      type: str
  sample:
    - depot_id: 4711
      username: jane
      storage_limit: 10737418240
      traffic_limit: 107374182400
      used_storage: 123456
      used_traffic: 5000
      authorized_users: [bob]
      status: null
      spaces:
        - space_id: 1
          depot_id: 4711
          name: ""
          used_storage: 100000
          used_traffic: 5000
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import teamdrive
from ansible_collections.hosting.provision.plugins.module_utils.teamdrive_resources import list_depots


def arguments():
    return dict(
        argument_spec=teamdrive.argument_spec(
            username=dict(type='str', required=True),
            depot_id=dict(type='int'),
            spaces=dict(type='bool', default=True),
            depot_document=dict(type='bool', default=False),
        ),
        supports_check_mode=True,
    )


def run(module):
    connection = teamdrive.TeamDriveConnection.from_module(module)
    engine.run_info(module, connection, 'depots', list_depots, ('username', 'depot_id', 'spaces', 'depot_document'))


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
