#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_database
short_description: Manage databases of ISPConfig 3 websites
version_added: 0.1.0
description:
  - Create, update and delete a database of a website through the ISPConfig 3 remote JSON API.
  - The database is found by its website and its name, given without the panel's prefix, as in the panel's form;
    numeric ids are never needed.
  - The panel puts its database name prefix (System > Interface > Main Config > Sites, C(c[CLIENTID]) on a stock
    install) in front of the name and stores the prefix with it; the API does neither, so the module does, the way
    the panel expands the prefix for the website's client (C([CLIENTID]) its client id, C([CLIENTNAME]) its
    username in lower case with every character outside C(a-z), C(0-9) and C(_) replaced by C(_), C([DOMAINID])
    the website's id). The name MySQL knows is returned as RV(database.database_name).
  - Like the panel, the module refuses a name that is not 2 to 64 of C(a-z), C(A-Z), C(0-9) and C(_), a name that
    is longer than 64 characters with its prefix, the reserved names C(mysql) and C(dbispconfig), and remote IPs
    that are not addresses, before anything is sent. A database of that name in another website is refused too
    (names are unique on a server; the API would accept a second one on rename).
  - When the database is created, every field is sent with what the panel's form stores (MySQL, active, no remote
    access, no quota), because the API stores empty values (an inactive database of no type) for anything left
    out. It belongs to the website's client and takes the website's server and backup settings, as in the panel.
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
  name:
    description:
      - Name of the database without the panel's prefix.
    type: str
    required: true
  website:
    description:
      - Domain of the website the database belongs to (M(hosting.provision.ispconfig_web_domain)). It must exist to
        create the database; when it does not exist, neither does the database.
      - Required with O(state=present). With O(state=absent) it only narrows the search (see O(state)).
    type: str
  state:
    description:
      - V(absent) deletes the database. It is found by its stored prefix and name, the way the task that created it
        named it, whatever client or prefix setting gave the prefix; O(website) (and O(client)) are not needed. When
        databases of several websites have that name, the task fails naming them; set O(website) to say which.
    type: str
    choices: [present, absent]
    default: present
  client:
    description:
      - Username of the client the website belongs to. The database always belongs to the website's client; when
        set, a website of another client (or of the admin) fails the task.
    type: str
  user:
    description:
      - Name of the database user (without its prefix, as M(hosting.provision.ispconfig_database_user) takes it) that
        owns the database; it must belong to the website's client. V("") for none, which is what a database gets
        when this is not set at creation.
    type: str
  type:
    description:
      - Database type; V(mysql) when the database is created.
    type: str
    choices: [mysql]
  quota:
    description:
      - Quota in MB as the panel's field takes it (1 MB = 1024 x 1024 bytes), or a size with a unit such as
        V(1 GiB). V(-1) or V(unlimited) for no limit, which is what a new database gets. Returned in MB.
      - A number without a unit may be at most V(1048576) (1 TiB); a larger one is refused, because it is most likely
        a byte count (V(1073741824) would make a 1 PiB quota); give a larger size with its unit.
    type: str
  charset:
    description:
      - Character set of a new database; V("") for the server's default, which is what a new database gets.
    type: str
    choices: ['', latin1, utf8, utf8mb4]
  remote_access:
    description:
      - Whether the database may be reached from other hosts. Off when the database is created.
    type: bool
  remote_ips:
    description:
      - The addresses that may reach it with O(remote_access); V([]) for any.
    type: list
    elements: str
  active:
    description:
      - Whether the database is in use. V(true) when it is created.
    type: bool
seealso:
  - module: hosting.provision.ispconfig_database_user
  - module: hosting.provision.ispconfig_web_domain
  - module: hosting.provision.ispconfig_database_info
'''

EXAMPLES = r'''
- name: The database "wp" of acme.example, owned by the database user "wp"
  hosting.provision.ispconfig_database:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    name: wp
    website: acme.example
    client: acme
    user: wp
    quota: 1 GiB
  register: db

- name: The name to put into the application's configuration
  ansible.builtin.debug:
    msg: "{{ db.database.database_name }}"

- name: Allow one remote host
  hosting.provision.ispconfig_database:
    name: wp
    website: acme.example
    remote_access: true
    remote_ips: [192.0.2.10]

- name: Delete it
  hosting.provision.ispconfig_database:
    name: wp
    website: acme.example
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
database:
  description:
    - The database as ISPConfig holds it after the task (predicted in check mode); empty when absent.
  returned: always
  type: dict
  contains:
    database_id:
      description: Id of the database in the panel.
      type: int
      returned: when the database exists after the task (not in check mode for a new one)
    name:
      description: Name without the prefix, as the task gives it.
      type: str
    database_name:
      description: The full name MySQL knows (prefix and name).
      type: str
    prefix:
      description: The panel's prefix of the name, stored with it.
      type: str
    website:
      description: Domain of the website, in punycode.
      type: str
    client:
      description: Username of the client the database belongs to.
      type: str
      returned: when O(client) is set
    user:
      description: Name (without prefix) of the database user that owns the database; empty for none.
      type: str
    type:
      description: Database type.
      type: str
    quota:
      description: Quota in MB; V(-1) for no limit.
      type: int
    charset:
      description: Character set; empty for the server's default.
      type: str
    remote_access:
      description: Whether the database may be reached from other hosts.
      type: bool
    remote_ips:
      description: The addresses that may reach it.
      type: list
      elements: str
    active:
      description: Whether the database is in use.
      type: bool
    server_id:
      description: Database server id (the website's server).
      type: int
  sample:
    name: wp
    database_name: c3wp
    prefix: c3
    website: acme.example
    user: wp
    type: mysql
    quota: 1024
    charset: ""
    remote_access: false
    remote_ips: []
    active: true
    server_id: 1
    database_id: 2
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_web_resources import (Database,
                                                                                                database_options)


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(**database_options()),
        required_if=[('state', 'present', ['website'])],
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run(module, connection, Database)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
