# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Smoke test of the benchmark script (tests/bench/run.py --quick, N = 2): every module's request counts and
every playbook variant run, the no-change runs changing nothing. Its figures are printed, never checked."""

import os
import re
import subprocess
import sys

from project_paths import module_names

HERE = os.path.dirname(os.path.abspath(__file__))
PLAYBOOK_LINE = re.compile(r'^  (\S.*?) +[0-9.]+ s +\d+ MiB +(\d+) requests  changed tasks=(\d+)$', re.M)


def test_quick_benchmark_runs_every_module_and_playbook():
    run = subprocess.run([sys.executable, os.path.join(HERE, 'run.py'), '--quick'], capture_output=True, text=True,
                         timeout=900, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    module_rows = dict((row.split('|')[1].strip(), row) for row in run.stdout.split('\n\n2.')[0].splitlines()
                       if row.startswith('| ') and not row.startswith('| module '))
    modules = set(module_names())
    # besides one row per module, rows of a module with options that cost requests of their own ("module + ...")
    assert set(name.split(' + ')[0] for name in module_rows) == modules
    assert not [row for row in module_rows.values() if 'failed' in row]
    for api in ('ispconfig', 'mailbox_org'):
        section = run.stdout.split('%s, N=2\n' % api)[1].split('\n\n')[0]
        runs = dict((label, (int(requests), int(changed)))
                    for label, requests, changed in PLAYBOOK_LINE.findall(section))
        assert len(runs) == 8, section
        for label, (requests, changed) in runs.items():
            assert requests > 0, label
            assert (changed == 0) is label.endswith('no change'), (label, changed)
    assert '3. Ratios' in run.stdout
    dns = dict((label, (int(requests), int(changed))) for label, requests, changed in PLAYBOOK_LINE.findall(
        run.stdout.split('ispconfig DNS zone, N=2 records\n')[1]))
    # a zone that needs no change: login, the zone, its records, logout
    assert dns['bulk module, no change'] == (4, 0) and dns['bulk module, from empty'][1] == 1
