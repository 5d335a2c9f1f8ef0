#!/usr/bin/env python
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark: HTTP requests per task, and time and memory of converging many mailboxes, against the simulators.

    python tests/bench/run.py            # N = 100 and 1000 (about an hour on 2 cores, see docs/performance.md)
    python tests/bench/run.py --quick    # N = 2: a smoke test of the script itself (tests/bench/test_run.py)
    python tests/bench/run.py --n 100 --n 1000 --full   # also the slow baselines from empty at N >= 1000
    python tests/bench/run.py --n 1000 --bulk-only       # only the bulk modules' playbooks, in a minute

Prints five tables:
  1. every module in plugins/modules/: requests of a create, a no-op run, an update and a delete (one task each,
     run in this process against simulator processes), and the import time of the module.
  2. per API and N: wall time, peak RSS and requests of ansible-playbook runs that converge N mailboxes from
     empty and again with nothing to change, written four ways: the bulk module (one task), the single-item
     module in a loop, that loop with session_cache, and ansible.builtin.uri tasks as a careful user would
     write them (login once, look up each item, create the missing ones, logout).
  3. the ratios, including the target: a no-change bulk run over 1000 accounts in at most 3 requests and under
     5 % of the per-item loop's time.
  4. the customer role for one customer with N ISPConfig mailboxes and N mailbox.org accounts, from empty and
     again with nothing to change: wall time, peak RSS and requests per API.
  5. wall time, peak RSS and requests of ispconfig_dns_record_sets converging a DNS zone of N records from empty
     and again with nothing to change.
  6. the cost of a task: CPU time of ansible-playbook running 30 no-op ispconfig_mail_user tasks, as a loop and
     as 30 separate tasks, run as a module and in-process on the controller (plugins/plugin_utils/in_process.py),
     against the same number of single ansible.builtin.uri requests (--per-task-only runs only this table).
Figures only; nothing here asserts a time.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
sys.path.insert(0, TESTS)

# conftest makes ansible_collections.hosting.provision importable
import conftest  # noqa: E402,F401  pylint: disable=unused-import
from module_runner import run_module  # noqa: E402
from project_paths import COLLECTIONS_ROOT, module_names  # noqa: E402

BIN = os.path.dirname(sys.executable)
PASSWORD = 'Corr3ct-Horse-Battery'
CONN = {
    'ispconfig': lambda url: dict(api_url=url, api_username='demo', api_password='demo-password'),
    'mailbox_org': lambda url: dict(api_url=url, api_username='demo', api_password='demo-password'),
    'teamdrive': lambda url: dict(api_url=url + '/yvva/api/api.htm', api_salt='demo-salt'),
    'webiface': lambda url: dict(api_url=url, api_username='demo', api_password='demo-password'),
    'subaccount': lambda url: dict(api_url=url, api_username='demo', api_password='demo-password'),
}
SIMULATOR_OPTIONS = {'mailbox_org': ['domains=["example.com"]']}


# --- simulators as processes --------------------------------------------------------------------------

class Simulator:
    def __init__(self, api):
        self.api = api
        command = [sys.executable, os.path.join(TESTS, 'simulators', 'serve.py'), api]
        for option in SIMULATOR_OPTIONS.get(api, []):
            command += ['--option', option]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().split()
        if line[:2] != ['ready', api]:
            raise RuntimeError('simulator %s did not start: %r' % (api, line))
        self.url = line[2]
        self.conn = CONN[api](self.url)

    def control(self, name, payload=None):
        method = 'GET' if payload is None else 'POST'
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request('%s/__sim__/%s' % (self.url, name), data=data, method=method,
                                         headers={'Content-Type': 'application/json'})
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read() or b'null')

    def requests(self):
        return self.control('stats')['requests']

    def stop(self):
        self.process.terminate()
        self.process.wait()


# --- 1. requests per task, every module --------------------------------------------------------------

def import_module(name):
    return __import__('ansible_collections.hosting.provision.plugins.modules.%s' % name, fromlist=['main'])


def domain_challenge(sim, domain):
    """Publish the ownership TXT record mailbox.org asks for, so mailbox_domain can add `domain`."""
    record = sim.control('challenge', {'account': 'demo', 'domain': domain})
    sim.control('dns', {'set': {record['host']: record['txt']}})


RESELLER = dict(api_username='demo-reseller')  # the mailbox.org simulator's reseller login of the demo account

