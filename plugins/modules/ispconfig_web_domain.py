#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ispconfig_web_domain
short_description: Manage websites in ISPConfig 3
version_added: 0.1.0
description:
  - Create, update and delete a website (a web domain of type C(vhost)) through the ISPConfig 3 remote JSON API.
  - The website is found by its domain; numeric ids are never needed.
  - Options left unset keep the website's current value. When the website is created, every field is sent with
    what the panel's "new website" form stores (active, PHP, C(www) subdomain, unlimited quotas, the PHP-FPM
    process settings, backups off ...), because the API stores empty values (an inactive website without PHP) for
    anything left out. Given the same values, the module and the panel leave the same row.
  - The server derives the document root, the system user (C(web<id>)) and group (C(client<client id>)); they are
    returned, never set.
notes:
  - "Every update also sends the website's log retention and PHP-FPM process counts again: ISPConfig's
    C(sites_web_domain_update) overwrites them with 30 and 1 whenever they are missing."
  - "A website with Let's Encrypt is created in two writes, as the panel does it: added with SSL off, then switched
    on (the certificate needs the website to exist)."
  - "O(state=absent) fails, with nothing deleted, while anything of the website is left: its sub and alias domains
    and the objects of every module of this collection that takes a C(website) option (the error names them and
    those modules). The API would delete the website alone and leave them behind. Delete them first (the customer
    role does, in reverse order). Objects the collection does not manage (FTP and WebDAV users) are not looked
    for."
  - A website cannot be moved to another server or client with this module; the panel refuses the first and
    moves files and objects for the second, which no API call does.
author:
  - hosting.provision developers (@hosting-provision)
extends_documentation_fragment:
  - hosting.provision.ispconfig
  - hosting.provision.attributes
  - hosting.provision.attributes.actions
attributes:
  check_mode:
    support: full
    details: A website that is created is predicted without what only the server can derive (its id, paths,
      system user and group).
  diff_mode:
    support: full
  action_group:
    membership:
      - hosting.provision.ispconfig
options:
  domain:
    description:
      - Domain of the website. Stored and compared lowercase, internationalised names in punycode (IDNA 2008).
      - A name ISPConfig refuses for a website (no dot, a top-level domain of one letter, under C(.acme.invalid))
        fails before anything is sent.
    type: str
    required: true
  state:
    description:
      - V(absent) deletes the website; see the notes for what must go first.
    type: str
    choices: [present, absent]
    default: present
  client:
    description:
      - Username of the ISPConfig client that owns the website. Leave unset for the admin.
      - The website is given to the client's group as the panel's admin does it, so with the panel's client
        protection the client may edit it but not delete it.
    type: str
  server_id:
    description:
      - Web server id. Defaults, when the website is created, to the panel's default web server (System > Main
        Config > Sites), else the first web server.
    type: int
  ip_address:
    description:
      - IPv4 address the website answers on; V(*) (all, the panel's first choice) when it is created.
    type: str
  ipv6_address:
    description:
      - IPv6 address; none when the website is created.
    type: str
  quota:
    description:
      - Disk quota in MB as the panel's "Harddisk Quota" field takes it (1 MB = 1024 x 1024 bytes), or a size with a
        unit such as V(10 GiB). V(-1) or V(unlimited) for no limit, which is what a new website gets.
      - A size that is not a whole number of MB is refused before anything is sent.
      - A number without a unit may be at most V(1048576) (1 TiB); a larger one is refused, because it is most likely
        a byte count (V(1073741824) would make a 1 PiB quota); give a larger size with its unit.
      - Returned in MB.
    type: str
  traffic_quota:
    description:
      - Monthly traffic quota in MB, as O(quota). V(-1) (no limit) when the website is created.
    type: str
  php:
    description:
      - PHP mode. Defaults, when the website is created, to the server's default PHP handler (Fast-CGI on a stock
        server).
      - On an nginx server V(fast-cgi) becomes V(php-fpm), as in the panel (with a warning).
    type: str
    choices: ['no', fast-cgi, cgi, mod, suphp, php-fpm, hhvm]
  php_version:
    description:
      - Name of an additional PHP version of the server (System > Additional PHP Versions) for O(php) V(php-fpm) or
        V(fast-cgi), as the panel's "PHP Version" select offers them (active ones only). V("") for the server's
        default PHP, which is what a new website gets.
      - When O(php) changes and this is not set, the stored version is kept if it serves the new mode, else the
        website gets the server's default PHP, as the panel resets it.
      - Reading the versions needs the C(Server functions) group. Returned as RV(web_domain.php_version_id).
    type: str
  subdomain:
    description:
      - Automatic subdomain; V(www) when the website is created.
    type: str
    choices: [none, www, '*']
  ssl:
    description:
      - SSL. Off when the website is created; V(false) also switches Let's Encrypt off.
    type: bool
  letsencrypt:
    description:
      - A Let's Encrypt certificate. V(true) switches O(ssl) on with it, as the panel's form does.
    type: bool
  rewrite_to_https:
    description:
      - Redirect HTTP to HTTPS.
    type: bool
  active:
    description:
      - Whether the website is served. V(true) when it is created.
    type: bool
  cgi:
    description:
      - CGI. Off when the website is created.
    type: bool
  ssi:
    description:
      - Server-side includes. Off when the website is created.
    type: bool
  perl:
    description:
      - Perl. Off when the website is created.
    type: bool
  ruby:
    description:
      - Ruby. Off when the website is created.
    type: bool
  python:
    description:
      - Python. Off when the website is created.
    type: bool
  suexec:
    description:
      - SuEXEC. On when the website is created.
    type: bool
  errordocs:
    description:
      - The panel's own error documents. On when the website is created.
    type: bool
