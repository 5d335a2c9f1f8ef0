# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Stand-in for ansible-test's pip bootstrap script (get-pip.py).

ansible-test downloads get-pip.py from its own CI file host to put pip into the virtual environments it
makes for sanity tests; that host is not reachable from every build machine. This script does the same job
from the standard library's bundled pip (ensurepip) and then installs the requested packages from the
package index. tests/run copies it to where ansible-test caches the download.
"""

import subprocess
import sys

subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'])
# --no-setuptools / --no-wheel are get-pip.py's own options, not pip's
arguments = [a for a in sys.argv[1:] if a not in ('--no-setuptools', '--no-wheel')]
subprocess.check_call([sys.executable, '-m', 'pip', 'install'] + arguments)
