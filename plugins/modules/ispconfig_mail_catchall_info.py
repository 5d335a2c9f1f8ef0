#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_mail_catchall_info
short_description: List the catch-alls of mail domains in ISPConfig 3
version_added: 0.3.0
description:
  - Read the catch-alls through the ISPConfig 3 remote JSON API, all of them or one domain's, with one request.
  - Returns the same fields as M(hosting.provision.ispconfig_mail_catchall) returns. A catch-all the API stored
    without its type (type empty, missing from the panel's list) is listed too.
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
  domain:
    description:
      - Only the catch-all of this mail domain (without C(@)). Unset, every catch-all is listed.
    type: str
'''

EXAMPLES = r'''
- name: Where the mail to unknown addresses of example.com goes
  hosting.provision.ispconfig_mail_catchall_info:
    domain: example.com
  register: found
'''

RETURN = r'''
mail_catchalls:
  description: The catch-alls, sorted by domain; empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    forwarding_id:
      description: Id of the catch-all in the panel.
      type: int
    domain:
      description: The mail domain.
      type: str
    destination:
      description: The address the mail goes to.
      type: str
    type:
      description: V(catchall), or empty for a row the API stored without its type.
      type: str
    server_id:
      description: Mail server id.
      type: int
    active:
      description: Whether the catch-all is in effect.
      type: bool
  sample:
    - domain: example.com
      destination: alice@example.com
      type: catchall
      server_id: 1
      active: true
      forwarding_id: 7
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_resources import list_mail_catchalls


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(domain=dict(type='str')),
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run_info(module, connection, 'mail_catchalls', list_mail_catchalls, ('domain',))


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
