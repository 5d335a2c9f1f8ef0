#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_mail_user_info
short_description: List mailboxes in ISPConfig 3
version_added: 0.1.0
description:
  - Read mailboxes through the ISPConfig 3 remote JSON API, all of them, one address, or one domain's.
  - Returns the same fields as M(hosting.provision.ispconfig_mail_user) returns; never a password hash.
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.ispconfig
  - hosting.provision.attributes.actions
  - hosting.provision.attributes.info_module
attributes:
  action_group:
    membership:
      - hosting.provision.ispconfig
options:
  email:
    description:
      - Only the mailbox with this address.
    type: str
  domain:
    description:
      - Only the mailboxes of this mail domain.
    type: str
'''

EXAMPLES = r'''
- name: Mailboxes of a domain
  hosting.provision.ispconfig_mail_user_info:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    domain: example.com
  register: boxes

- name: Show their addresses and sizes
  ansible.builtin.debug:
    msg: "{{ boxes.mail_users | items2dict(key_name='email', value_name='quota') }}"
'''

RETURN = r'''
mail_users:
  description: The matching mailboxes, sorted by address; an empty list when none match.
  returned: always
  type: list
  elements: dict
  contains:
    mailuser_id:
      description: Id of the mailbox in the panel.
      type: int
    email:
      description: Address of the mailbox, lowercase, the domain in punycode.
      type: str
    login:
      description: Login name for IMAP/POP3/SMTP.
      type: str
    name:
      description: Real name of the mailbox owner.
      type: str
    quota:
      description: Mailbox size in bytes; V(0) for no limit.
      type: int
    cc:
      description: Addresses that get a copy of every incoming mail.
      type: list
      elements: str
    sender_cc:
      description: Address that gets a copy of every outgoing mail; empty for none.
      type: str
    maildir:
      description: Maildir path.
      type: str
    homedir:
      description: Home directory.
      type: str
    server_id:
      description: Mail server id.
      type: int
    receive:
      description: Whether the mailbox receives mail (ISPConfig C(postfix)).
      type: bool
    smtp:
      description: Whether the mailbox may send mail through SMTP.
      type: bool
    imap:
      description: IMAP access.
      type: bool
    pop3:
      description: POP3 access.
      type: bool
    deliver:
      description: 'Whether mail is delivered into the mailbox (V(false): only forwarded to RV(mail_users[].cc)).'
      type: bool
    greylisting:
      description: Greylisting for incoming mail.
      type: bool
    forward_in_lda:
      description: Whether the copies to RV(mail_users[].cc) are made in the LDA instead of in Postfix.
      type: bool
    autoresponder:
      description: Whether incoming mail is answered automatically.
      type: bool
    autoresponder_subject:
      description: Subject of the automatic answer.
      type: str
    autoresponder_text:
      description: Text of the automatic answer.
      type: str
    move_junk:
      description: 'Spam into the Junk folder: V(y), before the user''s filters V(a), or not V(n).'
      type: str
    purge_trash_days:
      description: Days after which the Trash folder is emptied; V(0) never.
      type: int
    purge_junk_days:
      description: Days after which the Junk folder is emptied; V(0) never.
      type: int
    backup_interval:
      description: How often the panel backs the mailbox up.
      type: str
    backup_copies:
      description: How many backups are kept.
      type: int
  sample:
    - email: alice@example.com
      login: alice@example.com
      name: Alice Example
      quota: 2147483648
      receive: true
      imap: true
      mailuser_id: 7
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_resources import list_mail_users


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(email=dict(type='str'), domain=dict(type='str')),
        mutually_exclusive=[('email', 'domain')],
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run_info(module, connection, 'mail_users', list_mail_users, ('email', 'domain'))


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
