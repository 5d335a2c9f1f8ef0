# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""The action plugin of every module (each plugins/action/<module>.py subclasses InProcessAction): a task that
runs on the controller itself runs the module's engine inside the controller's worker process; any other task
runs as the ordinary module.

A module task costs Ansible's packing of the module, a new Python and its imports, far more than the few HTTP
requests the task makes. Run in the worker, a task costs its requests. What the module would do is kept: the
options are validated by ansible-core's ArgumentSpecValidator as AnsibleModule validates them, the engine's
converge() runs the module's own run(), and the result is masked as AnsibleModule masks it. README.md ("Where a
task runs") describes the switch (the variable hosting_provision_in_process) and when a task runs as a module.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib
import os
from contextlib import contextmanager

from ansible import constants as C
from ansible.errors import AnsibleActionFail, AnsibleError
from ansible.module_utils.basic import remove_values
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import UnsupportedError
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display
from ansible.utils.vars import merge_hash

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine

display = Display()

SWITCH = 'hosting_provision_in_process'
MODULES = 'ansible_collections.hosting.provision.plugins.modules.'
# the collection's Python requirements (requirements.txt): a controller without them leaves its tasks to the
# module, whose interpreter (ansible_python_interpreter) may have them
REQUIREMENTS = ('idna', 'requests', 'xmltodict')


def missing_requirements():
    """The libraries of REQUIREMENTS that this Python cannot import."""
    missing = []
    for name in REQUIREMENTS:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    return missing


def reports_invocation(task_vars=None):
    """Whether a module's result carries its arguments (`invocation`), as AnsibleModule decides: from ansible-core
    2.21 on only with the INJECT_INVOCATION setting, before it always."""
    try:
        return boolean(C.config.get_config_value('INJECT_INVOCATION', variables=task_vars or {}), strict=False)
    except AnsibleError:  # a core without the setting
        return True


def run_in_process(module, action, args, check_mode=False, diff=False, invocation=None):
    """The result of `module` (a module of this collection, imported) on a task's `args`, run in this process: the
    options validated as AnsibleModule validates them, the task run by the engine, the result masked as
    AnsibleModule masks what it prints (no_log options and every secret the run met). `action` is the task's
    action as written, which AnsibleModule names in its messages. `invocation`: whether the result carries the
    arguments (reports_invocation() of the task's variables; None: of no variables)."""
    arguments = module.arguments()
    rules = dict((key, value) for key, value in arguments.items() if key != 'supports_check_mode')
    validated = ArgumentSpecValidator(**rules).validate(args)
    params = validated.validated_parameters
    no_log_values = set(validated._no_log_values)
    warnings = ['Both option %s and its alias %s are set.' % (w['option'], w['alias']) for w in validated._warnings]
    try:
        error = validated.errors[0]
    except IndexError:  # the errors' container is never false: only indexing tells that it is empty
        error = None
    if error:
        message = validated.errors.msg
        if isinstance(error, UnsupportedError):
            message = 'Unsupported parameters for (%s) module: %s' % (action, message)
        result = dict(failed=True, msg=message)
    else:
        result = engine.converge(module.run, arguments, params, check_mode, diff, no_log_values)
        warnings.extend(result.pop('warnings', ()))
    if warnings:
        result['warnings'] = warnings
    if reports_invocation() if invocation is None else invocation:
        result['invocation'] = dict(module_args=params)
    return remove_values(result, no_log_values)


@contextmanager
def environment(variables):
    """os.environ with `variables` (a task's `environment:`) for the duration of the block."""
    saved = dict((name, os.environ.get(name)) for name in variables)
    os.environ.update((name, str(value)) for name, value in variables.items())
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class InProcessAction(ActionBase):
    """Runs the module in the worker when the task runs on the controller, else as a module (ansible.builtin's
    `normal` action does the same for a module without an action plugin)."""

    _supports_check_mode = True
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        result = super(InProcessAction, self).run(tmp, task_vars)
        del tmp  # no longer has any effect
        name = (self._task.resolved_action or self._task.action).rpartition('.')[2]
        reason = self._module_reason(task_vars or {})
        if reason:
            display.vvv('hosting.provision.%s runs as a module: %s' % (name, reason), host=self._play_context.remote_addr)
            wrap_async = self._task.async_val and not self._connection.has_native_async
            result = merge_hash(result, self._execute_module(task_vars=task_vars, wrap_async=wrap_async))
            if not wrap_async:
                self._remove_tmp_path(self._connection._shell.tmpdir)
            return result
        display.vvv('hosting.provision.%s runs in-process on the controller' % name, host=self._play_context.remote_addr)
        variables = {}
        self._compute_environment_string(variables)
        with environment(variables):
            return merge_hash(result, run_in_process(importlib.import_module(MODULES + name), self._task.action,
                                                     self._task.args, self._task.check_mode, self._task.diff,
                                                     reports_invocation(task_vars)))

    def _module_reason(self, task_vars):
        """Why the task runs as a module, or None when it runs in-process."""
        switch = self._templar.template(task_vars.get(SWITCH, True))
        try:
            if not boolean(switch, strict=True):
                return '%s is false' % SWITCH
        except TypeError:
            raise AnsibleActionFail('%s must be true or false, not %r.' % (SWITCH, switch))
        if self._connection.transport != 'local':
            return 'the task runs over the %s connection, not on the controller' % self._connection.transport
        if self._play_context.become:
            return 'the task uses become'
        if self._task.async_val:
            return 'the task is async'
        missing = missing_requirements()
        if missing:
            return "the controller's Python lacks %s" % ', '.join(missing)
        return None