# module -> (api, setup, create options, update options, identity options for the delete); info modules have
# only a setup and their options. A module without a row is listed as such.
SCENARIOS = {
    'ispconfig_client': ('ispconfig', [], dict(username='acme', password=PASSWORD, contact_name='Jane Doe',
                                               email='jane@acme.example'),
                         dict(company_name='ACME Ltd'), dict(username='acme')),
    'ispconfig_mail_domain': ('ispconfig', [], dict(domain='example.org'), dict(active=False),
                              dict(domain='example.org')),
    'ispconfig_mail_user': ('ispconfig', [('ispconfig_mail_domain', dict(domain='example.com'))],
                            dict(email='alice@example.com', password=PASSWORD, quota='1 GiB'), dict(quota='2 GiB'),
                            dict(email='alice@example.com')),
    'ispconfig_mail_users': ('ispconfig', [('ispconfig_mail_domain', dict(domain='example.com'))],
                             dict(users=[dict(email='alice@example.com', password=PASSWORD, quota='1 GiB')]),
                             dict(users=[dict(email='alice@example.com', quota='2 GiB')]),
                             dict(users=[dict(email='alice@example.com')])),
    'ispconfig_mail_alias': ('ispconfig', [('ispconfig_mail_domain', dict(domain='example.com'))],
                             dict(source='info@example.com', destination=['alice@example.com']),
                             dict(active=False), dict(source='info@example.com', destination=['alice@example.com'])),
    'ispconfig_mail_catchall': ('ispconfig', [('ispconfig_mail_domain', dict(domain='example.com'))],
                                dict(domain='example.com', destination='alice@example.com'), dict(active=False),
                                dict(domain='example.com')),
    'ispconfig_mail_catchall_info': ('ispconfig', [], dict(domain='example.com'), None, None),
    'ispconfig_mail_spamfilter': ('ispconfig', [('ispconfig_mail_domain', dict(domain='example.com'))],
                                  dict(email='@example.com', policy='Normal', whitelist=['a@partner.example']),
                                  dict(policy='Uncensored'), dict(email='@example.com')),
    'ispconfig_mail_user_info': ('ispconfig', [], dict(domain='example.com'), None, None),
    'mailbox_domain': ('mailbox_org', [], dict(domain='example.org', password=PASSWORD, update_password='on_create'),
                       dict(memo='Sales'), dict(domain='example.org')),
    'mailbox_account': ('mailbox_org', [], dict(mail='alice@example.com', password=PASSWORD, plan='light',
                                                first_name='Alice', last_name='Example', update_password='on_create'),
                        dict(plan='standard'), dict(mail='alice@example.com')),
    'mailbox_accounts': ('mailbox_org', [], dict(update_password='on_create', accounts=[dict(
        mail='alice@example.com', password=PASSWORD, plan='light', first_name='Alice', last_name='Example')]),
        dict(accounts=[dict(mail='alice@example.com', plan='standard')]), dict(accounts=[dict(mail='alice@example.com')])),
    'mailbox_account_info': ('mailbox_org', [], dict(domain='example.com'), None, None),
    'mailbox_domain_info': ('mailbox_org', [], dict(), None, None),
    # customer accounts take a reseller login (mailbox.org's account.* methods)
    'mailbox_customer': ('mailbox_org', [], dict(RESELLER, account='acme', password=PASSWORD, plan='basic',
                                                 capabilities={'MAIL_OTP': 'on'}),
                         dict(company='ACME Ltd'), dict(RESELLER, account='acme')),
    'mailbox_customer_info': ('mailbox_org', [], dict(RESELLER), None, None),
    'mailbox_group': ('mailbox_org', [], dict(name='sales', members=['alice@example.com']),
                      dict(display_name='Sales team'), dict(name='sales')),
    'mailbox_group_info': ('mailbox_org', [('mailbox_group', dict(name='sales', members=['alice@example.com']))],
                           dict(), None, None),
    'subaccount': ('subaccount', [], dict(login='robot1', password=PASSWORD, update_password='on_create',
                                          status='Aktiv'), dict(status='Inaktiv'), dict(login='robot1')),
    'subaccount_info': ('subaccount', [], dict(), None, None),
    'teamdrive_depot': ('teamdrive', [], dict(username='bob', storage_limit='5 GiB'), dict(storage_limit='6 GiB'),
                        dict(username='bob', force=True)),
    'teamdrive_depot_info': ('teamdrive', [], dict(username='jane'), None, None),
    'webiface_user': ('webiface', [], dict(external_id='crm:1', username='jdoe', email='jane.doe@example.com',
                                           password=PASSWORD, first_name='Jane', last_name='Doe',
                                           update_password='on_create'),
                      dict(city='Bonn'), dict(external_id='crm:1')),
    'webiface_user_info': ('webiface', [], dict(), None, None),
    'webiface_gameserver': ('webiface', [('webiface_user', dict(external_id='crm:1', email='jane.doe@example.com'))],
                            dict(external_id='gs:1', owner_external_id='crm:1', games=['css'], slots=8),
                            dict(slots=12), dict(external_id='gs:1', owner_external_id='crm:1')),
    'webiface_gameserver_info': ('webiface', [('webiface_user', dict(external_id='crm:1', email='jane.doe@example.com')),
                                              ('webiface_gameserver', dict(external_id='gs:1', owner_external_id='crm:1',
                                                                           games=['css']))],
                                 dict(), None, None),
    'webiface_voiceserver': ('webiface', [('webiface_user', dict(external_id='crm:1', email='jane.doe@example.com'))],
                             dict(external_id='ts:1', owner_external_id='crm:1', slots=10),
                             dict(slots=20), dict(external_id='ts:1', owner_external_id='crm:1')),
    'webiface_voiceserver_info': ('webiface', [('webiface_user', dict(external_id='crm:1', email='jane.doe@example.com')),
                                               ('webiface_voiceserver', dict(external_id='ts:1', owner_external_id='crm:1',
                                                                             slots=10))],
                                  dict(), None, None),
    'webiface_mysql': ('webiface', [('webiface_user', dict(external_id='crm:1', email='jane.doe@example.com'))],
                       dict(external_id='db:1', owner_external_id='crm:1'),
                       dict(active=False), dict(external_id='db:1', owner_external_id='crm:1')),
    'webiface_mysql_info': ('webiface', [('webiface_user', dict(external_id='crm:1', email='jane.doe@example.com')),
                                         ('webiface_mysql', dict(external_id='db:1', owner_external_id='crm:1'))],
                            dict(), None, None),
}
# DNS: a record set task also reads the zone's serial and writes the next one when it changed anything
DNS_ZONE = dict(zone='example.org', ns='ns1.example.com', email='hostmaster@example.org')
DNS_SETUP = [('ispconfig_dns_zone', DNS_ZONE)]
SCENARIOS.update({
    'ispconfig_dns_zone': ('ispconfig', [], DNS_ZONE, dict(refresh=14400), dict(zone='example.org')),
    'ispconfig_dns_zone_info': ('ispconfig', DNS_SETUP, dict(zone='example.org'), None, None),
    'ispconfig_dns_record_set': ('ispconfig', DNS_SETUP,
                                 dict(zone='example.org', record='www', type='A', value=['192.0.2.10']),
                                 dict(value=['192.0.2.11']), dict(zone='example.org', record='www', type='A')),
    'ispconfig_dns_record_sets': ('ispconfig', DNS_SETUP, dict(zone='example.org', record_sets=[
        dict(record='www', type='A', value=['192.0.2.10'])]), dict(record_sets=[
            dict(record='www', type='A', value=['192.0.2.11'])]), dict(zone='example.org', record_sets=[
                dict(record='www', type='A')])),
    'ispconfig_dns_record_set_info': ('ispconfig', DNS_SETUP, dict(zone='example.org'), None, None),
})
# a module again with options that cost requests of their own: label -> (module, scenario as in SCENARIOS)
VARIANTS = {
    'mailbox_account + vacation, spam_protection, capabilities': ('mailbox_account', (
        'mailbox_org', [], dict(SCENARIOS['mailbox_account'][2], capabilities={'MAIL_OTP': 'on'}, vacation=dict(
            subject='Away', start_date='2026-07-01', end_date='2026-07-14'), spam_protection=dict(greylisting=False)),
        dict(spam_protection=dict(kill_level='reject')), dict(mail='alice@example.com'))),
}
# the simulator control to run after the no-op run, for modules whose update needs queued work done first
# (Easy-WI changes a voice server only once its cron job has created it)
SETTLE = {'webiface_voiceserver': 'run_jobs'}

