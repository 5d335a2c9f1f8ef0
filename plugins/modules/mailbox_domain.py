#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: mailbox_domain
short_description: Manage domains of a mailbox.org business account
version_added: 0.1.0
description:
  - Add, update and delete a domain of a mailbox.org business account through the mailbox.org API.
  - "Adding a domain is a two-step process across runs: mailbox.org first asks for a DNS TXT record that proves
    you own the domain (error 218). The module then fails, names the record in its message and returns it as
    RV(verification), so a play can create it with any DNS module and run the task again; see EXAMPLES."
  - Whether the domain exists is decided from C(domain.list) of the account, never from an error code.
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.mailbox_org
  - hosting.provision.attributes
  - hosting.provision.attributes.actions
attributes:
  check_mode:
    support: full
    details:
      - mailbox.org names the ownership TXT record only in its answer to C(domain.add), and that call adds the
        domain at once when the record is already in place. Check mode never sends it, so for a domain that
        does not exist yet it reports C(changed=true) with the predicted domain and a warning that the real run
        may instead fail asking for the record. RV(verification) is never returned in check mode.
  diff_mode:
    support: full
    details: The password is shown as C(<hidden>), or C(<hidden, changed>) when it will be set.
  action_group:
    membership:
      - hosting.provision.mailbox_org
options:
  domain:
    description:
      - The domain name. Internationalised names are sent and compared in punycode.
    type: str
    required: true
  state:
    description:
      - V(absent) deletes the domain, and with it every mail account of the domain (mailbox.org deletes
        recursively).
    type: str
    choices: [present, absent]
    default: present
  account:
    description:
      - The mailbox.org business account (customer) the domain belongs to.
      - Defaults to O(api_username), which is right when the API login is the business account's own login. A
        reseller or admin login must set it.
    type: str
  password:
    description:
      - Password of the domain's own login (auth level C(domain)).
      - Required when the domain is added. mailbox.org never returns it, so it cannot be compared; see
        O(update_password).
    type: str
  update_password:
    description:
      - V(on_create) sends O(password) only when the domain is added, so a second run reports no change.
      - V(always) sends it on every run. mailbox.org never returns a password, so it cannot be compared, and the
        task then costs a C(domain.set) and reports a change every time a password is given. Use it to rotate
        the password.
    type: str
    choices: [always, on_create]
    default: on_create
  memo:
    description:
      - A free text note kept with the domain. V("") removes it.
    type: str
  context_id:
    description:
      - Put the domain into this existing context of the account. Domains in one context share calendars and
        address books.
      - The ids are returned by M(hosting.provision.mailbox_domain_info) and in C(context_id).
      - When neither this nor O(share_context_with) is set, a new domain gets a context of its own and an
        existing domain keeps its context.
    type: str
  share_context_with:
    description:
      - Put the domain into the context of this other domain of the same account (the natural way to say
        O(context_id)).
    type: str
  wait_for_verification:
    description:
      - When mailbox.org asks for the ownership TXT record, try adding the domain again every 10 seconds for
        up to this many seconds before failing. Use it right after publishing the record, while DNS catches up.
      - V(0) fails at the first refusal.
    type: int
    default: 0
notes:
  - Moving an existing domain into a context of its own (C(create_new_context_id) of C(domain.set)) is not
    offered, because the API cannot be asked whether a move is needed without making it.
seealso:
  - module: hosting.provision.mailbox_domain_info
  - module: hosting.provision.mailbox_account
