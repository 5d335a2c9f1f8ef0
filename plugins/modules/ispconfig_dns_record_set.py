#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_dns_record_set
short_description: Manage the DNS records of one name and type in an ISPConfig 3 zone
version_added: 0.1.0
description:
  - Converge all records of one name (O(record)) and type (O(type)) in a DNS zone of ISPConfig, a record set, to
    exactly the values of O(value), through the ISPConfig 3 remote JSON API. The set is found by zone, name and type;
    numeric ids are never needed.
  - Records whose value is wanted are kept; the others are changed to the wanted values that are missing, further
    missing values are added and records left over are deleted, so a set converges with as few writes as possible.
  - Every record is saved as the panel's record page saves it, with the zone's server and owner, a time stamp and
    a record serial. After the records are written the zone's SOA serial is raised once (C(YYYYMMDDnn), as the panel
    does after a record save), so secondary name servers fetch the change. A task that changes nothing writes
    nothing, unless the zone holds records newer than its serial (see the notes).
  - Values the panel would refuse fail before any request, and so do sets it would not let exist together at one
    name (a CNAME next to A, AAAA or another CNAME).
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
  - "Values are compared in one form per type: A and AAAA addresses canonical (V(2001:DB8:0::1) is
    V(2001:db8::1)), host names fully qualified, lower case and in punycode with the trailing dot, MX as
    C(<priority> <host>), SRV as C(<priority> <weight> <port> <target>), CAA as C(<flags> <tag> \"<value>\"). The
    module returns them in that form."
  - "TXT values are compared exactly, as given. Each is the text of one TXT record, without quotes: ISPConfig writes it
    into the zone file between double quotes and splits a text longer than 255 characters into strings of 255
    (a DKIM key may be given in one piece). A text with a double quote or a backslash is refused, because it would
    break the record in the zone file; so is one over 65280 bytes, more than one TXT record holds."
  - "The records of a set belong to the zone's client, as in the panel, whatever the task's connection."
  - "If writing the zone's serial fails after the records were written, the task fails and says so. The zone then
    holds records newer than its serial (each record carries the serial its zone was to get, and the day it was
    written), and the next run of any record set task of the zone sees that and raises the serial, reporting a
    change even when its own set is as it wants it (with a warning; check mode reports it and writes nothing)."
  - "Runs on several controllers at once (AWX nodes, two admins) are not kept apart: the lock that serialises
    the runs of one task holds per controller only, and the API takes identical records. After a task created
    records it reads the set back; if it now holds a value more than once, another run created the same at the
    same time, and the task fails naming those records' ids (it still reports its change). Running it again keeps
    one record of each value and deletes the others."
options:
  zone:
    description:
      - Name of the zone, with or without the trailing dot (M(hosting.provision.ispconfig_dns_zone)). It must exist
        when a set is created; in check mode a missing zone is a warning, as an earlier task may create it.
    type: str
    required: true
  record:
    description:
      - Name of the records, V(@) for the zone itself (stored as the zone's name with its trailing dot, as the
        panel stores C(@)), a name relative to the zone such as V(www), V(_dmarc) or V(*.dev) (V(*) alone is
        stored as C(*.<zone>.)), or a fully qualified name, with the trailing dot (V(www.example.org.)), which must
        lie in the zone, or without it.
      - "A name without the trailing dot that is the zone's own name or ends with C(.<zone>) is that fully
        qualified name, as community.dns and most DNS modules take it: in the zone example.org, V(example.org) is
        the zone itself and V(www.example.org) is C(www), never C(www.example.org.example.org), the name a zone
        file would read. To mean such a name below the zone, write it fully qualified with the trailing dot
        (V(www.example.org.example.org.)). Other names without the dot (V(www), V(mail.dev)) are relative to the
        zone."
      - An empty name (V(""), or a variable without a value) is refused before any request; write V(@) for the zone
        itself.
      - Compared lower case and in punycode. A record set of the module and the records the panel shows under
        V(www) and V(www.example.org.) are the same set.
      - The panel's limits per type apply to the name as stored, for example at most 64 characters and no C(_) for
        A and AAAA records.
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
      - The values of the set, in any order, each once. Required with O(state=present), and with O(state=absent)
        unless O(on_existing=replace).
      - A an IPv4 address, AAAA an IPv6 address.
      - CNAME and NS a host name; at most one CNAME per name, and none at the zone itself.
      - MX V(<priority> <host>) (V(10 mail.example.org.)) or just the host, which gets O(priority).
      - SRV V(<priority> <weight> <port> <target>) (V(10 5 5060 sip.example.org.)) or the last three, which get
        O(priority); the target V(.) means "no such service".
      - CAA V(<flags> <tag> "<certificate authority>[; key=value]"), for example V(0 issue "letsencrypt.org"),
        with the flags V(0) or V(128) and the tags the panel makes, V(issue) and V(issuewild).
      - TXT the text itself, see the notes.
      - A host name with a trailing dot is fully qualified, V(@) is the zone itself and a single label such as
        V(mail) is a host in the zone; a dotted name without the trailing dot (V(mail.example.net)) is refused,
        because the zone file would read it relative to the zone.
    type: list
    elements: str
  ttl:
    description:
      - TTL of the records in seconds, from 60 to 2147483647.
      - When the set is created, V(3600), or the zone's TTL for CAA, as the panel's forms have it; an existing set
        keeps its TTL unless this is set.
    type: int
  priority:
    description:
      - MX and SRV only, the priority of the values that give none. V(10) for MX and V(0) for SRV, the panel's
        defaults.
    type: int
  active:
    description:
      - Whether the records are served. V(true) when the set is created.
    type: bool
  state:
    description:
      - V(present) converges the set to O(value), V(absent) deletes its records.
    type: str
    choices: [present, absent]
    default: present
  on_existing:
    description:
      - What to do when the set exists and differs from O(value) (or O(ttl), O(active) where given).
      - V(replace) changes it (O(state=present)) or deletes it whatever it holds (O(state=absent)).
      - V(keep_and_fail) fails without a change, V(keep_and_warn) warns and keeps the set, V(keep) keeps it
        silently. With one of these, O(state=absent) deletes the set only when it holds exactly O(value).
    type: str
    choices: [replace, keep_and_fail, keep_and_warn, keep]
    default: replace
seealso:
  - module: hosting.provision.ispconfig_dns_zone
  - module: hosting.provision.ispconfig_dns_record_sets
  - module: hosting.provision.ispconfig_dns_record_set_info
'''

EXAMPLES = r'''
- name: The web server's addresses
  hosting.provision.ispconfig_dns_record_set:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    zone: example.org
    record: www
    type: A
    value: [192.0.2.10, 192.0.2.11]

- name: Mail servers of the zone itself
  hosting.provision.ispconfig_dns_record_set:
    zone: example.org
    record: "@"
    type: MX
    value:
      - 10 mail.example.org.
      - 20 backup-mx.example.net.

- name: SPF, and a DKIM key longer than 255 characters in one piece
  hosting.provision.ispconfig_dns_record_set:
    zone: example.org
    record: "{{ item.record }}"
    type: TXT
    value: ["{{ item.text }}"]
    ttl: 600
  loop:
    - {record: "@", text: "v=spf1 mx -all"}
    - {record: default._domainkey, text: "v=DKIM1; k=rsa; p={{ dkim_public_key }}"}

- name: Only Let's Encrypt issues certificates
  hosting.provision.ispconfig_dns_record_set:
    zone: example.org
    record: "@"
    type: CAA
    value: ['0 issue "letsencrypt.org"']

- name: Delete an old name, but only if it still points where we think
  hosting.provision.ispconfig_dns_record_set:
    zone: example.org
    record: old
    type: CNAME
    value: [www.example.org.]
    state: absent
    on_existing: keep_and_warn
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
record_set:
  description:
    - The record set as ISPConfig holds it after the task (predicted in check mode); empty when absent.
  returned: always
  type: dict
  contains:
    zone:
      description: Name of the zone, lower case, in punycode, without the trailing dot.
      type: str
      sample: example.org
    record:
      description: Name of the records relative to the zone, V(@) for the zone itself.
      type: str
      sample: www
    type:
      description: Type of the records.
      type: str
      sample: A
    value:
      description: The values, sorted, in the form the notes describe.
      type: list
      elements: str
      sample: [192.0.2.10, 192.0.2.11]
    ttl:
      description: TTL in seconds; a sorted list of the TTLs when the set's records differ (made elsewhere).
      type: raw
      sample: 3600
    active:
      description: Whether the records are served; V([false, true]) when the set's records differ.
      type: raw
      sample: true
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_dns_resources import (
    DnsRecordSet, dns_record_set_options)


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(**dns_record_set_options()),
        required_if=[('state', 'present', ['value'])],
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run(module, connection, DnsRecordSet)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
