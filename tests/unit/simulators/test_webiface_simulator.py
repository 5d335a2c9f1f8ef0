# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Easy-WI (webiface) simulator against docs/api/webiface.md and its transcripts, over HTTP."""

import base64
import json
import re

import pytest
import requests

from simulators.webiface import encode_xml_field

FORBIDDEN_IP = '403 Forbidden: No valid api data Request IP is: 127.0.0.1'
HTML = 'text/html; charset=UTF-8'
XML = 'text/xml; charset=UTF-8'
JSON = 'application/json; charset=UTF-8'


def users_xml(fields, root='users'):
    """An API document; fields is a list of (element, text) so elements can repeat; None = <x></x>."""
    inner = ''.join('<%s>%s</%s>' % (name, '' if text is None else text, name) for name, text in fields)
    return "<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE %s>\n<%s>%s</%s>" % (root, root, inner, root)


class Client:
    def __init__(self, running, user='demo', pwd='demo-password'):
        self.url = running.url + '/api.php'
        self.sim = running.simulator
        self.credentials = {'user': user, 'pwd': pwd}

    def post(self, **form):
        return requests.post(self.url, data=dict(self.credentials, **form), timeout=5)

    def call(self, action, urlencode_text=False, type='user', **fields):
        """The element set the reference recommends (action, identify_by, external_id, email, active
        always present) plus `fields`; a list value repeats the element."""
        elements = [('action', action)]
        for name, value in fields.items():
            for item in value if isinstance(value, list) else [value]:
                elements.append((name, item))
        return self.post(type=type, xml=encode_xml_field(users_xml(elements), urlencode_text))

    def reply(self, action, **fields):
        """The <voice>/<user>/<users> reply as a flat dict (first level), asserting HTTP 200 XML."""
        response = self.call(action, **fields)
        assert (response.status_code, response.headers['Content-Type']) == (200, XML), response.text
        return xml_fields(response.text)

    def user(self, **match):
        rows = [row for row in self.sim.state()['userdata']
                if all(row[key] == value for key, value in match.items())]
        assert len(rows) <= 1
        return rows[0] if rows else None

    def jobs(self):
        return self.sim.state()['jobs']


def xml_fields(text):
    """The leaf elements of a reply: {name: text}."""
    return {match[0] or match[2]: match[1] for match in re.findall(r'<(\w+)>([^<]*)</\1>|<(\w+)/>', text)}


@pytest.fixture
def running(serve):
    return serve('webiface')


@pytest.fixture
def client(running):
    return Client(running)


def add(client, username, email, **fields):
    reply = client.reply('add', username=username, email=email, active=fields.pop('active', 'Y'), **fields)
    assert reply['action'] == 'success', reply
    return reply


# --- transport and access control ---------------------------------------------------------------

def test_minimal_add_reply_is_the_pretty_printed_voice_document(client):
    response = client.call('add', identify_by=None, username=None, external_id=None, localid=None,
                           email='min@example.org', password=None, active='Y')
    assert response.status_code == 200
    assert response.headers['Content-Type'] == XML
    assert response.headers['Set-Cookie'].startswith('PHPSESSID=')
    password = re.search(r'<password>([a-zA-Z1-9]{10})</password>', response.text).group(1)
    assert response.text == (
        '<?xml version="1.0" encoding="utf-8"?>\n<voice>\n  <action>success</action>\n'
        '  <actionSend>add</actionSend>\n  <username>user2</username>\n  <external_id/>\n'
        '  <email>min@example.org</email>\n  <errors/>\n  <password>%s</password>\n  <active>Y</active>\n'
        '  <localid>2</localid>\n' % password
        + ''.join('  <%s/>\n' % name for name in (
            'vname', 'name', 'phone', 'handy', 'fax', 'city', 'cityn', 'street', 'streetn', 'salutation', 'birthday',
            'country', 'fdlpath'))
        + ''.join('  <mail_%s>Y</mail_%s>\n' % (flag, flag) for flag in ('backup', 'gsupdate', 'securitybreach',
                                                                         'serverdown', 'ticket', 'vserver'))
        + '</voice>\n')
    row = client.user(id='2')
    assert (row['cname'], row['active'], row['salutation'], row['birthday'], row['externalID']) == \
        ('user2', 'Y', '0', '0000-00-00', None)
    assert client.sim.password_matches(2, password)
    assert {'userID': '2', 'groupID': '3', 'resellerID': '0'} in client.sim.state()['userdata_groups']
    assert client.jobs() == []
    assert client.sim.stats()['writes'] == ['user.add']


