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
