#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_web_subdomain
short_description: Manage subdomains of ISPConfig 3 websites
version_added: 0.3.0
description:
  - Create, update and delete a subdomain of a website through the ISPConfig 3 remote JSON API, as the panel's
    Sites > Subdomain and Subdomain (Vhost) pages make them.
  - The subdomain is found by its domain (O(domain)); numeric ids are never needed. A domain the panel already
    serves as a website or as another kind of sub or alias domain is refused.
  - Two kinds, as the panel has two lists. By default the subdomain answers with the website's content, or redirects
    (O(redirect_type), O(redirect_path)). With O(vhost=true) it has its own folder in the website (O(web_folder))
    and its own PHP mode; the panel makes it with the website's document root, system user and group, which the
    API leaves at C(-), so the module sends them as the panel does. The kind of an existing subdomain cannot change
    (the panel cannot either); delete it and create it again.
  - It belongs to the website's client and runs on the website's server, as in the panel.
    M(hosting.provision.ispconfig_web_domain) refuses to delete a website while it has subdomains.
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.ispconfig
  - hosting.provision.attributes
  - hosting.provision.attributes.actions
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  action_group:
    membership:
      - hosting.provision.ispconfig
options:
  domain:
    description:
      - The whole domain of the subdomain, below its website's domain (V(shop.acme.example) of
        V(acme.example)); the panel's form takes the name before the website's domain and appends it.
      - Another domain is another subdomain; to rename one, delete it and create the new one.
    type: str
    required: true
  website:
    description:
      - Domain of the website it belongs to (M(hosting.provision.ispconfig_web_domain)), which must exist to create
        it. A task with V(absent) also deletes the subdomain of a website that is gone, which the API leaves behind.
    type: str
    required: true
  state:
    description:
      - V(absent) deletes the subdomain.
    type: str
    choices: [present, absent]
    default: present
  client:
    description:
      - Username of the client the website belongs to. The subdomain always belongs to the website's client; when
        set, a website of another client (or of the admin) fails the task.
    type: str
  vhost:
    description:
      - V(true) for the kind with its own web folder (O(web_folder)), V(false) for the kind that serves the
        website's content or redirects. V(false) when it is created.
    type: bool
  web_folder:
    description:
      - Required with O(vhost=true); the folder inside the website it serves, e.g. V(shop) (lower case, without
        leading or trailing slash, as the panel stores it). No C(..), C(./) or C(//), no system folder such as
        V(log), V(ssl) or V(cgi-bin), and not a folder another of the website's sub or alias domains serves.
    type: str
  php:
    description:
      - With O(vhost=true), its PHP mode. The server's default PHP mode when it is created, as in the panel.
    type: str
    choices: ["no", fast-cgi, cgi, mod, suphp, php-fpm, hhvm]
  redirect_type:
    description:
      - The panel's redirect type; V("") (no redirect) when it is created. V(R), V(L), V(R,L), V(R=301,L) are
        Apache rewrite flags, V(last), V(break), V(redirect), V(permanent) nginx ones, V(proxy) proxies to a URL.
    type: str
    choices: ["", "no", R, L, "R,L", "R=301,L", last, break, redirect, permanent, proxy]
  redirect_path:
    description:
      - Where it redirects to, needed with a O(redirect_type), is a URL (C(http://), C(https://), C(ftp://)), or a
        local path that starts and ends with C(/). V(proxy) needs a URL.
    type: str
  active:
    description:
      - Whether it is served. V(true) when it is created.
    type: bool
seealso:
  - module: hosting.provision.ispconfig_web_domain
  - module: hosting.provision.ispconfig_web_aliasdomain
'''

EXAMPLES = r'''
- name: A subdomain that redirects to the website
  hosting.provision.ispconfig_web_subdomain:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    website: acme.example
    client: acme
    domain: www2.acme.example
    redirect_type: R=301,L
    redirect_path: https://acme.example/

- name: A subdomain with its own folder
  hosting.provision.ispconfig_web_subdomain:
    website: acme.example
    domain: shop.acme.example
    vhost: true
    web_folder: shop
    php: php-fpm

- name: Delete it
  hosting.provision.ispconfig_web_subdomain:
    website: acme.example
    domain: shop.acme.example
    state: absent
'''

RETURN = r'''
action:
  description:
    - What the task did to the object (predicted in check mode), in the words the bulk modules list objects by
      (C(changed) alone cannot tell a create from an update).
    - V(created), V(updated), V(deleted), or V(none) when it left the object as it was.
  returned: always
  type: str
  sample: created
web_subdomain:
  description:
    - The subdomain as ISPConfig holds it after the task (predicted in check mode); empty when absent.
  returned: always
  type: dict
  contains:
    domain_id:
      description: Id of its row in the panel.
      type: int
      returned: when it exists after the task (not in check mode for a new one)
    domain:
      description: Its domain, in punycode.
      type: str
    website:
      description: Domain of its website, in punycode.
      type: str
    client:
      description: Username of the client it belongs to.
      type: str
      returned: when O(client) is set
    vhost:
      description: Whether it has its own web folder.
      type: bool
    redirect_type:
      description: The redirect type, V("") for none.
      type: str
    redirect_path:
      description: Where it redirects to.
      type: str
    web_folder:
      description: Its folder in the website.
      type: str
      returned: with vhost
    php:
      description: Its PHP mode.
      type: str
      returned: with vhost
    document_root:
      description: The website's document root, which it shares.
      type: str
      returned: with vhost
    system_user:
      description: The website's system user.
      type: str
      returned: with vhost
    system_group:
      description: The website's system group.
      type: str
      returned: with vhost
    active:
      description: Whether it is served.
      type: bool
    server_id:
      description: Server id (the website's).
      type: int
  sample:
    domain: shop.acme.example
    website: acme.example
    vhost: true
    redirect_type: ""
    redirect_path: ""
    web_folder: shop
    php: php-fpm
    document_root: /var/www/clients/client1/web1
    system_user: web1
    system_group: client1
    active: true
    server_id: 1
    domain_id: 2
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_web_resources import WebSubdomain, web_subdomain_options


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(**web_subdomain_options()),
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run(module, connection, WebSubdomain)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
