#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: mailbox_account_info
short_description: List mail accounts (mailboxes) of a mailbox.org business domain
version_added: 0.1.0
description:
  - Read the mail accounts of one domain, or one mail account, through the mailbox.org API
    (one C(mail.list) call with details).
  - Returns the same fields as M(hosting.provision.mailbox_account) returns; never a password.
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
  domain:
    description:
      - The domain whose mail accounts are listed.
      - One of O(domain) and O(mail) is required.
    type: str
  mail:
    description:
      - Only this mail account (an empty list when it does not exist).
    type: str
    aliases: [email]
'''

EXAMPLES = r'''
- name: Mail accounts of a domain
  hosting.provision.mailbox_account_info:
    api_username: "{{ mailbox_org_login }}"
    api_password: "{{ vault_mailbox_org_password }}"
    domain: example.com
  register: result

- name: Their addresses and plans
  ansible.builtin.debug:
    msg: "{{ result.mail_accounts | items2dict(key_name='mail', value_name='plan') }}"
'''

RETURN = r'''
mail_accounts:
  description: The matching mail accounts, sorted by address; an empty list when none match.
  returned: always
  type: list
  elements: dict
  contains:
    mail:
      description: Address of the mail account, lowercase, the domain in punycode.
      type: str
    plan:
      description: The mail plan.
      type: str
    first_name:
      description: First name of the owner.
      type: str
    last_name:
      description: Last name of the owner.
      type: str
    inboxsave:
      description: Whether incoming mail is kept in the mailbox.
      type: bool
    forwards:
      description: Addresses every incoming mail is forwarded to, in order.
      type: list
      elements: str
    aliases:
      description: Further addresses of the account, in order.
      type: list
      elements: str
    active:
      description: Whether the account is active.
      type: bool
    require_reset_password:
      description: Whether the owner must set a new password at the next login.
      type: bool
    same_password_disallowed:
      description: Whether mailbox.org refuses a new password equal to the current one.
      type: bool
    additional_mail_quota:
      description: Extra mail storage booked on top of the plan, a count of mailbox.org's storage units (not bytes).
      type: int
    additional_cloud_quota:
      description: Extra cloud storage booked on top of the plan, a count of mailbox.org's storage units (not bytes).
      type: int
    memo:
      description: A free text note.
      type: str
    alternate_mail:
      description: Alternative address of the owner.
      type: str
    allow_nets:
      description: Networks the account may log in from.
      type: str
    language:
      description: Language of the account, for example V(de_DE).
      type: str
    title:
      description: Title of the owner.
      type: str
    birthday:
      description: Birthday of the owner.
      type: str
    position:
      description: Position of the owner.
      type: str
    department:
      description: Department of the owner.
      type: str
    company:
      description: Company of the owner.
      type: str
    street:
      description: Street of the owner's address.
      type: str
    postal_code:
      description: Postal code of the owner's address.
      type: str
    city:
      description: City of the owner's address.
      type: str
    phone:
      description: Phone number.
      type: str
    fax:
      description: Fax number.
      type: str
    cell_phone:
      description: Mobile phone number.
      type: str
    uid_extern:
      description: External id of the account.
      type: str
  sample:
    - mail: alice@example.com
      plan: standard
      first_name: Alice
      last_name: Example
      inboxsave: true
      forwards: []
      aliases: [info@example.com]
      active: true
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import mailbox_org
from ansible_collections.hosting.provision.plugins.module_utils.mailbox_org_resources import list_mail_accounts


def arguments():
    return dict(
        argument_spec=mailbox_org.argument_spec(domain=dict(type='str'), mail=dict(type='str', aliases=['email'])),
        required_one_of=[('domain', 'mail')],
        mutually_exclusive=[('domain', 'mail')],
        supports_check_mode=True,
    )


def run(module):
    connection = mailbox_org.MailboxOrgConnection.from_module(module)
    engine.run_info(module, connection, 'mail_accounts', list_mail_accounts, ('domain', 'mail'))


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
