# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""hosting.provision.warn: a task that shows its `msg` as an Ansible warning and changes nothing, in check mode
too. The customer role uses it to say what customer_state=suspended leaves switched on (docs/customer.md,
"Suspend for non-payment"); ansible.builtin.debug prints a message but gives no warning."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleActionFail
from ansible.module_utils.six import string_types
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(('msg',))
    _requires_connection = False
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        message = self._task.args.get('msg')
        if not isinstance(message, string_types) or not message.strip():
            raise AnsibleActionFail('hosting.provision.warn needs msg, the text of the warning')
        result.update(changed=False, warnings=[message])
        return result