seealso:
  - module: hosting.provision.ispconfig_web_domain_info
  - module: hosting.provision.ispconfig_database
  - module: hosting.provision.ispconfig_shell_user
  - module: hosting.provision.ispconfig_cron
'''

EXAMPLES = r'''
- name: A website of 10 GiB for client acme, with PHP-FPM and Let's Encrypt
  hosting.provision.ispconfig_web_domain:
    api_url: https://panel.example.com:8080
    api_username: provisioning
    api_password: "{{ vault_ispconfig_password }}"
    domain: acme.example
    client: acme
    quota: 10 GiB
    php: php-fpm
    letsencrypt: true
  register: site

- name: Show where its files are
  ansible.builtin.debug:
    msg: "{{ site.web_domain.document_root }} ({{ site.web_domain.system_user }})"

- name: Switch the website off
  hosting.provision.ispconfig_web_domain:
    domain: acme.example
    active: false

- name: Delete the website (its databases, shell users and cron jobs first)
  hosting.provision.ispconfig_web_domain:
    domain: old.example
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
web_domain:
  description:
    - The website as ISPConfig holds it after the task (predicted in check mode); empty when absent.
  returned: always
  type: dict
  contains:
    domain_id:
      description: Id of the website in the panel.
      type: int
      returned: when the website exists after the task (not in check mode for a new one)
    domain:
      description: Domain, lowercase, in punycode.
      type: str
    client:
      description: Username of the owning client; empty for the admin.
      type: str
      returned: when O(client) is set
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
      description: Id of the additional PHP version (O(php_version)); V(0) for the server's default PHP.
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
      returned: when the website exists after the task (not in check mode for a new one)
    system_user:
      description: System user the website runs as (C(web<id>)), derived by the server.
      type: str
      returned: when the website exists after the task (not in check mode for a new one)
    system_group:
      description: System group of the website (C(client<client id>)), derived by the server.
      type: str
      returned: when the website exists after the task (not in check mode for a new one)
    php_open_basedir:
      description: PHP's open_basedir of the website, derived by the server from its settings.
      type: str
      returned: when the website exists after the task (not in check mode for a new one)
  sample:
    domain_id: 4
    domain: acme.example
    client: acme
    server_id: 1
    ip_address: "*"
    ipv6_address: ""
    quota: 10240
    traffic_quota: -1
    php: php-fpm
    subdomain: www
    ssl: true
    letsencrypt: true
    active: true
    document_root: /var/www/clients/client3/web4
    system_user: web4
    system_group: client3
'''

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_web_resources import (WebDomain,
                                                                                                web_domain_options)


def arguments():
    return dict(
        argument_spec=ispconfig.argument_spec(**web_domain_options()),
        supports_check_mode=True,
    )


def run(module):
    connection = ispconfig.IspconfigConnection.from_module(module)
    engine.run(module, connection, WebDomain)


def main():
    engine.main(arguments(), run)


if __name__ == '__main__':
    main()