@pytest.mark.parametrize('form, body', [
    ({'pwd': 'wrongpass1'}, FORBIDDEN_IP),
    ({'user': 'nosuchapi'}, FORBIDDEN_IP),
    ({'pwd': 'abc'}, FORBIDDEN_IP),
    ({'user': 'x'}, '403 Forbidden: No valid access data. No API user given. Request IP is: 127.0.0.1'),
    ({'user': None}, '403 Forbidden: No valid access data. No API user given. Request IP is: 127.0.0.1'),
    ({'type': 'users'}, '403 Forbidden: Type usersis not known'),
    ({'type': 'User'}, '403 Forbidden: Type is not defined'),
    ({'type': None}, '403 Forbidden: Type is not defined'),
    ({'xml': '!!!notbase64!!!'}, '403 Forbidden: XML not valid'),
    ({'xml': base64.b64encode(b'<users><action>ls</users>').decode()}, '403 Forbidden: XML not valid'),
    ({'xml': base64.b64encode(b'<users/>').decode()}, '403 Forbidden: XML not valid'),
    ({'xml': None}, '403 Forbidden: Neither POST value xml, nor JSON has been send!'),
    ({'xml': None, 'json': base64.b64encode(b'{"action": ').decode()}, '403 Forbidden: JSON not vaild'),
])
def test_transport_failures_are_plain_text_403s(running, form, body):
    fields = {'user': 'demo', 'pwd': 'demo-password', 'type': 'user',
              'xml': encode_xml_field(users_xml([('action', 'ls')]))}
    fields.update(form)
    response = requests.post(running.url + '/api.php', data={k: v for k, v in fields.items() if v is not None},
                             timeout=5)
    assert (response.status_code, response.headers['Content-Type'], response.text) == (403, HTML, body)
    assert running.simulator.stats()['writes'] == []


def test_caller_ip_must_be_allowed(serve):
    refused = Client(serve('webiface', allowed_ips=['10.0.0.7']))
    response = refused.call('ls')
    assert (response.status_code, response.text) == (403, FORBIDDEN_IP)


def test_remote_addr_control_makes_another_caller(running, client):
    assert requests.post(running.url + '/__sim__/remote_addr', json={'ip': '127.0.0.2'}, timeout=5).ok
    assert client.call('ls').text == '403 Forbidden: No valid api data Request IP is: 127.0.0.2'
    running.simulator.control('remote_addr', {'ip': '::1'})
    assert client.call('ls').text == \
        '403 Forbidden: No valid access data. No API user given. No IP4 can be found at REMOTE_ADDR.'
    running.simulator.control('remote_addr', {'ip': None})
    assert client.call('ls').status_code == 200


def test_head_checkout_refuses_every_login(serve):
    client = Client(serve('webiface', broken_login_head=True))
    assert client.call('add', email='a@example.org').text == FORBIDDEN_IP
    assert len(client.sim.state()['userdata']) == 1


def test_recording_seed_uses_the_recorded_api_user(serve):
    running = serve('webiface', seed='recording')
    assert Client(running).call('ls').status_code == 403
    assert Client(running, 'apiuser', 'apipass123').call('ls').status_code == 200


def test_install_folder_and_unknown_paths(serve):
    running = serve('webiface', install_folder=True)
    response = Client(running).call('ls')
    assert (response.status_code, response.text) == (200, 'Please remove the "install" folder')
    assert requests.post(running.url + '/index.php', timeout=5).status_code == 404


def test_multipart_body_and_another_root_element_work(running):
    xml = encode_xml_field(users_xml([('action', 'add'), ('email', 'multi@example.org'), ('active', 'Y')],
                                     root='server'))
    fields = {'user': (None, 'demo'), 'pwd': (None, 'demo-password'), 'type': (None, 'user'), 'xml': (None, xml)}
    response = requests.post(running.url + '/api.php', files=fields, timeout=5)
    assert xml_fields(response.text)['action'] == 'success'


def test_type_list_answers_an_empty_server_list_without_hosts(serve):
    response = Client(serve('webiface', gserver_seed='empty')).call('ls', type='list')
    assert (response.status_code, response.headers['Content-Type'], response.text) == (
        200, XML, '<?xml version="1.0" encoding="utf-8"?>\n<server>\n  <types>all</types>\n  <server/>\n</server>\n')