# ISPConfig web hosting: a client with a website (and a database user for the database) first
_CLIENT = ('ispconfig_client', dict(username='acme', password=PASSWORD, contact_name='Jane Doe',
                                    email='jane@acme.example'))
_WEBSITE = ('ispconfig_web_domain', dict(domain='acme.example', client='acme'))
_DATABASE_USER = ('ispconfig_database_user', dict(name='wp', client='acme', password=PASSWORD))
SCENARIOS.update({
    'ispconfig_web_domain': ('ispconfig', [_CLIENT], dict(domain='acme.example', client='acme', quota='1 GiB'),
                             dict(quota='2 GiB'), dict(domain='acme.example')),
    'ispconfig_database_user': ('ispconfig', [_CLIENT], dict(name='wp', client='acme', password=PASSWORD),
                                dict(password=PASSWORD + '2'), dict(name='wp', client='acme')),
    'ispconfig_database': ('ispconfig', [_CLIENT, _WEBSITE, _DATABASE_USER],
                           dict(name='wp', website='acme.example', client='acme', user='wp'), dict(quota='1 GiB'),
                           dict(name='wp', website='acme.example')),
    'ispconfig_shell_user': ('ispconfig', [_CLIENT, _WEBSITE],
                             dict(username='deploy', website='acme.example', client='acme', password=PASSWORD),
                             dict(chroot='jailkit'), dict(username='deploy', website='acme.example')),
    'ispconfig_ftp_user': ('ispconfig', [_CLIENT, _WEBSITE],
                           dict(username='upload', website='acme.example', client='acme', password=PASSWORD),
                           dict(quota='1 GiB'), dict(username='upload', website='acme.example')),
    'ispconfig_cron': ('ispconfig', [_CLIENT, _WEBSITE],
                       dict(website='acme.example', client='acme', job='https://acme.example/cron.php'),
                       dict(minute='*/15'), dict(website='acme.example', job='https://acme.example/cron.php')),
    'ispconfig_web_subdomain': ('ispconfig', [_CLIENT, _WEBSITE],
                                dict(domain='blog.acme.example', website='acme.example', client='acme'),
                                dict(redirect_type='R=301,L', redirect_path='https://acme.example/'),
                                dict(domain='blog.acme.example', website='acme.example')),
    'ispconfig_web_aliasdomain': ('ispconfig', [_CLIENT, _WEBSITE],
                                  dict(domain='acme.shop', website='acme.example', client='acme', vhost=True,
                                       web_folder='shop'),
                                  dict(active=False), dict(domain='acme.shop', website='acme.example')),
    'ispconfig_web_domain_info': ('ispconfig', [_CLIENT, _WEBSITE], dict(client='acme'), None, None),
    'ispconfig_database_user_info': ('ispconfig', [_CLIENT, _DATABASE_USER], dict(client='acme'), None, None),
    'ispconfig_database_info': ('ispconfig', [_CLIENT, _WEBSITE], dict(website='acme.example'), None, None),
    'ispconfig_shell_user_info': ('ispconfig', [_CLIENT, _WEBSITE], dict(website='acme.example'), None, None),
    'ispconfig_ftp_user_info': ('ispconfig', [_CLIENT, _WEBSITE], dict(website='acme.example'), None, None),
    'ispconfig_cron_info': ('ispconfig', [_CLIENT, _WEBSITE], dict(website='acme.example'), None, None),
})


