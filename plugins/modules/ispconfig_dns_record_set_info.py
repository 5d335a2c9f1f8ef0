#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_dns_record_set_info
short_description: List the DNS record sets of an ISPConfig 3 zone
version_added: 0.1.0
description:
  - Read the records of a DNS zone through the ISPConfig 3 remote JSON API, grouped into record sets (all records
    of one name and type), with one request for the zone and one for its records.
  - Returns the sets as M(hosting.provision.ispconfig_dns_record_set) returns one, in the same value forms, for every
    record type the zone holds (types the record set modules do not manage with their stored data as value).
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
      - Name of the zone, with or without the trailing dot. An empty list when it does not exist.
    type: str
    required: true
  record:
    description:
      - Only the sets of this name, written as for M(hosting.provision.ispconfig_dns_record_set) (V(@) for the zone
        itself, V(www) and V(www.example.org) alike for www in example.org); an empty name is refused.
    type: str
  type:
    description:
      - Only the sets of this record type (for example V(MX)).
    type: str
seealso:
  - module: hosting.provision.ispconfig_dns_record_set
  - module: hosting.provision.ispconfig_dns_record_sets
  - module: hosting.provision.ispconfig_dns_zone_info
'''

EXAMPLES = r'''
- name: Every record set of a zone
  hosting.provision.ispconfig_dns_record_set_info:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    zone: example.org
  register: records

- name: The mail servers of the zone itself
  ansible.builtin.debug:
    msg: "{{ records.record_sets | selectattr('record', '==', '@') | selectattr('type', '==', 'MX')
             | map(attribute='value') | first }}"
'''

RETURN = r'''
record_sets:
  description: The record sets, sorted by name and type; an empty list when none match.
  returned: always
  type: list
  elements: dict
  contains:
    zone:
      description: Name of the zone, lower case, in punycode, without the trailing dot.
      type: str
    record:
      description: Name of the records relative to the zone, V(@) for the zone itself; a name outside the zone
        keeps its trailing dot.
      type: str
    type:
      description: Type of the records.
      type: str
    value:
      description: The values, sorted, in the forms of M(hosting.provision.ispconfig_dns_record_set).
      type: list
      elements: str
    ttl:
      description: TTL in seconds; a sorted list of the TTLs when the set's records differ.
      type: raw
    active:
      description: Whether the records are served; V([false, true]) when the set's records differ.
      type: raw
  sample:
    - zone: example.org
      record: "@"
      type: MX
      value: ["10 mail.example.org."]
      ttl: 3600
      active: true
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_dns_resources import list_dns_record_sets


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(zone=dict(type='str', required=True), record=dict(type='str'),
                                              type=dict(type='str')),
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run_info(module, connection, 'record_sets', list_dns_record_sets, ('zone', 'record', ('type', 'rr_type')))


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
