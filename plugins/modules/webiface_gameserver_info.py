#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: webiface_gameserver_info
short_description: List game servers of the Easy-WI web interface
version_added: 0.1.0
description:
  - Read the game servers of one Easy-WI user, or of every user whose external ID starts with a prefix (all users
    of the API user's reseller without one), through the panel's external API.
  - Easy-WI's API reads game servers only through their owner (C(type=user ls)), so one user costs one request and
    a list of N users N + 1.
  - Returns, for every server, the values M(hosting.provision.webiface_gameserver) compares, where it runs, its
    owner, and what can be known about queued jobs (see RV(game_servers[].job_pending)). The FTP password, the
    primary game, the root server and the disk quota cannot be read through the API.
  - B(Not the run state.) Easy-WI keeps whether a server runs, but no API call returns it (the owner's list has no
    such column), so this module cannot tell a running server from a stopped one.
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.webiface
  - hosting.provision.webiface.server_owners
  - hosting.provision.attributes.actions
  - hosting.provision.attributes.info_module
attributes:
  action_group:
    membership:
      - hosting.provision.webiface
'''

EXAMPLES = r'''
- name: The game servers of one customer
  hosting.provision.webiface_gameserver_info:
    api_url: https://wi.example.com
    api_username: ansible
    api_password: "{{ vault_easywi_api_password }}"
    owner_external_id: "crm:4711"
  register: servers

- name: Their addresses
  ansible.builtin.debug:
    msg: "{{ servers.game_servers | map(attribute='ip') | zip(servers.game_servers | map(attribute='port'))
             | map('join', ':') | list }}"

- name: Every server of the customers the CRM created
  hosting.provision.webiface_gameserver_info:
    owner_external_id_prefix: crm
  register: crm_servers
'''

RETURN = r'''
game_servers:
  description:
    - The servers, sorted by C(owner_local_id), then C(local_id); an empty list when there are none (or the user
      does not exist). Every server has the same keys.
  returned: always
  type: list
  elements: dict
  contains:
    external_id:
      description: The server's external ID; empty when none is stored.
      type: str
    local_id:
      description: Easy-WI's ID of the server.
      type: int
    games:
      description: Short names of the installed games, sorted.
      type: list
      elements: str
    slots:
      description: Player slots.
      type: int
    private:
      description: Whether the server is private.
      type: bool
    active:
      description: Whether the server may run (the stored value; Easy-WI writes it at once).
      type: bool
    ram_min:
      description: Minimum RAM in MB.
      type: int
    ram_max:
      description: Maximum RAM in MB.
      type: int
    cores:
      description: CPU cores the server is bound to; empty without a binding.
      type: list
      elements: int
    ip:
      description: The IP address the server runs on.
      type: str
    port:
      description: Its first port. A queued port change shows only after the panel's cron job has run it.
      type: int
    owner_local_id:
      description: Easy-WI's ID of the owner.
      type: int
    owner_username:
      description: Login name of the owner.
      type: str
    owner_external_id:
      description: External ID of the owner.
      type: str
    job_pending:
      description:
        - Easy-WI's C(jobPending) flag, which proves nothing about queued jobs. Easy-WI sets it on every change of
          the server through its API, also one that queues no job, and on a restart; the cron job clears it when it
          completes a create or a modify job, never after a restart. It is V(false) while the create job of a new
          server is still queued.
        - What can be known is RV(game_servers[].marked_for_deletion).
      type: bool
    marked_for_deletion:
      description:
        - M(hosting.provision.webiface_gameserver) queued a delete of this server (its external ID starts with
          C(ansible_deleted)) and Easy-WI confirmed it queued. A later change that queues a job cancels it, which
          the API cannot show; the server is gone once the cron job has run the delete.
      type: bool
  sample:
    - external_id: "order:1001"
      local_id: 7
      games: [cs2, css]
      slots: 16
      private: false
      active: true
      ram_min: 512
      ram_max: 1024
      cores: []
      ip: 192.0.2.10
      port: 27015
      owner_local_id: 266
      owner_username: jdoe
      owner_external_id: "crm:4711"
      job_pending: false
      marked_for_deletion: false
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import webiface
from ansible_collections.hosting.provision.plugins.module_utils.webiface_gserver_resources import (
    SERVER_OWNER_FILTERS, list_game_servers)


def arguments():
    return dict(
        argument_spec=webiface.argument_spec(**dict((name, dict(type='str')) for name in SERVER_OWNER_FILTERS)),
        mutually_exclusive=[SERVER_OWNER_FILTERS],
        supports_check_mode=True,
    )


def run(module):
    connection = webiface.WebifaceConnection.from_module(module)
    engine.run_info(module, connection, 'game_servers', list_game_servers, SERVER_OWNER_FILTERS)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