def delete_options(name, identity):
    if name.endswith('_users'):
        return dict(users=[dict(identity['users'][0], state='absent')])
    if name.endswith('_accounts'):
        return dict(accounts=[dict(identity['accounts'][0], state='absent')])
    if name.endswith('_record_sets'):
        return dict(identity, record_sets=[dict(identity['record_sets'][0], state='absent')])
    return dict(identity, state='absent')


def count(sim, module, options):
    sim.control('reset_stats', {})
    result = run_module(module, dict(sim.conn, **options))
    if result.get('failed'):
        return 'failed: %s' % result.get('msg', '')[:60]
    return '%d%s' % (sim.requests(), '' if result.get('changed') else ' (no change)') if 'changed' in result \
        else str(sim.requests())


def import_ms(name):
    code = ('import sys, time; sys.path.insert(0, %r); t = time.perf_counter(); '
            'import ansible_collections.hosting.provision.plugins.modules.%s; '
            'print((time.perf_counter() - t) * 1000)' % (COLLECTIONS_ROOT, name))
    out = subprocess.run([sys.executable, '-c', 'import ansible.module_utils.basic; ' + code],
                         capture_output=True, text=True, check=False).stdout.strip()
    return '%.0f' % float(out) if out else '?'


def module_table(sims):
    rows = []
    for name in module_names():
        if name not in SCENARIOS:
            rows.append((name, '-', 'no scenario', '', '', '', import_ms(name)))
            continue
        rows.append(module_row(sims, name, name, SCENARIOS[name]))
    rows.extend(module_row(sims, label, name, scenario) for label, (name, scenario) in sorted(VARIANTS.items()))
    return table(('module', 'api', 'create', 'no-op', 'update', 'delete', 'import ms'), rows)


def module_row(sims, label, name, scenario):
    api, setup, create, update, identity = scenario
    sim = sims[api]
    sim.control('reset', {})
    if api == 'mailbox_org':
        domain_challenge(sim, 'example.org')
    for setup_module, options in setup:
        run_module(import_module(setup_module), dict(sim.conn, **options))
    module = import_module(name)
    if update is None:  # info module: one read
        return (label, api, '', count(sim, module, create), '', '', import_ms(name))
    created = count(sim, module, create)
    no_op = count(sim, module, create)
    if name in SETTLE:
        sim.control(SETTLE[name], {})
    updated = count(sim, module, dict(create, **update))
    deleted = count(sim, module, delete_options(name, identity))
    return (label, api, created, no_op, updated, deleted, import_ms(name))


# --- 2. playbooks over N mailboxes ---------------------------------------------------------------------

ITEM_TASK = {
    'ispconfig': ('hosting.provision.ispconfig_mail_user', 'email'),
    'mailbox_org': ('hosting.provision.mailbox_account', 'mail'),
}
BULK_TASK = {
    'ispconfig': ('hosting.provision.ispconfig_mail_users', 'users'),
    'mailbox_org': ('hosting.provision.mailbox_accounts', 'accounts'),
}

PLAY_HEAD = '''- name: Benchmark
  hosts: localhost
  gather_facts: false
  tasks:
'''

