#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: webiface_user_info
short_description: List users of the Easy-WI web interface
version_added: 0.1.0
description:
  - Read Easy-WI user accounts through the panel's external API, all of them, those whose external ID starts
    with a prefix, or one user.
  - Returns the fields M(hosting.provision.webiface_user) returns, the same for every user found. Passwords and
    the write-only fields are never returned by Easy-WI.
  - Easy-WI's list omits the mobile number and the job flag, so a list reads every user it found once more
    (by its local ID). N users cost N + 1 requests, one user one request.
  - Only the users of the reseller that owns the API user are listed, never the panel's admin.
  - C(active) is the value Easy-WI stores. A change of it, and a delete, wait for the panel's cron job
    (C(jobs.php)); the API cannot show that queue, see RV(users[].job_pending).
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.webiface
  - hosting.provision.attributes.actions
  - hosting.provision.attributes.info_module
attributes:
  action_group:
    membership:
      - hosting.provision.webiface
options:
  external_id:
    description:
      - Only the user with this external ID. A user that M(hosting.provision.webiface_user) marked for deletion
        no longer answers to it (see RV(users[].marked_for_deletion)).
    type: str
  username:
    description:
      - Only the user with this login name (compared case-insensitively).
    type: str
  local_id:
    description:
      - Only the user with this Easy-WI user ID.
    type: int
  email:
    description:
      - Only the user with this e-mail address.
    type: str
  external_id_prefix:
    description:
      - Only users whose external ID starts with this, for example V(crm) for C(crm:1), C(crm:2) ...
      - Easy-WI accepts only letters, digits and C(_) here (it ignores a filter with C(:) and lists every
        user), and treats C(_) as "any character".
    type: str
'''

EXAMPLES = r'''
- name: Every user the CRM created
  hosting.provision.webiface_user_info:
    api_url: https://wi.example.com
    api_username: ansible
    api_password: "{{ vault_webiface_api_password }}"
    external_id_prefix: crm
  register: crm_users

- name: Their logins
  ansible.builtin.debug:
    msg: "{{ crm_users.users | map(attribute='username') | list }}"

- name: One user, with its job flag
  hosting.provision.webiface_user_info:
    external_id: "crm:4711"
  register: one
'''

RETURN = r'''
users:
  description:
    - The matching users, sorted by C(local_id); an empty list when none match. Every user has the same keys.
  returned: always
  type: list
  elements: dict
  contains:
    job_pending:
      description:
        - Easy-WI's C(jobPending) flag. V(true) means a job B(may) be queued for the panel's cron job, a change of
          C(active) (always to the opposite of the stored value) or a delete. It is no proof, as Easy-WI leaves it
          set when a later change of the user cancels the job, and clears it only when the cron job completes a
          change of C(active) (or an admin saves the user in the panel).
        - V(false) means no job was queued through the API since the cron job last completed a change of
          C(active). An admin saving the user in the panel also clears the flag, and leaves a queued job in place.
      type: bool
      returned: always
    marked_for_deletion:
      description:
        - M(hosting.provision.webiface_user) queued a delete of this user (its external ID starts with
          C(ansible_deleted)). The delete may since have been cancelled, by any change of the user, and the API
          cannot tell; the user is gone once the cron job has run it. Running M(hosting.provision.webiface_user)
          with O(hosting.provision.webiface_user#module:state=absent) again re-queues it.
      type: bool
      returned: always
    local_id:
      description: Easy-WI's numeric user ID.
      type: int
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
      returned: when one user is asked for
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
  sample:
    - local_id: 266
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
      job_pending: false
      marked_for_deletion: false
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import webiface
from ansible_collections.hosting.provision.plugins.module_utils.webiface_resources import list_users


def arguments():
    return dict(
        argument_spec=webiface.argument_spec(
            external_id=dict(type='str'),
            username=dict(type='str'),
            local_id=dict(type='int'),
            email=dict(type='str'),
            external_id_prefix=dict(type='str'),
        ),
        mutually_exclusive=[('external_id', 'username', 'local_id', 'email', 'external_id_prefix')],
        supports_check_mode=True,
    )


def run(module):
    connection = webiface.WebifaceConnection.from_module(module)
    engine.run_info(module, connection, 'users', list_users,
                    ('external_id', 'username', 'local_id', 'email', 'external_id_prefix'))


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
