# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Serve several API simulators (default: all five) on loopback in one process until interrupted.

    python tests/simulators/serve_all.py --urls .tmp/simulators.json
    python tests/simulators/serve_all.py ispconfig teamdrive

Prints `ready <api> <url>` for each, like serve.py, and with --urls writes {api: url} as JSON once all of them
accept connections (the demo and the Molecule scenario read it). One process, so one pid to stop.
"""

import argparse
import json
import os
import signal
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from simulators import REGISTRY, create  # noqa: E402
from simulators._base import Running  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('apis', nargs='*', metavar='api', help='one of %s (default: all)' % ', '.join(sorted(REGISTRY)))
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--urls', metavar='FILE', help='write {api: url} as JSON here once all are ready')
    args = parser.parse_args(argv)
    unknown = sorted(set(args.apis) - set(REGISTRY))
    if unknown:
        parser.error('unknown API %s; choose from %s' % (', '.join(unknown), ', '.join(sorted(REGISTRY))))
    args.apis = args.apis or sorted(REGISTRY)
    running = {api: Running(create(api), args.host) for api in args.apis}
    for api, served in running.items():
        print('ready %s %s' % (api, served.url), flush=True)
    if args.urls:
        # written under another name and renamed, so a reader never sees half a file
        with open(args.urls + '.part', 'w') as urls:
            json.dump({api: served.url for api, served in running.items()}, urls)
        os.replace(args.urls + '.part', args.urls)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    try:
        stopped.wait()
    except KeyboardInterrupt:
        pass
    finally:
        for served in running.values():
            served.stop()


if __name__ == '__main__':
    main()
