#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_mail_catchall
short_description: Manage the catch-all of a mail domain in ISPConfig 3
version_added: 0.3.0
description:
  - A catch-all takes the mail sent to any address of O(domain) that has no mailbox, alias or forward, and
    delivers it to one O(destination).
  - The mail domain must exist in ISPConfig (M(hosting.provision.ispconfig_mail_domain)); a new catch-all gets its
    server and its owner, as the panel's catch-all page gives them. Check mode only warns when the domain is
    missing, since an earlier task may create it.
  - The module always writes the type C(catchall), which the panel's page sends and the API leaves empty when it is
    not sent (such a row is missing from the panel's list of catch-alls); an existing row without it gets it.
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
  action_group:
    membership:
      - hosting.provision.ispconfig
options:
  domain:
    description:
      - The mail domain, without C(@). Each domain has at most one catch-all.
    type: str
    required: true
  destination:
    description:
      - The one address the mail goes to (a mailbox, an alias or an outside address). A list or several addresses
        separated by commas are refused before anything is sent, as ISPConfig stores exactly one.
      - Required unless O(state=absent).
    type: str
  state:
    description:
      - Whether the catch-all exists.
    type: str
    choices: [present, absent]
    default: present
  active:
    description:
      - Whether the catch-all is in effect.
    type: bool
    default: true
'''

EXAMPLES = r'''
- name: Mail to unknown addresses of example.com goes to Alice
  hosting.provision.ispconfig_mail_catchall:
    domain: example.com
    destination: alice@example.com

- name: Remove the catch-all of example.com
  hosting.provision.ispconfig_mail_catchall:
    domain: example.com
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
mail_catchall:
  description: The catch-all after the task (predicted in check mode); empty when absent.
  returned: always
  type: dict
  contains:
    forwarding_id:
      description: Id of the catch-all in the panel.
      type: int
      returned: when it exists after the task (not in check mode for a new one)
    domain:
      description: The mail domain.
      type: str
    destination:
      description: The address the mail goes to.
      type: str
    type:
      description: V(catchall).
      type: str
    server_id:
      description: Mail server id (its mail domain's).
      type: int
    active:
      description: Whether the catch-all is in effect.
      type: bool
  sample:
    domain: example.com
    destination: alice@example.com
    type: catchall
    server_id: 1
    active: true
    forwarding_id: 7
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_resources import MailCatchall


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(
            domain=dict(type='str', required=True),
            destination=dict(type='str'),
            state=dict(type='str', default='present', choices=['present', 'absent']),
            active=dict(type='bool', default=True),
        ),
        required_if=[('state', 'present', ('destination',))],
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run(module, connection, MailCatchall)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
