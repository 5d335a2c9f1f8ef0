#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: mailbox_domain_info
short_description: List the domains of a mailbox.org business account
version_added: 0.1.0
description:
  - Read the domains of a mailbox.org business account, all of them or one.
  - Returns the same fields as M(hosting.provision.mailbox_domain) returns, so the context ids to use with
    O(hosting.provision.mailbox_domain#module:context_id) can be looked up here.
  - Makes one C(domain.get) call per domain (for its memo) besides C(domain.list) and C(context.list).
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
      - The business account whose domains are listed. Defaults to O(api_username).
    type: str
  domain:
    description:
      - Only this domain (an empty list when the account does not have it).
    type: str
'''

EXAMPLES = r'''
- name: Domains of the account
  hosting.provision.mailbox_domain_info:
    api_username: "{{ mailbox_org_login }}"
    api_password: "{{ vault_mailbox_org_password }}"
  register: result

- name: Which domains share a context
  ansible.builtin.debug:
    msg: "{{ result.domains | groupby('context_id') }}"
'''

RETURN = r'''
domains:
  description: The matching domains, sorted by name; an empty list when none match.
  returned: always
  type: list
  elements: dict
  contains:
    domain:
      description: The domain name, internationalised names in punycode.
      type: str
    memo:
      description: The free text note kept with the domain.
      type: str
    context_id:
      description: The context the domain belongs to (domains of one context share calendars and address books).
      type: str
    count_mails:
      description: Number of mail accounts of the domain.
      type: int
  sample:
    - domain: example.com
      memo: Sales team
      context_id: "1001"
      count_mails: 3
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import mailbox_org
from ansible_collections.hosting.provision.plugins.module_utils.mailbox_org_resources import list_domains


def arguments():
    return dict(
        argument_spec=mailbox_org.argument_spec(account=dict(type='str'), domain=dict(type='str')),
        supports_check_mode=True,
    )


def run(module):
    connection = mailbox_org.MailboxOrgConnection.from_module(module)
    engine.run_info(module, connection, 'domains', list_domains, ('account', 'domain'))


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
