#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_shell_user_info
short_description: List SSH/SFTP users of ISPConfig 3 websites
version_added: 0.1.0
description:
  - Read shell users through the ISPConfig 3 remote JSON API, all of them, one website's, or one client's.
  - Returns the same fields as M(hosting.provision.ispconfig_shell_user) returns.
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
      - Only the shell users of the website of this domain.
    type: str
  client:
    description:
      - Only the shell users of the client with this username.
    type: str
seealso:
  - module: hosting.provision.ispconfig_shell_user
'''

EXAMPLES = r'''
- name: The shell users of one customer
  hosting.provision.ispconfig_shell_user_info:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    website: acme.example
  register: logins

- name: Show them
  ansible.builtin.debug:
    msg: "{{ logins.shell_users | map(attribute='login') | list }}"
'''

RETURN = r'''
shell_users:
  description: The matching shell users; an empty list when none match.
  returned: always
  type: list
  elements: dict
  contains:
    shell_user_id:
      description: Id of the user in the panel.
      type: int
    username:
      description: Name without the prefix.
      type: str
    login:
      description: The full name to log in with (prefix and name).
      type: str
    prefix:
      description: The panel's prefix of the name, stored with it.
      type: str
    website:
      description: Domain of the website, in punycode.
      type: str
    ssh_keys:
      description: SSH public keys that may log in.
      type: list
      elements: str
    chroot:
      description: V(jailkit) or V(no).
      type: str
    quota:
      description: Disk quota in MB; V(-1) for no limit.
      type: int
    shell:
      description: Login shell.
      type: str
    active:
      description: Whether the user may log in.
      type: bool
    directory:
      description: Home directory (the website's document root).
      type: str
    server_id:
      description: Server id (the website's).
      type: int
  sample:
    - shell_user_id: 2
      username: deploy
      login: acmedeploy
      website: acme.example
      chroot: jailkit
      active: true
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_web_resources import list_shell_users


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(website=dict(type='str'), client=dict(type='str')),
        mutually_exclusive=[('website', 'client')],
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run_info(module, connection, 'shell_users', list_shell_users, ('website', ('client', 'owner')))


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
