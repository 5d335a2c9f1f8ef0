#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: webiface_user
short_description: Manage users of the Easy-WI web interface
version_added: 0.1.0
description:
  - Create, change and delete an Easy-WI user account (a customer of the game server panel) through the
    panel's external API (C(api.php), C(type=user)).
  - The user is found by exactly one identifier, O(identify_by). Prefer O(external_id), the key your own
    system gives the user; O(username) works too; O(local_id), Easy-WI's own number, only finds existing users.
  - Options left unset keep the user's current value. Easy-WI cannot empty a field through its API, so an
    empty string is refused.
  - Easy-WI drops every value that fails its checks without an error. The module runs the same checks first
    and fails before anything is sent, so a value the panel would not store never makes the task report
    changed forever.
  - B(Queued jobs.) A delete and a change of O(active) only queue a job that the panel's cron job
    (C(jobs.php), by default every minute) runs later; until then Easy-WI shows the old values. A task that
    queues one returns RV(pending=true).
  - Easy-WI's API cannot show its job queue. Its one sign, the C(jobPending) flag, means a job B(may) be
    queued. Every change of a user through the API cancels all its queued jobs, a delete included, and the
    flag stays set after that. Only the cron job clears it, when it completes a change of O(active). A queued
    change of O(active) is always to the opposite of the stored value.
  - So the module never trusts the flag to tell what is queued, and a queued job is never undone without a
    word. While the flag is set, the user's O(active) reads as unknown (V(null)); a task that sets O(active)
    sends it even when Easy-WI already stores that value, which replaces whatever is queued, and a task that
    would change anything else without O(active) fails, naming the change that may be queued (set O(active)
    to keep or cancel it). A delete is re-queued on every run until the cron job has removed the user. Each
    sequence of tasks therefore ends, once the cron job has run, in the state the last task declared.
  - The price of not knowing. Until the cron job has run, a re-run re-queues what it declared and reports
    changed. A user whose flag outlived a job the module's own change cancelled (after O(active) was set back
    before the cron job ran, or a delete was cancelled) keeps it until a change of O(active) completes or an
    admin saves the user in the panel. The controller remembers such a flag as left over (a file per user in
    C($XDG_CACHE_HOME/hosting.provision/), or C(~/.cache/...)), so later runs read the stored O(active) and
    report no change; the task that set O(active) to cancel what may be queued says so once, in a warning. A
    controller without that memory (another one, or an emptied cache) sends O(active) once more and then knows
    it too.
  - Out of sight are a job another client queued while the flag was already set (once the flag is known as
    left over, no task replaces it) and one queued after an admin saved the user in the panel (which clears the
    flag but keeps the queue).
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.webiface
  - hosting.provision.attributes
  - hosting.provision.attributes.actions
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
    details:
      - The password is shown as C(<hidden>), or C(<hidden, changed>) when it is sent.
  action_group:
    membership:
      - hosting.provision.webiface
