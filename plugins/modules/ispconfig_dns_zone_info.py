#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_dns_zone_info
short_description: List DNS zones in ISPConfig 3
version_added: 0.1.0
description:
  - Read DNS zones through the ISPConfig 3 remote JSON API, all of them, one zone, or a client's.
  - Returns the same fields as M(hosting.provision.ispconfig_dns_zone) returns.
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
  zone:
    description:
      - Only the zone of this name (with or without the trailing dot).
    type: str
  client:
    description:
      - Only the zones of the ISPConfig client with this username; an empty list when there is no such client.
    type: str
seealso:
  - module: hosting.provision.ispconfig_dns_zone
  - module: hosting.provision.ispconfig_dns_record_set_info
'''

EXAMPLES = r'''
- name: The zones of a client
  hosting.provision.ispconfig_dns_zone_info:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    client: acme
  register: acme_zones

- name: Show their serials
  ansible.builtin.debug:
    msg: "{{ acme_zones.dns_zones | items2dict(key_name='zone', value_name='serial') }}"
'''

RETURN = r'''
dns_zones:
  description: The matching zones, sorted by name; an empty list when none match.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Id of the zone in the panel.
      type: int
    zone:
      description: Name of the zone, lower case, in punycode, without the trailing dot.
      type: str
    server_id:
      description: Id of the DNS server.
      type: int
    ns:
      description: The primary name server, with the trailing dot.
      type: str
    email:
      description: The administrator's mailbox in the dotted form of the zone file.
      type: str
    serial:
      description: The SOA serial.
      type: int
    refresh:
      description: Refresh time in seconds.
      type: int
    retry:
      description: Retry time in seconds.
      type: int
    expire:
      description: Expire time in seconds.
      type: int
    minimum:
      description: The SOA minimum (TTL of negative answers) in seconds.
      type: int
    ttl:
      description: The zone's default TTL in seconds.
      type: int
    xfer:
      description: Addresses allowed to transfer the zone.
      type: list
      elements: str
    also_notify:
      description: Further name servers told about changes.
      type: list
      elements: str
    active:
      description: Whether the zone is served.
      type: bool
    dnssec:
      description: Whether DNSSEC is wanted for the zone.
      type: bool
  sample:
    - zone: example.org
      id: 3
      ns: ns1.example.com.
      email: hostmaster.example.org.
      serial: 2026113001
      active: true
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_dns_resources import list_dns_zones


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(zone=dict(type='str'), client=dict(type='str')),
        mutually_exclusive=[('zone', 'client')],
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run_info(module, connection, 'dns_zones', list_dns_zones, ('zone', ('client', 'owner')))


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
