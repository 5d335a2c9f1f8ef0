# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sizes in diffs: every size field shows the number the result holds with its binary unit beside it, before and
after, while the result's values stay numbers (a play compares them)."""

import pytest

from module_runner import run_module

from scenarios import WRITE_SCENARIOS

# module -> (result key, option, the result's value after the update, as the diff shows it)
SIZES = {
    'ispconfig_mail_user': ('mail_user', 'quota', 1073741824, '1073741824 (1 GiB)'),
    'ispconfig_web_domain': ('web_domain', 'quota', 2048, '2048 (2 GiB)'),
    'teamdrive_depot': ('depot', 'storage_limit', 2147483648, '2147483648 (2 GiB)'),
}
BEFORE = {'ispconfig_mail_user': '2147483648 (2 GiB)', 'ispconfig_web_domain': '1024 (1 GiB)',
          'teamdrive_depot': '1073741824 (1 GiB)'}


@pytest.mark.parametrize('scenario', [s for s in WRITE_SCENARIOS if s.name in SIZES], ids=repr)
def test_a_size_in_a_diff_carries_its_unit(serve, scenario):
    running = scenario.start(serve)
    assert run_module(scenario.module, scenario.options(running, 'create'))['changed'] is True
    key, option, value, shown = SIZES[scenario.name]
    for check in (True, False):
        result = run_module(scenario.module, scenario.options(running, 'update'), check=check, diff=True)
        assert result[key][option] == value
        assert result['diff']['before'][option] == BEFORE[scenario.name]
        assert result['diff']['after'][option] == shown


def test_unlimited_and_client_quota_limits_show_their_meaning(serve):
    scenario = next(s for s in WRITE_SCENARIOS if s.name == 'ispconfig_client')
    running = scenario.start(serve)
    limits = dict(limit_web_quota='10 GiB', limit_mailquota=-1, limit_mailbox=10)
    options = scenario.options(running, 'create', limits=limits)
    result = run_module(scenario.module, options, diff=True)
    assert result['client']['limits'] == dict(limit_web_quota='10240', limit_mailquota='-1', limit_mailbox='10')
    assert result['diff']['after']['limits'] == dict(limit_web_quota='10240 (10 GiB)',
                                                     limit_mailquota='-1 (unlimited)', limit_mailbox='10')
