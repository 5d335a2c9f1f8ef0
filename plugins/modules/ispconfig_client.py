#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

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
  - A new client gets what the panel's own "new client" form gives it for everything the task leaves out, that is the
    panel's limits (unlimited for most, none for cron jobs, shell and WebDAV users, spam filter settings, mail
    routing and virtual machines; see O(limits)), its PHP and SSH choices, theme and web address field, and
    the mail, web, DNS and database server the panel would assign (its configured default server, else the
    first server of each kind). Those are sent once, on create, and never compared, so changes made later in
    the panel stay.
  - Finding the servers needs the C(Server functions) group for the remote user; without it the new client gets
    server 1 for each kind, with a warning.
  - ISPConfig's C(client_update) switches on everything the client owns on every call (websites, mail domains,
    mailboxes, aliases and forwards, databases, shell users, cron jobs, FTP users, ...), also what was switched off on
    purpose. Before a C(client_update) this module reads the client's websites, mail domains, mailboxes, aliases and
    forwards, databases, shell users, FTP users and cron jobs, and afterwards switches off again, with each object's
    own update function, those that were off (see RV(restored)). That needs the remote user's function groups of
    those objects. A change of O(additional_templates) alone does not need a C(client_update).
notes:
  - A database in strict C(sql_mode) (the default of MariaDB and MySQL) makes ISPConfig answer any write that
    leaves an enum or integer column empty with an empty HTTP 500, which this module reports as a database error.
    This module sends the panel's complete client record, so C(client_add) works under strict mode; ISPConfig's
    setup guides still configure C(NO_ENGINE_SUBSTITUTION). The collection's ISPConfig guide
    (C(docs/ispconfig.md), Troubleshooting) has the details.
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
      - V(always) is the default because ISPConfig stores a crypt hash the module compares locally; it costs no
        request and keeps a second run at C(changed=false).
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
      - Two-letter panel language. Defaults to V(en) when created, as in the panel (the API fails without one).
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
    aliases: [postal_code]
  city:
    description:
      - City.
    type: str
  telephone:
    description:
      - Telephone number.
    type: str
    aliases: [phone]
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
      - PHP modes the client may choose. Defaults to all modes when created, as in the panel.
    type: list
    elements: str
  ssh_chroot:
    description:
      - SSH chroot modes the client may choose. Defaults to all modes when created.
    type: list
    elements: str
  template:
    description:
      - The master limit template (System > Client templates), by its name as the panel lists it; V(Custom) for none.
      - While the client has a master template, ISPConfig sets its limits, PHP modes and SSH chroot modes from the
        templates on every change, so O(limits), O(web_php_options) and O(ssh_chroot) are refused for it (leave them
        out, or set V(Custom)).
      - Reading the templates needs the C(Server functions) group for the remote user.
    type: str
    version_added: 0.3.0
  additional_templates:
    description:
      - The additional limit templates of the client, by their names as the panel lists them. Each adds its limits
        to those of the master template (a limit of V(-1) makes it unlimited), and a template named twice adds twice,
        so the client gets each one exactly as often as the list names it. V([]) removes them all.
      - ISPConfig applies additional templates only to a client with a master template (O(template)).
    type: list
    elements: str
    version_added: 0.3.0
  limits:
    description:
      - "Panel limits as C(limit_*) field -> value, for example C(limit_mailbox: 10). Only the limits given are
        compared and set."
      - "Counts (C(limit_mailbox), C(limit_maildomain), ...): V(-1) for unlimited, or 0 to 2147483647 (the
        largest number their database column holds)."
      - "Quotas (C(limit_mailquota), C(limit_web_quota), C(limit_database_quota), C(limit_traffic_quota)): MB as
        the panel shows them, 1 MB = 1024 x 1024 bytes, or a size with a unit such as V(10 GiB) (a whole number
        of MB); V(-1) or V(unlimited) for unlimited. A number without a unit may be at most V(1048576) (1 TiB): a
        larger one is most likely a byte count and is refused; give a larger quota with its unit."
      - "Checkboxes (C(limit_cgi), C(limit_ssl), C(force_suexec), ...): V(true) or V(false); C(limit_cron_type):
        V(url), V(chrooted) or V(full)."
      - "A value the panel could not save is refused before anything is sent. A limit the task leaves out gets,
        when the client is created, the value the panel's form gives a new client: V(-1) (unlimited) for most,
        V(0) (none) for C(limit_client), C(limit_cron), C(limit_mailrouting), C(limit_mail_wblist),
        C(limit_spamfilter_wblist), C(limit_spamfilter_user), C(limit_spamfilter_policy), C(limit_shell_user),
        C(limit_webdav_user) and C(limit_openvz_vm); C(limit_cron_frequency=5) and C(limit_cron_type=url); the
        checkboxes ticked for C(limit_mail_backup), C(limit_backup) and C(force_suexec), the others not."
    type: dict
