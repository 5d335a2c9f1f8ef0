#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: mailbox_account
short_description: Manage mail accounts (mailboxes) of mailbox.org business domains
version_added: 0.1.0
description:
  - Create, update and delete a mail account (a mailbox with its aliases and forwards) through the mailbox.org
    API.
  - The mail account is found by its address and read with C(mail.get), so a run with nothing to change makes
    three requests however many accounts the domain has. mailbox.org documents no "not found" code, so when
    C(mail.get) fails, C(mail.list) of the domain decides whether the account exists (one more request when it is
    created). O(vacation) and O(spam_protection) add one read each, only when given.
  - Options left unset keep the account's current value.
  - Its domain must exist (M(hosting.provision.mailbox_domain)).
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
    details: The password and its hash are shown as C(<hidden>), or C(<hidden, changed>) when they will be set.
  action_group:
    membership:
      - hosting.provision.mailbox_org
options:
  mail:
    description:
      - Address of the mail account. Compared lowercase, with the domain in punycode.
    type: str
    required: true
    aliases: [email]
  state:
    description:
      - V(absent) deletes the mail account.
    type: str
    choices: [present, absent]
    default: present
  password:
    description:
      - Password of the mail account. This or O(password_hash) is required when the account is created.
      - mailbox.org never returns it, so it cannot be compared; see O(update_password).
    type: str
  password_hash:
    description:
      - A password hash to store instead of O(password) (write-only, never compared).
    type: str
  update_password:
    description:
      - V(on_create) sends O(password) or O(password_hash) only when the account is created, so a second run
        reports no change.
      - V(always) sends it on every run. mailbox.org never returns a password, so it cannot be compared, and the
        task then costs a C(mail.set) and reports a change every time one is given. Use it to rotate the
        password.
    type: str
    choices: [always, on_create]
    default: on_create
  plan:
    description:
      - The mail plan. Required when the account is created. Compared case-insensitively.
    type: str
    choices: [light, standard, premium]
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
      - Keep incoming mail in the mailbox. With V(false) mail is only forwarded, so O(forwards) must not be
        empty. V(true) when the account is created.
    type: bool
  forwards:
    description:
      - Addresses every incoming mail is forwarded to, in this order. V([]) removes them (the default when the
        account is created).
    type: list
    elements: str
  aliases:
    description:
      - Further addresses of the account, in this order; each must be on a domain of the same business
        account. V([]) removes them.
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
      - mailbox.org refuses a new password equal to the current one. With this set, use
        O(update_password=on_create), or a run that sends the same password again fails.
    type: bool
  additional_mail_quota:
    description:
      - Extra mail storage booked on top of the plan, as the bare number the API takes (sent as a string, for
        example V(5)), a count of mailbox.org's storage units, not bytes and not a size with a unit. The API
        documentation names no unit; the number means what mailbox.org's own booking form means by it. From 0 to
        9223372036854775807.
      - mailbox.org wants the plan in the same call, so the module sends the current O(plan) along.
    type: int
  additional_cloud_quota:
    description:
      - Extra cloud storage booked on top of the plan, a count as for O(additional_mail_quota).
    type: int
  memo:
    description:
      - A free text note.
    type: str
  allow_nets:
    description:
      - Networks the account may log in from, as the API takes them (a string, for example comma separated
        CIDRs).
    type: str
  language:
    description:
      - Language of the account, for example V(de_DE) or V(en_US).
    type: str
  title:
    description: Title of the owner.
    type: str
  birthday:
    description: Birthday of the owner, as the API takes it.
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
    aliases: [mobile]
  uid_extern:
    description: An external id of the account (for example of a directory).
    type: str
  catchall:
    description:
      - Make the account the catch-all of its domain. Only sent when the account is created; mailbox.org does
        not return it, so it is never compared.
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
      - mailbox.org sends the notice from O(vacation.start_date) to O(vacation.end_date). Further addresses the
        notice also answers for, set elsewhere, are kept.
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
notes:
  - App passwords are not managed by this module.