# --- add ---------------------------------------------------------------------------------------------

def test_add_absent_active_is_stored_empty(client):
    response = client.post(type='user', xml=encode_xml_field(users_xml([('action', 'add'),
                                                                        ('email', 'min2@example.org')])))
    assert xml_fields(response.text)['active'] == ''
    assert client.user(cname='user2')['active'] == ''
    single = client.call('ls', identify_by='username', username='user2', show_user_data_only=1).text
    assert '<active></active>' in single


def test_add_drops_or_mangles_invalid_values_silently(client):
    reply = add(client, 'bob', 'bob@example.org', external_id='ansible-bob', password='p+w%41d x', active='N',
                vname='B', name='Bob Builder', phone='abc', cityn='1234567', streetn='12-a', salutation='12',
                birthday='notadate', country='DEU', fdlpath='not a url', mail_backup='x', groupID='99')
    assert (reply['external_id'], reply['password'], reply['vname'], reply['mail_backup']) == ('', 'p wAd x', '', 'x')
    row = client.user(cname='bob')
    assert (row['externalID'], row['vname'], row['name'], row['mail_backup'], row['salutation'], row['birthday']) \
        == ('', '', 'Bob Builder', '', '0', '0000-00-00')
    assert client.sim.password_matches(row['id'], 'p wAd x')
    assert {'userID': row['id'], 'groupID': '3', 'resellerID': '0'} in client.sim.state()['userdata_groups']


def test_add_with_every_field_valid(client):
    reply = add(client, 'alice', 'alice@example.org', external_id='ansible:alice', vname='Jane', name='Doe',
                phone='+49 123 456', city='Berlin', cityn='10115', streetn='12a', salutation='2',
                birthday='17.05.1990', country='DE', fdlpath='http://fdl.example.org/path', mail_ticket='N',
                urlencode_text=True)
    assert (reply['phone'], reply['country'], reply['birthday']) == ('+49 123 456', 'de', '1990-05-17')
    row = client.user(cname='alice')
    assert (row['phone'], row['externalID'], row['mail_ticket'], row['salutation']) == \
        ('+49 123 456', 'ansible:alice', 'N', '2')


def test_plus_in_a_phone_number_becomes_a_space_without_urlencoding(client):
    assert add(client, 'carl', 'carl@example.org', phone='+49 1')['phone'] == ' 49 1'


EXISTS = 'user with this e-mail already exists: '
ALICE = ('alice', 'alice@example.org')


@pytest.mark.parametrize('username, email, external_id, error, echoed', [
    ('alice', 'other@example.org', None, EXISTS + 'alice', ALICE),
    ('ALICE', 'other@example.org', None, EXISTS + 'alice', ALICE),
    ('alice2', 'ALICE@example.org', None, EXISTS + 'alice', ALICE),
    ('admin', 'x1@example.org', None, EXISTS + 'admin', ('admin', 'admin@example.org')),
    ('carol', 'carol@example.org', 'ansible:alice', 'user with external ID exists: ', ('', '')),
    ('dave', 'not-an-email', None, 'Can not identify user or bad email', ('', '')),
    ('dave', None, None, 'Can not identify user or bad email', ('', '')),
])
def test_add_refuses_duplicates_and_bad_email(client, username, email, external_id, error, echoed):
    add(client, 'alice', 'alice@example.org', external_id='ansible:alice')
    reply = client.reply('add', username=username, email=email, external_id=external_id, active='Y')
    assert (reply['action'], reply['errors'], (reply['username'], reply['email'])) == ('fail', error, echoed)
    assert reply['password'] == ''
    assert len(client.sim.state()['userdata']) == 2
    assert client.sim.stats()['writes'] == ['user.add']


def test_long_email_is_truncated_and_escapes_the_duplicate_check(client):
    long_mail = 'a' * 45 + '@example.org'
    add(client, 'longmail', long_mail)
    assert client.user(cname='longmail')['mail'] == long_mail[:50]
    assert client.reply('ls', identify_by='email', email=long_mail)['errors'] == 'Can not find a user with this data!'
    add(client, 'longmail2', long_mail)


def test_no_usergroup_available(running, client):
    requests.post(running.url + '/__sim__/set_usergroup', json={'id': 3, 'active': 'N'}, timeout=5)
    reply = client.reply('add', email='g@example.org', active='Y')
    assert (reply['action'], reply['errors']) == ('fail', 'No usergroup available')


