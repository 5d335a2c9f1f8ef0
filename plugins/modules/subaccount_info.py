#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: subaccount_info
short_description: List sub-accounts through the model/action account API
version_added: 0.1.0
description:
  - Read sub-accounts (model C(Subaccount)) with the API's C(list) action, filtered and sorted by the server,
    and paged to the end.
  - Field names are the API's own (C(intID), C(strLogin), C(intStatus) and the provider's others), as its field
    definitions name them; the module reads the definitions first and fails clearly on an unknown name.
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.subaccount
  - hosting.provision.attributes.actions
  - hosting.provision.attributes.info_module
attributes:
  action_group:
    membership:
      - hosting.provision.subaccount
options:
  filters:
    description:
      - Conditions every returned row meets (they are ANDed).
    type: list
    elements: dict
    default: []
    suboptions:
      field:
        description:
          - API field name, or V(query) to search all fields.
        type: str
        required: true
      comparison:
        description:
          - V(eql) equal, V(lt) lower than, V(gt) greater than, V(lte) lower or equal, V(gte) greater or equal,
            V(like) contains, V(in) equal to one of the list O(filters[].value), V(is) is NULL, V(isnot) is
            not NULL.
          - With V(eql) and V(in), a select-list field (such as C(intStatus)) takes labels (V(Aktiv)) as well as
            stored keys (V(1)); the other comparisons work on stored keys.
        type: str
        choices: [eql, lt, gt, lte, gte, like, in, is, isnot]
        default: eql
      value:
        description:
          - The value to compare with; a list for V(in); none for V(is) and V(isnot).
        type: raw
  cols:
    description:
      - The fields each row holds. Without it the API's default columns (in the reference C(intID),
        C(strLogin), C(intStatus)).
    type: list
    elements: str
  order:
    description:
      - The field to sort by (the API's default order when unset).
    type: str
  sort:
    description:
      - Sort direction.
    type: str
    choices: [asc, desc]
  offset:
    description:
      - Skip this many matching rows.
    type: int
    default: 0
  limit:
    description:
      - Return at most this many rows. All matching rows when unset.
    type: int
seealso:
  - module: hosting.provision.subaccount
'''

EXAMPLES = r'''
- name: Active sub-accounts whose login contains "robot"
  hosting.provision.subaccount_info:
    api_url: https://api.example.com/api/json
    api_username: customer42
    api_password: "{{ vault_api_password }}"
    filters:
      - field: intStatus
        value: Aktiv
      - field: strLogin
        comparison: like
        value: robot
    order: strLogin
  register: robots

- name: Their logins
  ansible.builtin.debug:
    msg: "{{ robots.subaccounts | map(attribute='strLogin') | list }}"

- name: Sub-accounts without a comment, newest first
  hosting.provision.subaccount_info:
    filters:
      - field: strComment
        comparison: is
    cols: [intID, strLogin, strComment]
    order: intID
    sort: desc
'''

RETURN = r'''
subaccounts:
  description:
    - The matching rows, in the API's order; an empty list when none match.
    - Each row is a dict of API field name and the value the API shows (select lists by label, as C(Aktiv)),
      plus C(id), the row's numeric id.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Numeric id of the row.
      type: int
    intID:
      description: The id as the API shows it.
      type: str
    strLogin:
      description: Login name.
      type: str
    intStatus:
      description: The label of the status, for example V(Aktiv).
      type: str
  sample:
    - id: 542
      intID: "542"
      strLogin: build-robot
      intStatus: Aktiv
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import subaccount
from ansible_collections.hosting.provision.plugins.module_utils.subaccount_resources import (
    list_options, list_subaccounts)


def arguments():
    return dict(
        argument_spec=subaccount.argument_spec(**list_options()),
        supports_check_mode=True,
    )


def run(module):
    connection = subaccount.SubaccountConnection.from_module(module)
    engine.run_info(module, connection, 'subaccounts', list_subaccounts, tuple(list_options()))


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
