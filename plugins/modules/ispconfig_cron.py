#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_cron
short_description: Manage cron jobs of ISPConfig 3 websites
version_added: 0.1.0
description:
  - Create, update and delete a cron job of a website through the ISPConfig 3 remote JSON API.
  - The job is found by its website and its command (O(job)), compared exactly; numeric ids are never needed.
    The API would store the same job twice; the module never does.
  - The schedule takes the names of C(ansible.builtin.cron) (O(minute), O(hour), O(day), O(month), O(weekday)), each
    V(*) unless set when the job is created. ISPConfig accepts numbers, V(*), lists, ranges and steps, and refuses
    names such as V(mon) and V(@hourly); the module checks each field as the panel does and refuses what it would
    refuse before anything is sent (spaces are left out, the panel ignores them).
  - The job's type is not an option, because the panel does not let one choose it either; it is derived from the
    command, as the panel derives it on every save, and returned in RV(cron.type) - V(url) for a command that starts
    with C(http://) or C(https://), else V(full) when the website's client may run full cron jobs (its
    C(limit_cron_type)) or the website has no client, else V(chrooted).
  - The job belongs to the website's client and runs on the website's server, as in the panel.
notes:
  - Runs of one controller that create the same job wait for each other (a lock on the controller). Controllers
    that do not share it (AWX nodes, two admins) can both find no job and both create it, and the API stores it
    twice. So after a create the module looks for the job again; when it now exists more than once, the task fails
    (reporting changed, as it did create one) naming the ids, and says which to delete in the panel (all but the
    oldest, the same advice on every controller).
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
  action_group:
    membership:
      - hosting.provision.ispconfig
options:
  website:
    description:
      - Domain of the website the job belongs to (M(hosting.provision.ispconfig_web_domain)). It must exist to create
        the job; when it does not exist, neither does the job.
    type: str
    required: true
  job:
    description:
      - The command to run, or the URL to call (C(http://) or C(https://) with a host name). No line breaks.
      - Another command is another job; to change a command, delete the old job.
    type: str
    required: true
  state:
    description:
      - V(absent) deletes the job.
    type: str
    choices: [present, absent]
    default: present
  client:
    description:
      - Username of the client the website belongs to. The job always belongs to the website's client; when set, a
        website of another client (or of the admin) fails the task.
    type: str
  minute:
    description:
      - Minutes (0-59) the job runs at, as in crontab, e.g. V(*/15), V(0,30).
    type: str
  hour:
    description:
      - Hours (0-23).
    type: str
  day:
    description:
      - Days of the month (1-31).
    type: str
  month:
    description:
      - Months (1-12), numbers only; or V(@reboot), which the panel allows here to run the job at boot.
    type: str
  weekday:
    description:
      - Days of the week (0-7, 0 and 7 Sunday), numbers only.
    type: str
  log:
    description:
      - Keep the job's output in a log. Off when the job is created.
    type: bool
  active:
    description:
      - Whether the job runs. V(true) when it is created.
    type: bool
seealso:
  - module: hosting.provision.ispconfig_web_domain
  - module: hosting.provision.ispconfig_cron_info
'''

EXAMPLES = r'''
- name: WordPress cron every 15 minutes
  hosting.provision.ispconfig_cron:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    website: acme.example
    client: acme
    job: https://acme.example/wp-cron.php
    minute: "*/15"

- name: A nightly clean-up at 03:30 on weekdays
  hosting.provision.ispconfig_cron:
    website: acme.example
    job: php /var/www/acme.example/web/cleanup.php
    minute: "30"
    hour: "3"
    weekday: 1-5

- name: Delete the job
  hosting.provision.ispconfig_cron:
    website: acme.example
    job: php /var/www/acme.example/web/cleanup.php
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
cron:
  description:
    - The cron job as ISPConfig holds it after the task (predicted in check mode); empty when absent.
  returned: always
  type: dict
  contains:
    id:
      description: Id of the job in the panel.
      type: int
      returned: when the job exists after the task (not in check mode for a new one)
    job:
      description: The command or URL.
      type: str
    website:
      description: Domain of the website, in punycode.
      type: str
    client:
      description: Username of the client the job belongs to.
      type: str
      returned: when O(client) is set
    minute:
      description: Minutes.
      type: str
    hour:
      description: Hours.
      type: str
    day:
      description: Days of the month.
      type: str
    month:
      description: Months.
      type: str
    weekday:
      description: Days of the week.
      type: str
    type:
      description: V(url), V(full) or V(chrooted), as the panel derives it from the command and the client's limit.
      type: str
    log:
      description: Whether the job's output is logged.
      type: bool
    active:
      description: Whether the job runs.
      type: bool
    server_id:
      description: Server id (the website's).
      type: int
  sample:
    job: https://acme.example/wp-cron.php
    website: acme.example
    minute: "*/15"
    hour: "*"
    day: "*"
    month: "*"
    weekday: "*"
    type: url
    log: false
    active: true
    server_id: 1
    id: 3
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_web_resources import Cron, cron_options


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(**cron_options()),
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run(module, connection, Cron)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