seealso:
  - module: hosting.provision.mailbox_domain
  - module: hosting.provision.mailbox_account_info
'''

EXAMPLES = r'''
- name: A standard mailbox with two aliases; the password only on creation
  hosting.provision.mailbox_account:
    api_username: "{{ mailbox_org_login }}"
    api_password: "{{ vault_mailbox_org_password }}"
    mail: alice@example.com
    password: "{{ vault_alice_initial_password }}"
    update_password: on_create
    require_reset_password: true
    plan: standard
    first_name: Alice
    last_name: Example
    aliases:
      - info@example.com
      - a.example@example.com

- name: Forward only, keep nothing in the mailbox
  hosting.provision.mailbox_account:
    mail: bob@example.com
    inboxsave: false
    forwards:
      - bob@elsewhere.example

- name: Out of office for two weeks, spam filed in Junk, two-factor login on
  hosting.provision.mailbox_account:
    mail: alice@example.com
    vacation:
      subject: Out of office
      body: I am back on 15 July; please write to info@example.com.
      start_date: "2026-07-01"
      end_date: "2026-07-14"
    spam_protection:
      greylisting: true
      kill_level: route
      folder: Junk
    capabilities:
      MAIL_OTP: "on"

- name: Remove the notice
  hosting.provision.mailbox_account:
    mail: alice@example.com
    vacation:
      state: absent

- name: Deactivate an account
  hosting.provision.mailbox_account:
    mail: carol@example.com
    active: false

- name: Delete an account
  hosting.provision.mailbox_account:
    mail: mallory@example.com
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
mail_account:
  description:
    - The mail account as mailbox.org holds it after the task (predicted in check mode); empty when absent.
    - Only the options this module manages; passwords and hashes are never returned. Fields that mailbox.org
      fills itself (for example C(active) of a new account) are left out of the prediction of a create.
  returned: always
  type: dict
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
    vacation:
      description: The out-of-office notice.
      returned: when the task sets it
      type: dict
      contains:
        state:
          description: V(present) or V(absent) (no notice).
          type: str
        subject:
          description: Subject of the notice.
          type: str
        body:
          description: Text of the notice.
          type: str
        start_date:
          description: First day, YYYY-MM-DD.
          type: str
        end_date:
          description: Last day, YYYY-MM-DD.
          type: str
    spam_protection:
      description:
        - The spam protection settings; in check mode and after a create only the ones the task gives.
      returned: when the task sets them
      type: dict
      contains:
        greylisting:
          description: Whether mail from unknown senders is delayed.
          type: bool
        rbl:
          description: Whether mail from servers on realtime blocklists is refused.
          type: bool
        smtp_plausibility:
          description: Whether mail with an implausible SMTP dialogue is refused.
          type: bool
        bypass_banned_checks:
          description: Whether attachments of banned types are accepted.
          type: bool
        spam_score:
          description: Spam score from which mail counts as spam.
          type: float
        kill_level:
          description: What happens to spam, V(reject) or V(route).
          type: str
        folder:
          description: The folder spam is filed in.
          type: str
    capabilities:
      description: Every capability of the mailbox, V(on) or V(off); after a create only the ones the task gives.
      returned: when the task sets them
      type: dict
  sample:
    mail: alice@example.com
    plan: standard
    first_name: Alice
    last_name: Example
    inboxsave: true
    forwards: []
    aliases: [info@example.com]
    active: true
    require_reset_password: true
    additional_mail_quota: 0
    language: de_DE
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import mailbox_org
from ansible_collections.hosting.provision.plugins.module_utils.mailbox_org_resources import (
    MailAccount, mail_account_options)


def arguments():
    return dict(
        argument_spec=mailbox_org.argument_spec(**mail_account_options()),
        mutually_exclusive=[('password', 'password_hash')],
        supports_check_mode=True,
    )


def run(module):
    connection = mailbox_org.MailboxOrgConnection.from_module(module)
    engine.run(module, connection, MailAccount)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
