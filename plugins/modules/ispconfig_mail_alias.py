#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_mail_alias
short_description: Manage mail aliases and forwards in ISPConfig 3
version_added: 0.1.0
description:
  - An B(alias) (O(type=alias)) delivers mail for O(source) to one local O(destination); it is identified by
    source and destination, so one source may have several aliases.
  - A B(forward) (O(type=forward)) sends mail for O(source) on to a list of addresses; it is identified by its
    source, and O(destination) is converged to exactly the given list.
  - ISPConfig itself accepts the same alias twice; this module never creates a duplicate.
  - The mail domain of O(source) must exist in ISPConfig, as in the panel, which offers only the domains it
    hosts (the API would store an alias of any domain). Check mode only warns, since an earlier task may create
    the domain.
  - A new alias or forward gets what the panel's form gives it for the options left out, that is the server of
    its mail domain, greylisting off, and O(allow_send_as) on for an alias, off for a forward.
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
  source:
    description:
      - The address mail is sent to. It must not be a mailbox (ISPConfig refuses an alias over a mailbox), and
        its mail domain must exist (M(hosting.provision.ispconfig_mail_domain)).
    type: str
    required: true
  destination:
    description:
      - Where the mail goes. Exactly one address for an alias; one or more for a forward.
    type: list
    elements: str
    required: true
  type:
    description:
      - V(alias) or V(forward); they are managed through the panel's alias and forward functions.
    type: str
    choices: [alias, forward]
    default: alias
  state:
    description:
      - Whether the alias or forward exists.
    type: str
    choices: [present, absent]
    default: present
  client:
    description:
      - Username of the ISPConfig client that owns the alias or forward. A new one belongs to the owner of its
        mail domain, as the panel makes it; unset, that owner is looked up (C(client_get_by_groupid), Client
        functions); another client is refused.
    type: str
  active:
    description:
      - Whether the alias or forward is in effect.
    type: bool
    default: true
  allow_send_as:
    description:
      - The destination mailbox may send as O(source). When created, V(true) for an alias and V(false) for a
        forward, as the panel's forms default it.
    type: bool
  greylisting:
    description:
      - Greylisting for mail to O(source).
    type: bool
  server_id:
    description:
      - Mail server id. Defaults to the server of the mail domain of O(source) when created.
    type: int
'''

EXAMPLES = r'''
- name: info@ goes to Alice
  hosting.provision.ispconfig_mail_alias:
    source: info@example.com
    destination: alice@example.com
    client: acme

- name: Sales is forwarded to two outside addresses (exactly these two)
  hosting.provision.ispconfig_mail_alias:
    type: forward
    source: sales@example.com
    destination:
      - sales-team@partner.example
      - crm@crm.example

- name: Remove an alias
  hosting.provision.ispconfig_mail_alias:
    source: info@example.com
    destination: alice@example.com
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
mail_alias:
  description: The alias or forward after the task (predicted in check mode); empty when absent.
  returned: always
  type: dict
  contains:
    forwarding_id:
      description: Id of the alias or forward in the panel.
      type: int
      returned: when it exists after the task (not in check mode for a new one)
    source:
      description: The address mail is sent to.
      type: str
    destination:
      description: 'Where the mail goes: one address (str) for an alias, a list of addresses for a forward.'
      type: raw
    type:
      description: V(alias) or V(forward).
      type: str
    client:
      description: Username of the owning client.
      type: str
      returned: when O(client) is set
    server_id:
      description: Mail server id.
      type: int
    active:
      description: Whether the alias or forward is in effect.
      type: bool
    allow_send_as:
      description: Whether the destination mailbox may send as the source address.
      type: bool
    greylisting:
      description: Greylisting for mail to the source address.
      type: bool
  sample:
    source: info@example.com
    destination: alice@example.com
    type: alias
    active: true
    allow_send_as: true
    greylisting: false
    server_id: 1
    forwarding_id: 4
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_resources import MailForwarding


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(
            source=dict(type='str', required=True),
            destination=dict(type='list', elements='str', required=True),
            type=dict(type='str', default='alias', choices=['alias', 'forward']),
            state=dict(type='str', default='present', choices=['present', 'absent']),
            client=dict(type='str'),
            active=dict(type='bool', default=True),
            allow_send_as=dict(type='bool'),
            greylisting=dict(type='bool'),
            server_id=dict(type='int'),
        ),
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run(module, connection, MailForwarding)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
