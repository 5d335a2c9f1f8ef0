#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: mailbox_group
short_description: Manage groups (team addresses) of a mailbox.org business account
version_added: 0.2.0
description:
  - Create, update and delete a group of a mailbox.org business account through the mailbox.org API - a team
    address whose members may be mail accounts of the account or external addresses.
  - The group is found by its name in C(group.list) (mailbox.org documents no "not found" code) and read with
    C(group.get); members are added and removed in one C(group.set).
  - An account login manages its own groups; a reseller or admin login names the account with O(account).
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.mailbox_org
  - hosting.provision.attributes
  - hosting.provision.attributes.actions
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  action_group:
    membership:
      - hosting.provision.mailbox_org
options:
  account:
    description:
      - The business account of the group. Defaults to O(api_username).
    type: str
  name:
    description:
      - Name of the group, unique in the account.
    type: str
    required: true
  state:
    description:
      - V(absent) deletes the group (not its members).
    type: str
    choices: [present, absent]
    default: present
  display_name:
    description:
      - The name shown for the group. A new group without it is shown under O(name).
    type: str
  members:
    description:
      - Addresses of the members, internal or external, compared as a set (lowercase, order and repeats do not
        count). The group gets exactly these; V([]) removes every member. Left unset, the members stay as they
        are.
    type: list
    elements: str
'''

EXAMPLES = r'''
- name: The sales team address
  hosting.provision.mailbox_group:
    account: acme
    name: sales
    display_name: ACME Sales
    members: [ada@acme-team.example, partner@elsewhere.example]
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
group:
  description: The group as mailbox.org holds it after the task (predicted in check mode); empty when absent.
  returned: always
  type: dict
  contains:
    name:
      description: Name of the group.
      type: str
    display_name:
      description: The name shown for the group.
      type: str
    members:
      description: Member addresses, lowercase and sorted.
      type: list
      elements: str
    group_id:
      description: The id mailbox.org gave the group; not part of a prediction of a create.
      type: int
  sample:
    name: sales
    display_name: ACME Sales
    members: [ada@acme-team.example, partner@elsewhere.example]
    group_id: 7
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import mailbox_org
from ansible_collections.hosting.provision.plugins.module_utils.mailbox_org_resources import Group, group_options


def arguments():
    return dict(argument_spec=mailbox_org.argument_spec(**group_options()), supports_check_mode=True)


def run(module):
    connection = mailbox_org.MailboxOrgConnection.from_module(module)
    engine.run(module, connection, Group)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
