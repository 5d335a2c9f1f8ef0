#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: subaccount
short_description: Manage sub-accounts through the model/action account API
version_added: 0.1.0
description:
  - Create, update and delete a sub-account (model C(Subaccount)) through a provider's model/action account
    API (actions C(auth), C(rights), C(list), C(get), C(create), C(update), C(delete)).
  - The sub-account is found by O(login), or by O(id) to rename it.
  - Options left unset keep the sub-account's current value.
  - A run with nothing to change makes three requests (C(auth), C(list), C(get)). The user's C(rights) are read
    only when the API refuses a call; when the user lacks the action the task needs (C(list), C(get), and
    C(create), C(update) or C(delete)), the module fails with one clear error naming it, before anything is
    written. Check mode reads them for the write it predicts, so it fails the same way.
  - An update sends the whole form (every field with its current value, the password as C(%%unchanged%%)),
    as the API reference does. The API validates every field it gets, so a stored value that today's rules
    reject (for example a login shorter than the minimum) fails the update until it is corrected.
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.subaccount
  - hosting.provision.attributes
  - hosting.provision.attributes.actions
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
    details: The password is shown as C(<hidden>), or C(<hidden, changed>) when it will be sent.
  action_group:
    membership:
      - hosting.provision.subaccount
options:
  login:
    description:
      - Login name of the sub-account (C(strLogin)). Compared exactly, case included.
      - Required unless O(id) is given. With O(id), the sub-account is renamed to O(login).
      - The API applies its own rules (in the reference, at least 6 characters).
    type: str
  id:
    description:
      - Numeric id of an existing sub-account (C(intID)), to rename it or to address it when the login is not
        known. A sub-account is never created by id.
    type: int
  state:
    description:
      - V(absent) deletes the sub-account.
    type: str
    choices: [present, absent]
    default: present
  password:
    description:
      - Password of the sub-account (C(strPass)). Required when it is created.
      - The API never shows a stored password (it reads as C(%%unchanged%%)), so it cannot be compared; by
        default (O(update_password=on_create)) it is set only when the sub-account is created; see
        O(update_password).
      - The API applies its own rules (in the reference, special characters are required).
    type: str
  update_password:
    description:
      - V(on_create) sets O(password) only when the sub-account is created, so a second run reports no change.
      - V(always) sends it on every run. The API never shows a stored password, so it cannot be compared, and the
        task then costs an update and reports C(changed) each time. Use it to rotate the password.
    type: str
    choices: [always, on_create]
    default: on_create
  status:
    description:
      - State of the sub-account (C(intStatus)), as one of the labels the API defines for it, or its stored
        key. The reference defines V(Aktiv) (key V(1)) and V(Inaktiv) (key V(0)); labels match in any case.
      - Unknown values fail, before anything is written, with the list of the API's choices.
      - When unset on create, the API's default applies.
    type: str
  fields:
    description:
      - Provider-specific fields of the sub-account, as API field name and value (for example
        C(strComment) with a comment text), for fields that have no option here.
      - Names are checked against the API's field definitions before anything is written; an unknown,
        read-only (disabled) or password field, or one of the fields the options above set, fails clearly.
      - Values are compared as the text the API stores; V(true)/V(false) become V(1)/V(0). Select-list fields
        take their stored key or a label.
      - Fields not named keep their current values.
    type: dict
seealso:
  - module: hosting.provision.subaccount_info
'''

EXAMPLES = r'''
- name: An active sub-account; the password is set only when it is created
  hosting.provision.subaccount:
    api_url: https://api.example.com/api/json
    api_username: customer42
    api_password: "{{ vault_api_password }}"
    access_type: 1
    login: build-robot
    password: "{{ vault_robot_password }}"
    update_password: on_create
    status: Aktiv
    fields:
      strComment: Build robot, owned by the CI team

- name: Rotate the password (reports changed on every run, the API cannot compare it)
  hosting.provision.subaccount:
    login: build-robot
    password: "{{ vault_new_robot_password }}"

- name: Rename a sub-account
  hosting.provision.subaccount:
    id: 544
    login: deploy-robot

- name: Delete a sub-account
  hosting.provision.subaccount:
    login: deploy-robot
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
subaccount:
  description:
    - The sub-account as the API holds it after the task (predicted in check mode); empty when absent.
    - RV(subaccount.id) is unknown (left out) in check mode when the sub-account would be created.
    - The password is never returned.
  returned: always
  type: dict
  contains:
    id:
      description: Numeric id (C(intID)).
      type: int
      sample: 544
    login:
      description: Login name.
      type: str
      sample: build-robot
    status:
      description: The label of the status (C(intStatus)).
      type: str
      sample: Aktiv
    fields:
      description:
        - With O(fields) set, the fields it names; otherwise every provider-specific field. Values as the API
          stores them (select lists by key, nothing as an empty string).
      type: dict
      sample:
        strComment: Build robot, owned by the CI team
        intFtpAccess: "0"
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import subaccount
from ansible_collections.hosting.provision.plugins.module_utils.subaccount_resources import Subaccount


def arguments():
    return dict(
        argument_spec=subaccount.argument_spec(
            login=dict(type='str'),
            id=dict(type='int'),
            state=dict(type='str', default='present', choices=['present', 'absent']),
            password=dict(type='str', no_log=True),
            update_password=engine.update_password_option(comparable=False),
            status=dict(type='str'),
            fields=dict(type='dict'),
        ),
        required_one_of=[('login', 'id')],
        supports_check_mode=True,
    )


def run(module):
    connection = subaccount.SubaccountConnection.from_module(module)
    engine.run(module, connection, Subaccount)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
