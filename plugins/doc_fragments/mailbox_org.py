# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    DOCUMENTATION = r'''
options:
  api_url:
    description:
      - URL of the mailbox.org business API.
      - The API path C(/v1/) is added when the URL does not end with it.
      - If not set, the environment variable E(MAILBOX_ORG_URL) is used.
      - A plain C(http://) URL to a host other than this machine (C(localhost), C(127.0.0.0/8), C(::1)) gets a
        warning, as the credentials and every value sent would cross the network unencrypted.
    type: str
    default: https://api.mailbox.org/v1/
  api_username:
    description:
      - Login for the API, usually the business account's own login (auth level C(account)). Reseller and
        admin logins work too; domain and mail logins only for the calls their level allows.
      - If not set, the environment variable E(MAILBOX_ORG_USERNAME) is used; the task fails when neither is set.
    type: str
  api_password:
    description:
      - Password of the login.
      - If not set, the environment variable E(MAILBOX_ORG_PASSWORD) is used; the task fails when neither is set.
    type: str
  validate_certs:
    description:
      - Verify the API's TLS certificate. Set to V(false) only for testing.
      - If not set, the environment variable E(MAILBOX_ORG_VALIDATE_CERTS) is used.
    type: bool
    default: true
  ca_path:
    description:
      - A CA bundle to verify the API's certificate with, for a TLS-intercepting proxy.
      - If not set, the environment variable E(MAILBOX_ORG_CA_PATH) is used.
    type: path
  timeout:
    description:
      - Seconds to wait for each answer of the API.
      - If not set, the environment variable E(MAILBOX_ORG_TIMEOUT) is used.
    type: int
    default: 30
  session_cache:
    description:
      - Reuse the auth id across tasks instead of calling C(auth) and C(deauth) in every task.
      - The auth id and the login's level are kept in a file of mode 0600 under
        C($XDG_CACHE_HOME/hosting.provision/) (or C(~/.cache/hosting.provision/)) on the host that runs the
        module, named by a hash of O(api_url) and O(api_username). The password is never stored. Anyone who can
        read that file can act as the login until the auth id ends.
      - A cached auth id is used only until 19 minutes after the end of the task that last used it (mailbox.org
        ends it 20 minutes after its last use); one the API refuses earlier (error 253) is dropped and replaced
        by one fresh C(auth). With the cache on, the task does not call C(deauth).
      - If not set, the environment variable E(MAILBOX_ORG_SESSION_CACHE) is used.
    type: bool
    default: false
notes:
  - Proxies are taken from the environment (E(HTTPS_PROXY), E(HTTP_PROXY), E(NO_PROXY)).
  - The module calls C(auth) once per task, sends the auth id in the C(HPLS-AUTH) header and calls C(deauth)
    at the end (unless O(session_cache) is on). An auth id that expires during the task (it lives 20 minutes
    after its last use, error 253) is renewed once and the call repeated.
  - Every call has a minimum auth level (for example C(domain.add) needs admin, reseller or account); a login
    whose level is too low gets a clear error before the call is sent.
  - Reads are retried with backoff on connection errors and HTTP 429, 502, 503 and 504; a write is never sent
    twice; when its answer is lost the module reads the object again to find out whether it took effect.
  - mailbox.org never returns passwords, so they cannot be compared; with C(update_password=always) a task
    that sets a password reports a change on every run. Use C(update_password=on_create) for idempotent runs.
'''