URI_PLAYS = {
    # what a careful user writes by hand: log in once, look each mailbox up, add the missing ones, log out
    'ispconfig': PLAY_HEAD + '''    - name: Log in
      ansible.builtin.uri:
        url: "{{ api }}?login"
        method: POST
        body_format: json
        body: {username: demo, password: demo-password}
      register: login
    - name: Look up each mailbox
      ansible.builtin.uri:
        url: "{{ api }}?mail_user_get"
        method: POST
        body_format: json
        body: {session_id: "{{ login.json.response }}", primary_id: {email: "{{ item.email }}"}}
      loop: "{{ items }}"
      register: lookup
    - name: Add the missing ones
      ansible.builtin.uri:
        url: "{{ api }}?mail_user_add"
        method: POST
        body_format: json
        body:
          session_id: "{{ login.json.response }}"
          client_id: 0
          params:
            server_id: "1"
            email: "{{ item.item.email }}"
            login: "{{ item.item.email }}"
            password: "{{ item.item.password }}"
            name: ""
            quota: "1073741824"
            maildir: "/var/vmail/example.com/{{ item.item.email.split('@')[0] }}"
            homedir: /var/vmail
            postfix: "y"
            disablesmtp: "n"
            disableimap: "n"
            disablepop3: "n"
            disabledeliver: "n"
      loop: "{{ lookup.results }}"
      loop_control: {label: "{{ item.item.email }}"}
      when: item.json.response | length == 0
      changed_when: true
    - name: Log out
      ansible.builtin.uri:
        url: "{{ api }}?logout"
        method: POST
        body_format: json
        body: {session_id: "{{ login.json.response }}"}
''',
    'mailbox_org': PLAY_HEAD + '''    - name: Auth
      ansible.builtin.uri:
        url: "{{ api }}"
        method: POST
        body_format: json
        body: {jsonrpc: "2.0", id: "1", method: auth, params: {user: demo, pass: demo-password}}
      register: auth
    - name: Look up each account (an unknown address answers an error object)
      ansible.builtin.uri:
        url: "{{ api }}"
        method: POST
        body_format: json
        headers: {HPLS-AUTH: "{{ auth.json.result.session }}"}
        body: {jsonrpc: "2.0", id: "1", method: mail.get, params: {mail: "{{ item.mail }}", include_quota_usage: false}}
      loop: "{{ items }}"
      register: lookup
    - name: Add the missing ones
      ansible.builtin.uri:
        url: "{{ api }}"
        method: POST
        body_format: json
        headers: {HPLS-AUTH: "{{ auth.json.result.session }}"}
        body:
          jsonrpc: "2.0"
          id: "1"
          method: mail.add
          params:
            mail: "{{ item.item.mail }}"
            password: "{{ item.item.password }}"
            plan: light
            first_name: "{{ item.item.first_name }}"
            last_name: "{{ item.item.last_name }}"
            inboxsave: true
            forwards: []
      loop: "{{ lookup.results }}"
      loop_control: {label: "{{ item.item.mail }}"}
      when: "'error' in item.json"
      changed_when: true
    - name: Deauth
      ansible.builtin.uri:
        url: "{{ api }}"
        method: POST
        body_format: json
        headers: {HPLS-AUTH: "{{ auth.json.result.session }}"}
        body: {jsonrpc: "2.0", id: "1", method: deauth, params: {}}
''',
}


def items(api, n):
    if api == 'ispconfig':
        return [dict(email='user%05d@example.com' % i, password=PASSWORD, quota='1 GiB') for i in range(n)]
    return [dict(mail='user%05d@example.com' % i, password=PASSWORD, plan='light', first_name='User',
                 last_name='%05d' % i) for i in range(n)]


def write_playbooks(workdir, api):
    module, key = ITEM_TASK[api]
    bulk, list_name = BULK_TASK[api]
    extra = '\n        update_password: on_create' if api == 'mailbox_org' else ''  # passwords cannot be compared
    loop_options = ''.join('        %s: "{{ item.%s }}"\n' % (option, option) for option in items(api, 1)[0])
    plays = {
        'bulk': PLAY_HEAD + '''    - name: All mailboxes in one task
      %s:
        %s: "{{ items }}"%s
''' % (bulk, list_name, extra),
        'loop': PLAY_HEAD + '''    - name: One task per mailbox
      %s:
%s%s
      loop: "{{ items }}"
      loop_control: {label: "{{ item.%s }}"}
''' % (module, loop_options, extra.strip('\n'), key),
        'uri': URI_PLAYS[api],
    }
    paths = {}
    for name, text in plays.items():
        paths[name] = os.path.join(workdir, '%s-%s.yml' % (api, name))
        with open(paths[name], 'w') as handle:
            handle.write(text)
    return paths


def measure(command, env):
    """Run `command` in a child that reports the wall time, the peak RSS and the CPU time (user + system) of its
    process tree."""
    probe = ('import json, resource, subprocess, sys, time; t = time.perf_counter(); '
             'p = subprocess.run(sys.argv[1:], capture_output=True, text=True); '
             'u = resource.getrusage(resource.RUSAGE_CHILDREN); '
             'print(json.dumps(dict(wall=time.perf_counter() - t, rc=p.returncode, out=p.stdout[-3000:], '
             'rss=u.ru_maxrss, cpu=u.ru_utime + u.ru_stime)))')
    done = subprocess.run([sys.executable, '-c', probe] + command, env=env, capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


def recap_changed(output):
    match = re.search(r'changed=(\d+)', output.split('PLAY RECAP')[-1])
    return int(match.group(1)) if match else -1


def playbook_env(sims, cache_dir, session_cache=False):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_ROOT, ANSIBLE_NOCOLOR='1',
               ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
               ANSIBLE_STDOUT_CALLBACK='default', XDG_CACHE_HOME=cache_dir)
    for api in ('ispconfig', 'mailbox_org'):
        prefix = api.upper()
        env.update({'%s_URL' % prefix: sims[api].url, '%s_USERNAME' % prefix: 'demo',
                    '%s_PASSWORD' % prefix: 'demo-password',
                    '%s_SESSION_CACHE' % prefix: 'true' if session_cache else 'false'})
    return env


