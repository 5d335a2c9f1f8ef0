#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_client
short_description: Manage clients (customers) in ISPConfig 3
version_added: 0.1.0
description:
  - Create, update and delete an ISPConfig client, the customer record that domains and mailboxes belong to.
  - The client is found by its username; numeric ids are never needed.
  - Reseller hierarchies are not managed by this module; clients are created under the admin.
notes:
  - ISPConfig cannot create a client when its database runs in strict C(sql_mode), the default of MariaDB and
    MySQL; the panel then answers C(client_add) with an empty HTTP 500, which this module reports as a database
    error. Set C(sql_mode) to C(NO_ENGINE_SUBSTITUTION), as ISPConfig's setup guides do, and run the task
    again. The collection's ISPConfig guide (C(docs/ispconfig.md), Troubleshooting) has the details.
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
    details: The password is shown as C(<hidden>), or C(<hidden, changed>) when it will be changed.
  action_group:
    membership:
      - hosting.provision.ispconfig
options:
  username:
    description:
      - Panel login of the client; letters, digits, C(.), C(_) and C(-), not C(web) or C(web<number>).
    type: str
    required: true
  state:
    description:
      - V(absent) deletes the client and its panel login, but not its domains and mailboxes.
    type: str
    choices: [present, absent]
    default: present
  password:
    description:
      - Panel password of the client. Compared with the stored hash, so O(update_password=always) stays idempotent.
    type: str
  update_password:
    description:
      - V(always) sets O(password) whenever it differs from the stored one; V(on_create) only on creation.
    type: str
    choices: [always, on_create]
    default: always
  contact_name:
    description:
      - Contact person. Required when the client is created.
    type: str
  company_name:
    description:
      - Company.
    type: str
  email:
    description:
      - Contact address. Required when the client is created.
    type: str
  customer_no:
    description:
      - Customer number; unique in the panel.
    type: str
  language:
    description:
      - Two-letter panel language. Defaults to V(en) when created (the API fails without one).
    type: str
  country:
    description:
      - Two-letter country code.
    type: str
  street:
    description:
      - Street address.
    type: str
  zip:
    description:
      - Postal code.
    type: str
  city:
    description:
      - City.
    type: str
  telephone:
    description:
      - Telephone number.
    type: str
  notes:
    description:
      - Free text notes.
    type: str
  locked:
    description:
      - Lock the client's panel login and websites.
    type: bool
  canceled:
    description:
      - Mark the client as cancelled (disables its panel login).
    type: bool
  web_php_options:
    description:
      - PHP modes the client may choose. Defaults to all modes when created.
    type: list
    elements: str
  ssh_chroot:
    description:
      - SSH chroot modes the client may choose. Defaults to all modes when created.
    type: list
    elements: str
  limits:
    description:
      - "Panel limits as C(limit_*) field -> value, for example C(limit_mailbox=10), C(limit_mailquota=2048)
        (MB), V(-1) for unlimited. Only the limits given are compared and set."
      - The API stores V(0) (none allowed) for every limit not sent on creation, so give every limit the
        client needs.
    type: dict
'''

EXAMPLES = r'''
- name: A customer who may have ten mailboxes of at most 2 GB each
  hosting.provision.ispconfig_client:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    username: acme
    password: "{{ vault_acme_panel_password }}"
    contact_name: Jane Doe
    company_name: ACME Ltd
    email: jane@acme.example
    limits:
      limit_maildomain: 2
      limit_mailbox: 10
      limit_mailquota: 2048

- name: Remove a customer record (its domains and mailboxes must be removed separately)
  hosting.provision.ispconfig_client:
    username: former-customer
    state: absent
'''

RETURN = r'''
client:
  description:
    - The client as ISPConfig holds it after the task (predicted in check mode); empty when absent.
    - Password hashes and the SSH key the panel keeps for the client are never returned.
  returned: always
  type: dict
  sample:
    username: acme
    contact_name: Jane Doe
    company_name: ACME Ltd
    email: jane@acme.example
    language: en
    locked: false
    canceled: false
    web_php_options: [no, fast-cgi, cgi, mod, suphp, php-fpm]
    ssh_chroot: [no, jailkit, ssh-chroot]
    limits:
      limit_mailbox: "10"
    client_id: 2
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_resources import Client


def main():
    module = AnsibleModule(
        argument_spec=ispconfig.argument_spec(
            username=dict(type='str', required=True),
            state=dict(type='str', default='present', choices=['present', 'absent']),
            password=dict(type='str', no_log=True),
            update_password=engine.update_password_option(),
            contact_name=dict(type='str'),
            company_name=dict(type='str'),
            email=dict(type='str'),
            customer_no=dict(type='str'),
            language=dict(type='str'),
            country=dict(type='str'),
            street=dict(type='str'),
            zip=dict(type='str'),
            city=dict(type='str'),
            telephone=dict(type='str'),
            notes=dict(type='str'),
            locked=dict(type='bool'),
            canceled=dict(type='bool'),
            web_php_options=dict(type='list', elements='str'),
            ssh_chroot=dict(type='list', elements='str'),
            limits=dict(type='dict'),
        ),
        supports_check_mode=True,
    )
    client = ispconfig.IspconfigClient.from_module(module)
    engine.run(module, client, Client)


if __name__ == '__main__':
    main()
