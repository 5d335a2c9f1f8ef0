# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One scenario per module for the reliability tests (faults, check mode, secret leaks, bad inputs).

A scenario names the simulator, how to reach it, what to set up first, the options of a create, an update
and a delete, the API calls a fault is aimed at, how the API lets a session expire between two calls, and
replies of the API's success envelope with a payload of the wrong shape.
"""

import importlib
import json

from module_runner import run_module

PASSWORD = 'Rel1able-Secret-Pass'
HTML_PAGE = ('<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal '
             'Server Error</h1><p>The server encountered an internal error.</p></body></html>')
OTHER_PASSWORD = 'An0ther-Rel1able-Pass'

# API -> (simulator control that expires every session now, or None when the API has no session)
SESSION_CONTROLS = {
    'ispconfig': 'expire_sessions',
    'mailbox_org': 'expire_auth',
    'subaccount': 'expire_tokens',
    'teamdrive': None,  # no login: every request is signed with the salt
    'webiface': None,  # no login: every request carries user and password
}


def connection(api, running):
    if api == 'teamdrive':
        return dict(api_url=running.url + '/yvva/api/api.htm', api_salt='demo-salt')
    return dict(api_url=running.url, api_username='demo', api_password='demo-password')


class Scenario:
    """create/update/absent: option dicts (without connection); read_call and `writes`: where faults aim."""

    def __init__(self, module, api, read_call, writes=None, create=None, update=None, absent=None,
                 setup=None, sim_options=None, info=None, assigned=(), settle=None, later_reads=(),
                 absent_read_call=None, follow_up=(), login=None):
        self.name = module
        self.login = login  # another login of the simulator than the demo one (api_username, api_password)
        self.follow_up = list(follow_up)  # writes a task makes once after its own (a DNS zone's serial)
        self.api = api
        self.read_call = read_call
        # the read that decides that the object does not exist, where the first read cannot (mailbox.org's
        # not-found code is undocumented: a failed mail.get is decided by mail.list)
        self.absent_read_call = absent_read_call or read_call
        self.later_reads = later_reads  # reads after read_call when the object exists (its record, its parts)
        self.writes = writes or {}  # create/update/absent -> the API call that writes
        self.create = create
        self.update = update
        self.absent = absent
        self.info = info  # options of an *_info module
        self.assigned = assigned  # result keys only the server can fill in (ids it assigns on create)
        self._setup = setup
        self.sim_options = sim_options or {}
        # the simulator control that does what the server does by itself between two runs (Easy-WI: its cron job)
        self.settle_control = settle

    @property
    def module(self):
        return importlib.import_module('ansible_collections.hosting.provision.plugins.modules.%s' % self.name)

    @property
    def session_control(self):
        return SESSION_CONTROLS[self.api]

    def start(self, serve, **connection_options):
        """A running simulator with the parents this module needs, its counters cleared; `connection_options`
        (e.g. ca_path for a simulator served over https) join the connection of every run."""
        running = serve(self.api, **self.sim_options)
        running.conn = dict(connection(self.api, running), **dict(self.login or {}, **connection_options))
        if self._setup:
            self._setup(running)
        running.simulator.reset_stats()
        return running

    def write_list(self, which):
        """Every write a run of `which` makes when it changes something: its own, then the follow-up ones."""
        return [self.writes[which]] + self.follow_up

    def options(self, running, which, **extra):
        return dict(running.conn, **dict(getattr(self, which), **extra))

    def settle(self, running):
        """Let the server do what it does by itself between two runs (Easy-WI: its cron job runs queued jobs)."""
        if self.settle_control:
            running.simulator.control(self.settle_control, {})

    def settle_task(self, running):
        """settle() as a playbook task (the simulator's control over HTTP), or None."""
        if not self.settle_control:
            return None
        return {'name': '%s: the server settles' % self.name, 'ansible.builtin.uri': dict(
            url='%s/__sim__/%s' % (running.url, self.settle_control), method='POST', body_format='json', body={})}

    def repeat_options(self, running, which):
        """The options of `which` for a second run that must report changed=0 (update_password defaults to what
        the API can compare, so a password never makes the repeat a change). Queued work settles first: until it
        has run, a second run declares it again."""
        self.settle(running)
        return self.options(running, which)

    def __repr__(self):
        return self.name


def _run(module_name, running, **options):
    module = importlib.import_module('ansible_collections.hosting.provision.plugins.modules.%s' % module_name)
    result = run_module(module, dict(running.conn, **options))
    assert not result.get('failed'), result
    return result


def _ispconfig_domain(running):
    _run('ispconfig_mail_domain', running, domain='example.com')


def _ispconfig_mailbox(running):
    _ispconfig_domain(running)
    _run('ispconfig_mail_user', running, email='bob@example.com', quota='1 GiB', password=PASSWORD)


def _ispconfig_catchall(running):
    _ispconfig_domain(running)
    _run('ispconfig_mail_catchall', running, domain='example.com', destination='bob@example.com')


def _mailbox_challenge(running):
    running.simulator.publish_challenge('demo', 'example.com')


def _mailbox_group(running):
    _run('mailbox_group', running, name='sales', members=['alice@example.com'])


def _mailbox_account(running):
    _run('mailbox_account', running, mail='bob@example.com', password=PASSWORD, plan='light', first_name='Bob',
         last_name='Example')


# mailbox_account(s)' out-of-office notice, spam protection and capabilities
MAILBOX_SETTINGS = dict(
    vacation=dict(subject='Away', body='Back soon.', start_date='2026-07-01', end_date='2026-07-14'),
    spam_protection=dict(greylisting=False, spam_score=6.5), capabilities={'MAIL_OTP': 'on'})


def _subaccount_row(running):
    _run('subaccount', running, login='robot7', password=PASSWORD)


def _ispconfig_writes(kind):
    return dict(create='%s_add' % kind, update='%s_update' % kind, absent='%s_delete' % kind)


WRITE_SCENARIOS = [
    Scenario('ispconfig_client', 'ispconfig', 'client_get', _ispconfig_writes('client'),
             create=dict(username='acme', password=PASSWORD, contact_name='Jane Doe', email='jane@acme.example'),
             update=dict(username='acme', contact_name='Jane Roe'),
             absent=dict(username='acme', state='absent'), assigned=('client_id',)),
    Scenario('ispconfig_mail_domain', 'ispconfig', 'mail_domain_get', _ispconfig_writes('mail_domain'),
             create=dict(domain='acme.example', relay_password=PASSWORD),
             update=dict(domain='acme.example', active=False),
             absent=dict(domain='acme.example', state='absent'), assigned=('domain_id',)),
    Scenario('ispconfig_mail_user', 'ispconfig', 'mail_user_get', _ispconfig_writes('mail_user'),
             setup=_ispconfig_domain,
             create=dict(email='alice@example.com', password=PASSWORD, quota='2 GiB', name='Alice'),
             update=dict(email='alice@example.com', password=OTHER_PASSWORD, quota='1 GiB'),
             absent=dict(email='alice@example.com', state='absent'), assigned=('mailuser_id',)),
    Scenario('ispconfig_mail_alias', 'ispconfig', 'mail_alias_get', _ispconfig_writes('mail_alias'),
             setup=_ispconfig_domain,
             create=dict(source='info@example.com', destination=['alice@example.com']),
             update=dict(source='info@example.com', destination=['alice@example.com'], active=False),
             absent=dict(source='info@example.com', destination=['alice@example.com'], state='absent'),
             assigned=('forwarding_id',)),
    Scenario('ispconfig_mail_catchall', 'ispconfig', 'mail_catchall_get', _ispconfig_writes('mail_catchall'),
             setup=_ispconfig_domain,
             create=dict(domain='example.com', destination='alice@example.com'),
             update=dict(domain='example.com', destination='alice@example.com', active=False),
             absent=dict(domain='example.com', state='absent'), assigned=('forwarding_id',)),
    Scenario('ispconfig_mail_spamfilter', 'ispconfig', 'mail_spamfilter_user_get',
             _ispconfig_writes('mail_spamfilter_user'), setup=_ispconfig_domain,
             later_reads=('mail_policy_get', 'mail_spamfilter_whitelist_get'),
             create=dict(email='@example.com', policy='Normal'),
             update=dict(email='@example.com', policy='Uncensored'),
             absent=dict(email='@example.com', state='absent'), assigned=('id',)),
    Scenario('mailbox_domain', 'mailbox_org', 'domain.list',
             dict(create='domain.add', update='domain.set', absent='domain.del'), setup=_mailbox_challenge,
             later_reads=('context.list', 'domain.get'),
             create=dict(domain='example.com', password=PASSWORD, memo='Sales'),
             update=dict(domain='example.com', password=OTHER_PASSWORD, memo='Support'),
             absent=dict(domain='example.com', state='absent'), assigned=('context_id',)),
    Scenario('mailbox_account', 'mailbox_org', 'mail.get',
             dict(create='mail.add', update='mail.set', absent='mail.del'), sim_options=dict(domains=['example.com']),
             absent_read_call='mail.list',
             create=dict(mail='alice@example.com', password=PASSWORD, plan='standard', first_name='Alice',
                         last_name='Example'),
             # the settings with calls of their own ride along: their writes follow the account's own mail.set
             update=dict(mail='alice@example.com', password=OTHER_PASSWORD, last_name='Other', **MAILBOX_SETTINGS),
             absent=dict(mail='alice@example.com', state='absent')),
    Scenario('mailbox_customer', 'mailbox_org', 'account.list',
             dict(create='account.add', update='account.set', absent='account.del'), later_reads=('account.get',),
             login=dict(api_username='demo-reseller'),
             create=dict(account='acme', password=PASSWORD, plan='basic', company='ACME Ltd'),
             update=dict(account='acme', password=OTHER_PASSWORD, plan='profi'),
             absent=dict(account='acme', state='absent')),
    Scenario('mailbox_group', 'mailbox_org', 'group.list',
             dict(create='group.add', update='group.set', absent='group.del'), later_reads=('group.get',),
             create=dict(name='sales', display_name='Sales', members=['alice@example.com']),
             update=dict(name='sales', members=['bob@example.com']),
             absent=dict(name='sales', state='absent'), assigned=('group_id',)),
    Scenario('subaccount', 'subaccount', 'Subaccount.list',
             dict(create='Subaccount.create', update='Subaccount.update', absent='Subaccount.delete'),
             later_reads=('Subaccount.get',),
             create=dict(login='robot1', password=PASSWORD, status='Aktiv'),
             update=dict(login='robot1', password=OTHER_PASSWORD, status='Inaktiv'),
             absent=dict(login='robot1', state='absent'), assigned=('id',)),
    Scenario('teamdrive_depot', 'teamdrive', 'getdepotdata',
             dict(create='createdepot', update='setdepot', absent='deletedepot'),
             create=dict(username='bob', storage_limit='1 GiB'),
             update=dict(username='bob', storage_limit='2 GiB'),
             absent=dict(username='bob', state='absent', force=True), assigned=('depot_id',)),
]

INFO_SCENARIOS = [
    Scenario('ispconfig_mail_user_info', 'ispconfig', 'mail_user_get', setup=_ispconfig_mailbox,
             info=dict(domain='example.com')),
    Scenario('ispconfig_mail_catchall_info', 'ispconfig', 'mail_catchall_get', setup=_ispconfig_catchall,
             info=dict(domain='example.com')),
    Scenario('mailbox_domain_info', 'mailbox_org', 'domain.list', sim_options=dict(domains=['example.com']),
             info=dict()),
    Scenario('mailbox_account_info', 'mailbox_org', 'mail.list', sim_options=dict(domains=['example.com']),
             setup=_mailbox_account, info=dict(domain='example.com')),
    Scenario('mailbox_customer_info', 'mailbox_org', 'account.list', login=dict(api_username='demo-reseller'),
             info=dict()),
    Scenario('mailbox_group_info', 'mailbox_org', 'group.list', setup=_mailbox_group, info=dict()),
    Scenario('subaccount_info', 'subaccount', 'Subaccount.list', setup=_subaccount_row, info=dict()),
    Scenario('teamdrive_depot_info', 'teamdrive', 'getdepotdata', info=dict(username='jane')),
]


def _webiface_user(running):
    _run('webiface_user', running, external_id='crm:7', username='bob', email='bob@example.com', password=PASSWORD)


WRITE_SCENARIOS.append(Scenario(
    'webiface_user', 'webiface', 'user.ls', dict(create='user.add', update='user.mod', absent='user.del'),
    create=dict(external_id='crm:1', username='jdoe', email='jane@example.com', password=PASSWORD,
                first_name='Jane'),
    update=dict(external_id='crm:1', password=OTHER_PASSWORD, first_name='Janet', update_write_only='always'),
    absent=dict(external_id='crm:1', state='absent'), assigned=('local_id',), settle='run_jobs'))
INFO_SCENARIOS.append(Scenario('webiface_user_info', 'webiface', 'user.ls', setup=_webiface_user, info=dict()))

# Easy-WI game servers: the FTP password allows only A-Z a-z 0-9 _; the owner's `ls` is the read
FTP_PASSWORD = 'Rel1able_Ftp_Pass'


def _webiface_gameserver(running):
    _webiface_user(running)
    _run('webiface_gameserver', running, external_id='gs:7', owner_external_id='crm:7', games=['css'],
         ftp_password=FTP_PASSWORD)


WRITE_SCENARIOS.append(Scenario(
    'webiface_gameserver', 'webiface', 'user.ls', dict(create='gserver.add', update='gserver.mod', absent='gserver.del'),
    setup=_webiface_user, later_reads=('gserver.ls',),
    create=dict(external_id='gs:1', owner_external_id='crm:7', games=['css'], slots=8, ftp_password=FTP_PASSWORD),
    # a new game (read against the root servers) and a removed one: one mod that queues a job (the FTP password
    # stays: Easy-WI cannot compare it, so update_password=always would change it on every run)
    update=dict(external_id='gs:1', owner_external_id='crm:7', games=['cs2'], slots=10),
    absent=dict(external_id='gs:1', owner_external_id='crm:7', state='absent'), assigned=('local_id', 'ip', 'port'),
    settle='run_jobs'))
# TeamSpeak 3 through Easy-WI: slots change only once the cron job has created the server on its master
WRITE_SCENARIOS.append(Scenario(
    'webiface_voiceserver', 'webiface', 'user.ls', dict(create='voice.add', update='voice.mod', absent='voice.del'),
    setup=_webiface_user, later_reads=('voice.ls',),
    create=dict(external_id='ts:1', owner_external_id='crm:7', slots=10),
    update=dict(external_id='ts:1', owner_external_id='crm:7', slots=20),
    absent=dict(external_id='ts:1', owner_external_id='crm:7', state='absent'), assigned=('local_id', 'ip', 'port'),
    settle='run_jobs'))
INFO_SCENARIOS.append(Scenario('webiface_gameserver_info', 'webiface', 'user.ls', setup=_webiface_gameserver,
                               info=dict()))


def _webiface_voiceserver(running):
    _webiface_user(running)
    _run('webiface_voiceserver', running, external_id='ts:7', owner_external_id='crm:7', slots=10)


INFO_SCENARIOS.append(Scenario('webiface_voiceserver_info', 'webiface', 'user.ls', setup=_webiface_voiceserver,
                               info=dict()))
# MySQL through Easy-WI: the name and the password are Easy-WI's; active is the one value a change can set
WRITE_SCENARIOS.append(Scenario(
    'webiface_mysql', 'webiface', 'user.ls', dict(create='mysql.add', update='mysql.mod', absent='mysql.del'),
    setup=_webiface_user,
    create=dict(external_id='db:1', owner_external_id='crm:7'),
    update=dict(external_id='db:1', owner_external_id='crm:7', active=False),
    absent=dict(external_id='db:1', owner_external_id='crm:7', state='absent'), assigned=('local_id', 'name'),
    settle='run_jobs'))


def _webiface_mysql(running):
    _webiface_user(running)
    _run('webiface_mysql', running, external_id='db:7', owner_external_id='crm:7')


INFO_SCENARIOS.append(Scenario('webiface_mysql_info', 'webiface', 'user.ls', setup=_webiface_mysql, info=dict()))

# the bulk modules, with one item each: their reads are one list per domain
WRITE_SCENARIOS.extend([
    Scenario('ispconfig_mail_users', 'ispconfig', 'mail_user_get', _ispconfig_writes('mail_user'),
             setup=_ispconfig_domain,
             create=dict(users=[dict(email='alice@example.com', password=PASSWORD, quota='2 GiB', name='Alice')]),
             update=dict(users=[dict(email='alice@example.com', password=OTHER_PASSWORD, quota='1 GiB')]),
             absent=dict(users=[dict(email='alice@example.com', state='absent')])),
    Scenario('mailbox_accounts', 'mailbox_org', 'mail.list',
             dict(create='mail.add', update='mail.set', absent='mail.del'), sim_options=dict(domains=['example.com']),
             create=dict(accounts=[dict(mail='alice@example.com', password=PASSWORD, plan='standard',
                                        first_name='Alice', last_name='Example')]),
             update=dict(accounts=[dict(mail='alice@example.com', password=OTHER_PASSWORD, last_name='Other',
                                        **MAILBOX_SETTINGS)]),
             absent=dict(accounts=[dict(mail='alice@example.com', state='absent')])),
])


# --- DNS: zones and record sets (a record set task raises the zone's serial once after its record writes) ------

def _ispconfig_zone(running):
    _run('ispconfig_client', running, username='acme', password=PASSWORD, contact_name='Jane Doe',
         email='jane@acme.example')
    _run('ispconfig_dns_zone', running, zone='example.org', ns='ns1.example.com', email='hostmaster@example.org',
         client='acme')


def _ispconfig_zone_with_records(running):
    _ispconfig_zone(running)
    _run('ispconfig_dns_record_set', running, zone='example.org', record='@', type='MX', value=['10 mail'])


_RECORD_WRITES = dict(create='dns_a_add', update='dns_a_update', absent='dns_a_delete')
WRITE_SCENARIOS.extend([
    Scenario('ispconfig_dns_zone', 'ispconfig', 'dns_zone_get', _ispconfig_writes('dns_zone'),
             create=dict(zone='example.org', ns='ns1.example.com', email='hostmaster@example.org'),
             update=dict(zone='example.org', refresh=14400, active=False),
             absent=dict(zone='example.org', state='absent'), assigned=('id',)),
    Scenario('ispconfig_dns_record_set', 'ispconfig', 'dns_zone_get', _RECORD_WRITES, setup=_ispconfig_zone,
             later_reads=('dns_rr_get_all_by_zone',), follow_up=('dns_zone_update',),
             create=dict(zone='example.org', record='www', type='A', value=['192.0.2.10']),
             update=dict(zone='example.org', record='www', type='A', value=['192.0.2.11'], ttl=600),
             absent=dict(zone='example.org', record='www', type='A', state='absent')),
    Scenario('ispconfig_dns_record_sets', 'ispconfig', 'dns_zone_get', _RECORD_WRITES, setup=_ispconfig_zone,
             later_reads=('dns_rr_get_all_by_zone',), follow_up=('dns_zone_update',),
             create=dict(zone='example.org', record_sets=[dict(record='www', type='A', value=['192.0.2.10'])]),
             update=dict(zone='example.org', record_sets=[dict(record='www', type='A', value=['192.0.2.11'])]),
             absent=dict(zone='example.org', record_sets=[dict(record='www', type='A', state='absent')])),
])
INFO_SCENARIOS.extend([
    Scenario('ispconfig_dns_zone_info', 'ispconfig', 'dns_zone_get', setup=_ispconfig_zone, info=dict()),
    Scenario('ispconfig_dns_record_set_info', 'ispconfig', 'dns_zone_get', setup=_ispconfig_zone_with_records,
             info=dict(zone='example.org')),
])

SCENARIOS = WRITE_SCENARIOS + INFO_SCENARIOS


# --- replies of the success envelope with a payload of the wrong shape --------------------------------------

def _json_payload(key, value):
    """The API's own reply with its payload (`key`) replaced by `value`: request ids and status stay right."""
    def rewrite(response):
        reply = json.loads(response.body)
        reply[key] = value
        response.body = json.dumps(reply).encode('utf-8')
        return response
    return rewrite


def _xml_body(document):
    def rewrite(response):
        response.status, response.body = 200, document.encode('utf-8')
        return response
    return rewrite


def _teamdrive(inner):
    return _xml_body("<?xml version='1.0' encoding='UTF-8' ?><teamdrive><apiversion>3.0.003</apiversion>%s"
                     "</teamdrive>" % inner)


# per API: three success replies that are neither the object nor the API's not-found answer
WRONG_SHAPES = {
    'ispconfig': [_json_payload('response', None), _json_payload('response', 'ok'),
                  _json_payload('response', {'domain_id': '1'})],  # a record where a filter get answers a list
    'mailbox_org': [_json_payload('result', None), _json_payload('result', 'ok'), _json_payload('result', {})],
    'subaccount': [_json_payload('data', None), _json_payload('data', 'Erfolgreich'),
                   _json_payload('data', {'head': [], 'total': 1})],
    'teamdrive': [_teamdrive('<intresult>0</intresult>'), _teamdrive('<depot>4711</depot>'),
                  _teamdrive('<depotdata/>')],
    'webiface': [_xml_body('<?xml version="1.0"?><user><gserver/><voice/></user>'),
                 _xml_body('<?xml version="1.0"?><user><userdetails><cname>x</cname></userdetails></user>'),
                 _xml_body('<?xml version="1.0" encoding="utf-8"?><voice><action>success</action></voice>')],
}


# per API: a write scenario, and a record of the wrong shape for its read that holds a secret (a password hash) and
# other fields in the order given (secret first or last), as (module, read call, make(order) -> rewrite)
STORED_HASH = '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'


def _ordered(pairs, secret_first):
    return pairs if secret_first else pairs[1:] + pairs[:1]


def _xml_record(root, inner, secret_first):
    return _xml_body('<?xml version="1.0"?>%s' % (root % ''.join(
        '<%s>%s</%s>' % (tag, text, tag) for tag, text in _ordered(inner, secret_first))))


SECRET_RECORDS = {
    # the case: sites_database_user_get answers one record where a filter get answers a list
    'ispconfig': ('ispconfig_database_user', 'sites_database_user_get', lambda first: _json_payload(
        'response', dict(_ordered([('database_password', STORED_HASH), ('database_user', 'c1wp'),
                                   ('database_user_id', '1')], first)))),
    'mailbox_org': ('mailbox_account', 'mail.get', lambda first: _json_payload(
        'result', dict(_ordered([('password', STORED_HASH), ('mail', 'other@example.com')], first)))),
    'subaccount': ('subaccount', 'Subaccount.list', lambda first: _json_payload(
        'data', dict(_ordered([('password', STORED_HASH), ('login', 'robot1'), ('total', 1)], first)))),
    'teamdrive': ('teamdrive_depot', 'getdepotdata', lambda first: _teamdrive('<depot>%s</depot>' % ''.join(
        '<%s>%s</%s>' % (tag, text, tag) for tag, text in _ordered(
            [('password', STORED_HASH), ('disclimit', '1'), ('username', 'bob')], first)))),
    'webiface': ('webiface_user', 'user.ls', lambda first: _xml_record(
        '<user><userdetails>%s</userdetails></user>',
        [('password', STORED_HASH), ('cname', 'jdoe'), ('mail', 'jane@example.com')], first)),
}


def answer_wrong_shape(running, call, rewrite):
    """The next answer to `call` comes back in the API's success envelope with the payload `rewrite` makes."""
    simulator = running.simulator
    handle = simulator.handle
    pending = [rewrite]

    def rewriting(request):
        response = handle(request)
        if pending and simulator.call_name(request) == call:
            return pending.pop()(response)
        return response
    simulator.handle = rewriting


# --- ISPConfig web hosting: a client with a website, and the objects of that website -----------------------

def _ispconfig_customer(running):
    _run('ispconfig_client', running, username='acme', password=PASSWORD, contact_name='Jane Doe',
         email='jane@acme.example')


def _ispconfig_website(running):
    _ispconfig_customer(running)
    _run('ispconfig_web_domain', running, domain='acme.example', client='acme')


def _ispconfig_database_user(running):
    _ispconfig_website(running)
    _run('ispconfig_database_user', running, name='wp', client='acme', password=PASSWORD)


def _ispconfig_hosting(running):
    """A website with one of each of its objects, for the info modules."""
    _ispconfig_database_user(running)
    _run('ispconfig_database', running, name='wp', website='acme.example', user='wp')
    _run('ispconfig_shell_user', running, username='deploy', website='acme.example', password=PASSWORD)
    _run('ispconfig_ftp_user', running, username='upload', website='acme.example', password=PASSWORD)
    _run('ispconfig_cron', running, website='acme.example', job='https://acme.example/cron.php')


def _sites_writes(kind):
    return _ispconfig_writes('sites_' + kind)


WRITE_SCENARIOS.extend([
    Scenario('ispconfig_web_domain', 'ispconfig', 'sites_web_domain_get', _sites_writes('web_domain'),
             setup=_ispconfig_customer,
             create=dict(domain='acme.example', client='acme', quota='1 GiB', php='php-fpm'),
             update=dict(domain='acme.example', client='acme', quota='2 GiB', active=False),
             absent=dict(domain='acme.example', state='absent'),
             assigned=('domain_id', 'document_root', 'system_user', 'system_group', 'php_open_basedir')),
    Scenario('ispconfig_database_user', 'ispconfig', 'sites_database_user_get', _sites_writes('database_user'),
             setup=_ispconfig_customer,
             create=dict(name='wp', client='acme', password=PASSWORD),
             update=dict(name='wp', client='acme', password=OTHER_PASSWORD),
             absent=dict(name='wp', state='absent'), assigned=('database_user_id',)),  # found by its stored prefix
    Scenario('ispconfig_database', 'ispconfig', 'sites_database_get', _sites_writes('database'),
             setup=_ispconfig_database_user,
             create=dict(name='wp', website='acme.example', client='acme', user='wp', quota='1 GiB'),
             update=dict(name='wp', website='acme.example', client='acme', remote_access=True,
                         remote_ips=['192.0.2.10']),
             absent=dict(name='wp', state='absent'), assigned=('database_id',)),
    Scenario('ispconfig_shell_user', 'ispconfig', 'sites_shell_user_get', _sites_writes('shell_user'),
             setup=_ispconfig_website,
             create=dict(username='deploy', website='acme.example', client='acme', password=PASSWORD),
             update=dict(username='deploy', website='acme.example', password=OTHER_PASSWORD, chroot='jailkit'),
             absent=dict(username='deploy', state='absent'), assigned=('shell_user_id',)),
    Scenario('ispconfig_ftp_user', 'ispconfig', 'sites_ftp_user_get', _sites_writes('ftp_user'),
             setup=_ispconfig_website,
             create=dict(username='upload', website='acme.example', client='acme', password=PASSWORD, quota='1 GiB'),
             update=dict(username='upload', website='acme.example', password=OTHER_PASSWORD, quota='2 GiB'),
             absent=dict(username='upload', state='absent'), assigned=('ftp_user_id',)),
    Scenario('ispconfig_cron', 'ispconfig', 'sites_cron_get', _sites_writes('cron'),
             setup=_ispconfig_website,
             create=dict(website='acme.example', client='acme', job='php /var/www/cleanup.php', minute='30',
                         hour='3'),
             update=dict(website='acme.example', job='php /var/www/cleanup.php', minute='45', active=False),
             absent=dict(website='acme.example', job='php /var/www/cleanup.php', state='absent'),
             assigned=('id',)),
    Scenario('ispconfig_web_subdomain', 'ispconfig', 'sites_web_subdomain_get', _sites_writes('web_subdomain'),
             setup=_ispconfig_website,
             create=dict(domain='blog.acme.example', website='acme.example', client='acme', redirect_type='R=301,L',
                         redirect_path='https://acme.example/blog/'),
             update=dict(domain='blog.acme.example', website='acme.example', active=False),
             absent=dict(domain='blog.acme.example', website='acme.example', state='absent'),
             assigned=('domain_id',)),
    # the vhost kind: its own web folder, written by the sites_web_vhost_aliasdomain_* functions
    Scenario('ispconfig_web_aliasdomain', 'ispconfig', 'sites_web_aliasdomain_get',
             _sites_writes('web_vhost_aliasdomain'), setup=_ispconfig_website,
             create=dict(domain='acme.shop', website='acme.example', client='acme', vhost=True, web_folder='shop'),
             update=dict(domain='acme.shop', website='acme.example', php='php-fpm'),
             absent=dict(domain='acme.shop', website='acme.example', state='absent'),
             assigned=('domain_id', 'document_root', 'system_user', 'system_group')),
])
INFO_SCENARIOS.extend([
    Scenario('ispconfig_web_domain_info', 'ispconfig', 'sites_web_domain_get', setup=_ispconfig_website,
             info=dict(client='acme')),
    Scenario('ispconfig_database_user_info', 'ispconfig', 'sites_database_user_get', setup=_ispconfig_hosting,
             info=dict(client='acme')),
    Scenario('ispconfig_database_info', 'ispconfig', 'sites_database_get', setup=_ispconfig_hosting,
             info=dict(website='acme.example')),
    Scenario('ispconfig_shell_user_info', 'ispconfig', 'sites_shell_user_get', setup=_ispconfig_hosting,
             info=dict(website='acme.example')),
    Scenario('ispconfig_ftp_user_info', 'ispconfig', 'sites_ftp_user_get', setup=_ispconfig_hosting,
             info=dict(website='acme.example')),
    Scenario('ispconfig_cron_info', 'ispconfig', 'sites_cron_get', setup=_ispconfig_hosting,
             info=dict(website='acme.example')),
])
SCENARIOS = WRITE_SCENARIOS + INFO_SCENARIOS