'''

EXAMPLES = r'''
- name: Connection set once for every mailbox.org task of the play
  module_defaults:
    group/hosting.provision.mailbox_org:
      api_username: "{{ mailbox_org_login }}"
      api_password: "{{ vault_mailbox_org_password }}"
  block:
    # The whole ownership round trip: try, publish the TXT record mailbox.org asks for, try again.
    - name: Add the domain
      hosting.provision.mailbox_domain:
        domain: example.com
        password: "{{ vault_domain_password }}"
        update_password: on_create
        memo: Sales team
      register: mailbox_domain
      failed_when: mailbox_domain.failed and mailbox_domain.verification is not defined

    # Here publish the record with your DNS provider's module (it is not part of this collection), for
    # example with the community.dns collection:
    #
    # - name: Publish the ownership record
    #   community.dns.hetzner_dns_record_set:
    #     zone_name: example.com
    #     record: "{{ mailbox_domain.verification.host }}"
    #     type: TXT
    #     value: "{{ mailbox_domain.verification.txt }}"
    #     state: present
    #   when: mailbox_domain.verification is defined

    - name: Add the domain again, waiting up to 10 minutes for the record to be visible
      hosting.provision.mailbox_domain:
        domain: example.com
        password: "{{ vault_domain_password }}"
        update_password: on_create
        memo: Sales team
        wait_for_verification: 600
      when: mailbox_domain.verification is defined

- name: A second domain that shares calendars and address books with the first
  hosting.provision.mailbox_domain:
    api_username: "{{ mailbox_org_login }}"
    api_password: "{{ vault_mailbox_org_password }}"
    domain: example.org
    password: "{{ vault_domain_password }}"
    update_password: on_create
    share_context_with: example.com

- name: A reseller manages a customer's domain
  hosting.provision.mailbox_domain:
    api_username: reseller-login
    api_password: "{{ vault_reseller_password }}"
    account: customer-account
    domain: customer.example
    memo: Managed by reseller

- name: Delete a domain and all its mail accounts
  hosting.provision.mailbox_domain:
    api_username: "{{ mailbox_org_login }}"
    api_password: "{{ vault_mailbox_org_password }}"
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
domain:
  description:
    - The domain as mailbox.org holds it after the task (predicted in check mode); empty when absent.
    - The password is never returned. C(context_id) is unknown (left out) in check mode for an add without
      O(context_id) or O(share_context_with), because mailbox.org picks it; a real add reads it back.
  returned: always
  type: dict
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
      returned: when the domain exists after the task (predicted in check mode)
  sample:
    domain: example.com
    memo: Sales team
    context_id: "1001"
    count_mails: 3
verification:
  description:
    - The DNS TXT record mailbox.org wants before it adds the domain; create a TXT record RV(verification.txt)
      at RV(verification.host) and run the task again.
    - Only returned with a failure of the add (error 218), never in check mode.
  returned: when mailbox.org asks for the ownership record
  type: dict
  contains:
    host:
      description: The full name of the record, a subdomain of the domain.
      type: str
      sample: 5adc6e5a00bfa3f9fe1b1e14c73e03ad651b601c.example.com
    txt:
      description: The value of the TXT record.
      type: str
      sample: 9dd07dc055aee1b63eb55f3e2874d5f253b3f643
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import mailbox_org
from ansible_collections.hosting.provision.plugins.module_utils.mailbox_org_resources import Domain


def arguments():
    return dict(
        argument_spec=mailbox_org.argument_spec(
            domain=dict(type='str', required=True),
            state=dict(type='str', default='present', choices=['present', 'absent']),
            account=dict(type='str'),
            password=dict(type='str', no_log=True),
            update_password=engine.update_password_option(comparable=False),
            memo=dict(type='str'),
            context_id=dict(type='str'),
            share_context_with=dict(type='str'),
            wait_for_verification=dict(type='int', default=0),
        ),
        mutually_exclusive=[('context_id', 'share_context_with')],
        supports_check_mode=True,
    )


def run(module):
    if module.params['wait_for_verification'] < 0:
        module.fail_json(msg='wait_for_verification must be 0 or a number of seconds, not %d'
                         % module.params['wait_for_verification'])
    connection = mailbox_org.MailboxOrgConnection.from_module(module)
    engine.run(module, connection, Domain)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