def test_add_with_listed_groups(running, client):
    running.simulator.set_usergroup(7, name='Extra')
    row_id = add(client, 'grouped', 'grouped@example.org', groupID=['3', '7', '99'])['localid']
    groups = [row['groupID'] for row in running.simulator.state()['userdata_groups'] if row['userID'] == row_id]
    assert groups == ['3', '7']


def test_username_is_stored_verbatim_and_ampersand_empties_the_reply(client):
    reply = add(client, 'we ird/x&amp;y é', 'weird@example.org')
    assert reply['username'] == ''
    assert client.user(id=reply['localid'])['cname'] == 'we ird/x&y é'


# --- strict sql_mode -------------------------------------------------------------------------------

@pytest.fixture
def strict(serve):
    return Client(serve('webiface', strict_sql=True))


def test_strict_mode_minimal_add_is_an_empty_500(strict):
    response = strict.call('add', email='strict1@example.org', active='Y')
    assert (response.status_code, response.headers['Content-Type'], response.text) == (500, HTML, '')
    assert len(strict.sim.state()['userdata']) == 1
    assert strict.sim.stats()['writes'] == []
    assert strict.sim.state()['sql_mode'].startswith('STRICT_TRANS_TABLES')


def test_strict_mode_add_works_with_active_salutation_and_birthday(strict):
    reply = add(strict, 'strictmin', 'strictmin@example.org', salutation='1', birthday='2000-01-01')
    assert reply['localid'] == '2'
    assert strict.call('add', username='strictmin2', email='strictmin2@example.org', salutation='1',
                       birthday='2000-01-01').status_code == 500
    assert strict.call('add', username='s3', email='a' * 45 + '@example.org', active='Y', salutation='1',
                       birthday='2000-01-01').status_code == 500
    assert strict.reply('mod', identify_by='username', username='strictmin', city='Oslo')['action'] == 'success'
    assert strict.reply('del', identify_by='username', username='strictmin')['action'] == 'success'


def test_strict_mode_phantom_delete_by_username_fails(strict):
    """Code: the job's userID is bound as '' for an unknown user; strict mode refuses that integer."""
    assert strict.call('del', identify_by='username', username='ghost').status_code == 500


# --- mod ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize('identify_by, value', [('username', 'alice'), ('external_id', 'ansible:alice'),
                                                ('localid', '2'), ('email', 'ALICE@example.org')])
def test_mod_identifies_users_and_echoes_like_the_server(client, identify_by, value):
    add(client, 'alice', 'alice@example.org', external_id='ansible:alice', name='Doe')
    fields = {'email': 'alice.new@example.org', identify_by: value}
    reply = client.reply('mod', identify_by=identify_by, city='Hamburg', active='Y', **fields)
    assert (reply['action'], reply['localid'], reply['email'], reply['name'], reply['city']) == \
        ('success', '2', '', 'alice', 'Hamburg')
    row = client.user(id='2')
    new_mail = 'ALICE@example.org' if identify_by == 'email' else 'alice.new@example.org'
    assert (row['city'], row['mail'], row['name']) == ('Hamburg', new_mail, 'Doe')
    assert client.jobs() == []


def test_mod_bumps_update_time_even_without_changes(client):
    add(client, 'alice', 'alice@example.org')
    before = client.user(id='2')['updateTime']
    client.sim.clock.advance(3600)
    client.reply('mod', identify_by='username', username='alice', active='Y')
    assert client.user(id='2')['updateTime'] != before
    assert client.sim.stats()['writes'] == ['user.add', 'user.mod']


def test_active_changes_are_jobs_until_the_runner_runs(running, client):
    add(client, 'alice', 'alice@example.org')
    assert client.reply('mod', identify_by='username', username='alice', active='N')['active'] == 'N'
    row = client.user(id='2')
    assert (row['active'], row['jobPending']) == ('Y', 'Y')
    job = client.jobs()[0]
    assert (job['type'], job['action'], job['status'], job['extraData'], job['userID'], job['name']) == \
        ('us', 'md', None, '{"newActive":"N"}', '2', 'alice')
    listed = client.call('ls', identify_by='username', username='alice', show_user_data_only=1).text
    assert '<active>Y</active>' in listed and '<jobPending>Y</jobPending>' in listed
    result = requests.post(running.url + '/__sim__/run_jobs', json={}, timeout=5).json()
    assert result == {'processed': [1], 'log': ['Modify userID: 2 name:alice']}
    row = client.user(id='2')
    assert (row['active'], row['jobPending'], client.jobs()[0]['status']) == ('N', 'N', '3')


