#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: webiface_gameserver
short_description: Manage game servers of the Easy-WI web interface
version_added: 0.1.0
description:
  - Create, change and delete a game server of an Easy-WI user through the panel's external API (C(api.php),
    C(type=gserver)).
  - The server is found by O(external_id), your own key for it, among the servers of its owner (O(owner_external_id)
    or O(owner_username)), because Easy-WI's API has no read of one game server, only the list of a user's servers.
  - Easy-WI picks the root server (the least used one that has every game and room) and the IP and ports itself;
    the result returns what it gave.
  - Options left unset keep the server's current value; a new server gets the values the panel's own form
    proposes (12 slots, not private, active, 512 to 1024 MB RAM, SourceTV on, no core binding).
  - Compared on every run, because Easy-WI returns them - O(games) (as a set), O(slots), O(private), O(active),
    O(ram_min), O(ram_max), O(cores). Sent when the server is created and never compared, because Easy-WI cannot
    return them - O(ftp_password) (see O(update_password)), O(primary_game), O(root_server_id), O(disk_quota),
    O(port) (a wish).
  - B(Queued jobs.) Easy-WI writes a server's values at once, but the work on the root server (installing, a
    change of O(active), a removed game, a new FTP password, a delete) is a job that the panel's cron job
    (C(jobs.php)) runs later. A task that queues one returns RV(pending=true).
  - Easy-WI's API cannot show its job queue, and its C(jobPending) flag proves nothing (it is off while a create is
    queued and on after any change). So for a delete the module marks the server with the external ID
    C(ansible_deleted:<external_id>) and reads Easy-WI's answer to that change, which tells whether the delete is
    queued. A queued delete is never cancelled without a word (see O(state)); a change that queues a job replaces
    the server's earlier queued changes, which Easy-WI then re-applies from what it stores.
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
    details:
      - The FTP password is shown as C(<hidden>), or C(<hidden, changed>) when it is sent.
  action_group:
    membership:
      - hosting.provision.webiface
notes:
  - Supported and tested against Easy-WI 6.2.5. Read the Easy-WI guide of this collection (docs/webiface.md) for
    what the panel needs before a server can be ordered (root servers with installed master servers).