def fresh(sim):
    """Back to the seeded state with the mail domain in place (mailbox.org seeds it)."""
    sim.control('reset', {})
    if sim.api == 'ispconfig':
        run_module(import_module('ispconfig_mail_domain'), dict(sim.conn, domain='example.com'))
    sim.control('reset_stats', {})


def run_playbook(sim, playbook, varsfile, env, label, results):
    sim.control('reset_stats', {})
    api_url = sim.url + ('/remote/json.php' if sim.api == 'ispconfig' else '/v1/')
    command = [os.path.join(BIN, 'ansible-playbook'), playbook, '-e', '@' + varsfile,
               '-e', 'api=%s api_name=%s' % (api_url, sim.api)]
    measured = measure(command, env)
    if measured['rc'] != 0:
        raise RuntimeError('%s failed:\n%s' % (label, measured['out']))
    results[label] = dict(wall=measured['wall'], rss=measured['rss'] / 1024.0, requests=sim.requests(),
                          changed=recap_changed(measured['out']))
    print('  %-44s %8.1f s %7.0f MiB %7d requests  changed tasks=%d' % (
        label, results[label]['wall'], results[label]['rss'], results[label]['requests'], results[label]['changed']),
        flush=True)


def playbook_runs(sims, sizes, full, workdir, bulk_only=False):
    figures = {}
    for api in ('ispconfig', 'mailbox_org'):
        sim = sims[api]
        paths = write_playbooks(workdir, api)
        for n in sizes:
            print('%s, N=%d' % (api, n), flush=True)
            varsfile = os.path.join(workdir, '%s-%d.json' % (api, n))
            with open(varsfile, 'w') as handle:
                json.dump(dict(items=items(api, n)), handle)
            results = figures[(api, n)] = {}
            cache = tempfile.mkdtemp(dir=workdir)
            plain, cached = playbook_env(sims, cache), playbook_env(sims, cache, session_cache=True)
            fresh(sim)
            run_playbook(sim, paths['bulk'], varsfile, plain, 'bulk module, from empty', results)
            run_playbook(sim, paths['bulk'], varsfile, plain, 'bulk module, no change', results)
            if bulk_only:
                continue
            run_playbook(sim, paths['loop'], varsfile, plain, 'per-item loop, no change', results)
            run_playbook(sim, paths['loop'], varsfile, cached, 'per-item loop + session_cache, no change', results)
            run_playbook(sim, paths['uri'], varsfile, plain, 'uri tasks, no change', results)
            if full or n < 1000:
                fresh(sim)
                run_playbook(sim, paths['loop'], varsfile, plain, 'per-item loop, from empty', results)
                fresh(sim)
                run_playbook(sim, paths['loop'], varsfile, cached, 'per-item loop + session_cache, from empty',
                             results)
                fresh(sim)
                run_playbook(sim, paths['uri'], varsfile, plain, 'uri tasks, from empty', results)
    return figures


def role_runs(sims, sizes, workdir):
    """The customer role for one customer with N ISPConfig mailboxes and N mailbox.org accounts."""
    playbook = os.path.join(workdir, 'customer-role.yml')
    with open(playbook, 'w') as handle:
        handle.write('- name: Benchmark\n  hosts: localhost\n  gather_facts: false\n  roles:\n'
                     '    - role: hosting.provision.customer\n')
    env = playbook_env(sims, tempfile.mkdtemp(dir=workdir))
    for n in sizes:
        print('customer role, N=%d mailboxes on each API' % n, flush=True)
        varsfile = os.path.join(workdir, 'customer-%d.json' % n)
        customer = dict(name='Bench', ispconfig=dict(
            client=dict(username='bench', password=PASSWORD, contact_name='Bench', email='bench@example.com'),
            mail_domains=[dict(domain='example.com')], mailboxes=items('ispconfig', n)),
            mailbox_org=dict(accounts=items('mailbox_org', n)))
        with open(varsfile, 'w') as handle:
            json.dump(dict(customer=customer), handle)
        for sim in (sims['ispconfig'], sims['mailbox_org']):
            sim.control('reset', {})
        for case in ('from empty', 'no change'):
            for sim in sims.values():
                sim.control('reset_stats', {})
            measured = measure([os.path.join(BIN, 'ansible-playbook'), playbook, '-e', '@' + varsfile], env)
            if measured['rc'] != 0:
                raise RuntimeError('the customer role failed:\n%s' % measured['out'])
            requests = dict((api, sims[api].requests()) for api in ('ispconfig', 'mailbox_org'))
            print('  %-44s %8.1f s %7.0f MiB %7d requests (ispconfig %d, mailbox_org %d)  changed tasks=%d' % (
                'customer role, %s' % case, measured['wall'], measured['rss'] / 1024.0, sum(requests.values()),
                requests['ispconfig'], requests['mailbox_org'], recap_changed(measured['out'])), flush=True)


# --- 5. a DNS zone of N records ----------------------------------------------------------------------------

DNS_PLAY = PLAY_HEAD + '''    - name: Every record set of the zone in one task
      hosting.provision.ispconfig_dns_record_sets:
        zone: example.org
        record_sets: "{{ items }}"
'''


