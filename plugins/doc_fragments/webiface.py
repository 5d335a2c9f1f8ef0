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
      - URL of the Easy-WI web interface, for example C(https://wi.example.com).
      - The API path C(/api.php) is added; a URL that already ends with it is used as it is.
      - If not set, the environment variable E(WEBIFACE_URL) is used; the task fails when neither is set.
      - A plain C(http://) URL to a host other than this machine (C(localhost), C(127.0.0.0/8), C(::1)) gets a
        warning, as the credentials and every value sent would cross the network unencrypted.
    type: str
  api_username:
    description:
      - The API user set in the panel under Jobs/API > API settings (not a panel login).
      - Easy-WI accepts 2 to 255 letters, digits, spaces, C(_), C(.) and C(-), starting with a letter or digit.
      - If not set, the environment variable E(WEBIFACE_USERNAME) is used; the task fails when neither is set.
    type: str
  api_password:
    description:
      - The API password of that user, 6 to 255 characters without white space.
      - If not set, the environment variable E(WEBIFACE_PASSWORD) is used; the task fails when neither is set.
    type: str
  validate_certs:
    description:
      - Verify the panel's TLS certificate. Set to V(false) only for testing.
      - If not set, the environment variable E(WEBIFACE_VALIDATE_CERTS) is used.
    type: bool
    default: true
  ca_path:
    description:
      - A CA bundle to verify the panel's certificate with, for a panel with a private CA.
      - If not set, the environment variable E(WEBIFACE_CA_PATH) is used.
    type: path
  timeout:
    description:
      - Seconds to wait for each answer of the panel.
      - If not set, the environment variable E(WEBIFACE_TIMEOUT) is used.
    type: int
    default: 30
notes:
  - Supported and tested against Easy-WI release 6.2.5. A panel running the repository HEAD since commit 98aa0597
    (March 2026) refuses every API login, whatever the credentials.
  - In the panel, under Jobs/API > API settings, switch the API on, set the API user and password, and add the
    IPv4 address the panel sees for the Ansible host (behind NAT or a proxy that is not the host's own address) to
    the allowed IPs. Easy-WI gives the same answer for a caller IP that is not allowed, a wrong user or password,
    and a switched-off API; the module's error names the IP the panel saw. The first save of that settings page
    stores the password wrongly; save it a second time with the password typed again.
  - The panel's database must not run in strict C(sql_mode) (the MariaDB default); Easy-WI 6.2.5 then fails to
    create users with an empty HTTP 500. The module reports such an answer as an SQL error of the panel.
  - Proxies are taken from the environment (E(HTTPS_PROXY), E(HTTP_PROXY), E(NO_PROXY)).
  - Reads are retried with backoff on connection errors and HTTP 429, 502, 503 and 504; a write is never sent
    twice; when its answer is lost the module reads the user again to find out whether it took effect.
  - Easy-WI has no sessions; every request carries the API user and password.
'''

    # the owner filters of the server info modules (webiface_gameserver_info, webiface_voiceserver_info)
    SERVER_OWNERS = r'''
options:
  owner_external_id:
    description:
      - Only the servers of the user with this external ID (also when M(hosting.provision.webiface_user) marked the
        user for deletion).
    type: str
  owner_username:
    description:
      - Only the servers of the user with this login name (compared case-insensitively).
    type: str
  owner_external_id_prefix:
    description:
      - Only the servers of users whose external ID starts with this, for example V(crm) for C(crm:1), C(crm:2) ...
      - Easy-WI accepts only letters, digits and C(_) here (it ignores a filter with C(:) and lists every user),
        and treats C(_) as "any character".
    type: str
'''
