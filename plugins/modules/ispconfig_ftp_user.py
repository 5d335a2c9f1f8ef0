#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_ftp_user
short_description: Manage FTP users of ISPConfig 3 websites
version_added: 0.3.0
description:
  - Create, update and delete an FTP user of a website through the ISPConfig 3 remote JSON API.
  - The user is found by its website and its name, given without the panel's prefix, as in the panel's form;
    numeric ids are never needed.
  - The panel puts its FTP user prefix (System > Interface > Main Config > Sites, C([CLIENTNAME]) on a stock
    install) in front of the name and stores the prefix with it; the API does neither, so the module does, the way
    the panel expands the prefix for the website's client (C([CLIENTNAME]) its username in lower case with every
    character outside C(a-z), C(0-9) and C(_) replaced by C(_), C([CLIENTID]) its client id). The name to log in
    with is returned as RV(ftp_user.login).
  - Like the panel, the module refuses a name that is not 1 to 64 of C(a-z), C(A-Z), C(0-9), C(_), C(.), C(-) and
    C(@), a name longer than 64 characters with its prefix, and a name that differs only in case from an existing
    FTP user's, before anything is sent.
  - When the user is created, every field is sent with what the panel stores, which the API would leave to the
    caller - the website's system user and group (the user's uid and gid), document root and server, the website's
    owner, no quota, no file, ratio or bandwidth limits, and active.
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
    details: The password is shown as C(<hidden>), or C(<hidden, changed>) when it will be changed.
  action_group:
    membership:
      - hosting.provision.ispconfig
options:
  username:
    description:
      - Name of the user without the panel's prefix.
    type: str
    required: true
  website:
    description:
      - Domain of the website the user belongs to (M(hosting.provision.ispconfig_web_domain)). It must exist to
        create the user; when it does not exist, neither does the user.
      - Required with O(state=present). With O(state=absent) it only narrows the search (see O(state)).
    type: str
  state:
    description:
      - V(absent) deletes the user. It is found by its stored prefix and name, the way the task that created it named
        it, whatever client or prefix setting gave the prefix; O(website) (and O(client)) are not needed. When users
        of several websites have that name, the task fails naming them; set O(website) to say which.
    type: str
    choices: [present, absent]
    default: present
  client:
    description:
      - Username of the client the website belongs to. The user always belongs to the website's client; when set, a
        website of another client (or of the admin) fails the task.
    type: str
  password:
    description:
      - Password of the user. The panel's password rule applies (by default at least 8 characters of strength
        "Good"); a password it would refuse fails the task before anything is sent.
      - Required to create the user (the API would make a login without one); never empty.
      - Compared locally with the stored SHA-512 crypt hash, so O(update_password=always) stays idempotent.
    type: str
  update_password:
    description:
      - V(always) sets O(password) whenever it differs from the stored one; V(on_create) only when the user is
        created.
    type: str
    choices: [always, on_create]
    default: always
  quota:
    description:
      - Disk quota in MB as the panel's field takes it (1 MB = 1024 x 1024 bytes), or a size with a unit such as
        V(1 GiB). V(-1) or V(unlimited) for no limit, which is what a new user gets. Returned in MB.
      - A number without a unit may be at most V(1048576) (1 TiB); a larger one is refused, because it is most likely
        a byte count (V(1073741824) would make a 1 PiB quota); give a larger size with its unit.
    type: str
  active:
    description:
      - Whether the user may log in. V(true) when it is created.
    type: bool
  directory:
    description:
      - The directory the user sees, the website's document root (what a new user gets, as in the panel) or a
        directory below it, as an absolute path (see RV(ftp_user.directory)). Any other path, or one with C(..),
        C(./) or C(/.), fails the task before anything is sent, as the panel refuses it.
    type: str
    aliases: [dir]
seealso:
  - module: hosting.provision.ispconfig_web_domain
  - module: hosting.provision.ispconfig_ftp_user_info
'''

EXAMPLES = r'''
- name: The FTP user "upload" of acme.example, limited to 2 GiB
  hosting.provision.ispconfig_ftp_user:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    username: upload
    website: acme.example
    client: acme
    password: "{{ vault_upload_password }}"
    quota: 2 GiB
  register: ftp

- name: The name to log in with
  ansible.builtin.debug:
    msg: "ftp://{{ ftp.ftp_user.login }}@acme.example"

- name: Delete it
  hosting.provision.ispconfig_ftp_user:
    username: upload
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
ftp_user:
  description:
    - The FTP user as ISPConfig holds it after the task (predicted in check mode); empty when absent.
    - The password and its hash are never returned.
  returned: always
  type: dict
  contains:
    ftp_user_id:
      description: Id of the user in the panel.
      type: int
      returned: when the user exists after the task (not in check mode for a new one)
    username:
      description: Name without the prefix, as the task gives it.
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
    client:
      description: Username of the client the user belongs to.
      type: str
      returned: when O(client) is set
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
    username: upload
    login: acmeupload
    prefix: acme
    website: acme.example
    quota: 2048
    active: true
    directory: /var/www/clients/client3/web4
    server_id: 1
    ftp_user_id: 2
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_web_resources import (FtpUser,
                                                                                                ftp_user_options)


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(**ftp_user_options()),
        required_if=[('state', 'present', ['website'])],
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run(module, connection, FtpUser)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
