#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_web_domain_info
short_description: List websites in ISPConfig 3
version_added: 0.1.0
description:
  - Read websites through the ISPConfig 3 remote JSON API, all of them, one domain, or the websites of one client.
  - Returns the same fields as M(hosting.provision.ispconfig_web_domain) returns.
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.ispconfig
  - hosting.provision.attributes.actions
  - hosting.provision.attributes.info_module
attributes:
  action_group:
    membership:
      - hosting.provision.ispconfig
options:
  domain:
    description:
      - Only the website of this domain.
    type: str
  client:
    description:
      - Only the websites of the client with this username.
    type: str
seealso:
  - module: hosting.provision.ispconfig_web_domain
'''

EXAMPLES = r'''
- name: The websites of one customer
  hosting.provision.ispconfig_web_domain_info:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    client: acme
  register: sites

- name: Show them
  ansible.builtin.debug:
    msg: "{{ sites.web_domains | items2dict(key_name='domain', value_name='document_root') }}"
'''

RETURN = r'''
web_domains:
  description: The matching websites; an empty list when none match.
  returned: always
  type: list
  elements: dict
  contains:
    domain_id:
      description: Id of the website in the panel.
      type: int
    domain:
      description: Domain, lowercase, in punycode.
      type: str
    server_id:
      description: Web server id.
      type: int
    ip_address:
      description: IPv4 address, V(*) for all.
      type: str
    ipv6_address:
      description: IPv6 address; empty for none.
      type: str
    quota:
      description: Disk quota in MB; V(-1) for no limit.
      type: int
    traffic_quota:
      description: Monthly traffic quota in MB; V(-1) for no limit.
      type: int
    php:
      description: PHP mode.
      type: str
    php_version_id:
      description: Id of the additional PHP version; V(0) for the server's default PHP.
      type: int
    subdomain:
      description: Automatic subdomain (V(none), V(www), V(*)).
      type: str
    ssl:
      description: Whether SSL is on.
      type: bool
    letsencrypt:
      description: Whether the website has a Let's Encrypt certificate.
      type: bool
    rewrite_to_https:
      description: Whether HTTP is redirected to HTTPS.
      type: bool
    active:
      description: Whether the website is served.
      type: bool
    cgi:
      description: CGI.
      type: bool
    ssi:
      description: Server-side includes.
      type: bool
    perl:
      description: Perl.
      type: bool
    ruby:
      description: Ruby.
      type: bool
    python:
      description: Python.
      type: bool
    suexec:
      description: SuEXEC.
      type: bool
    errordocs:
      description: The panel's own error documents.
      type: bool
    document_root:
      description: Directory of the website, derived by the server.
      type: str
    system_user:
      description: System user the website runs as (C(web<id>)), derived by the server.
      type: str
    system_group:
      description: System group of the website (C(client<client id>)), derived by the server.
      type: str
    php_open_basedir:
      description: PHP's open_basedir of the website, derived by the server from its settings.
      type: str
  sample:
    - domain_id: 4
      domain: acme.example
      quota: 10240
      php: php-fpm
      active: true
      document_root: /var/www/clients/client3/web4
      system_user: web4
      system_group: client3
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_web_resources import list_web_domains


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(domain=dict(type='str'), client=dict(type='str')),
        mutually_exclusive=[('domain', 'client')],
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run_info(module, connection, 'web_domains', list_web_domains, ('domain', ('client', 'owner')))


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
