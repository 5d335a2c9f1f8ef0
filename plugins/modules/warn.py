#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: warn
short_description: Show a message as a warning (a helper of the customer role)
version_added: 0.3.0
description:
  - Shows O(msg) as an Ansible warning and changes nothing. The customer role uses it to say what
    C(customer_state=suspended) leaves switched on because the API cannot switch it off and on again (see the
    role's documentation, "Suspend for non-payment").
  - C(ansible.builtin.debug) prints a message but gives no warning, which AWX and the play recap would show.
  - This is an action plugin that runs on the controller; this page is its documentation and there is no module
    code.
author:
  - hosting.provision developers (@hosting-provision)
options:
  msg:
    description:
      - The text of the warning.
    type: str
    required: true
extends_documentation_fragment:
  - hosting.provision.attributes
attributes:
  check_mode:
    support: full
    details: It changes nothing.
  diff_mode:
    support: none
    details: It changes nothing, so there is nothing to show.
'''

EXAMPLES = r'''
- name: Say what a suspension leaves switched on
  hosting.provision.warn:
    msg: The TeamDrive depot stays active; TeamDrive has no call that reactivates a depot.
'''

RETURN = r'''
changed:
  description: Always false.
  returned: always
  type: bool
  sample: false
'''
