#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_mail_spamfilter
short_description: Manage the spam filter policy and white/blacklist of an address or a mail domain in ISPConfig 3
version_added: 0.3.0
description:
  - The spam filter of O(email), an address or C(@) and a mail domain for every address of the domain that has
    none of its own (the panel's spam filter users), with its O(policy) and its O(whitelist) and O(blacklist) of
    senders.
  - The mail domain must exist in ISPConfig (M(hosting.provision.ispconfig_mail_domain)); a new spam filter gets its
    server and its owner. Check mode only warns when the domain is missing, since an earlier task may create it.
  - A new spam filter gets what the panel's mail domain and mailbox pages give the one they create, that is priority
    5 for a domain, 7 for an address, the local flag and the address as its name; the API alone would store
    priority 0 and no local flag. Its list entries get the list form's priority 5, switched on.
  - O(state=absent) deletes the list entries first and then the spam filter, as the panel does; the API's delete
    of a spam filter alone would leave its entries behind.
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
options:
  email:
    description:
      - The address, or C(@) and the domain (C(@example.com)) for the whole mail domain.
    type: str
    required: true
  policy:
    description:
      - The spam filter policy by its name as the panel lists it (Mail > Spamfilter > Policy), for example
        C(Normal) or C(Uncensored). An unknown name is refused with the list of the panel's policies, before
        anything is written.
      - Required to create the spam filter; left as it is when omitted.
    type: str
  whitelist:
    description:
      - Senders (addresses or C(@) and a domain) whose mail is never treated as spam, converged as a set (the
        entries not listed are removed). Left as it is when omitted; V([]) empties it.
    type: list
    elements: str
  blacklist:
    description:
      - Senders (addresses or C(@) and a domain) whose mail is always refused, converged as a set like O(whitelist).
    type: list
    elements: str
  state:
    description:
      - Whether the spam filter exists.
    type: str
    choices: [present, absent]
    default: present
notes:
  - The API reads and writes both lists through each of its whitelist and blacklist functions; the module tells
    the entries apart by their mark (W or B), which it always writes. Entries of the spam filter without a mark
    (written by the API without one) belong to neither list; O(state=absent) deletes them too.
'''

EXAMPLES = r'''
- name: The Normal policy for example.com, with a whitelisted partner and a blocked domain
  hosting.provision.ispconfig_mail_spamfilter:
    email: '@example.com'
    policy: Normal
    whitelist:
      - newsletter@partner.example
    blacklist:
      - '@spam.example'

- name: Alice wants all her spam
  hosting.provision.ispconfig_mail_spamfilter:
    email: alice@example.com
    policy: Wants all spam

- name: Remove the spam filter of example.com with its lists
  hosting.provision.ispconfig_mail_spamfilter:
    email: '@example.com'
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
mail_spamfilter:
  description: The spam filter after the task (predicted in check mode); empty when absent.
  returned: always
  type: dict
  contains:
    id:
      description: Id of the spam filter (its spam filter user) in the panel.
      type: int
      returned: when it exists after the task (not in check mode for a new one)
    email:
      description: The address, or C(@) and the domain.
      type: str
    policy:
      description: The name of its policy; null when its policy is none the panel lists (0, inherited).
      type: str
    policy_id:
      description: The id of its policy.
      type: int
    whitelist:
      description: The senders of its whitelist, sorted.
      type: list
      elements: str
    blacklist:
      description: The senders of its blacklist, sorted.
      type: list
      elements: str
    fullname:
      description: Its name in the panel.
      type: str
    priority:
      description: Its priority (5 for a domain, 7 for an address when created by the module).
      type: int
    local:
      description: The panel's local flag.
      type: bool
    server_id:
      description: Mail server id (its mail domain's).
      type: int
  sample:
    email: '@example.com'
    policy: Normal
    policy_id: 5
    whitelist: [newsletter@partner.example]
    blacklist: ['@spam.example']
    fullname: '@example.com'
    priority: 5
    local: true
    server_id: 1
    id: 3
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_resources import MailSpamfilter


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(
            email=dict(type='str', required=True),
            policy=dict(type='str'),
            whitelist=dict(type='list', elements='str'),
            blacklist=dict(type='list', elements='str'),
            state=dict(type='str', default='present', choices=['present', 'absent']),
        ),
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run(module, connection, MailSpamfilter)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
