#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_dns_zone
short_description: Manage DNS zones in ISPConfig 3
version_added: 0.1.0
description:
  - Create, update and delete a DNS zone (its SOA record) through the ISPConfig 3 remote JSON API.
  - The zone is found by its name; numeric ids are never needed.
  - Options left unset keep the zone's current value. When the zone is created, every field is sent with the
    defaults of the panel's zone form (refresh 7200, retry 540, expire 604800, minimum 3600, TTL 3600, active,
    DNSSEC wanted), because the API stores empty values for anything left out.
  - The SOA serial is handled as the panel handles it, in the form C(YYYYMMDDnn) (the date in UTC). A new zone
    starts at today's date and C(01), and every change of the zone raises it (to today and C(01), or to the next
    number when the serial is already of today). The API itself never raises it.
  - Records are managed with M(hosting.provision.ispconfig_dns_record_set) and
    M(hosting.provision.ispconfig_dns_record_sets).
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
notes:
  - "O(state=absent) deletes the zone's records first and then the zone, as the panel's delete does: the API's
    own zone delete would leave the records behind in the database."
  - "Moving an existing zone to another O(client) moves the zone only: its records keep their owner, because the
    API has no call that moves them with it as the panel does. The module warns when it does this."
options:
  zone:
    description:
      - Name of the zone (its origin), with or without the trailing dot, for example V(example.org).
        Internationalised names are stored in punycode and compared that way.
      - The panel wants at least two labels and a top-level label of two characters or more.
    type: str
    required: true
  state:
    description:
      - V(absent) deletes the zone with all its records.
    type: str
    choices: [present, absent]
    default: present
  client:
    description:
      - Username of the ISPConfig client that owns the zone, so the client sees it in the panel. Leave unset for
        the admin.
      - Its records are created for the same client (M(hosting.provision.ispconfig_dns_record_set)).
    type: str
  server_id:
    description:
      - Id of the DNS server that serves the zone.
      - When the zone is created, the panel's default DNS server (System > Main Config > DNS), else the first DNS
        server that mirrors no other; reading these needs the C(Server functions) group for the remote user,
        without it the zone goes to server V(1) with a warning.
    type: int
  ns:
    description:
      - The primary name server of the zone (the SOA record's MNAME), for example V(ns1.example.com). Stored with
        the trailing dot, as the panel stores it.
      - Required when the zone is created. The name server records themselves are record sets of type V(NS).
    type: str
  email:
    description:
      - The mailbox of the zone's administrator (the SOA record's RNAME), for example V(hostmaster@example.org).
      - Stored and returned in the dotted form of the zone file, V(hostmaster.example.org.), as the panel stores it
        (it turns the C(@) into a dot); the dotted form may be given too. A dot in the part before C(@) cannot be
        told apart from the one that replaces C(@), as in the panel.
      - Required when the zone is created.
    type: str
  refresh:
    description:
      - Seconds after which secondary name servers check the serial. V(7200) when the zone is created.
      - This and the other times are whole seconds from 60 to 2147483647.
    type: int
  retry:
    description:
      - Seconds a secondary waits before it retries a failed refresh. V(540) when the zone is created.
    type: int
  expire:
    description:
      - Seconds after which a secondary stops answering for the zone when it cannot refresh it. V(604800) when the
        zone is created.
    type: int
  minimum:
    description:
      - The SOA minimum, the TTL of negative answers. V(3600) when the zone is created.
    type: int
  ttl:
    description:
      - The zone's default TTL in seconds. V(3600) when the zone is created.
    type: int
  xfer:
    description:
      - IP addresses or networks (V(192.0.2.0/24)) allowed to transfer the zone, or V([any]). V([]), no
        transfers, when the zone is created.
    type: list
    elements: str
  also_notify:
    description:
      - IP addresses of further name servers that are told about changes. V([]) when the zone is created.
    type: list
    elements: str
  active:
    description:
      - Whether the DNS server serves the zone. V(true) when the zone is created.
    type: bool
  dnssec:
    description:
      - Whether the zone is signed with DNSSEC (ISPConfig C(dnssec_wanted)). V(true) when the zone is created, as
        the panel's zone form has it ticked; the panel's DNS server creates the keys (algorithm ECDSAP256SHA256).
    type: bool
seealso:
  - module: hosting.provision.ispconfig_dns_record_set
  - module: hosting.provision.ispconfig_dns_record_sets
  - module: hosting.provision.ispconfig_dns_zone_info
'''

EXAMPLES = r'''
- name: A zone of a customer, with the panel's SOA defaults
  hosting.provision.ispconfig_dns_zone:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    zone: example.org
    ns: ns1.example.com
    email: hostmaster@example.org
    client: acme

- name: Longer refresh, transfers to a secondary
  hosting.provision.ispconfig_dns_zone:
    zone: example.org
    refresh: 14400
    xfer: [198.51.100.53]
    also_notify: [198.51.100.53]

- name: Delete a zone with all its records
  hosting.provision.ispconfig_dns_zone:
    zone: example.net
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
dns_zone:
  description:
    - The zone as ISPConfig holds it after the task (predicted in check mode); empty when absent.
  returned: always
  type: dict
  contains:
    id:
      description: Id of the zone in the panel.
      type: int
      returned: when the zone exists after the task (not in check mode for a new one)
    zone:
      description: Name of the zone, lower case, in punycode, without the trailing dot.
      type: str
    client:
      description: Username of the owning client (empty for the admin).
      type: str
      returned: when O(client) is set
    server_id:
      description: Id of the DNS server.
      type: int
    ns:
      description: The primary name server, with the trailing dot.
      type: str
    email:
      description: The administrator's mailbox in the dotted form of the zone file.
      type: str
      sample: hostmaster.example.org.
    serial:
      description: The SOA serial, C(YYYYMMDDnn).
      type: int
      sample: 2026113001
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
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_dns_resources import (DnsZone,
                                                                                                dns_zone_options)


def arguments():
    return dict(argument_spec=ispconfig.argument_spec(**dns_zone_options()), supports_check_mode=True)


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run(module, connection, DnsZone)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