options:
  external_id:
    description:
      - Your own key for the user, stored in Easy-WI's external ID. 1 to 255 characters of C(A-Z), C(a-z),
        C(0-9), C(_) and C(:) (Easy-WI stores anything else as an empty ID without an error), for example
        C(crm:4711).
      - IDs starting with C(ansible_deleted) are reserved (see O(state)).
      - Identifies the user when O(identify_by=external_id), the default when it is set and O(local_id) is not;
        otherwise it is set on the user.
    type: str
  username:
    description:
      - Login name of the user. Easy-WI compares logins case-insensitively. Easy-WI cannot rename a user, so a
        different name for an existing user is an error.
      - When the user is created without it, Easy-WI names it after its ID, for example C(user266).
      - Identifies the user when O(identify_by=username), the default when neither O(external_id) nor
        O(local_id) is set.
      - 1 to 255 of C(A-Z), C(a-z), C(0-9), C(_), C(-), C(.) and C(@), as the panel's login form takes nothing else,
        although its API stores any name. An existing account with another login can still be managed by
        O(external_id) or O(local_id), without this option.
    type: str
  local_id:
    description:
      - Easy-WI's numeric user ID. Identifies an existing user; a user cannot be created with it, because
        Easy-WI chooses the ID.
    type: int
  identify_by:
    description:
      - Which option finds the user. Defaults to O(local_id) when set, else O(external_id) when set, else
        O(username). The other two, when set, are values to give the user.
    type: str
    choices: [external_id, username, local_id]
  state:
    description:
      - V(present) creates the user or converges the given options.
      - V(absent) deletes the user. Easy-WI only queues the delete; the user stays visible until the panel's cron
        job has run, and the task returns RV(pending=true).
      - Before it queues the delete, the module replaces the user's external ID with a marker,
        C(ansible_deleted:<external ID>), or C(ansible_deleted_id:<local ID>) when it had none, so that it finds
        the user again by O(external_id) and knows it asked for the delete. The marker does not prove that the
        delete is still queued (any change of the user cancels it), so a user found with it gets the delete
        queued again. Until the cron job has removed the user, every V(absent) run reports changed and
        RV(pending=true). Once the user is gone, V(absent) changes nothing.
      - V(present) on a marked user puts the old external ID back, which cancels the delete if it is still
        queued, and warns.
    type: str
    choices: [present, absent]
    default: present
  email:
    description:
      - E-mail address. Required to create the user. At most 50 characters (Easy-WI cuts longer ones and then
        never finds the user by it again), no C('). The domain is stored in punycode, and the address compared
        case-insensitively.
      - Easy-WI's API checks that no other account has it only when a user is created; the panel's own form
        also refuses it on a change. So before it changes the address, the module looks it up and fails when
        another user has it. It sees only the users of the reseller that owns the API user, not admins,
        resellers or other resellers' users.
    type: str
  password:
    description:
      - Password of the user's panel login. 6 to 255 characters (bytes in UTF-8) without white space or control
        characters. The panel's login form trims the password and takes nothing else, although the API stores
        any, so a user with another password could never log in.
      - Easy-WI never returns it, and stores a new salted hash every time, so it cannot be compared; by default
        (O(update_password=on_create)) it is set only when the user is created; see O(update_password).
      - When a user is created without it, Easy-WI generates one, which the module does not return; set one or
        reset it in the panel.
    type: str
  update_password:
    description:
      - V(on_create) sends O(password) only when the user is created, so a second run reports no change.
      - V(always) sends it on every run. Easy-WI never returns a password, so it cannot be compared, and the task
        then costs a C(mod) and reports a change every time (see O(password)). Use it to rotate the password.
    type: str
    choices: [always, on_create]
    default: on_create
  active:
    description:
      - Whether the user may log in and its servers run. V(true) when the user is created.
      - Easy-WI applies a change on an existing user only when the panel's cron job runs, and the task returns
        RV(pending=true). Until then the panel still shows the old value, so a re-run sends the change again and
        reports changed (harmless, Easy-WI replaces the queued job).
      - While Easy-WI's C(jobPending) flag is set, the value is sent even when Easy-WI already stores it, which
        cancels an opposite change that may be queued, so the last task's value wins; once sent, the flag is
        known to be left over and later runs report no change (see the description).
      - Every change of a user sends an active value (Easy-WI would otherwise queue a re-activation), the stored
        one when this option is not set. That is refused while the flag is set, because it would cancel a
        change that may be queued; the error names it, and setting this option keeps or cancels it. A user
        created through the API without a value (neither active nor inactive) needs this option for any change.
    type: bool
  first_name:
    description:
      - First name, 2 to 255 letters, digits, spaces, C(_), C(.) and C(-), starting with a letter or digit.
    type: str
  last_name:
    description:
      - Surname, with the same rules as O(first_name).
    type: str
  phone:
    description:
      - Phone number; digits, spaces and the characters C(+), C(/), C(-) and parentheses.
    type: str
  mobile:
    description:
      - Mobile number, with the same rules as O(phone).
    type: str
    aliases: [cell_phone]
  street:
    description:
      - Street, 2 to 50 characters with the same rules as O(first_name).
    type: str
  street_number:
    description:
      - House number, 1 to 6 letters, digits or C(_) (no C(-) or spaces).
    type: str
  postcode:
    description:
      - Post code, 1 to 6 digits, greater than 0.
    type: str
    aliases: [postal_code]
  city:
    description:
      - City, 2 to 50 characters with the same rules as O(first_name).
    type: str
  update_write_only:
    description:
      - Easy-WI never returns O(fax), O(salutation), O(birthday), O(country), O(download_path) and the C(mail_*)
        notification switches, so they cannot be compared.
      - V(on_create) sends them only when the user is created. V(always) sends the given ones on every run,
        which then always reports changed.
      - O(groups) are sent only when the user is created, whatever this says.
    type: str
    choices: [on_create, always]
    default: on_create
  fax:
    description:
      - Fax number, with the same rules as O(phone). Write-only, see O(update_write_only).
    type: str
  salutation:
    description:
      - Salutation as Easy-WI numbers it, 1 to 9. Write-only, see O(update_write_only).
    type: int
  birthday:
    description:
      - Date of birth as C(YYYY-MM-DD). Write-only, see O(update_write_only).
    type: str
  country:
    description:
      - Two-letter ISO 3166 country code, stored lower-case. Write-only, see O(update_write_only).
    type: str
  download_path:
    description:
      - URL of the user's fast download server (Easy-WI C(fdlpath)), for example C(http://fdl.example.com/path).
        Write-only, see O(update_write_only).
    type: str
  mail_backup:
    description:
      - Mail the user about backups. Easy-WI's default is V(true). Write-only, see O(update_write_only).
    type: bool
  mail_gsupdate:
    description:
      - Mail the user about game server updates. Easy-WI's default is V(true). Write-only.
    type: bool
  mail_securitybreach:
    description:
      - Mail the user about security breaches. Easy-WI's default is V(true). Write-only.
    type: bool
  mail_serverdown:
    description:
      - Mail the user when a server is down. Easy-WI's default is V(true). Write-only.
    type: bool
  mail_ticket:
    description:
      - Mail the user about support tickets. Easy-WI's default is V(true). Write-only.
    type: bool
  mail_vserver:
    description:
      - Mail the user about virtual servers. Easy-WI's default is V(true). Write-only.
    type: bool
  groups:
    description:
      - IDs of the user groups to put a new user in (Users > Groups in the panel). Easy-WI ignores unknown
        or inactive groups, and uses its default user group when none is valid.
      - Sent only when the user is created (Easy-WI's change of a user does not add groups).
      - Easy-WI's API never returns the groups of a user, so the module cannot check which ones it took. They
        are left out of RV(user), and a create with groups warns.
    type: list
    elements: int
notes:
  - A user is found, changed and deleted only in the reseller that owns the API user; Easy-WI checks e-mail
    addresses, logins and external IDs of new users across the whole panel.
seealso:
  - module: hosting.provision.webiface_user_info
'''

EXAMPLES = r'''
- name: A customer keyed by the CRM's ID; the password is set only when the user is created
  hosting.provision.webiface_user:
    api_url: https://wi.example.com
    api_username: ansible
    api_password: "{{ vault_webiface_api_password }}"
    external_id: "crm:4711"
    username: jdoe
    email: jane.doe@example.com
    first_name: Jane
    last_name: Doe
    password: "{{ vault_initial_password }}"
    update_password: on_create
    country: de

- name: Lock the customer out (applied by the panel's cron job)
  hosting.provision.webiface_user:
    external_id: "crm:4711"
    active: false
  register: locked

- name: Tell whether the panel still has to apply it
  ansible.builtin.debug:
    msg: "waiting for the panel's cron job: {{ locked.pending }}"

- name: A later change while the lock may still be queued names active, or it fails instead of cancelling it
  hosting.provision.webiface_user:
    external_id: "crm:4711"
    city: Hamburg
    active: false

- name: Delete the customer (queued; the user disappears when the cron job runs)
  hosting.provision.webiface_user:
    external_id: "crm:4711"
    state: absent

- name: Give an existing account, found by its login, an external ID
  hosting.provision.webiface_user:
    identify_by: username
    username: user266
    external_id: "crm:4712"
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
user:
  description:
    - The user after the task (predicted in check mode); empty when absent or being deleted.
    - Holds the fields Easy-WI returns, plus the write-only ones this task sent (not O(groups), which Easy-WI
      cannot confirm). O(active) shows the requested value while RV(pending) is true, and V(null) when the task
      did not set it and Easy-WI's C(jobPending) flag is set (a change of it may be queued), unless the flag is
      known to be left over.
    - The password is never returned.
  returned: always
  type: dict
  contains:
    local_id:
      description: Easy-WI's numeric user ID.
      type: int
      returned: when the user exists after the task (not in check mode for a new one)
    external_id:
      description: Your key for the user (Easy-WI external ID); empty when none is stored.
      type: str
    username:
      description: Login name.
      type: str
    email:
      description: E-mail address.
      type: str
    active:
      description: Whether the user may log in and its servers run.
      type: bool
    first_name:
      description: First name.
      type: str
    last_name:
      description: Surname.
      type: str
    phone:
      description: Phone number.
      type: str
    mobile:
      description: Mobile number.
      type: str
    street:
      description: Street.
      type: str
    street_number:
      description: House number.
      type: str
    postcode:
      description: Post code.
      type: str
    city:
      description: City.
      type: str
    fax:
      description: Fax number.
      type: str
      returned: when this task sent it (Easy-WI never returns it)
    salutation:
      description: Salutation as Easy-WI numbers it.
      type: int
      returned: when this task sent it (Easy-WI never returns it)
    birthday:
      description: Date of birth, C(YYYY-MM-DD).
      type: str
      returned: when this task sent it (Easy-WI never returns it)
    country:
      description: Two-letter country code, lower-case.
      type: str
      returned: when this task sent it (Easy-WI never returns it)
    download_path:
      description: URL of the fast download server.
      type: str
      returned: when this task sent it (Easy-WI never returns it)
    mail_backup:
      description: Mail about backups.
      type: bool
      returned: when this task sent it (Easy-WI never returns it)
    mail_gsupdate:
      description: Mail about game server updates.
      type: bool
      returned: when this task sent it (Easy-WI never returns it)
    mail_securitybreach:
      description: Mail about security breaches.
      type: bool
      returned: when this task sent it (Easy-WI never returns it)
    mail_serverdown:
      description: Mail when a server is down.
      type: bool
      returned: when this task sent it (Easy-WI never returns it)
    mail_ticket:
      description: Mail about support tickets.
      type: bool
      returned: when this task sent it (Easy-WI never returns it)
    mail_vserver:
      description: Mail about virtual servers.
      type: bool
      returned: when this task sent it (Easy-WI never returns it)
    groups:
      description: IDs of the user groups a new user was put in.
      type: list
      elements: int
      returned: when this task sent it (Easy-WI never returns it)
  sample:
    local_id: 266
    external_id: "crm:4711"
    username: jdoe
    email: jane.doe@example.com
    active: true
    first_name: Jane
    last_name: Doe
    phone: ""
    mobile: ""
    street: ""
    street_number: ""
    postcode: ""
    city: ""
pending:
  description:
    - True when this task queued a job for the panel's cron job, a delete or a change of O(active); the user
      changes only when the cron job runs. A job queued earlier, or by someone else, cannot be seen (see the
      description).
  returned: always
  type: bool
  sample: false
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import webiface
from ansible_collections.hosting.provision.plugins.module_utils.webiface_resources import User


def arguments():
    return dict(
        argument_spec=webiface.argument_spec(
            external_id=dict(type='str'),
            username=dict(type='str'),
            local_id=dict(type='int'),
            identify_by=dict(type='str', choices=['external_id', 'username', 'local_id']),
            state=dict(type='str', default='present', choices=['present', 'absent']),
            email=dict(type='str'),
            password=dict(type='str', no_log=True),
            update_password=engine.update_password_option(comparable=False),
            active=dict(type='bool'),
            first_name=dict(type='str'),
            last_name=dict(type='str'),
            phone=dict(type='str'),
            mobile=dict(type='str', aliases=['cell_phone']),
            street=dict(type='str'),
            street_number=dict(type='str'),
            postcode=dict(type='str', aliases=['postal_code']),
            city=dict(type='str'),
            update_write_only=dict(type='str', default='on_create', choices=['on_create', 'always']),
            fax=dict(type='str'),
            salutation=dict(type='int'),
            birthday=dict(type='str'),
            country=dict(type='str'),
            download_path=dict(type='str'),
            mail_backup=dict(type='bool'),
            mail_gsupdate=dict(type='bool'),
            mail_securitybreach=dict(type='bool'),
            mail_serverdown=dict(type='bool'),
            mail_ticket=dict(type='bool'),
            mail_vserver=dict(type='bool'),
            groups=dict(type='list', elements='int'),
        ),
        required_one_of=[('external_id', 'username', 'local_id')],
        supports_check_mode=True,
    )


def run(module):
    connection = webiface.WebifaceConnection.from_module(module)
    engine.run(module, connection, User)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
