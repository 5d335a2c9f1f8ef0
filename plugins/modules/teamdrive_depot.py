#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: teamdrive_depot
short_description: Manage TeamDrive depots on a TeamDrive Hosting Service (Host Server)
version_added: 0.1.0
description:
  - Create, change, deactivate and delete the depot (storage account) of a TeamDrive user through the Hosting
    Service API of a Host Server.
  - A depot is found by its owner's O(username) and, when the user may have several, its O(depot_id). The
    module returns the id the server assigned, so later tasks can name it.
  - Storage and traffic limits are set absolutely with C(setdepot) (API 3.0.003), never with
    C(increasedepot)/C(decreasedepot), which reset an omitted traffic limit to 10 times the storage limit.
  - Options left unset keep the depot's current value.
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.teamdrive
  - hosting.provision.attributes
  - hosting.provision.attributes.actions
attributes:
  check_mode:
    support: full
    details:
      - With O(assign=true) the depot cannot be read before it is assigned, so check mode reports the
        assignment and the given values without checking that the depot exists.
  diff_mode:
    support: full
  action_group:
    membership:
      - hosting.provision.teamdrive
options:
  username:
    description:
      - TeamDrive user name of the depot's owner.
    type: str
    required: true
  depot_id:
    description:
      - Id of the depot, as returned by an earlier run (RV(depot.depot_id)).
      - Needed when the user has more than one depot on this Host Server.
      - With O(depot_id) set, a depot that does not exist or belongs to another user is an error (it is not
        created, because the API assigns depot ids itself), unless O(assign=true).
    type: int
  state:
    description:
      - V(present) creates the depot when the user has none and converges the given options.
      - V(deactivated) converges the given options and then deactivates the depot (C(deactivatedepot)). Its
        spaces and data stay. The depot must exist. The API has no call to reactivate a depot.
      - The Hosting Service API reports no depot status that the vendor documents. When the server's reply holds
        a C(status) element (an inferred name), V(deactivated) is idempotent. Otherwise the module cannot tell
        whether the depot is deactivated already, so it sends C(deactivatedepot) on every run (deactivating twice
        is harmless) and reports changed; check mode predicts the same.
      - V(absent) deletes the depot with all of its spaces and their data, and needs O(force=true).
    type: str
    choices: [present, absent, deactivated]
    default: present
  force:
    description:
      - Must be V(true) for O(state=absent) to delete an existing depot, because deleting a depot deletes all
        of its spaces. Without it the module fails, naming the number of spaces and bytes at stake, before any
        write.
    type: bool
    default: false
  storage_limit:
    description:
      - Storage limit of the depot, in bytes (a number without a unit, the API's own unit) or with a unit such as
        V(10 GiB), V(500 MB) or V(500M). Every unit counts in 1024s, as TeamDrive does (1 KB = 1024 bytes), so
        V(500 MB) and V(500 MiB) are the same 524288000 bytes. Must be more than 0 and at most
        9223372036854775807 bytes (the largest signed 64-bit number); more is refused before anything is sent.
      - Required when the depot is created.
    type: str
  traffic_limit:
    description:
      - Traffic limit of the depot, in bytes or with a unit, as for O(storage_limit).
      - When the depot is created without it, 10 times O(storage_limit) is set (the vendor's default).
    type: str
  authorized_users:
    description:
      - TeamDrive users allowed to create spaces in this depot (besides the owner). The depot's list is made
        exactly this list (C(addusertodepot), C(deleteuserfromdepot)); order does not matter.
      - V([]) removes every authorised user. Leave unset to keep the list as it is.
    type: list
    elements: str
  contract:
    description:
      - Contract reference sent with C(updatecontract) (API 3.0.002).
      - The API cannot read a contract back, so whenever O(contract) is set the call is sent and the task
        reports changed. Set it only in the run that should update the contract.
    type: str
  create_without_user:
    description:
      - Create a missing depot the way the vendor's shop flow does, with C(createdepotwithoutuser) followed by
        C(assignusertodepot) (which creates the user on the Host Server if needed), instead of C(createdepot).
      - If the assignment fails, the error names the new depot's id; run again with that O(depot_id) and
        O(assign=true).
    type: bool
    default: false
  assign:
    description:
      - When O(depot_id) names a depot that O(username) does not own, assign it to O(username) with
        C(assignusertodepot), for a depot created without a user (for example by a shop). The given limits and
        users are then converged.
      - The API cannot tell a depot without a user from one that does not exist or belongs to someone else
        before the assignment; the Host Server refuses the latter two (C(-30302)).
    type: bool
    default: false
notes:
  - Element names not confirmed by the vendor documentation (they are inferred, and kept in one table in
    C(module_utils/teamdrive.py) to be corrected in one place) are
    C(users) (the comma-separated user list of C(addusertodepot), C(deleteuserfromdepot) and C(createdepot)),
    C(contract) (of C(updatecontract)), the whole C(getdepotdata) reply shape (C(depot), C(useddisc),
    C(usedtraffic), C(users)/C(username), C(status)), the C(getspacedata) reply shape (C(space), C(spaceid),
    C(spacename)), and the C(depotid) and C(depotdocument) elements of the create replies.
  - Confirmed names are the envelope (C(apiversion), C(command), C(requesttime), C(exception)), the command
    names, and C(username), C(depotid), C(disclimit), C(trafficlimit).
  - The Hosting Service API does not refuse a second depot for the same user. Runs on one controller that may
    create the depot of the same user wait for each other (a lock file under E(XDG_CACHE_HOME) or C(~/.cache),
    C(hosting.provision/locks/)); after a create the module reads the user's depots back and, when it finds more
    than one (a run on another controller created one at the same time), fails naming their ids, still reporting
    a change (its own create was made).
  - The invitation of users to a new depot (Registration Server C(sendinvitation)) is not done by this module;
    get the depot document with M(hosting.provision.teamdrive_depot_info) and O(hosting.provision.teamdrive_depot_info#module:depot_document=true).
seealso:
  - module: hosting.provision.teamdrive_depot_info
'''

EXAMPLES = r'''
- name: A depot of 10 GiB with 100 GiB traffic for jane; bob may create spaces in it
  hosting.provision.teamdrive_depot:
    api_url: https://teamdrive-host.example.com/pbas/p1_as/api/api.htm
    api_salt: "{{ vault_teamdrive_salt }}"
    username: jane
    storage_limit: 10 GiB
    traffic_limit: 100 GiB
    authorized_users:
      - bob
  delegate_to: localhost
  register: depot

- name: Grow the depot; the traffic limit stays as it is
  hosting.provision.teamdrive_depot:
    username: jane
    depot_id: "{{ depot.depot.depot_id }}"
    storage_limit: 20 GiB
  delegate_to: localhost

- name: Give a depot a shop created without a user to its buyer
  hosting.provision.teamdrive_depot:
    username: carol
    depot_id: 10042
    assign: true
  delegate_to: localhost

- name: Deactivate the depot, keeping its data
  hosting.provision.teamdrive_depot:
    username: jane
    state: deactivated
  delegate_to: localhost

- name: Delete the depot and all of its spaces
  hosting.provision.teamdrive_depot:
    username: mallory
    state: absent
    force: true
  delegate_to: localhost
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
depot:
  description:
    - The depot as the Host Server holds it after the task (predicted in check mode); empty when absent.
    - RV(depot.depot_id) is unknown in check mode when the depot would be created.
  returned: always
  type: dict
  contains:
    depot_id:
      description: Id of the depot on this Host Server.
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
      description: Bytes stored in the depot's spaces (not present right after a create).
      type: int
    used_traffic:
      description: Bytes of traffic used (not present right after a create).
      type: int
    authorized_users:
      description: Users allowed to create spaces in the depot, sorted.
      type: list
      elements: str
    status:
      description:
        - V(active) or V(deactivated) when the Host Server reports it; V(null) when it does not, except after
          this module deactivated the depot.
      type: str
    contract:
      description: The contract reference sent, when O(contract) was set.
      type: str
  sample:
    depot_id: 4711
    username: jane
    storage_limit: 10737418240
    traffic_limit: 107374182400
    used_storage: 123456
    used_traffic: 5000
    authorized_users: [bob]
    status: null
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import teamdrive
from ansible_collections.hosting.provision.plugins.module_utils.teamdrive_resources import Depot


def arguments():
    return dict(
        argument_spec=teamdrive.argument_spec(
            username=dict(type='str', required=True),
            depot_id=dict(type='int'),
            state=dict(type='str', default='present', choices=['present', 'absent', 'deactivated']),
            force=dict(type='bool', default=False),
            storage_limit=dict(type='str'),
            traffic_limit=dict(type='str'),
            authorized_users=dict(type='list', elements='str'),
            contract=dict(type='str'),
            create_without_user=dict(type='bool', default=False),
            assign=dict(type='bool', default=False),
        ),
        supports_check_mode=True,
    )


def run(module):
    connection = teamdrive.TeamDriveConnection.from_module(module)
    # deactivated converges like present and then deactivates (Depot.resolve sets the wanted status)
    engine.run(module, connection, Depot, 'absent' if module.params['state'] == 'absent' else 'present')


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
