# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Serve one API simulator on loopback until interrupted.

    python tests/simulators/serve.py ispconfig --port 8099

Prints one line `ready <api> <url>` when it accepts connections.
"""

import argparse
import json
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from simulators import REGISTRY, create  # noqa: E402
from simulators._base import make_server  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('api', choices=sorted(REGISTRY))
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=0, help='0 picks a free port')
    parser.add_argument('--option', action='append', default=[], metavar='KEY=JSON',
                        help='simulator option, e.g. strict_sql=true')
    args = parser.parse_args(argv)
    options = {}
    for item in args.option:
        key, dummy, value = item.partition('=')
        options[key] = json.loads(value)
    server = make_server(create(args.api, **options), args.host, args.port)
    host, port = server.server_address[:2]
    print('ready %s http://%s:%d' % (args.api, host, port), flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()


if __name__ == '__main__':
    main()
