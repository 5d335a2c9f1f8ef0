#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: mailbox_accounts
short_description: Manage many mailbox.org mail accounts in one task
version_added: 0.1.0
description:
  - Converge a whole list of mail accounts through the mailbox.org API in one task, with the options of
    M(hosting.provision.mailbox_account) for each one.
  - One C(auth), one detailed C(mail.list) per domain named in O(accounts), then only the writes needed, in list
    order, then one C(deauth). A run with nothing to change makes three requests for any number of accounts of
    one domain (one more per further domain); an item with O(accounts[].vacation) or
    O(accounts[].spam_protection) adds one read for each of them.
  - Every item is checked before the first request, and everything is read and planned before the first write,
    so bad input or a missing domain fails with nothing written. If a write fails, the task fails with
    C(changed=true) when anything was written; the error names the account and every account already written,
    and the result lists them in RV(created), RV(updated) and RV(deleted).
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
    details:
      - C(before) and C(after) map the address of each account that changes to its state; unchanged accounts are
        left out.
      - Passwords and hashes are shown as C(<hidden>), or C(<hidden, changed>) when they will be set.
  action_group:
    membership:
      - hosting.provision.mailbox_org
options:
  accounts:
    description:
      - The mail accounts, each with the options of M(hosting.provision.mailbox_account). An address may appear
        only once.
    type: list
    elements: dict
    required: true
    suboptions:
      mail:
        description:
          - Address of the mail account. Compared lowercase, with the domain in punycode.
        type: str
        required: true
        aliases:
          - email
      state:
        description:
          - V(absent) deletes the mail account.
        type: str
        choices:
          - present
          - absent
        default: present
      password:
        description:
          - Password of the mail account. This or O(accounts[].password_hash) is required when the account is created.
          - mailbox.org never returns it, so it cannot be compared; see O(accounts[].update_password).
        type: str
      update_password:
        description:
          - V(always) sends O(accounts[].password) or O(accounts[].password_hash) on every run (and reports a
            change), V(on_create) only when the account is created.
          - Defaults to the task's O(update_password).
        type: str
        choices: [always, on_create]
      password_hash:
        description:
          - A password hash to store instead of O(accounts[].password) (write-only, never compared).
        type: str
      plan:
        description:
          - The mail plan. Required when the account is created. Compared case-insensitively.
        type: str
        choices:
          - light
          - standard
          - premium
      first_name:
        description:
          - First name of the owner. Required when the account is created.
        type: str
      last_name:
        description:
          - Last name of the owner. Required when the account is created.
        type: str
      inboxsave:
        description:
          - Keep incoming mail in the mailbox. With V(false) mail is only forwarded, so O(accounts[].forwards) must not
            be empty. V(true) when the account is created.
        type: bool
      forwards:
        description:
          - Addresses every incoming mail is forwarded to, in this order. V([]) removes them (the default when the account
            is created).
        type: list
        elements: str
      aliases:
        description:
          - Further addresses of the account, in this order; each must be on a domain of the same business account. V([])
            removes them.
        type: list
        elements: str
      active:
        description:
          - V(false) deactivates the account without deleting it.
        type: bool
      alternate_mail:
        description:
          - Alternative address of the owner, for example for password resets.
        type: str
      require_reset_password:
        description:
          - The owner must set a new password at the next login.
        type: bool
      same_password_disallowed:
        description:
          - mailbox.org refuses a new password equal to the current one. With this set, use O(update_password=on_create),
            or a run that sends the same password again fails.
        type: bool
      additional_mail_quota:
        description:
          - Extra mail storage booked on top of the plan, as the bare number the API takes (sent as a string,
            for example V(5)), a count of mailbox.org's storage units, not bytes and not a size with a unit.
            The API documentation names no unit; the number means what mailbox.org's own booking form means by
            it. From 0 to 9223372036854775807.
          - mailbox.org wants the plan in the same call, so the module sends the current O(accounts[].plan) along.
        type: int
      additional_cloud_quota:
        description:
          - Extra cloud storage booked on top of the plan, a count as for O(accounts[].additional_mail_quota).
        type: int
      memo:
        description:
          - A free text note.
        type: str
      allow_nets:
        description:
          - Networks the account may log in from, as the API takes them (a string, for example comma separated CIDRs).
        type: str
      language:
        description:
          - Language of the account, for example V(de_DE) or V(en_US).
        type: str
      title:
        description:
          - Title of the owner.
        type: str
      birthday:
        description:
          - Birthday of the owner, as the API takes it.
        type: str
      position:
        description:
          - Position of the owner.
        type: str
      department:
        description:
          - Department of the owner.
        type: str
      company:
        description:
          - Company of the owner.
        type: str
      street:
        description:
          - Street of the owner's address.
        type: str
      postal_code:
        description:
          - Postal code of the owner's address.
        type: str
      city:
        description:
          - City of the owner's address.
        type: str
      phone:
        description:
          - Phone number.
        type: str
      fax:
        description:
          - Fax number.
        type: str
      cell_phone:
        description:
          - Mobile phone number.
        type: str
        aliases: [mobile]
      uid_extern:
        description:
          - An external id of the account (for example of a directory).
        type: str
      catchall:
        description:
          - Make the account the catch-all of its domain. Only sent when the account is created; mailbox.org does not
            return it, so it is never compared.
        type: bool
      create_own_context:
        description:
          - Give the account a context of its own. Only sent when the account is created, never compared.
        type: bool
      skip_welcome_mail:
        description:
          - Do not send the welcome mail. Only sent when the account is created, never compared.
        type: bool
      vacation:
        description:
          - The out-of-office notice, compared with what C(mail.vacation.get) answers; read only when this option is
            given (one more request). Left alone when not given.
          - mailbox.org sends the notice from O(accounts[].vacation.start_date) to
            O(accounts[].vacation.end_date). Further addresses the notice also answers for, set elsewhere, are
            kept.
        type: dict
        version_added: 0.2.0
        suboptions:
          state:
            description:
              - V(absent) deletes the notice; it then takes no other key.
            type: str
            choices: [present, absent]
            default: present
          subject:
            description:
              - Subject of the notice, one line. Required unless C(state) is V(absent).
            type: str
          body:
            description:
              - Text of the notice. Empty when not given.
            type: str
          start_date:
            description:
              - First day, as V(YYYY-MM-DD). Required unless C(state) is V(absent).
            type: str
          end_date:
            description:
              - Last day, as V(YYYY-MM-DD), not before the first. Required unless C(state) is V(absent).
            type: str
      spam_protection:
        description:
          - Spam protection settings, compared key by key with what C(mail.spamprotect.get) answers; read only when
            this option is given (one more request). Keys left out keep their current value, and so does everything
            when the option is not given.
          - mailbox.org takes every setting in one call, so a change sends the ones left out as they are (for a new
            account, as mailbox.org set them, read first unless all are given).
        type: dict
        version_added: 0.2.0
        suboptions:
          greylisting:
            description: Delay mail from unknown senders (greylisting).
            type: bool
          rbl:
            description: Refuse mail from servers on realtime blocklists (RBL).
            type: bool
          smtp_plausibility:
            description: Refuse mail whose SMTP dialogue is implausible.
            type: bool
          bypass_banned_checks:
            description: Accept attachments of banned types.
            type: bool
          spam_score:
            description:
              - Spam score from which mail counts as spam (mailbox.org's C(tag2level)), with at most one decimal, for
                example V(5.5).
            type: float
          kill_level:
            description:
              - What happens to spam (mailbox.org's C(killevel)) - V(reject) refuses it, V(route) files it in
                C(folder).
            type: str
            choices: [reject, route]
          folder:
            description:
              - The folder spam is filed in with C(kill_level=route), for example V(Junk).
            type: str
      capabilities:
        description:
          - Capabilities of the mailbox, each name set to V(on) or V(off). Names -
            C(MAIL_SPAMPROTECTION), C(MAIL_OTP), C(MAIL_BLACKLIST), C(MAIL_BACKUPRECOVER), C(MAIL_PASSWORDRESET_SMS).
          - Compared key by key with the enabled ones C(mail.get) lists (no extra request); names left out keep their
            state, and so does everything when the option is not given. Only the names that differ are sent.
          - C(inherit) is refused - a mailbox shows only whether a capability is enabled, so it could never compare
            equal. Set the account's capabilities with M(hosting.provision.mailbox_customer).
        type: dict
        version_added: 0.2.0
  update_password:
    description:
      - V(on_create) sends each account's O(accounts[].password) or O(accounts[].password_hash) only when the
        account is created, so a second run reports no change.
      - V(always) sends them on every run. mailbox.org never returns passwords, so they cannot be compared, and
        every account with one costs a C(mail.set) and is reported as updated on every run.
      - The default of every item's O(accounts[].update_password).
    type: str
    choices: [always, on_create]
    default: on_create
  purge:
    description:
      - Also delete every mail account that no item of O(accounts) names, but only on the domains that at least
        one item names (with either O(accounts[].state)). Accounts of any other domain are never read or
        deleted, so a domain whose accounts should all go needs at least one item with
        O(accounts[].state=absent).
      - Deleting a mail account deletes its mailbox, its aliases and its forwards at mailbox.org.
    type: bool
    default: false
seealso:
  - module: hosting.provision.mailbox_account
  - module: hosting.provision.mailbox_domain
  - module: hosting.provision.mailbox_account_info
'''

EXAMPLES = r'''
- name: The staff mailboxes; passwords only on creation
  hosting.provision.mailbox_accounts:
    api_username: "{{ mailbox_org_login }}"
    api_password: "{{ vault_mailbox_org_password }}"
    update_password: on_create
    accounts:
      - mail: alice@example.com
        password: "{{ vault_passwords['alice'] }}"
        plan: standard
        first_name: Alice
        last_name: Example
        aliases: [info@example.com]
      - mail: bob@example.com
        password: "{{ vault_passwords['bob'] }}"
        plan: light
        first_name: Bob
        last_name: Example
      - mail: mallory@example.com
        state: absent

- name: Exactly the accounts of the HR list on example.com; delete the others of example.com
  hosting.provision.mailbox_accounts:
    purge: true
    update_password: on_create
    accounts: "{{ staff }}"
'''

RETURN = r'''
created:
  description: Addresses of the accounts created (in check mode, that would be created), in list order.
  returned: always
  type: list
  elements: str
  sample: [alice@example.com]
updated:
  description: Addresses of the accounts updated (in check mode, that would be updated).
  returned: always
  type: list
  elements: str
  sample: [bob@example.com]
deleted:
  description: Addresses of the accounts deleted (O(accounts[].state=absent) or O(purge)).
  returned: always
  type: list
  elements: str
  sample: [mallory@example.com]
may_have_been:
  description:
    - The account whose write failed after it was sent (its answer was lost, and a re-read failed too, for example
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
from ansible_collections.hosting.provision.plugins.module_utils import mailbox_org
from ansible_collections.hosting.provision.plugins.module_utils.mailbox_org_resources import (
    MailAccount, mail_account_options)


def arguments():
    return dict(
        argument_spec=mailbox_org.argument_spec(**engine.bulk_argument_spec(
            'accounts', mail_account_options(), mutually_exclusive=[('password', 'password_hash')])),
        supports_check_mode=True,
    )


def run(module):
    connection = mailbox_org.MailboxOrgConnection.from_module(module)
    engine.run_bulk(module, connection, MailAccount, 'accounts')


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