def test_mod_without_active_queues_reactivation_and_cancels_pending_jobs(client):
    add(client, 'bob', 'bob@example.org', active='N')
    client.reply('mod', identify_by='username', username='bob', active=None, city='Paris')
    client.reply('mod', identify_by='username', username='bob', city='Rome')
    assert [(job['status'], job['extraData']) for job in client.jobs()] == \
        [('2', '{"newActive":"Y"}'), (None, '{"newActive":"Y"}')]
    client.reply('mod', identify_by='username', username='bob', active='N')
    assert [job['status'] for job in client.jobs()] == ['2', '2']
    assert client.user(cname='bob')['jobPending'] == 'Y'  # sticky: no job pending any more


def test_any_single_character_is_an_active_value(client):
    add(client, 'alice', 'alice@example.org')
    assert client.reply('mod', identify_by='username', username='alice', active='X')['active'] == 'X'
    assert client.jobs()[-1]['extraData'] == '{"newActive":"X"}'
    client.sim.run_jobs()
    assert client.user(id='2')['active'] == ''
    assert client.reply('mod', identify_by='username', username='alice', active='YES')['active'] == ''
    assert len(client.jobs()) == 1


@pytest.mark.parametrize('fields, error', [
    ({'identify_by': 'username', 'username': 'nosuchuser'}, 'No user can be found to edit'),
    ({'identify_by': 'email', 'email': 'nosuch@example.org'}, 'No user can be found to edit'),
    ({'identify_by': 'localid', 'localid': 'abc'}, 'No user can be found to edit'),
    ({'identify_by': 'username', 'username': None}, 'No data for this method'),
    ({'identify_by': None, 'username': 'alice'}, 'No data for this method'),
    ({'identify_by': 'foo', 'username': 'alice'}, 'No data for this method'),
])
def test_mod_lookup_failures(client, fields, error):
    reply = client.reply('mod', active='Y', **fields)
    assert (reply['action'], reply['errors']) == ('fail', error)
    assert client.jobs() == [] and client.sim.stats()['writes'] == []


def test_mod_of_an_unknown_localid_succeeds_and_queues_a_phantom_job(client):
    reply = client.reply('mod', identify_by='localid', localid='9999', active='Y')
    assert (reply['action'], reply['localid'], reply['name']) == ('success', '9999', '')
    assert [(job['userID'], job['name'], job['action']) for job in client.jobs()] == [('9999', '', 'md')]
    assert client.sim.run_jobs()['log'] == ['Modify userID: 9999 name:']


def test_mod_reaches_the_admin_but_ls_does_not(client):
    reply = client.reply('mod', identify_by='localid', localid='1', vname='Hacked', active='Y')
    assert (reply['action'], reply['name']) == ('success', 'admin')
    assert client.user(id='1')['vname'] == 'Hacked'
    client.reply('mod', identify_by='username', username='admin', active='N')
    assert client.jobs()[0]['name'] == 'admin'
    reply = client.reply('ls', identify_by='localid', localid='1')
    assert reply['errors'] == 'Can not find a user with this data!'


def test_apostrophe_in_a_mod_value_is_an_empty_500(client):
    add(client, 'lsc', 'lsc@example.org')
    response = client.call('mod', identify_by='username', username='lsc', email="o'brien@example.org", active='Y')
    assert (response.status_code, response.text) == (500, '')
    assert client.user(cname='lsc')['mail'] == 'lsc@example.org'


def test_mod_password_is_rehashed_every_time(client):
    add(client, 'user3', 'min@example.org')
    client.reply('mod', identify_by='username', username='user3', password='NewPass99', active='Y')
    first = client.user(cname='user3')['security_prefix']
    reply = client.reply('mod', identify_by='username', username='user3', password='NewPass99', active='Y')
    assert reply['password'] == 'NewPass99'
    assert client.user(cname='user3')['security_prefix'] != first
    assert client.sim.control('verify_password', {'id': 2, 'password': 'NewPass99'}) == {'match': True}
    client.reply('mod', identify_by='username', username='user3', password='a+b%41', active='Y')
    assert client.sim.password_matches(2, 'a bA')
    client.reply('mod', identify_by='username', username='user3', password='a+b%41', active='Y', urlencode_text=True)
    assert client.sim.password_matches(2, 'a+b%41')


