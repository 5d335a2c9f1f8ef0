#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_mail_domain
short_description: Manage mail domains in ISPConfig 3
version_added: 0.1.0
description:
  - Create, update and delete a mail domain through the ISPConfig 3 remote JSON API.
  - The domain is found by its name; numeric ids are never needed.
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
      - The mail domain. Internationalised names are stored in punycode and compared that way.
    type: str
    required: true
  state:
    description:
      - V(absent) deletes the domain. ISPConfig does not cascade through the API, so delete its mailboxes and
        aliases first.
    type: str
    choices: [present, absent]
    default: present
  client:
    description:
      - Username of the ISPConfig client that owns the domain. Leave unset for the admin.
      - When set on an existing domain, the domain is moved to this client.
    type: str
  server_id:
    description:
      - Id of the mail server that serves the domain.
      - Defaults to V(1) when the domain is created; an existing domain keeps its server unless this is set.
    type: int
  active:
    description:
      - Whether the domain receives mail.
    type: bool
    default: true
  dkim:
    description:
      - Sign outgoing mail with DKIM. The panel's server creates the keys.
    type: bool
  dkim_selector:
    description:
      - DKIM selector, lowercase letters and digits, at most 63.
    type: str
  relay_host:
    description:
      - Send outgoing mail of this domain through this relay. V("") removes it.
    type: str
  relay_user:
    description:
      - User name for the relay.
    type: str
  relay_password:
    description:
      - Password for the relay. ISPConfig stores it in clear text; it is compared and never returned.
    type: str
'''

EXAMPLES = r'''
- name: Mail domain for a customer
  hosting.provision.ispconfig_mail_domain:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    domain: example.com
    client: acme

- name: Connection set once for every ISPConfig task of the play
  module_defaults:
    group/hosting.provision.ispconfig:
      api_url: https://panel.example.com:8080
      api_username: provisioning
      api_password: "{{ vault_ispconfig_password }}"
  block:
    - name: DKIM on, relay through the smarthost
      hosting.provision.ispconfig_mail_domain:
        domain: example.org
        dkim: true
        dkim_selector: mail2026
        relay_host: "[smarthost.example.net]:587"
        relay_user: example-org
        relay_password: "{{ vault_relay_password }}"

- name: Remove a domain (its mailboxes first)
  hosting.provision.ispconfig_mail_domain:
    domain: old.example.com
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
mail_domain:
  description: The domain as ISPConfig holds it after the task (predicted in check mode); empty when absent.
  returned: always
  type: dict
  contains:
    domain_id:
      description: Id of the domain in the panel.
      type: int
      returned: when the domain exists after the task (not in check mode for a new one)
    domain:
      description: The mail domain, internationalised names in punycode.
      type: str
    client:
      description: Username of the owning client.
      type: str
      returned: when O(client) is set
    server_id:
      description: Id of the mail server that serves the domain.
      type: int
    active:
      description: Whether the domain receives mail.
      type: bool
    dkim:
      description: Whether outgoing mail is signed with DKIM.
      type: bool
    dkim_selector:
      description: DKIM selector.
      type: str
    relay_host:
      description: Relay for outgoing mail; empty for none.
      type: str
    relay_user:
      description: User name for the relay.
      type: str
  sample:
    domain: example.com
    server_id: 1
    active: true
    dkim: false
    dkim_selector: default
    relay_host: ""
    relay_user: ""
    domain_id: 3
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_resources import MailDomain


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(
            domain=dict(type='str', required=True),
            state=dict(type='str', default='present', choices=['present', 'absent']),
            client=dict(type='str'),
            server_id=dict(type='int'),
            active=dict(type='bool', default=True),
            dkim=dict(type='bool'),
            dkim_selector=dict(type='str'),
            relay_host=dict(type='str'),
            relay_user=dict(type='str'),
            relay_password=dict(type='str', no_log=True),
        ),
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run(module, connection, MailDomain)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
