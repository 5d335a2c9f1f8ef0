#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: webiface_voiceserver
short_description: Manage TeamSpeak 3 servers of the Easy-WI web interface
version_added: 0.1.0
description:
  - Create, resize, switch on or off and delete a TeamSpeak 3 server of an Easy-WI user through the panel's external
    API (C(api.php), C(type=voice)), on one of the panel's TeamSpeak 3 master servers.
  - The server is found by O(external_id); it must belong to the user O(owner_external_id) or O(owner_username).
  - B(A limited module, because of what Easy-WI's API does.) Easy-WI creates the server on its TeamSpeak master only
    when the panel's cron job (C(jobs.php)) runs the create job. Only a change of O(slots) or O(active) queues a job
    that applies the stored values to TeamSpeak, and that job cancels every queued job of the server, its create
    included, so a server changed before it was created is never created; a delete of a server that was never
    created fails in the cron job and the server stays listed for ever. Therefore
  - O(slots) and O(active) are changed only once the server exists on its master (RV(voice_server.virtual_server_id)
    is set); before that a task that would change them fails, before sending anything. The same holds for
    O(state=absent).
  - O(private) and O(port) are set when the server is created. A different O(private) on an existing server is an
    error (Easy-WI would store it without applying it, and makes up the server password only at the create); a
    different O(port) only warns. The TS-DNS name, bandwidth limits and other TeamSpeak settings are not managed (the
    panel's defaults apply).
  - The server password Easy-WI makes up for a private server is never returned (only the panel shows it).
  - B(Queued jobs.) A create, a change and a delete are jobs for the cron job; the task returns RV(pending=true).
    A delete is followed by a change of the external ID to C(ansible_deleted:<external_id>), whose answer from
    Easy-WI proves the delete queued; a server found with that marker gets its delete queued again by O(state=absent)
    and cannot be given back by O(state=present) until the cron job has removed it.
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
  action_group:
    membership:
      - hosting.provision.webiface
notes:
  - Supported and tested against Easy-WI 6.2.5 with a TeamSpeak 3 master server added in the panel (Voice servers >
    Master servers).
options:
  external_id:
    description:
      - Your own key for the server, stored in Easy-WI's external ID; finds the server. 1 to 255 characters of
        C(A-Z), C(a-z), C(0-9), C(_) and C(:). IDs starting with C(ansible_deleted) are reserved.
    type: str
    required: true
  owner_external_id:
    description:
      - External ID of the Easy-WI user that owns the server (see M(hosting.provision.webiface_user)).
    type: str
  owner_username:
    description:
      - Login name of the Easy-WI user that owns the server, when O(owner_external_id) is not used.
    type: str
  state:
    description:
      - V(present) creates the server or converges O(slots) and O(active).
      - V(absent) queues its delete (see the description).
    type: str
    choices: [present, absent]
    default: present
  slots:
    description:
      - Number of player slots, 1 to 65535. V(12) when the server is created (the panel's default). Changed only
        once the server exists on its master; the change is a queued job.
    type: int
  active:
    description:
      - Whether the server runs. V(true) when the server is created. Changed only once the server exists on its
        master; the change is a queued job.
    type: bool
  private:
    description:
      - Whether the server has a password (Easy-WI makes one up, which only the panel shows). V(true) when the
        server is created (the panel's default). Set only when the server is created.
    type: bool
  port:
    description:
      - The port the server should get, used when it is created and only if it is free; otherwise Easy-WI gives the
        next free one from 9987 and the task warns. An existing server keeps its port.
    type: int
'''

EXAMPLES = r'''
- name: A TeamSpeak 3 server for customer crm:4711
  hosting.provision.webiface_voiceserver:
    api_url: https://wi.example.com
    api_username: ansible
    api_password: "{{ vault_easywi_api_password }}"
    external_id: "ts:1001"
    owner_external_id: "crm:4711"
    slots: 32
    private: false
  register: voice

- name: More slots, once the panel's cron job has created it
  hosting.provision.webiface_voiceserver:
    external_id: "ts:1001"
    owner_external_id: "crm:4711"
    slots: 64
  when: voice.voice_server.virtual_server_id is not none
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
voice_server:
  description:
    - The server as Easy-WI now holds it ({} after a delete). After a create, with the ID, IP and port Easy-WI gave
      (in check mode these are not known yet).
  returned: always
  type: dict
  contains:
    external_id:
      description: The server's external ID (C(ansible_deleted:...) while marked for deletion).
      type: str
    local_id:
      description: Easy-WI's ID of the server.
      type: int
      returned: when the server exists
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
      returned: when the server exists
    port:
      description: Its port.
      type: int
      returned: when the server exists, or the task asked for one
    virtual_server_id:
      description:
        - TeamSpeak's ID of the virtual server; V(null) until the panel's cron job has created it on the master
          (and for ever when a change cancelled its create job before that).
      type: int
  sample:
    external_id: "ts:1001"
    local_id: 3
    slots: 32
    active: true
    private: false
    ip: 192.0.2.50
    port: 9987
    virtual_server_id: 1
pending:
  description:
    - True when this task queued a job for the panel's cron job (a create, a change of O(slots) or O(active), a
      delete); TeamSpeak changes only when the cron job runs.
  returned: always
  type: bool
  sample: true
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import webiface
from ansible_collections.hosting.provision.plugins.module_utils.webiface_gserver_resources import VoiceServer


def arguments():
    return dict(
        argument_spec=webiface.argument_spec(
            external_id=dict(type='str', required=True),
            owner_external_id=dict(type='str'),
            owner_username=dict(type='str'),
            state=dict(type='str', default='present', choices=['present', 'absent']),
            slots=dict(type='int'),
            active=dict(type='bool'),
            private=dict(type='bool'),
            port=dict(type='int'),
        ),
        required_one_of=[('owner_external_id', 'owner_username')],
        mutually_exclusive=[('owner_external_id', 'owner_username')],
        supports_check_mode=True,
    )


def run(module):
    connection = webiface.WebifaceConnection.from_module(module)
    engine.run(module, connection, VoiceServer)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