'''

EXAMPLES = r'''
- name: A customer who may have two mail domains and ten mailboxes sharing 20 GB
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
      limit_mailquota: 20 GiB   # the panel shows 20480 (MB)

- name: A customer on the panel's "Basic" limit template with the "Extra sites" template added twice
  hosting.provision.ispconfig_client:
    username: acme
    template: Basic
    additional_templates: [Extra sites, Extra sites]

- name: Remove a customer record (its domains and mailboxes must be removed separately)
  hosting.provision.ispconfig_client:
    username: former-customer
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
client:
  description:
    - The client as ISPConfig holds it after the task (predicted in check mode); empty when absent.
    - Password hashes and the SSH key the panel keeps for the client are never returned.
  returned: always
  type: dict
  contains:
    client_id:
      description: Id of the client in the panel.
      type: int
      returned: when the client exists after the task (not in check mode for a new one)
    username:
      description: Panel login of the client.
      type: str
    contact_name:
      description: Contact person.
      type: str
    company_name:
      description: Company.
      type: str
    email:
      description: Contact address.
      type: str
    customer_no:
      description: Customer number.
      type: str
    language:
      description: Two-letter panel language.
      type: str
    country:
      description: Two-letter country code.
      type: str
    street:
      description: Street address.
      type: str
    zip:
      description: Postal code.
      type: str
    city:
      description: City.
      type: str
    telephone:
      description: Telephone number.
      type: str
    notes:
      description: Free text notes.
      type: str
    locked:
      description: Whether the client's panel login and websites are locked.
      type: bool
    canceled:
      description: Whether the client is marked as cancelled.
      type: bool
    web_php_options:
      description: PHP modes the client may choose.
      type: list
      elements: str
    ssh_chroot:
      description: SSH chroot modes the client may choose.
      type: list
      elements: str
    limits:
      description: The limits O(limits) names (C(limit_*) field -> value, as text), as the panel holds them.
      type: dict
      returned: when O(limits) is set
    template:
      description: The master limit template's name, V(Custom) for none.
      type: str
      returned: when O(template) is set
    additional_templates:
      description: The names of the additional limit templates, one per assignment, sorted.
      type: list
      elements: str
      returned: when O(additional_templates) is set
  sample:
    username: acme
    contact_name: Jane Doe
    company_name: ACME Ltd
    email: jane@acme.example
    language: en
    locked: false
    canceled: false
    web_php_options: [no, fast-cgi, cgi, mod, suphp, php-fpm, hhvm]
    ssh_chroot: [no, jailkit, ssh-chroot]
    limits:
      limit_mailbox: "10"
    client_id: 2
restored:
  description:
    - The client's objects that were switched off and that ISPConfig's C(client_update) switched on, which the task
      switched off again (predicted in check mode), e.g. C(website example.net) or C(mailbox alice@example.com).
  returned: always
  type: list
  elements: str
  sample: [website example.net]
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_resources import Client


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(
            username=dict(type='str', required=True),
            state=dict(type='str', default='present', choices=['present', 'absent']),
            password=dict(type='str', no_log=True),
            update_password=engine.update_password_option(comparable=True),
            contact_name=dict(type='str'),
            company_name=dict(type='str'),
            email=dict(type='str'),
            customer_no=dict(type='str'),
            language=dict(type='str'),
            country=dict(type='str'),
            street=dict(type='str'),
            zip=dict(type='str', aliases=['postal_code']),
            city=dict(type='str'),
            telephone=dict(type='str', aliases=['phone']),
            notes=dict(type='str'),
            locked=dict(type='bool'),
            canceled=dict(type='bool'),
            web_php_options=dict(type='list', elements='str'),
            ssh_chroot=dict(type='list', elements='str'),
            limits=dict(type='dict'),
            template=dict(type='str'),
            additional_templates=dict(type='list', elements='str'),
        ),
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run(module, connection, Client)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