def dns_zone_runs(sims, sizes, workdir):
    """ispconfig_dns_record_sets over a zone of N A records (one set each): from empty, then with no change."""
    playbook = os.path.join(workdir, 'dns.yml')
    with open(playbook, 'w') as handle:
        handle.write(DNS_PLAY)
    sim = sims['ispconfig']
    env = playbook_env(sims, tempfile.mkdtemp(dir=workdir))
    figures = {}
    for n in sizes:
        print('ispconfig DNS zone, N=%d records' % n, flush=True)
        varsfile = os.path.join(workdir, 'dns-%d.json' % n)
        with open(varsfile, 'w') as handle:
            json.dump(dict(items=[dict(record='host%05d' % i, type='A', value=['192.0.2.%d' % (i % 250 + 1)])
                                  for i in range(n)]), handle)
        sim.control('reset', {})
        run_module(import_module('ispconfig_dns_zone'), dict(sim.conn, **DNS_ZONE))
        results = figures[n] = {}
        run_playbook(sim, playbook, varsfile, env, 'bulk module, from empty', results)
        run_playbook(sim, playbook, varsfile, env, 'bulk module, no change', results)
    return figures


# --- 6. the cost of a task: in-process, as a module, and uri -------------------------------------------------

PER_TASK_ITEMS = 30
MAILBOX_TASK = '''    - name: Mailbox %s
      hosting.provision.ispconfig_mail_user:
        email: %s
        password: "{{ password }}"
        quota: 1 GiB
'''
URI_TASK = '''    - name: Look up %s
      ansible.builtin.uri:
        url: "{{ api }}?mail_user_get"
        method: POST
        body_format: json
        body: {session_id: "{{ login.json.response }}", primary_id: {email: "%s"}}
'''
URI_LOGIN = '''    - name: Log in
      ansible.builtin.uri:
        url: "{{ api }}?login"
        method: POST
        body_format: json
        body: {username: demo, password: demo-password}
      register: login
'''
PER_TASK_CASES = [  # label, playbook, in-process
    ('ansible-playbook with no task', 'empty play', True),
    ('mail user loop, in-process', 'module loop', True),
    ('mail user loop, as a module', 'module loop', False),
    ('mail user tasks, in-process', 'module tasks', True),
    ('mail user tasks, as a module', 'module tasks', False),
    ('uri loop', 'uri loop', True),
    ('uri tasks', 'uri tasks', True),
]


def per_task_emails(n):
    return ['user%05d@example.com' % i for i in range(n)]


def per_task_playbooks(workdir, n):
    """{playbook: path}: n no-op mailbox tasks as a loop and as separate tasks, the same number of single uri
    requests (after one login) as a loop and as separate tasks, and a play without a task (Ansible's own start)."""
    loop = '      loop: "{{ emails }}"\n'
    plays = {
        'empty play': PLAY_HEAD + '    - name: Nothing\n      ansible.builtin.meta: noop\n',
        'module loop': PLAY_HEAD + MAILBOX_TASK % ('{{ item }}', '"{{ item }}"') + loop,
        'module tasks': PLAY_HEAD + ''.join(MAILBOX_TASK % (email, email) for email in per_task_emails(n)),
        'uri loop': PLAY_HEAD + URI_LOGIN + URI_TASK % ('{{ item }}', '{{ item }}') + loop,
        'uri tasks': PLAY_HEAD + URI_LOGIN + ''.join(URI_TASK % (email, email) for email in per_task_emails(n)),
    }
    paths = {}
    for name, text in plays.items():
        paths[name] = os.path.join(workdir, 'per-task-%s.yml' % name.replace(' ', '-'))
        with open(paths[name], 'w') as handle:
            handle.write(text)
    return paths


def per_task_runs(sims, n, workdir):
    """CPU and wall time of each way to run n tasks on ISPConfig mailboxes that need no change; -> the table."""
    sim = sims['ispconfig']
    fresh(sim)
    for email in per_task_emails(n):
        run_module(import_module('ispconfig_mail_user'), dict(sim.conn, email=email, password=PASSWORD,
                                                              quota='1 GiB'))
    paths = per_task_playbooks(workdir, n)
    varsfile = os.path.join(workdir, 'per-task.json')
    with open(varsfile, 'w') as handle:
        json.dump(dict(emails=per_task_emails(n), password=PASSWORD, api=sim.url + '/remote/json.php'), handle)
    env = playbook_env(sims, tempfile.mkdtemp(dir=workdir))
    figures = {}
    for label, playbook, in_process in PER_TASK_CASES:
        sim.control('reset_stats', {})
        measured = measure([os.path.join(BIN, 'ansible-playbook'), paths[playbook], '-e', '@' + varsfile,
                            '-e', 'hosting_provision_in_process=%s' % in_process], env)
        if measured['rc'] != 0 or recap_changed(measured['out']) > 0:
            raise RuntimeError('%s failed or changed something:\n%s' % (label, measured['out']))
        figures[label] = dict(measured, requests=sim.requests())
        print('  %-44s %8.1f s CPU %8.1f s %7d requests' % (
            label, measured['cpu'], measured['wall'], figures[label]['requests']), flush=True)
    uri_loop = figures['uri loop']['cpu']
    rows = [(label, '%.1f' % figures[label]['cpu'], '%.1f' % figures[label]['wall'], figures[label]['requests'],
             '%.3f' % (figures[label]['cpu'] / uri_loop), '%.3f' % (figures[label]['cpu'] / figures[
                 'uri tasks' if 'tasks' in label else 'uri loop']['cpu']) if 'with no task' not in label else '-')
            for label, _playbook, _in_process in PER_TASK_CASES]
    loop = figures['mail user loop, in-process']['cpu'] / uri_loop
    rows.append(('target: in-process loop <= 0.2 x uri loop', '', '', '', '%.3f' % loop,
                 'met' if loop <= 0.2 else 'MISSED'))
    return table(('%d no-op tasks' % n, 'CPU s', 'wall s', 'requests', 'CPU / uri loop', 'CPU / uri, same form'),
                 rows)