def test_mod_group_list_only_removes_groups(running, client):
    """Code (api_users.php): the listed groups are checked, the others deleted, none inserted."""
    running.simulator.set_usergroup(7)
    add(client, 'g', 'g@example.org', groupID=['3', '7'])
    client.reply('mod', identify_by='username', username='g', groupID='7', active='Y')
    client.reply('mod', identify_by='username', username='g', groupID='3', active='Y')
    assert [row for row in running.simulator.state()['userdata_groups'] if row['userID'] == '2'] == []


# --- del and the job runner ------------------------------------------------------------------------

def test_del_is_a_job_and_the_user_stays_until_the_runner_removes_it(client):
    add(client, 'user4', 'min2@example.org')
    reply = client.reply('del', identify_by='username', username='user4', active='Y')
    assert (reply['action'], reply['localid'], reply['name']) == ('success', '2', 'user4')
    assert client.user(id='2')['jobPending'] == 'Y'
    again = client.reply('add', username='user4', email='other@example.org', active='Y')
    assert again['errors'] == 'user with this e-mail already exists: user4'
    client.reply('del', identify_by='username', username='user4', active='Y')
    assert [(job['action'], job['status']) for job in client.jobs()] == [('dl', '2'), ('dl', None)]
    assert client.sim.run_jobs() == {'processed': [2], 'log': ['Delete cleanup userID: 2 name:user4']}
    assert client.user(id='2') is None
    assert [row['userID'] for row in client.sim.state()['userdata_groups']] == ['1']
    assert add(client, 'user4', 'min2@example.org')['localid'] == '3'


def test_mod_cancels_a_pending_delete(client):
    add(client, 'user4', 'min2@example.org')
    client.reply('del', identify_by='username', username='user4')
    client.reply('mod', identify_by='username', username='user4', city='Oslo', active='Y')
    assert [(job['action'], job['status']) for job in client.jobs()] == [('dl', '2')]
    client.sim.run_jobs()
    assert client.user(id='2') is not None


@pytest.mark.parametrize('fields, user_id, localid', [
    ({'identify_by': 'username', 'username': 'ghost'}, '0', ''),
    ({'identify_by': 'localid', 'localid': '8888'}, '8888', '8888'),
])
def test_del_of_an_unknown_user_reports_success(client, fields, user_id, localid):
    reply = client.reply('del', active='Y', **fields)
    assert (reply['action'], reply['localid']) == ('success', localid)
    assert [(job['userID'], job['action'], job['name']) for job in client.jobs()] == [(user_id, 'dl', '')]
    assert client.sim.run_jobs()['processed'] == [1]
    assert client.jobs()[0]['status'] == '3'


def test_del_with_empty_identify_by(client):
    reply = client.reply('del', identify_by=None, username='user4', active='Y')
    assert (reply['action'], reply['errors']) == ('fail', 'No data for this method')


def test_mod_that_cancels_a_job_leaves_the_flag_set(client):
    """jobPending is sticky: only a completed activation change clears it (recordings 06 and 11)."""
    add(client, 'alice', 'alice@example.org')
    client.reply('mod', identify_by='username', username='alice', active='N')
    client.reply('mod', identify_by='username', username='alice', active='Y')
    assert [(job['action'], job['status']) for job in client.jobs()] == [('md', '2')]
    client.sim.run_jobs()
    assert (client.user(id='2')['active'], client.user(id='2')['jobPending']) == ('Y', 'Y')
    client.reply('mod', identify_by='username', username='alice', active='N')
    client.sim.run_jobs()
    assert (client.user(id='2')['active'], client.user(id='2')['jobPending']) == ('N', 'N')


# --- the panel itself: its login form and its user form ---------------------------------------------

