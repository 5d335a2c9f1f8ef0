#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: mailbox_group_info
short_description: List the groups (team addresses) of a mailbox.org business account
version_added: 0.2.0
description:
  - Read the groups of a mailbox.org business account, all of them or one, with their members.
  - Returns the same fields as M(hosting.provision.mailbox_group) returns; one C(group.get) per group besides
    C(group.list).
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.mailbox_org
  - hosting.provision.attributes.actions
  - hosting.provision.attributes.info_module
attributes:
  action_group:
    membership:
      - hosting.provision.mailbox_org
options:
  account:
    description:
      - The business account whose groups are listed. Defaults to O(api_username).
    type: str
  name:
    description:
      - Only this group (an empty list when the account does not have it).
    type: str
'''

EXAMPLES = r'''
- name: Groups of the account
  hosting.provision.mailbox_group_info:
    account: acme
  register: result
'''

RETURN = r'''
groups:
  description: The matching groups, sorted by name; an empty list when none match.
  returned: always
  type: list
  elements: dict
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
    - name: sales
      display_name: ACME Sales
      members: [ada@acme-team.example, partner@elsewhere.example]
      group_id: 7
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import mailbox_org
from ansible_collections.hosting.provision.plugins.module_utils.mailbox_org_resources import list_groups


def arguments():
    return dict(
        argument_spec=mailbox_org.argument_spec(account=dict(type='str'), name=dict(type='str')),
        supports_check_mode=True,
    )


def run(module):
    connection = mailbox_org.MailboxOrgConnection.from_module(module)
    engine.run_info(module, connection, 'groups', list_groups, ('account', 'name'))


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
