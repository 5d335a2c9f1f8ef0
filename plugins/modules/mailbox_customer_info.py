#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: mailbox_customer_info
short_description: List the customer accounts of a mailbox.org reseller
version_added: 0.2.0
description:
  - Read the customer accounts a reseller (or admin) login manages, all of them or one.
  - Returns the same fields as M(hosting.provision.mailbox_customer) returns, without capabilities.
  - Makes one C(account.get) call per account besides C(account.list).
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
      - Only this account (an empty list when the login does not manage it).
    type: str
'''

EXAMPLES = r'''
- name: Customer accounts of the reseller
  hosting.provision.mailbox_customer_info:
  register: result

- name: Their plans
  ansible.builtin.debug:
    msg: "{{ result.customers | items2dict(key_name='account', value_name='plan') }}"
'''

RETURN = r'''
customers:
  description: The matching accounts, sorted by name, with the fields M(hosting.provision.mailbox_customer)
    returns; an empty list when none match.
  returned: always
  type: list
  elements: dict
  contains:
      account:
        description: Name of the account.
        type: str
      plan:
        description: The account's plan.
        type: str
      status:
        description: The status mailbox.org reports (for example C(aktiv)); not part of a prediction of a create.
        type: str
      company:
        description: Company name.
        type: str
      ustid:
        description: VAT identification number.
        type: str
      memo:
        description: Free text note.
        type: str
      language:
        description: Language of the account.
        type: str
      contact:
        description: Contact details.
        type: dict
        contains:
          mail:
            description: Mail.
            type: str
          phone:
            description: Phone.
            type: str
          fax:
            description: Fax.
            type: str
          mobile:
            description: Mobile.
            type: str
      address:
        description: The main address.
        type: dict
        contains:
          salutation:
            description: Salutation.
            type: str
          first_name:
            description: First name.
            type: str
          last_name:
            description: Last name.
            type: str
          street:
            description: Street.
            type: str
          zipcode:
            description: Zipcode.
            type: str
          town:
            description: Town.
            type: str
          country:
            description: Country.
            type: str
      payment_address:
        description: The billing address.
        type: dict
        contains:
          first_name:
            description: First name.
            type: str
          last_name:
            description: Last name.
            type: str
          street:
            description: Street.
            type: str
          zipcode:
            description: Zipcode.
            type: str
          town:
            description: Town.
            type: str
          country:
            description: Country.
            type: str
      tariff_limits:
        description: The tariff limits.
        type: dict
  sample:
    - account: acme
      plan: basic
      status: aktiv
      company: ACME Ltd
      memo: ""
      language: en_US
      contact: {mail: jane@acme.example, phone: "", fax: "", mobile: ""}
      address: {first_name: Jane, last_name: Doe}
      payment_address: {}
      tariff_limits: {}
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import mailbox_org
from ansible_collections.hosting.provision.plugins.module_utils.mailbox_org_resources import list_customers


def arguments():
    return dict(argument_spec=mailbox_org.argument_spec(account=dict(type='str')), supports_check_mode=True)


def run(module):
    connection = mailbox_org.MailboxOrgConnection.from_module(module)
    engine.run_info(module, connection, 'customers', list_customers, ('account',))


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