@pytest.mark.parametrize('username, stored_password, typed, logged_in, reason', [
    ('alice', 'Secret99', 'Secret99', True, None),
    ('alice', 'Secret99', ' Secret99 ', True, None),  # the form trims what is typed
    ('alice', 'Secret99', 'Secret98', False, 'wrong password'),
    ('alice', ' padded1 ', ' padded1 ', False, 'wrong password'),  # stored untrimmed, typed trimmed
    ('alice', ' padded1 ', 'padded1', False, 'wrong password'),
    ('alice', 'abc', 'abc', False, 'the form refuses the login or password'),
    ('alice', 'my pass word', 'my pass word', False, 'the form refuses the login or password'),
    ('alice', 'äöü', 'äöü', True, None),  # 6 bytes: the check counts bytes
    ('john doe', 'Secret99', 'Secret99', False, 'the form refuses the login or password'),
    ('jürgen2', 'Secret99', 'Secret99', False, 'the form refuses the login or password'),
    ('a+b', 'Secret99', 'Secret99', False, 'the form refuses the login or password'),
])
def test_login_form_takes_only_what_its_checks_accept(client, username, stored_password, typed, logged_in,
                                                      reason):
    """The API stores any login and password; login.php trims and checks them before it looks anything up."""
    add(client, username, 'u@example.org', password=stored_password, urlencode_text=True)
    assert client.sim.password_matches(2, stored_password), 'the API stored it verbatim'
    answer = client.sim.control('login', {'username': username, 'password': typed})
    assert answer == {'logged_in': logged_in, 'user_id': 2 if reason != 'the form refuses the login or password'
                      else None, 'reason': reason}


def test_login_by_e_mail_and_of_an_inactive_account(client):
    add(client, 'john doe', 'John@Example.org', password='Secret99')
    assert client.sim.login('JOHN@example.org ', 'Secret99')['logged_in'], 'e-mail logins still work'
    add(client, 'bob', 'bob@example.org', password='Secret99', active='N')
    assert client.sim.login('bob', 'Secret99') == {'logged_in': False, 'user_id': 3,
                                                   'reason': 'the account is not active'}
    assert client.sim.login('nobody', 'Secret99')['reason'] == 'no account with this login or e-mail'


def test_panel_save_of_a_user_keeps_its_queue_unless_active_changes(client):
    """admin user.php (md): jobPending=N and the queue untouched when active is kept; a change replaces it."""
    add(client, 'alice', 'alice@example.org')
    client.reply('del', identify_by='username', username='alice', active='Y')
    assert client.sim.control('panel_save_user', {'id': 2}) == {'jobPending': 'N'}
    assert [(job['action'], job['status']) for job in client.jobs()] == [('dl', None)]
    assert client.sim.panel_save_user(2, active='N') == {'jobPending': 'Y'}
    assert [(job['action'], job['status'], job['api'], job['extraData']) for job in client.jobs()] == [
        ('dl', '2', 'A', None), ('md', None, 'U', '{"newActive":"N"}')]
    client.sim.run_jobs()
    assert (client.user(id='2')['active'], client.user(id='2')['jobPending']) == ('N', 'N')


# --- ls and clean ---------------------------------------------------------------------------------

@pytest.fixture
def listed(client):
    add(client, 'lsa', 'lsa@example.org', external_id='ansible:lsa')
    add(client, 'lsb', 'lsb@example.org', external_id='other:lsb')
    add(client, 'lsc', 'lsc@example.org')
    return client


@pytest.mark.parametrize('identify_by, value', [('username', 'LSA'), ('external_id', 'ansible:lsa'),
                                                ('email', 'LSA@EXAMPLE.ORG'), ('localid', '2')])
def test_ls_one_user_on_one_line(listed, identify_by, value):
    response = listed.call('ls', identify_by=identify_by, **{identify_by: value})
    assert response.text == (
        '<?xml version="1.0"?>\n<user><userdetails><id>2</id><active>Y</active><cname>lsa</cname><name></name>'
        '<vname></vname><mail>lsa@example.org</mail><phone></phone><handy></handy><city></city><cityn></cityn>'
        '<street></street><streetn></streetn><externalID>ansible:lsa</externalID><jobPending>N</jobPending>'
        '<show_user_data_only>0</show_user_data_only></userdetails><gserver/><voice/><mysql/><tsdns/><webspace/>'
        '</user>\n')


def test_ls_one_user_writes_non_ascii_as_character_references(client):
    add(client, 'jörg', 'joerg@example.org')
    assert '<cname>j&#xF6;rg</cname>' in client.call('ls', identify_by='localid', localid='2').text


def test_ls_not_found_and_empty_value(listed):
    reply = listed.reply('ls', identify_by='username', username='nobody')
    assert (reply['action'], reply['errors'], reply['username']) == \
        ('fail', 'Can not find a user with this data!', 'nobody')
    assert listed.reply('ls', identify_by='username', username=None)['errors'] == 'No action defined'