def ratio_table(figures):
    rows = []
    for (api, n), results in sorted(figures.items()):
        bulk = results['bulk module, no change']
        loop = results['per-item loop, no change']
        for case in ('from empty', 'no change'):
            uri = results.get('uri tasks, %s' % case)
            mine = results['bulk module, %s' % case]
            item = results.get('per-item loop, %s' % case)
            rows.append((api, n, case,
                         '%.3f' % (mine['wall'] / uri['wall']) if uri else '-',
                         '%.3f' % (item['wall'] / uri['wall']) if uri and item else '-',
                         '%.1f %%' % (100 * mine['wall'] / item['wall']) if item else '-',
                         '%d / %s' % (mine['requests'], item['requests'] if item else '-')))
        cached = results['per-item loop + session_cache, no change']
        rows.append((api, n, 'session_cache (no change)', '-', '%.3f' % (cached['wall'] / results[
            'uri tasks, no change']['wall']), '%.1f %% of the loop' % (100 * cached['wall'] / loop['wall']),
            '%d / %d' % (cached['requests'], loop['requests'])))
        if n >= 1000:
            verdict = 'met' if bulk['requests'] <= 3 and bulk['wall'] < 0.05 * loop['wall'] else 'MISSED'
            rows.append((api, n, 'target: <=3 requests, <5 % of loop', '', '', '%.1f %%' % (
                100 * bulk['wall'] / loop['wall']), '%d requests: %s' % (bulk['requests'], verdict)))
    return table(('api', 'N', 'case', 'bulk/uri time', 'loop/uri time', 'bulk/loop time', 'requests bulk / loop'),
                 rows)


def table(header, rows):
    rows = [tuple(str(c) for c in row) for row in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]

    def line(cells):
        return '| ' + ' | '.join(c.ljust(w) for c, w in zip(cells, widths)) + ' |'

    return '\n'.join([line(header), '|' + '|'.join('-' * (w + 2) for w in widths) + '|'] + [line(r) for r in rows])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--quick', action='store_true', help='N=2 only: a smoke test of this script')
    parser.add_argument('--n', type=int, action='append', help='number of mailboxes (repeatable; default 100, 1000)')
    parser.add_argument('--full', action='store_true',
                        help='also run the per-item loop and the uri tasks from empty for N >= 1000 (slow)')
    parser.add_argument('--skip-playbooks', action='store_true', help='only the per-module request table')
    parser.add_argument('--bulk-only', action='store_true', help='of the playbooks, only the bulk module (no ratios)')
    parser.add_argument('--per-task-only', action='store_true',
                        help='only table 6: the cost of a task, in-process, as a module and with uri')
    args = parser.parse_args(argv)
    sizes = [2] if args.quick else (args.n or [100, 1000])
    sims = {}
    workdir = tempfile.mkdtemp(prefix='hp-bench-')
    try:
        for api in CONN:
            sims[api] = Simulator(api)
        print('Python %s, ansible-core %s, %d CPUs' % (
            sys.version.split()[0], subprocess.run([os.path.join(BIN, 'ansible'), '--version'], capture_output=True,
                                                   text=True, check=False).stdout.split('\n')[0].split()[-1].rstrip(']'),
            os.cpu_count()))
        if not args.per_task_only:
            print('\n1. HTTP requests per task (one task each; "(no change)": the task reported changed=false)\n')
            print(module_table(sims), flush=True)
        if not args.skip_playbooks and not args.per_task_only:
            print('\n2. ansible-playbook over N mailboxes (wall time, peak RSS of the process tree, requests)\n')
            figures = playbook_runs(sims, sizes, args.full, workdir, args.bulk_only)
            if not args.bulk_only:
                print('\n3. Ratios (time: lower is better)\n')
                print(ratio_table(figures))
            print('\n4. The customer role (hosting.provision.customer) over N mailboxes per API\n')
            role_runs(sims, sizes, workdir)
            print('\n5. ansible-playbook over a DNS zone of N records (ispconfig_dns_record_sets)\n')
            dns_zone_runs(sims, sizes, workdir)
        if not args.skip_playbooks:
            n = 2 if args.quick else PER_TASK_ITEMS
            print('\n6. The cost of a task: %d no-op tasks (CPU time of the process tree)\n' % n)
            print(per_task_runs(sims, n, workdir), flush=True)
    finally:
        for sim in sims.values():
            sim.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
