#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: mailbox_customer
short_description: Manage the customer accounts of a mailbox.org reseller
version_added: 0.2.0
description:
  - Create, update and delete a customer account (a business account with its own domains, mail accounts and
    groups) through the mailbox.org API, as a reseller does for a new customer.
  - Needs a reseller (or admin) login; an account login cannot add, list or delete accounts, and the task fails
    saying so before anything is sent.
  - The account is found by its name in C(account.list) (mailbox.org documents no "not found" code) and read
    with C(account.get); C(account.capabilities.get) is read only when O(capabilities) is given.
  - Options left unset keep the account's current value; the dict options compare only the keys they give.
  - O(state=absent) deletes the account with everything in it (C(account.del) is recursive) - its domains,
    their mail accounts with their mail, and its groups.
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
    details: The password is shown as C(<hidden>), or C(<hidden, changed>) when it will be set.
  action_group:
    membership:
      - hosting.provision.mailbox_org
options:
  account:
    description:
      - Name of the customer account (its login).
    type: str
    required: true
  state:
    description:
      - V(absent) deletes the account with its domains, mail accounts and groups.
    type: str
    choices: [present, absent]
    default: present
  password:
    description:
      - Password of the account's login. Required when the account is created.
      - mailbox.org never returns it, so it cannot be compared; see O(update_password).
    type: str
  update_password:
    description:
      - V(on_create) sends O(password) only when the account is created, so a second run reports no change.
      - V(always) sends it with an C(account.set) on every run and reports a change each time.
    type: str
    choices: [always, on_create]
    default: on_create
  plan:
    description:
      - The account's plan. Required when the account is created.
    type: str
    choices: [basic, profi, profixl, reseller]
  company:
    description:
      - Company name.
    type: str
  ustid:
    description:
      - VAT identification number.
    type: str
  memo:
    description:
      - Free text note kept with the account.
    type: str
  language:
    description:
      - Language of the account, for example C(de_DE) or C(en_US).
    type: str
  contact:
    description:
      - Contact details; only the keys given are compared and set.
    type: dict
    suboptions:
      mail:
        description: Contact e-mail address.
        type: str
      phone:
        description: Phone number.
        type: str
      fax:
        description: Fax number.
        type: str
      mobile:
        description: Mobile phone number.
        type: str
  address:
    description:
      - The main (postal) address; only the keys given are compared and set.
    type: dict
    suboptions:
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
        description: Street and number.
        type: str
      zipcode:
        description: Postal code.
        type: str
      town:
        description: Town.
        type: str
      country:
        description: Country.
        type: str
  payment_address:
    description:
      - The billing address; only the keys given are compared and set.
    type: dict
    suboptions:
      first_name:
        description: First name.
        type: str
      last_name:
        description: Last name.
        type: str
      street:
        description: Street and number.
        type: str
      zipcode:
        description: Postal code.
        type: str
      town:
        description: Town.
        type: str
      country:
        description: Country.
        type: str
  tariff_limits:
    description:
      - The tariff limits of the account (C(tarifflimits)), a dict of whole numbers; only the keys given are
        compared, and the whole dict is sent when one differs.
    type: dict
  capabilities:
    description:
      - Capabilities of the account's mailboxes, C(MAIL_SPAMPROTECTION), C(MAIL_OTP), C(MAIL_BLACKLIST),
        C(MAIL_BACKUPRECOVER) or C(MAIL_PASSWORDRESET_SMS), each set to V(on), V(off) or V(inherit).
      - Compared key by key with C(account.capabilities.get); only the ones that differ are sent. mailbox.org
        applies them to the mailboxes asynchronously.
    type: dict
'''

EXAMPLES = r'''
- name: A new customer of the reseller
  hosting.provision.mailbox_customer:
    api_username: "{{ mailbox_org_reseller }}"
    api_password: "{{ vault_mailbox_org_reseller_password }}"
    account: acme
    password: "{{ vault_acme_password }}"
    plan: basic
    company: ACME Ltd
    language: en_US
    contact: {mail: jane@acme.example}
    address: {first_name: Jane, last_name: Doe, town: London, country: GB}
    capabilities: {MAIL_OTP: "on"}

- name: The customer leaves (deletes its domains, mail accounts and groups too)
  hosting.provision.mailbox_customer:
    account: acme
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
customer:
  description:
    - The account as mailbox.org holds it after the task (predicted in check mode); empty when absent. The
      password is never returned.
  returned: always
  type: dict
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
    capabilities:
      description: The capabilities, when the task gives O(capabilities).
      type: dict
  sample:
    account: acme
    plan: basic
    status: aktiv
    company: ACME Ltd
    language: en_US
    contact: {mail: jane@acme.example}
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import mailbox_org
from ansible_collections.hosting.provision.plugins.module_utils.mailbox_org_resources import (CustomerAccount,
                                                                                              customer_options)


def arguments():
    return dict(argument_spec=mailbox_org.argument_spec(**customer_options()), supports_check_mode=True)


def run(module):
    connection = mailbox_org.MailboxOrgConnection.from_module(module)
    engine.run(module, connection, CustomerAccount)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
