#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_cron_info
short_description: List cron jobs of ISPConfig 3 websites
version_added: 0.1.0
description:
  - Read cron jobs through the ISPConfig 3 remote JSON API, all of them, one website's, or one client's.
  - Returns the same fields as M(hosting.provision.ispconfig_cron) returns.
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
  website:
    description:
      - Only the cron jobs of the website of this domain.
    type: str
  client:
    description:
      - Only the cron jobs of the client with this username.
    type: str
seealso:
  - module: hosting.provision.ispconfig_cron
'''

EXAMPLES = r'''
- name: The cron jobs of one customer
  hosting.provision.ispconfig_cron_info:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    website: acme.example
  register: jobs

- name: Show them
  ansible.builtin.debug:
    msg: "{{ jobs.cron_jobs | map(attribute='job') | list }}"
'''

RETURN = r'''
cron_jobs:
  description: The matching cron jobs; an empty list when none match.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Id of the job in the panel.
      type: int
    job:
      description: The command or URL.
      type: str
    website:
      description: Domain of the website, in punycode.
      type: str
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
    - id: 3
      job: https://acme.example/wp-cron.php
      website: acme.example
      minute: "*/15"
      type: url
      active: true
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_web_resources import list_cron_jobs


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(website=dict(type='str'), client=dict(type='str')),
        mutually_exclusive=[('website', 'client')],
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run_info(module, connection, 'cron_jobs', list_cron_jobs, ('website', ('client', 'owner')))


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
