#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_mail_user
short_description: Manage mailboxes in ISPConfig 3
version_added: 0.1.0
description:
  - Create, update and delete a mailbox (mail user) through the ISPConfig 3 remote JSON API.
  - The mailbox is found by its address; numeric ids are never needed.
  - Options left unset keep the mailbox's current value. When the mailbox is created, every field is sent
    explicitly with the defaults the panel's own form stores (spam into the Junk folder, the autoresponder
    subject C(Out of office reply), backups off ...), because the API stores empty values (mail off, no spam
    folder) for anything left out. Given the same values, the module and the panel leave the same row.
  - The mailbox's mail domain must exist, and a new mailbox needs a password and a quota, as in the panel.
notes:
  - "O(imap=false) and O(deliver=false): the panel's edit page also switches off Sieve filters
    (C(disablesieve), C(disablesieve-filter)) with IMAP and local delivery (C(disablelda), C(disablelmtp)) with
    delivery. The remote API has no field for these four columns and cannot be told to, so the module writes
    C(disableimap) / C(disabledeliver) and warns, once, when it switches them off: the mail server then still
    offers Sieve filters / local delivery until they are switched in the panel."
  - "O(move_junk), O(purge_trash_days), O(purge_junk_days) are on the panel's Mail Filter tab and
    O(autoresponder), O(autoresponder_subject), O(autoresponder_text) on its Autoresponder tab. When the panel's
    settings hide a tab (System > Interface > Main Config > Mail), ISPConfig ignores its fields without a word.
    The module reads the switches (the remote user needs the C(Server functions) group for that), leaves the
    fields of a hidden tab out and warns once, so the task stays at changed=0. Without that permission it sends
    them, reads the mailbox again after the write, reports no change for what did not take and warns."
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
  email:
    description:
      - Address of the mailbox. Stored and compared lowercase, with the domain in punycode.
      - ISPConfig rejects C(+) in the local part.
      - Its mail domain must exist (M(hosting.provision.ispconfig_mail_domain)).
    type: str
    required: true
  state:
    description:
      - V(absent) deletes the mailbox. Its aliases and forwards stay (ISPConfig does not cascade).
    type: str
    choices: [present, absent]
    default: present
  password:
    description:
      - Password of the mailbox; required when the mailbox is created (the panel saves none without). The panel's
        password rule applies (by default at least 8 characters of strength "Good").
      - Compared locally with the stored crypt hash, so O(update_password=always) stays idempotent.
    type: str
  update_password:
    description:
      - V(always) sets O(password) whenever it differs from the stored one.
      - V(on_create) sets it only when the mailbox is created.
      - V(always) is the default because ISPConfig stores a crypt hash the module compares locally; it costs no
        request (only the hash check) and keeps a second run at C(changed=false).
    type: str
    choices: [always, on_create]
    default: always
  client:
    description:
      - Username of the ISPConfig client that owns the mailbox, so the client sees it in the panel. A new
        mailbox belongs to the owner of its mail domain, as the panel makes it; unset, that owner is looked up
        (C(client_get_by_groupid), Client functions); another client is refused.
    type: str
  login:
    description:
      - Login name for IMAP/POP3/SMTP. Defaults to O(email) when the mailbox is created.
    type: str
  name:
    description:
      - Real name of the mailbox owner.
    type: str
  quota:
    description:
      - Mailbox size in MB as the panel's quota field means it (1 MB = 1024 x 1024 bytes), so V(500), V(500 MB)
        and V(500 MiB) all make a mailbox the panel shows as 500. A unit may be given, as in V(2 GiB), V(1.5 GB),
        V(2048M) (K, M, G, T count in 1024s, with or without B or iB). V(0) or V(unlimited) for no limit.
      - The panel can only show and save whole MB, so a size that is not a whole number of MB (such as
        V(1000 KiB)) is refused, and so is more than the database's column holds (8796093022207 MB), before
        anything is sent.
      - A number without a unit may be at most V(1048576) (1 TiB); a larger one is refused, because it is most likely
        a byte count (V(1073741824) would make a 1 PiB quota); give a larger size with its unit.
      - The mailbox is returned with its quota in bytes, as ISPConfig stores it.
      - Required when the mailbox is created.
    type: str
  cc:
    description:
      - Addresses that get a copy of every incoming mail. V([]) removes them.
    type: list
    elements: str
  sender_cc:
    description:
      - Address that gets a copy of every outgoing mail. V("") removes it.
    type: str
  maildir:
    description:
      - Maildir path. Defaults to C(/var/vmail/<domain>/<local part>) when the mailbox is created.
    type: str
  homedir:
    description:
      - Home directory. Defaults to C(/var/vmail) when the mailbox is created.
    type: str
  server_id:
    description:
      - Mail server id. Defaults to the server of the mail domain when the mailbox is created.
    type: int
  receive:
    description:
      - The mailbox receives mail (ISPConfig C(postfix)). Default V(true) when created.
    type: bool
  smtp:
    description:
      - The mailbox may send mail through SMTP. Default V(true) when created.
    type: bool
  imap:
    description:
      - IMAP access. Default V(true) when created. See the notes on what V(false) cannot switch.
    type: bool
  pop3:
    description:
      - POP3 access. Default V(true) when created.
    type: bool
  deliver:
    description:
      - Mail is delivered into the mailbox (V(false) only forwards it to O(cc)). Default V(true) when created.
    type: bool
  greylisting:
    description:
      - Greylisting for incoming mail.
    type: bool
  forward_in_lda:
    description:
      - Forward (O(cc)) in the LDA instead of in Postfix.
    type: bool
  autoresponder:
    description:
      - Answer incoming mail automatically with O(autoresponder_subject) and O(autoresponder_text).
    type: bool
  autoresponder_subject:
    description:
      - Subject of the automatic answer. V(Out of office reply) when the mailbox is created, as in the panel.
    type: str
  autoresponder_text:
    description:
      - Text of the automatic answer.
    type: str
  move_junk:
    description:
      - Move spam into the Junk folder (V(y)), before the user's own filters run (V(a)), or not (V(n)).
      - V(y) when the mailbox is created, as in the panel.
    type: str
    choices: ['y', 'a', 'n']
  purge_trash_days:
    description:
      - Empty the Trash folder after this many days; 0 never.
    type: int
  purge_junk_days:
    description:
      - Empty the Junk folder after this many days; 0 never.
    type: int
  backup_interval:
    description:
      - How often the panel backs the mailbox up. V(none) when the mailbox is created.
    type: str
    choices: [none, daily, weekly, monthly]
  backup_copies:
    description:
      - How many backups are kept. V(1) when the mailbox is created.
    type: int
