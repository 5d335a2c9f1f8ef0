# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The commands a new user runs first (tests/demo/run.sh, tests/run.sh) say what they are doing from their first
second, and a passing run prints no alarm."""

import glob
import os
import subprocess
import sys

from project_paths import ROOT


def test_venv_set_up_says_what_it_does_before_it_takes_minutes(tmp_path):
    requirements = tmp_path / 'requirements.txt'
    requirements.write_text('# nothing to install\n')
    env = dict(os.environ, HP_VENV=str(tmp_path / 'venv'), HP_REQUIREMENTS=str(requirements), PYTHON=sys.executable)
    script = '. tests/lib/venv.sh && echo "python: $(command -v python)"'
    first = subprocess.run(['bash', '-c', script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
                           check=True)
    lines = first.stderr.splitlines()
    assert lines[0] == 'venv: creating %s with %s' % (tmp_path / 'venv', sys.executable), first.stderr
    assert lines[1].startswith('venv: installing %s into ' % requirements) and 'minutes' in lines[1]
    assert lines[2].startswith('venv: ready in ')
    assert first.stdout == 'python: %s\n' % (tmp_path / 'venv' / 'bin' / 'python')
    again = subprocess.run(['bash', '-c', script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
                           check=True)
    assert again.stderr == '', 'a ready virtualenv is used silently'


def test_the_molecule_scenario_is_the_default_one():
    """Molecule looks for a scenario named default on every run and logs a CRITICAL "glob failed" when there is
    none, even in a passing run: the customer role's scenario is that default one."""
    scenarios = glob.glob(os.path.join(ROOT, 'extensions', 'molecule', '*', 'molecule.yml'))
    assert [os.path.basename(os.path.dirname(path)) for path in scenarios] == ['default']
