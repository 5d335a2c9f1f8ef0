#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: webiface_voiceserver_info
short_description: List TeamSpeak 3 voice servers of the Easy-WI web interface
version_added: 0.1.0
description:
  - Read the voice servers of one Easy-WI user, or of every user whose external ID starts with a prefix (all users
    of the API user's reseller without one), through the panel's external API.
  - Easy-WI lists a user's voice servers with the user (C(type=user ls)), so one user costs one request and a list
    of N users N + 1.
  - Returns, for every server, the values M(hosting.provision.webiface_voiceserver) compares, where it runs, its
    owner and whether a delete is queued. The server password, queued jobs other than a delete, TS-DNS entries and
    bandwidth limits cannot be read through the API.
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
- name: The voice servers of one customer
  hosting.provision.webiface_voiceserver_info:
    api_url: https://wi.example.com
    api_username: ansible
    api_password: "{{ vault_easywi_api_password }}"
    owner_external_id: "crm:4711"
  register: voice

- name: Those TeamSpeak has not created yet (the panel's cron job has not run their create job)
  ansible.builtin.debug:
    msg: "{{ voice.voice_servers | selectattr('virtual_server_id', 'none') | map(attribute='external_id') | list }}"
'''

RETURN = r'''
voice_servers:
  description:
    - The servers, sorted by C(owner_local_id), then C(local_id); an empty list when there are none (or the user
      does not exist). Every server has the same keys.
  returned: always
  type: list
  elements: dict
  contains:
    external_id:
      description: The server's external ID (C(ansible_deleted:...) while marked for deletion); empty when none is
        stored.
      type: str
    local_id:
      description: Easy-WI's ID of the server.
      type: int
    slots:
      description: Player slots.
      type: int
    active:
      description: Whether the server runs (the stored value).
      type: bool
    private:
      description: Whether the server has a password.
      type: bool
    ip:
      description: The IP address of its TeamSpeak master.
      type: str
    port:
      description: Its port.
      type: int
    virtual_server_id:
      description:
        - TeamSpeak's ID of the virtual server; V(null) until the panel's cron job has created it on the master
          (and for ever when a change cancelled its create job before that).
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
    marked_for_deletion:
      description:
        - M(hosting.provision.webiface_voiceserver) queued a delete of this server (its external ID starts with
          C(ansible_deleted)) and Easy-WI confirmed it queued; the server is gone once the cron job has run it.
      type: bool
  sample:
    - external_id: "ts:1001"
      local_id: 3
      slots: 32
      active: true
      private: true
      ip: 192.0.2.50
      port: 9987
      virtual_server_id: 1
      owner_local_id: 266
      owner_username: jdoe
      owner_external_id: "crm:4711"
      marked_for_deletion: false
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import webiface
from ansible_collections.hosting.provision.plugins.module_utils.webiface_gserver_resources import (
    SERVER_OWNER_FILTERS, list_voice_servers)


def arguments():
    return dict(
        argument_spec=webiface.argument_spec(**dict((name, dict(type='str')) for name in SERVER_OWNER_FILTERS)),
        mutually_exclusive=[SERVER_OWNER_FILTERS],
        supports_check_mode=True,
    )


def run(module):
    connection = webiface.WebifaceConnection.from_module(module)
    engine.run_info(module, connection, 'voice_servers', list_voice_servers, SERVER_OWNER_FILTERS)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