@pytest.mark.parametrize('fields, ids, like, not_like', [
    ({}, ['2', '3', '4'], '', ''),
    ({'like': 'ansible'}, ['2'], 'ansible', ''),
    ({'like': 'ansible:'}, ['2', '3', '4'], '', ''),
    ({'notLike': 'ansible'}, ['3', '4'], '', 'ansible'),
    ({'start': '1', 'amount': '1'}, ['3'], '', ''),
])
def test_ls_list(listed, fields, ids, like, not_like):
    response = listed.call('ls', **fields)
    assert response.text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<users>\n  <totalAmount>3</totalAmount>')
    assert re.findall(r'<id>(\d+)</id>', response.text) == ids
    assert ('<like>%s</like>' % like if like else '<like/>') in response.text
    assert ('<notLike>%s</notLike>' % not_like if not_like else '<notLike/>') in response.text
    assert '    <salutation>0</salutation>\n' in response.text


def test_ls_list_with_a_non_integer_limit_is_an_sql_error(listed):
    assert listed.call('ls', start='1.5', amount='1').status_code == 500


def test_clean_blanks_matching_external_ids(listed):
    reply = listed.reply('clean', external_id='other:lsb')
    assert (reply['action'], reply['external_id'], reply['active']) == ('success', 'other:lsb', '')
    assert listed.user(cname='lsb')['externalID'] == ''
    assert listed.reply('clean', external_id='does:not:exist')['action'] == 'success'
    assert listed.sim.stats()['writes'].count('user.clean') == 1


def test_unknown_or_missing_action(client):
    assert client.reply('bogus')['errors'] == 'No action defined'
    response = client.post(type='user', xml=encode_xml_field(users_xml([('identify_by', 'username')])))
    assert xml_fields(response.text)['actionSend'] == ''


# --- JSON variant -------------------------------------------------------------------------------------

def json_call(client, **payload):
    return client.post(type='user', json=base64.b64encode(json.dumps(payload).encode()).decode())


def test_json_variant_never_reports_failure(client):
    first = json_call(client, action='add', username='jsonu', email='jsonu@example.org', external_id='', active='Y')
    assert first.headers['Content-Type'] == JSON
    reply = first.json()
    assert (reply['action'], reply['errors'], reply['localid'], reply['external_id']) == (None, '', '2', '')
    duplicate = json_call(client, action='add', username='jsonu', email='jsonu@example.org', active='Y').json()
    assert (duplicate['action'], duplicate['errors'], duplicate['password'], duplicate['localid']) == \
        (None, '', '', '')
    assert client.user(id='2')['externalID'] == ''


def test_json_list_is_followed_by_a_second_object(client):
    add(client, 'lsa', 'lsa@example.org')
    body = json_call(client, action='ls').text
    rows, rest = json.JSONDecoder().raw_decode(body)
    assert [row['id'] for row in rows] == [2] and rows[0]['salutation'] == 0
    assert json.loads(body[rest:])['action'] is None
    single = json_call(client, action='ls', identify_by='username', username='lsa').json()
    assert single['userdetails']['id'] == 2 and single['gserver'] == []


# --- controls ---------------------------------------------------------------------------------------

def test_load_replaces_the_database(running, client):
    running.simulator.load({'userdata': [{'id': '5', 'cname': 'alice', 'accounttype': 'u', 'active': 'Y',
                                          'mail': 'alice@example.org', 'resellerid': '0', 'jobPending': 'N',
                                          'password': 'Known123'}],
                            'jobs': [], 'userdata_groups': [], 'next_user_id': 7, 'next_job_id': 3})
    assert running.simulator.password_matches(5, 'Known123')
    assert add(client, 'bob', 'bob@example.org')['localid'] == '7'
    client.reply('del', identify_by='username', username='bob')
    assert client.jobs()[0]['jobID'] == '3'


def test_lookup_by_localid_casts_like_mariadb_and_enums_ignore_case(client):
    add(client, 'alice', 'alice@example.org', active='y', mail_ticket='n')
    row = client.user(id='2')
    assert (row['active'], row['mail_ticket']) == ('Y', 'N')
    assert client.reply('mod', identify_by='localid', localid='2abc', city='Bonn', active='Y')['localid'] == '2'
    assert client.user(id='2')['city'] == 'Bonn'


def test_without_a_default_group_any_active_user_group_is_used(running, client):
    running.simulator.set_usergroup(3, defaultgroup='N')
    running.simulator.set_usergroup(5)
    localid = add(client, 'alice', 'alice@example.org')['localid']
    assert {'userID': localid, 'groupID': '3', 'resellerID': '0'} in running.simulator.state()['userdata_groups']