seealso:
  - module: hosting.provision.ispconfig_mail_domain
  - module: hosting.provision.ispconfig_mail_alias
  - module: hosting.provision.ispconfig_mail_user_info
'''

EXAMPLES = r'''
- name: A mailbox of 2 GiB; the password is only set when it differs from the stored one
  hosting.provision.ispconfig_mail_user:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    email: alice@example.com
    name: Alice Example
    password: "{{ vault_alice_password }}"
    quota: 2 GiB
    client: acme

- name: Set the password only when the mailbox is new; copy incoming mail to the archive
  hosting.provision.ispconfig_mail_user:
    email: bob@example.com
    password: "{{ initial_password }}"
    update_password: on_create
    quota: 500 MB
    cc:
      - archive@example.com

- name: No POP3, IMAP only
  hosting.provision.ispconfig_mail_user:
    email: carol@example.com
    pop3: false

- name: Delete a mailbox
  hosting.provision.ispconfig_mail_user:
    email: mallory@example.com
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
mail_user:
  description:
    - The mailbox as ISPConfig holds it after the task (predicted in check mode); empty when absent.
    - The password and its hash are never returned.
  returned: always
  type: dict
  contains:
    mailuser_id:
      description: Id of the mailbox in the panel.
      type: int
      returned: when the mailbox exists after the task (not in check mode for a new one)
    email:
      description: Address of the mailbox, lowercase, the domain in punycode.
      type: str
    client:
      description: Username of the owning client.
      type: str
      returned: when O(client) is set
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
      description: 'Whether mail is delivered into the mailbox (V(false): only forwarded to RV(mail_user.cc)).'
      type: bool
    greylisting:
      description: Greylisting for incoming mail.
      type: bool
    forward_in_lda:
      description: Whether the copies to RV(mail_user.cc) are made in the LDA instead of in Postfix.
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
    email: alice@example.com
    login: alice@example.com
    name: Alice Example
    quota: 2147483648
    cc: []
    sender_cc: ""
    maildir: /var/vmail/example.com/alice
    homedir: /var/vmail
    server_id: 1
    receive: true
    smtp: true
    imap: true
    pop3: true
    deliver: true
    greylisting: false
    mailuser_id: 7
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_resources import MailUser, mail_user_options


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(**mail_user_options()),
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run(module, connection, MailUser)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