options:
  external_id:
    description:
      - Your own key for the server, stored in Easy-WI's external ID; finds the server. 1 to 255 characters of
        C(A-Z), C(a-z), C(0-9), C(_) and C(:) (Easy-WI stores anything else as an empty ID without an error), for
        example C(order:4711).
      - Easy-WI refuses a create with an external ID that any game server has, one of another user or one waiting
        for its delete included. IDs starting with C(ansible_deleted) are reserved (see O(state)).
    type: str
    required: true
  owner_external_id:
    description:
      - External ID of the Easy-WI user that owns the server (see M(hosting.provision.webiface_user)).
      - Easy-WI cannot move a server to another user.
    type: str
  owner_username:
    description:
      - Login name of the Easy-WI user that owns the server, when O(owner_external_id) is not used.
    type: str
  state:
    description:
      - V(present) creates the server or converges the given options.
      - V(absent) deletes the server. Easy-WI only queues the delete; the server stays listed until the panel's cron
        job has run, and the task returns RV(pending=true). The module then changes the server's external ID to
        C(ansible_deleted:<external_id>); Easy-WI's answer to that change shows that the delete is queued.
      - A server found with that marker gets its delete queued again (a repeated delete replaces the queued one),
        so every V(absent) run reports changed until the cron job has removed the server.
      - V(present) on a marked server restores it only when O(ftp_password) is set (that change cancels a queued
        delete, and the password is sent whatever O(update_password) says); otherwise it fails, naming the queued
        delete, before anything is sent.
      - V(restarted) and V(stopped) do what V(present) does and queue a (re)start or a stop of the server (Easy-WI's
        C(action=gs)); Easy-WI has no start that leaves a running server alone, so V(restarted) starts a stopped
        server and restarts a running one. B(Easy-WI cannot show whether a server runs) (no API read returns its
        run state), so the module cannot compare; every such task queues its request, returns
        RV(game_server.run_request) and RV(pending=true), and reports a change, in check mode too.
      - O(active=false) alone does not stop a running server, because the job an API change of O(active) queues lacks the
        new value Easy-WI's cron job looks for before it stops a server (Easy-WI's job code). For a customer who
        stopped paying, stop the server (V(stopped)) and set O(active=false) in a later run, after the cron job.
      - A (re)start or stop replaces one still queued for the server, and nothing else. Easy-WI's cron job drops
        it when a create, change or delete job of the server is queued too, so a task that creates the server or
        queues a job does not queue its request and warns to run again after the cron job (a new server is
        stopped until started). A job another task or client queued before is out of sight.
    type: str
    choices: [present, absent, restarted, stopped]
    default: present
  games:
    description:
      - Short names of the game templates to install, for example V(css), V(cs2), V(mc). Required to create the
        server. Compared as a set.
      - Checked before anything is sent against what Easy-WI offers (C(type=gserver ls) lists the root servers
        with room and their games). A new server needs a root server with every game; a change needs the games of
        the server's own root server. Easy-WI itself would remove every game for a name it does not know.
      - A change sends the complete list, which replaces the installed games. Removing a game queues a job.
    type: list
    elements: str
  primary_game:
    description:
      - The game whose ports the server gets and that starts first; one of O(games). Without it, the game with the
        most ports. Used when the server is created; Easy-WI cannot return it.
    type: str
  slots:
    description:
      - Number of player slots, 1 to 65535. V(12) when the server is created (the panel's default). A new server
        needs a root server with more free slots than this.
    type: int
  private:
    description:
      - Whether the server is private (a clan war server, Easy-WI C(war)). V(false) when the server is created.
    type: bool
  active:
    description:
      - Whether the server may run. V(true) when the server is created. A change queues a job.
    type: bool
  ram_min:
    description:
      - Minimum RAM in MB (Java games use it for C(-Xms)), 1 to 99999. V(512) when the server is created.
    type: int
  ram_max:
    description:
      - Maximum RAM in MB, 1 to 99999, at least O(ram_min). V(1024) when the server is created. A new server needs
        a root server with more free RAM than this.
    type: int
  cores:
    description:
      - CPU cores to bind the server to (Easy-WI's core binding), for example V([0, 1]). An empty list switches the
        binding off. No binding when the server is created. Easy-WI does not check the numbers against the root
        server's cores.
    type: list
    elements: int
  disk_quota:
    description:
      - Disk quota in MB, enforced only on root servers with quotas switched on. Sent when the server is created;
        Easy-WI cannot return it. Without it, no quota.
    type: int
  ftp_password:
    description:
      - Password of the server's FTP login (C(<username>-<server id>)), 2 to 50 of C(A-Z), C(a-z), C(0-9) and C(_)
        (Easy-WI would silently make up another one).
      - Easy-WI never returns it. When a server is created without it, Easy-WI makes one up, which only the panel
        shows.
    type: str
  update_password:
    description:
      - V(on_create) sends O(ftp_password) only when the server is created.
      - V(always) sends it on every run. Easy-WI cannot compare it, so every run then reports changed, and every
        run queues a job for the panel's cron job (it re-creates the FTP login on the root server) and returns
        RV(pending=true).
    type: str
    choices: [always, on_create]
    default: on_create
  port:
    description:
      - The first port the server should get, used when the server is created and only if it is free on the IP
        Easy-WI picks; otherwise Easy-WI gives the next free one and the task warns. The result returns the port
        given.
      - An existing server keeps its port; a different value only warns (a port change is a queued job whose
        effect the API shows only after the cron job has run).
    type: int
  root_server_id:
    description:
      - Create the server on this root server (its ID in the panel, shown by C(type=gserver ls)) instead of the
        one Easy-WI picks. Used when the server is created; Easy-WI cannot return it.
    type: int
'''

EXAMPLES = r'''
- name: A Counter-Strike server for customer crm:4711
  hosting.provision.webiface_gameserver:
    api_url: https://wi.example.com
    api_username: ansible
    api_password: "{{ vault_easywi_api_password }}"
    external_id: "order:1001"
    owner_external_id: "crm:4711"
    games: [css, cs2]
    primary_game: cs2
    slots: 16
    ftp_password: "{{ vault_ftp_password }}"
  register: server

- name: Show where it runs
  ansible.builtin.debug:
    msg: "{{ server.game_server.ip }}:{{ server.game_server.port }}"

- name: More slots (written at once, no job)
  hosting.provision.webiface_gameserver:
    external_id: "order:1001"
    owner_external_id: "crm:4711"
    slots: 24

- name: Restart it (every run queues a restart; Easy-WI cannot show whether a server runs)
  hosting.provision.webiface_gameserver:
    external_id: "order:1001"
    owner_external_id: "crm:4711"
    state: restarted

- name: Stop it while the invoice is open (every run queues a stop)
  hosting.provision.webiface_gameserver:
    external_id: "order:1001"
    owner_external_id: "crm:4711"
    state: stopped

- name: Cancel the order; the panel's cron job removes the server
  hosting.provision.webiface_gameserver:
    external_id: "order:1001"
    owner_external_id: "crm:4711"
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
game_server:
  description:
    - The server as Easy-WI now holds it ({} after a delete). After a create, with the ID, IP and port Easy-WI gave
      (in check mode these are not known yet), and the create-only options the task sent.
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
      description: Whether the server may run.
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
      returned: when the server exists
    port:
      description: Its first port. A port change queued by another client shows only after the cron job has run.
      type: int
      returned: when the server exists, or the task asked for one
    primary_game:
      description: The primary game the create sent.
      type: str
      returned: when this task created the server with it
    root_server_id:
      description: The root server the create asked for.
      type: int
      returned: when this task created the server with it
    disk_quota:
      description: The disk quota in MB the create sent.
      type: int
      returned: when this task created the server with it
    run_request:
      description:
        - V(restart) or V(stop), the request this task queued (O(state=restarted) or V(stopped)); not the run
          state, which Easy-WI cannot show.
      type: str
      returned: when this task queued one
  sample:
    external_id: "order:1001"
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
pending:
  description:
    - True when this task queued a job for the panel's cron job (a create, a delete, a change of O(active), a
      removed game, a sent FTP password, a (re)start or stop); the root server changes only when the cron job
      runs.
  returned: always
  type: bool
  sample: true
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import webiface
from ansible_collections.hosting.provision.plugins.module_utils.webiface_gserver_resources import GameServer


def arguments():
    return dict(
        argument_spec=webiface.argument_spec(
            external_id=dict(type='str', required=True),
            owner_external_id=dict(type='str'),
            owner_username=dict(type='str'),
            state=dict(type='str', default='present', choices=['present', 'absent', 'restarted', 'stopped']),
            games=dict(type='list', elements='str'),
            primary_game=dict(type='str'),
            slots=dict(type='int'),
            private=dict(type='bool'),
            active=dict(type='bool'),
            ram_min=dict(type='int'),
            ram_max=dict(type='int'),
            cores=dict(type='list', elements='int'),
            disk_quota=dict(type='int'),
            ftp_password=dict(type='str', no_log=True),
            update_password=engine.update_password_option(comparable=False),
            port=dict(type='int'),
            root_server_id=dict(type='int'),
        ),
        required_one_of=[('owner_external_id', 'owner_username')],
        mutually_exclusive=[('owner_external_id', 'owner_username')],
        supports_check_mode=True,
    )


def run(module):
    connection = webiface.WebifaceConnection.from_module(module)
    engine.run(module, connection, GameServer, state='absent' if module.params['state'] == 'absent' else 'present')


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
