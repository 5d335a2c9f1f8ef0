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
      - The full URL of the provider's model/action API endpoint. Every request is a JSON object POSTed to it
        exactly as given.
      - If not set, the environment variable E(SUBACCOUNT_URL) is used; the task fails when neither is set.
      - A plain C(http://) URL to a host other than this machine (C(localhost), C(127.0.0.0/8), C(::1)) gets a
        warning, as the credentials and every value sent would cross the network unencrypted.
    type: str
  api_username:
    description:
      - User name of the account (sent as C(kname) to the C(auth) action).
      - If not set, the environment variable E(SUBACCOUNT_USERNAME) is used; the task fails when neither is set.
    type: str
  api_password:
    description:
      - Password of the account (sent as C(kpass)).
      - If not set, the environment variable E(SUBACCOUNT_PASSWORD) is used; the task fails when neither is set.
    type: str
  access_type:
    description:
      - The access role to log in with (C(accessType)); the provider tells which number is yours. It decides
        which models and actions the user may use.
      - The default V(1) is the value of the API reference's create and update examples.
      - If not set, the environment variable E(SUBACCOUNT_ACCESS_TYPE) is used.
    type: int
    default: 1
  lang:
    description:
      - The language of the API's messages, sent as C(lang) with the C(auth) action.
      - The API reference lists it as a number (1, 2, 3, ...) without marking it optional and without naming the
        languages; the default V(1) is its first value. The reference's own messages are German.
      - If not set, the environment variable E(SUBACCOUNT_LANG) is used.
    type: int
    default: 1
  validate_certs:
    description:
      - Verify the endpoint's TLS certificate. Set to V(false) only for testing.
      - If not set, the environment variable E(SUBACCOUNT_VALIDATE_CERTS) is used.
    type: bool
    default: true
  ca_path:
    description:
      - A CA bundle to verify the endpoint's certificate with, for an endpoint with a private CA.
      - If not set, the environment variable E(SUBACCOUNT_CA_PATH) is used.
    type: path
  timeout:
    description:
      - Seconds to wait for each answer.
      - If not set, the environment variable E(SUBACCOUNT_TIMEOUT) is used.
    type: int
    default: 30
notes:
  - Proxies are taken from the environment (E(HTTPS_PROXY), E(HTTP_PROXY), E(NO_PROXY)).
  - Reads are retried with backoff on connection errors and HTTP 429, 502, 503 and 504; a write is never sent
    twice; when its answer is lost the module reads the object again to find out whether it took effect.
  - The module authenticates once per task (a short-lived token, C(longlife=0)) and reads the user's C(rights)
    before anything else, so a missing right is one clear error, in check mode too.
  - The API reference documents only the status codes 0 (success) and 113 (validation error, reported field by
    field); every other code is treated as an error and shown with the API's message. An expired token is
    recognised without relying on a code, by the assumption that a C(rights) call with a dead token fails too;
    the module then authenticates again once and repeats the refused request.
'''
