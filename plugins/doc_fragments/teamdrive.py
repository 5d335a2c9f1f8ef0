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
      - URL of the TeamDrive Hosting Service (Host Server) API page, or of the Host Server alone
        (C(https://<host>[:port])); then O(api_path) gives the path.
      - A Registration Server API URL (C(.../td2api/...)) is refused.
      - If not set, the environment variable E(TEAMDRIVE_URL) is used; the task fails when neither is set.
      - A plain C(http://) URL to a host other than this machine (C(localhost), C(127.0.0.0/8), C(::1)) gets a
        warning, as the credentials and every value sent would cross the network unencrypted.
    type: str
  api_path:
    description:
      - Path of the API page on the Host Server, for an O(api_url) without a path. When O(api_url) has a path
        too, both must name the same one.
      - Without either, the module uses C(/pbas/p1_as/api/api.htm), the path the vendor's Host Server reference
        documents (releases 3.0.013 to 3.7.9). The third-party C(teamdrive_api) Ruby client names
        C(/yvva/api/api.htm) for Host Server 3.5 and later (Yvva runtime); set that path if your server answers
        the vendor's with HTTP 404 (the error names both).
      - If not set, the environment variable E(TEAMDRIVE_API_PATH) is used.
    type: str
  api_salt:
    description:
      - The checksum salt, the Host Server setting C(APISalt) (C(API_SALT) in newer releases), which equals the
        Registration Server's C(APIChecksumSalt).
      - Every request is signed with the MD5 of its body followed by this salt. The API has no user name or
        password; the Host Server also checks the caller's IP address against its setting C(APIAccessList).
      - If not set, the environment variable E(TEAMDRIVE_SALT) is used; the task fails when neither is set.
    type: str
  api_version:
    description:
      - The API version sent with every request. Setting depot limits needs C(3.0.003).
      - If not set, the environment variable E(TEAMDRIVE_API_VERSION) is used.
    type: str
    default: 3.0.003
  validate_certs:
    description:
      - Verify the Host Server's TLS certificate. Set to V(false) only for testing.
      - If not set, the environment variable E(TEAMDRIVE_VALIDATE_CERTS) is used.
    type: bool
    default: true
  ca_path:
    description:
      - A CA bundle to verify the Host Server's certificate with, for a server with a private CA.
      - If not set, the environment variable E(TEAMDRIVE_CA_PATH) is used.
    type: path
  timeout:
    description:
      - Seconds to wait for each answer of the Host Server.
      - If not set, the environment variable E(TEAMDRIVE_TIMEOUT) is used.
    type: int
    default: 30
requirements:
  - requests
  - xmltodict
notes:
  - The Host Server grants access by IP address. Add the address of the machine that runs the module (usually
    the controller, with C(delegate_to) localhost) to the Host Server setting C(APIAccessList).
  - A refused caller and a wrong O(api_salt) get the same answer (C(-30000 Access denied)); the error names both.
  - Proxies are taken from the environment (E(HTTPS_PROXY), E(HTTP_PROXY), E(NO_PROXY)).
  - Reads are retried with backoff on connection errors and HTTP 429, 502, 503 and 504; a write is never sent
    twice; when its answer is lost the module reads the depot again to find out whether it took effect.
  - Several element names of this API are not confirmed by the vendor's documentation (see the module's
    notes); they are kept in one table in the collection's C(module_utils/teamdrive.py). The reply of
    C(getdepotdata) is accepted with its depots as children of the root or wrapped in C(<depotdata>) (as the
    Registration Server's C(getdefaultdepotdata) answers), and a depot's users as one element per user or as
    comma-separated text (as every user list of the requests is written). The module picks the depot with the
    requested id itself, in case the server answers every depot of the user.
  - A depot is "absent" only when the Host Server says so (C(-30301 No Depot for User), or C(-30302 Depot-ID does
    not match) for a given O(depot_id)). Any other reply that holds no readable depot is an error naming the call
    and showing the start of the reply; the module never creates a depot because a read looked strange.
'''
