#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_mail_users
short_description: Manage many ISPConfig 3 mailboxes in one task
version_added: 0.1.0
description:
  - Converge a whole list of mailboxes through the ISPConfig 3 remote JSON API in one task, with the options of
    M(hosting.provision.ispconfig_mail_user) for each one.
  - One login, one C(mail_user_get) per mail domain named in O(users), then only the writes needed, in list
    order, then one logout. A run with nothing to change makes three requests for any number of mailboxes of
    one domain (one more per further domain, one per distinct O(users[].client), one C(mail_domain_get) per
    domain in which a mailbox is created, and one C(client_get_by_groupid) per client's domain in which a mailbox
    without O(users[].client) is created).
  - Every item is checked before the first request, and everything is read and planned before the first write,
    so bad input or a missing domain fails with nothing written. Every password the task sends is checked against
    the panel's password rule before the first write too (one C(system_config_get) to read the rule; without the
    C(Server functions) group the remote user may not read it, and ISPConfig's stock rule is checked instead).
  - If a write fails all the same, the task fails with C(changed=true) when anything was written; the error
    names the mailbox and every mailbox already written, and the result lists them in RV(created),
    RV(updated) and RV(deleted).
  - Each mailbox is created as M(hosting.provision.ispconfig_mail_user) creates it, with the panel's defaults
    and quota units; its notes on O(users[].imap), O(users[].deliver) and the panel's hidden form tabs apply,
    and each of those warnings is given once per task, not once per mailbox.
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
    details:
      - C(before) and C(after) map the address of each mailbox that changes to its state; unchanged mailboxes are
        left out.
      - Passwords are shown as C(<hidden>), or C(<hidden, changed>) when they will be changed.
  action_group:
    membership:
      - hosting.provision.ispconfig
options:
  users:
    description:
      - The mailboxes, each with the options of M(hosting.provision.ispconfig_mail_user). An address may appear
        only once.
    type: list
    elements: dict
    required: true
    suboptions:
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
        choices:
          - present
          - absent
        default: present
      password:
        description:
          - Password of the mailbox; required when the mailbox is created (the panel saves none without). The panel's
            password rule applies (by default at least 8 characters of strength "Good"); every password the task
            sends is checked against it before the first write, so a weak one fails the whole list with nothing
            written.
          - Compared locally with the stored crypt hash, so O(users[].update_password=always) stays idempotent.
        type: str
      update_password:
        description:
          - V(always) sets O(users[].password) whenever it differs from the stored one, V(on_create) only when the
            mailbox is created.
          - Defaults to the task's O(update_password).
        type: str
        choices: [always, on_create]
      client:
        description:
          - Username of the ISPConfig client that owns the mailbox, so the client sees it in the panel. A new mailbox
            belongs to the owner of its mail domain, as the panel makes it; unset, that owner is looked up; another
            client is refused.
        type: str
      login:
        description:
          - Login name for IMAP/POP3/SMTP. Defaults to O(users[].email) when the mailbox is created.
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
          - A number without a unit may be at most V(1048576) (1 TiB); a larger one is refused, because it is most
            likely a byte count (V(1073741824) would make a 1 PiB quota); give a larger size with its unit.
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
          - Mail is delivered into the mailbox (V(false) only forwards it to O(users[].cc)). Default V(true) when created.
        type: bool
      greylisting:
        description:
          - Greylisting for incoming mail.
        type: bool
      forward_in_lda:
        description:
          - Forward (O(users[].cc)) in the LDA instead of in Postfix.
        type: bool
      autoresponder:
        description:
          - Answer incoming mail automatically with O(users[].autoresponder_subject) and O(users[].autoresponder_text).
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
        choices:
          - y
          - a
          - n
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
        choices:
          - none
          - daily
          - weekly
          - monthly
      backup_copies:
        description:
          - How many backups are kept. V(1) when the mailbox is created.
        type: int
  update_password:
    description:
      - V(always) sets each mailbox's O(users[].password) whenever it differs from the stored one (compared
        locally with the stored crypt hash, so this stays idempotent).
      - V(on_create) sets it only when the mailbox is created.
      - The default of every item's O(users[].update_password). V(always) is the default because the comparison
        costs no request, only a hash check per mailbox.
    type: str
    choices: [always, on_create]
    default: always
  purge:
    description:
      - Also delete every mailbox that no item of O(users) names, but only on the mail domains that at least one
        item names (with either O(users[].state)). Mailboxes of any other domain are never read or deleted, so
        a domain whose mailboxes should all go needs at least one item with O(users[].state=absent).
      - Only mailboxes (C(mail_user) rows) are deleted; their aliases and forwards stay, as with
        M(hosting.provision.ispconfig_mail_user).
    type: bool
    default: false
seealso:
  - module: hosting.provision.ispconfig_mail_user
  - module: hosting.provision.ispconfig_mail_domain
  - module: hosting.provision.ispconfig_mail_user_info
'''

EXAMPLES = r'''
- name: The mailboxes of a customer, with the password set only when a mailbox is created
  hosting.provision.ispconfig_mail_users:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    update_password: on_create
    users:
      - email: alice@example.com
        name: Alice Example
        password: "{{ vault_passwords['alice'] }}"
        quota: 2 GiB
        client: acme
      - email: bob@example.com
        password: "{{ vault_passwords['bob'] }}"
        quota: 500 MB
        client: acme
        pop3: false
      - email: mallory@example.com
        state: absent

- name: Exactly these mailboxes on example.com and example.org; delete the others of these two domains
  hosting.provision.ispconfig_mail_users:
    purge: true
    users: "{{ mailboxes | map('combine', {'quota': '1 GiB'}) }}"
'''

RETURN = r'''
created:
  description: Addresses of the mailboxes created (in check mode, that would be created), in list order.
  returned: always
  type: list
  elements: str
  sample: [alice@example.com]
updated:
  description: Addresses of the mailboxes updated (in check mode, that would be updated).
  returned: always
  type: list
  elements: str
  sample: [bob@example.com]
deleted:
  description: Addresses of the mailboxes deleted (O(users[].state=absent) or O(purge)).
  returned: always
  type: list
  elements: str
  sample: [mallory@example.com]
may_have_been:
  description:
    - The mailbox whose write failed after it was sent (its answer was lost, and a re-read failed too, for example
      because the server died, or showed part of the write), under what it may have been (C(created), C(updated)
      or C(deleted)). Check it before running again.
  returned: when the task failed that way
  type: dict
  sample: {created: [alice@example.com]}
  contains:
    created:
      description: The item, when its create failed that way.
      returned: for a create
      type: list
      elements: str
    updated:
      description: The item, when its update failed that way.
      returned: for an update
      type: list
      elements: str
    deleted:
      description: The item, when its delete failed that way.
      returned: for a delete
      type: list
      elements: str
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_resources import MailUser, mail_user_options


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(**engine.bulk_argument_spec('users', mail_user_options())),
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run_bulk(module, connection, MailUser, 'users')


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
