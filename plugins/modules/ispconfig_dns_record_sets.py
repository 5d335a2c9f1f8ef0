#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_dns_record_sets
short_description: Manage many DNS record sets of ISPConfig 3 zones in one task
version_added: 0.1.0
description:
  - Converge a list of record sets (all records of one name and type in a zone) in one task through the ISPConfig 3
    remote JSON API, each as M(hosting.provision.ispconfig_dns_record_set) converges one.
  - Each zone is read with one request for its SOA and one for all its records, whatever the number of sets; only the
    sets that differ are written, and each zone whose records were written gets its SOA serial raised once at the
    end (not once per record), and its records read once more when records were added, to find identical ones
    another controller created at the same time. A zone of 1000 records that needs no change costs four requests
    with the login.
  - Every item is checked before the first request, and every planned write (including the panel's rule against
    a CNAME next to other records at one name, across all items) before the first write, so bad input anywhere fails
    the whole list with nothing written. A write that fails stops the task; the error names what was already
    written.
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
    details:
      - C(before) and C(after) map each record set that changes (C(<name> <type>)) to its state; unchanged sets are
        left out.
  action_group:
    membership:
      - hosting.provision.ispconfig
notes:
  - The notes of M(hosting.provision.ispconfig_dns_record_set) on value forms, TXT values, owners, the serial and
    runs on several controllers apply.
options:
  zone:
    description:
      - The zone of every item that does not name its own (O(record_sets[].zone)).
    type: str
  record_sets:
    description:
      - The record sets, each with the options of M(hosting.provision.ispconfig_dns_record_set). A set (name and
        type in a zone) may appear only once.
    type: list
    elements: dict
    required: true
    suboptions:
      zone:
        description:
          - Name of the zone, with or without the trailing dot; defaults to the task's O(zone). It must exist when a
            set is created; in check mode a missing zone is a warning, as an earlier task may create it.
        type: str
      record:
        description:
          - Name of the records, V(@) for the zone itself, relative to the zone (V(www), V(_dmarc), V(*.dev)) or
            fully qualified, with the trailing dot (V(www.example.org.)) or without it, as in
            M(hosting.provision.ispconfig_dns_record_set). A name that is the zone's own or ends with C(.<zone>)
            is that fully qualified name (V(www.example.org) in example.org is V(www)), so V(www) and
            V(www.example.org) in one list name the same set twice, which is refused. An empty name is refused.
        type: str
        required: true
      type:
        description:
          - Type of the records.
        type: str
        required: true
        choices: [A, AAAA, CAA, CNAME, MX, NS, SRV, TXT]
      value:
        description:
          - The values of the set, in any order, each once, in the forms M(hosting.provision.ispconfig_dns_record_set)
            describes. Required with O(record_sets[].state=present), and with O(record_sets[].state=absent) unless
            O(record_sets[].on_existing=replace).
        type: list
        elements: str
      ttl:
        description:
          - TTL of the records in seconds, from 60 to 2147483647. When the set is created, V(3600), or the zone's
            TTL for CAA; an existing set keeps its TTL unless this is set.
        type: int
      priority:
        description:
          - MX and SRV only, the priority of the values that give none. V(10) for MX and V(0) for SRV.
        type: int
      active:
        description:
          - Whether the records are served. V(true) when the set is created.
        type: bool
      state:
        description:
          - V(present) converges the set to O(record_sets[].value), V(absent) deletes its records.
        type: str
        choices: [present, absent]
        default: present
      on_existing:
        description:
          - What to do when the set exists and differs, as in M(hosting.provision.ispconfig_dns_record_set).
            V(replace) changes or deletes it, V(keep_and_fail) fails the whole list before any write,
            V(keep_and_warn) and V(keep) leave it.
        type: str
        choices: [replace, keep_and_fail, keep_and_warn, keep]
        default: replace
  purge:
    description:
      - Also delete every record set that no item names, but only in the zones that at least one item names.
      - Left alone even then, because the module does not manage them, are the NS records of the zone itself (its
        delegation), records of other types than those of O(record_sets[].type), and names outside the zone.
    type: bool
    default: false
seealso:
  - module: hosting.provision.ispconfig_dns_record_set
  - module: hosting.provision.ispconfig_dns_zone
  - module: hosting.provision.ispconfig_dns_record_set_info
'''

EXAMPLES = r'''
- name: The records of a customer's zone; delete every other set of it
  hosting.provision.ispconfig_dns_record_sets:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    zone: example.org
    purge: true
    record_sets:
      - {record: "@", type: A, value: [192.0.2.10]}
      - {record: www, type: A, value: [192.0.2.10]}
      - {record: "@", type: MX, value: ["10 mail.example.org."]}
      - {record: mail, type: A, value: [192.0.2.25]}
      - {record: "@", type: TXT, value: ["v=spf1 mx -all"]}
      - {record: _dmarc, type: TXT, value: ["v=DMARC1; p=quarantine"]}

- name: Sets of several zones in one task
  hosting.provision.ispconfig_dns_record_sets:
    record_sets:
      - {zone: example.org, record: www, type: AAAA, value: ["2001:db8::10"]}
      - {zone: example.net, record: www, type: CNAME, value: [www.example.org.]}
      - {zone: example.net, record: old, type: A, state: absent}
'''

RETURN = r'''
created:
  description: The record sets created (in check mode, that would be created), as C(<name> <type>), in list order.
  returned: always
  type: list
  elements: str
  sample: [www.example.org A]
updated:
  description: The record sets changed (in check mode, that would be changed).
  returned: always
  type: list
  elements: str
  sample: [example.org MX]
deleted:
  description: The record sets deleted (O(record_sets[].state=absent) or O(purge)).
  returned: always
  type: list
  elements: str
  sample: [old.example.org A]
may_have_been:
  description:
    - The record set whose write failed after it was sent (its answer was lost, and a re-read failed too, for example
      because the server died, or showed part of the write), under what it may have been (C(created), C(updated)
      or C(deleted)). Check it before running again.
  returned: when the task failed that way
  type: dict
  sample: {created: [www.example.org A]}
  contains:
    created:
      description: The item, when its create failed that way.
      returned: for a create
      type: list
      elements: str
    updated:
      description: The item, when its update failed that way.
      returned: for an update
      type: list
      elements: str
    deleted:
      description: The item, when its delete failed that way.
      returned: for a delete
      type: list
      elements: str
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_dns_resources import (
    DnsRecordSet, dns_record_set_options)


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(**engine.bulk_argument_spec(
            'record_sets', dns_record_set_options(), task_options=('zone',),
            required_if=[('state', 'present', ['value'])])),
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run_bulk(module, connection, DnsRecordSet, 'record_sets')


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
