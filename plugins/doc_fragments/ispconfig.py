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
      - URL of the ISPConfig panel, for example C(https://panel.example.com:8080).
      - The remote API path C(/remote/json.php) is added; a URL that already ends with it is used as it is.
      - If not set, the environment variable E(ISPCONFIG_URL) is used; the task fails when neither is set.
      - A plain C(http://) URL to a host other than this machine (C(localhost), C(127.0.0.0/8), C(::1)) gets a
        warning, as the credentials and every value sent would cross the network unencrypted.
    type: str
  api_username:
    description:
      - Name of an ISPConfig remote user (System > Remote Users), not a panel login.
      - The remote user needs the function groups of the objects the module manages.
      - If not set, the environment variable E(ISPCONFIG_USERNAME) is used; the task fails when neither is set.
    type: str
  api_password:
    description:
      - Password of the remote user.
      - If not set, the environment variable E(ISPCONFIG_PASSWORD) is used; the task fails when neither is set.
    type: str
  validate_certs:
    description:
      - Verify the panel's TLS certificate. Set to V(false) only for testing.
      - If not set, the environment variable E(ISPCONFIG_VALIDATE_CERTS) is used.
    type: bool
    default: true
  ca_path:
    description:
      - A CA bundle to verify the panel's certificate with, for a panel with a private CA.
      - If not set, the environment variable E(ISPCONFIG_CA_PATH) is used.
    type: path
  timeout:
    description:
      - Seconds to wait for each answer of the panel.
      - If not set, the environment variable E(ISPCONFIG_TIMEOUT) is used.
    type: int
    default: 30
  session_cache:
    description:
      - Reuse the API session across tasks instead of logging in and out in every task.
      - The session id is kept in a file of mode 0600 under C($XDG_CACHE_HOME/hosting.provision/) (or
        C(~/.cache/hosting.provision/)) on the host that runs the module, named by a hash of O(api_url) and
        O(api_username). The password is never stored. Anyone who can read that file can act as the remote
        user until the session ends.
      - A cached session is used only until 29 minutes after its login (ISPConfig ends sessions 30 minutes
        after login, however busy); a session the panel refuses earlier is dropped and replaced by one fresh
        login. With the cache on, the task does not log out.
      - If not set, the environment variable E(ISPCONFIG_SESSION_CACHE) is used.
    type: bool
    default: false
notes:
  - Proxies are taken from the environment (E(HTTPS_PROXY), E(HTTP_PROXY), E(NO_PROXY)).
  - Reads are retried with backoff on connection errors and HTTP 429, 502, 503 and 504; a write is never sent
    twice; when its answer is lost the module reads the object again to find out whether it took effect.
  - The module logs in once per task and logs out at the end (unless O(session_cache) is on). A session that expires during the task
    (ISPConfig sessions live 30 minutes from login) is renewed once.
'''
