#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_ftp_user_info
short_description: List FTP users of ISPConfig 3 websites
version_added: 0.3.0
description:
  - Read FTP users through the ISPConfig 3 remote JSON API, all of them, one website's, or one client's, and of
    those only the ones of one name.
  - Returns the same fields as M(hosting.provision.ispconfig_ftp_user) returns; never a password hash.
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
      - Only the FTP users of the website of this domain.
    type: str
  client:
    description:
      - Only the FTP users of the client with this username.
    type: str
  username:
    description:
      - Only the FTP users of this name, given without the panel's prefix (as M(hosting.provision.ispconfig_ftp_user)
        takes it).
    type: str
seealso:
  - module: hosting.provision.ispconfig_ftp_user
'''

EXAMPLES = r'''
- name: The FTP users of one customer
  hosting.provision.ispconfig_ftp_user_info:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    website: acme.example
  register: ftp

- name: Show the names to log in with
  ansible.builtin.debug:
    msg: "{{ ftp.ftp_users | map(attribute='login') | list }}"
'''

RETURN = r'''
ftp_users:
  description: The matching FTP users; an empty list when none match.
  returned: always
  type: list
  elements: dict
  contains:
    ftp_user_id:
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
    quota:
      description: Disk quota in MB; V(-1) for no limit.
      type: int
    active:
      description: Whether the user may log in.
      type: bool
    directory:
      description: The directory the user sees (the website's document root or below it).
      type: str
    server_id:
      description: Server id (the website's).
      type: int
  sample:
    - ftp_user_id: 2
      username: upload
      login: acmeupload
      prefix: acme
      website: acme.example
      quota: 2048
      active: true
      directory: /var/www/clients/client3/web4
      server_id: 1
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_web_resources import list_ftp_users


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(website=dict(type='str'), client=dict(type='str'),
                                              username=dict(type='str')),
        mutually_exclusive=[('website', 'client')],
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run_info(module, connection, 'ftp_users', list_ftp_users, ('website', ('client', 'owner'), 'username'))


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
