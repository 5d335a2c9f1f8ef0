"""webiface_user against the Easy-WI simulator: the full module test matrix, pending jobs, values the panel
would drop silently, refused callers and SQL errors."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import webiface_user

PASSWORD = 'Pa+ss%41word'  # '+' and '%41' survive only if the XML is URL-encoded before base64


@pytest.fixture
def sim(serve):
    running = serve('webiface')
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    return running


def user(sim, **options):
    base = dict(external_id='crm:1', username='jdoe', email='Jane.Doe@Example.com', password=PASSWORD,
                first_name='Jane', last_name='Doe', phone='+49 30 123456', city='Berlin')
    return dict(sim.conn, **dict(base, **options))


def rows(sim):
    return [row for row in sim.simulator.state()['userdata'] if row['accounttype'] == 'u']


def stored(sim, cname='jdoe'):
    found = [row for row in rows(sim) if row['cname'] == cname]
    return found[0] if found else None


def pending_jobs(sim):
    return [(job['action'], job['extraData']) for job in sim.simulator.state()['jobs'] if job['status'] is None]


def created(sim, **options):
    result = run_module(webiface_user, user(sim, **options))
    assert result['changed'] is True, result
    sim.simulator.reset_stats()
    return result


def calls(sim):
    return sim.simulator.stats()['calls']


def writes(sim):
    return sim.simulator.stats()['writes']


# --- create / no-op / update ---------------------------------------------------------------------------

def test_create_sends_every_value_exactly(sim):
    result = run_module(webiface_user, user(sim, country='DE', salutation=2, birthday='1990-05-17',
                                            mail_ticket=False, groups=[3]))
    assert result['changed'] is True and result['pending'] is False
    row = stored(sim)
    assert (row['externalID'], row['mail'], row['vname'], row['name'], row['city']) == (
        'crm:1', 'jane.doe@example.com', 'Jane', 'Doe', 'Berlin')
    assert row['phone'] == '+49 30 123456', 'a leading + must not turn into a space'
    assert row['active'] == 'Y', 'active is always sent on add (absent would store an empty flag)'
    assert (row['country'], row['salutation'], row['birthday'], row['mail_ticket']) == ('de', '2', '1990-05-17', 'N')
    assert sim.simulator.password_matches(row['id'], PASSWORD)
    assert calls(sim) == ['user.ls', 'user.ls', 'user.add']
    assert writes(sim) == ['user.add']
    assert result['user']['external_id'] == 'crm:1' and 'password' not in result['user']
    assert PASSWORD not in result['_raw']


def test_second_run_is_a_no_op_with_one_read(sim):
    created(sim, update_password='on_create')
    result = run_module(webiface_user, user(sim, update_password='on_create'))
    assert result['changed'] is False and result['pending'] is False
    assert calls(sim) == ['user.ls']
    assert writes(sim) == []
    assert result['user']['local_id'] == int(stored(sim)['id'])


def test_password_cannot_be_compared_so_always_reports_changed(sim):
    created(sim)
    result = run_module(webiface_user, user(sim), diff=True)
    assert result['changed'] is True
    assert result['diff']['after']['password'] == '<hidden, changed>'
    assert calls(sim) == ['user.ls', 'user.mod']
    assert pending_jobs(sim) == [], 'the stored active value is repeated, so no activation job is queued'


def test_update_sends_the_changed_fields_and_keeps_the_rest(sim):
    created(sim)
    result = run_module(webiface_user, user(sim, city='Hamburg', mobile='0170 1234567', update_password='on_create'),
                        diff=True)
    assert result['changed'] is True and result['pending'] is False
    assert result['diff']['before']['city'] == 'Berlin'
    assert result['diff']['after']['city'] == 'Hamburg'
    row = stored(sim)
    assert (row['city'], row['handy'], row['vname'], row['active']) == ('Hamburg', '0170 1234567', 'Jane', 'Y')
    assert sim.simulator.password_matches(row['id'], PASSWORD), 'on_create must not send the password'
    assert writes(sim) == ['user.mod']
    assert pending_jobs(sim) == []
    again = run_module(webiface_user, user(sim, city='Hamburg', mobile='0170 1234567', update_password='on_create'))
    assert again['changed'] is False


def test_email_is_compared_case_insensitively_and_changed(sim):
    created(sim, update_password='on_create')
    same = run_module(webiface_user, user(sim, email='JANE.DOE@example.COM', update_password='on_create'))
    assert same['changed'] is False
    moved = run_module(webiface_user, user(sim, email='jane@example.org', update_password='on_create'))
    assert moved['changed'] is True
    assert stored(sim)['mail'] == 'jane@example.org'


def test_write_only_fields_are_sent_on_create_only_unless_always(sim):
    created(sim, fax='030 1234', update_password='on_create')
    result = run_module(webiface_user, user(sim, fax='030 9999', update_password='on_create'))
    assert result['changed'] is False, 'fax cannot be read back: on_create does not send it'
    assert stored(sim)['fax'] == '030 1234'
    forced = run_module(webiface_user, user(sim, fax='030 9999', update_password='on_create',
                                            update_write_only='always'))
    assert forced['changed'] is True
    assert stored(sim)['fax'] == '030 9999'


def test_identify_by_username_can_give_an_existing_user_an_external_id(sim):
    created(sim, external_id=None)
    result = run_module(webiface_user, dict(sim.conn, identify_by='username', username='JDOE', external_id='crm:9'))
    assert result['changed'] is True
    assert stored(sim)['externalID'] == 'crm:9'
    assert result['user']['username'] == 'jdoe'


def test_identify_by_local_id(sim):
    created(sim)
    local_id = int(stored(sim)['id'])
    result = run_module(webiface_user, dict(sim.conn, local_id=local_id, city='Bonn'))
    assert result['changed'] is True
    assert stored(sim)['city'] == 'Bonn'


def test_unknown_local_id_is_an_error_and_sends_no_mod(sim):
    # Easy-WI answers success to a mod of an unknown numeric localid and queues a phantom job
    result = run_module(webiface_user, dict(sim.conn, local_id=8888, city='Bonn'))
    assert result['failed'] is True
    assert 'no Easy-WI user with local_id 8888' in result['msg']
    assert calls(sim) == ['user.ls'] and sim.simulator.state()['jobs'] == []


def test_a_user_cannot_be_renamed(sim):
    created(sim)
    result = run_module(webiface_user, user(sim, username='janedoe'))
    assert result['failed'] is True
    assert "has the login 'jdoe'; Easy-WI cannot rename a user" in result['msg']
    assert writes(sim) == []


def test_create_needs_an_email(sim):
    result = run_module(webiface_user, dict(sim.conn, external_id='crm:1'))
    assert result['failed'] is True and 'email is required' in result['msg']
    assert writes(sim) == []


def test_duplicate_email_is_one_clear_sentence(sim):
    created(sim)
    result = run_module(webiface_user, user(sim, external_id='crm:2', username='other'))
    assert result['failed'] is True
    assert result['msg'].startswith('user.add failed: "user with this e-mail already exists: jdoe": Easy-WI '
                                    'already has an account with this e-mail address or login name')
    assert result['api_message'] == 'user with this e-mail already exists: jdoe'
    assert 'Traceback' not in result['_raw']


# --- check mode and diff -------------------------------------------------------------------------------

def test_check_mode_sends_no_write_and_predicts_the_real_run(sim):
    options = user(sim, update_password='on_create')
    predicted = run_module(webiface_user, options, check=True, diff=True)
    assert writes(sim) == [] and rows(sim) == []
    real = run_module(webiface_user, options, diff=True)
    for key in ('changed', 'diff', 'user', 'pending'):
        assert predicted[key] == real[key]
    sim.simulator.reset_stats()
    change = dict(options, city='Hamburg', active=False)
    predicted = run_module(webiface_user, change, check=True, diff=True)
    assert writes(sim) == []
    real = run_module(webiface_user, change, diff=True)
    for key in ('changed', 'diff', 'user', 'pending'):
        assert predicted[key] == real[key]
    assert real['pending'] is True


def test_check_mode_of_a_delete_predicts_a_pending_job(sim):
    created(sim)
    predicted = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'), check=True, diff=True)
    assert writes(sim) == [] and stored(sim)['externalID'] == 'crm:1'
    real = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'), diff=True)
    for key in ('changed', 'diff', 'user', 'pending'):
        assert predicted[key] == real[key]


def test_diff_masks_the_password(sim):
    result = run_module(webiface_user, user(sim), diff=True)
    assert result['diff']['before'] == {}
    assert result['diff']['after']['password'] == '<hidden, changed>'
    assert PASSWORD not in result['_raw']


# --- pending jobs: deletes -----------------------------------------------------------------------------

def test_delete_is_queued_marked_and_a_rerun_is_a_no_op(sim):
    created(sim)
    result = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'), diff=True)
    assert result['changed'] is True and result['pending'] is True
    assert result['diff']['after'] == {} and result['user'] == {}
    assert writes(sim) == ['user.mod', 'user.del']
    row = stored(sim)
    assert (row['externalID'], row['jobPending']) == ('ansible_deleted:crm:1', 'Y'), 'still there until the cron'
    assert pending_jobs(sim) == [('dl', None)], 'the marking mod queues nothing that survives the del'
    sim.simulator.reset_stats()
    again = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    assert again['changed'] is False and again['pending'] is True
    assert calls(sim) == ['user.ls', 'user.ls'] and writes(sim) == []
    assert pending_jobs(sim) == [('dl', None)], 'a re-run must not cancel or re-queue the delete'
    sim.simulator.run_jobs()
    assert stored(sim) is None
    sim.simulator.reset_stats()
    gone = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    assert gone['changed'] is False and gone['pending'] is False
    assert calls(sim) == ['user.ls', 'user.ls']


def test_pending_delete_by_username_and_without_external_id(sim):
    created(sim, external_id=None)
    result = run_module(webiface_user, dict(sim.conn, username='jdoe', state='absent'))
    assert result['changed'] is True and result['pending'] is True
    row = stored(sim)
    assert row['externalID'] == 'ansible_deleted_id:%s' % row['id']
    sim.simulator.reset_stats()
    again = run_module(webiface_user, dict(sim.conn, username='jdoe', state='absent'))
    assert again['changed'] is False and again['pending'] is True
    assert calls(sim) == ['user.ls']
    # state=present cancels it and blanks the marker again (an empty element would not)
    back = run_module(webiface_user, dict(sim.conn, username='jdoe'))
    assert back['changed'] is True
    assert any('had a pending delete' in warning and 'cancels it' in warning for warning in back['warnings'])
    assert writes(sim) == ['user.mod', 'user.clean']
    assert stored(sim)['externalID'] == ''
    sim.simulator.run_jobs()
    assert stored(sim) is not None
    assert run_module(webiface_user, dict(sim.conn, username='jdoe'))['changed'] is False


def test_present_cancels_a_pending_delete_with_a_warning(sim):
    created(sim, update_password='on_create')
    run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    sim.simulator.reset_stats()
    result = run_module(webiface_user, user(sim, update_password='on_create'), diff=True)
    assert result['changed'] is True and result['pending'] is False
    assert result['diff']['before']['external_id'] == 'ansible_deleted:crm:1'
    assert result['diff']['after']['external_id'] == 'crm:1'
    assert any('had a pending delete' in warning for warning in result['warnings'])
    assert calls(sim) == ['user.ls', 'user.ls', 'user.mod']
    assert pending_jobs(sim) == []
    sim.simulator.run_jobs()
    assert stored(sim)['externalID'] == 'crm:1'
    sim.simulator.reset_stats()
    again = run_module(webiface_user, user(sim, update_password='on_create'))
    assert again['changed'] is False and again['warnings'] == []
    assert calls(sim) == ['user.ls']


def test_delete_that_failed_half_way_is_sent_again(sim):
    created(sim)
    sim.simulator.add_fault(status=503, body='', call='user.del')
    failed = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    assert failed['failed'] is True and 'may have been applied in part' in failed['msg']
    assert stored(sim)['externalID'] == 'ansible_deleted:crm:1' and stored(sim)['jobPending'] == 'N'
    sim.simulator.reset_stats()
    result = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    assert result['changed'] is True and result['pending'] is True
    assert writes(sim) == ['user.del'], 'the marker is already there: only the del is sent'


def test_readding_while_the_delete_is_pending_is_a_clear_error(sim):
    created(sim)
    run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    result = run_module(webiface_user, user(sim, external_id='crm:2'))
    assert result['failed'] is True
    assert 'waiting for its delete job still counts' in result['msg']


# --- pending jobs: activation --------------------------------------------------------------------------

def test_deactivation_waits_for_the_cron_job(sim):
    created(sim, update_password='on_create')
    result = run_module(webiface_user, user(sim, active=False, update_password='on_create'))
    assert result['changed'] is True and result['pending'] is True
    assert result['user']['active'] is False
    assert stored(sim)['active'] == 'Y' and pending_jobs(sim) == [('md', '{"newActive":"N"}')]
    # until the cron job runs the panel shows the old value: the change is queued again (documented)
    again = run_module(webiface_user, user(sim, active=False, update_password='on_create'))
    assert again['changed'] is True and again['pending'] is True
    assert pending_jobs(sim) == [('md', '{"newActive":"N"}')]
    sim.simulator.run_jobs()
    assert stored(sim)['active'] == 'N'
    sim.simulator.reset_stats()
    done = run_module(webiface_user, user(sim, active=False, update_password='on_create'))
    assert done['changed'] is False and done['pending'] is False
    assert calls(sim) == ['user.ls']


def test_a_change_of_an_inactive_user_does_not_reactivate_it(sim):
    created(sim, active=False, update_password='on_create')
    result = run_module(webiface_user, user(sim, city='Bonn', update_password='on_create'))
    assert result['changed'] is True and result['pending'] is False
    assert pending_jobs(sim) == [], 'a mod without active would queue a re-activation'
    sim.simulator.run_jobs()
    assert stored(sim)['active'] == 'N'


def test_user_without_active_flag_needs_active_for_a_change(sim):
    sim.simulator.load({'userdata': [dict(sim.simulator.state()['userdata'][0]),
                                     {'id': '2', 'cname': 'legacy', 'active': '', 'accounttype': 'u',
                                      'jobPending': 'N', 'mail': 'legacy@example.org', 'externalID': 'crm:7',
                                      'resellerid': '0'}]})
    result = run_module(webiface_user, dict(sim.conn, external_id='crm:7', city='Bonn'))
    assert result['failed'] is True and 'set active to true or false' in result['msg']
    assert writes(sim) == []
    fixed = run_module(webiface_user, dict(sim.conn, external_id='crm:7', city='Bonn', active=True))
    assert fixed['changed'] is True and fixed['pending'] is True


# --- bad input: every value Easy-WI would drop silently fails before any request ----------------------

@pytest.mark.parametrize('options, message', [
    (dict(external_id='crm-1'), "'crm-1' is not accepted: Easy-WI stores an external ID only if"),
    (dict(external_id='x' * 256), 'is not accepted: Easy-WI stores an external ID only if'),
    (dict(external_id='ansible_deleted:1'), 'is reserved'),
    (dict(email='a' * 40 + '@example.com'), 'is longer than the 50 characters Easy-WI stores'),
    (dict(email="o'brien@example.org"), "cannot store an e-mail address with \"'\""),
    (dict(email='not-an-address'), 'is not an e-mail address'),
    (dict(email='jane@localhost'), 'is not an e-mail address Easy-WI accepts'),
    (dict(username='a&b'), 'cannot be sent to Easy-WI and read back'),
    (dict(username="o'neil"), 'cannot be sent to Easy-WI and read back'),
    (dict(local_id=0, identify_by='local_id'), 'local_id must be a positive number'),
    (dict(username=' jdoe'), 'no white space at either end'),
    (dict(first_name='J'), "'J' is not accepted: Easy-WI needs 2 to 255 letters"),
    (dict(last_name="O'Neil"), 'is not accepted: Easy-WI needs 2 to 255 letters'),
    (dict(first_name=''), "'' is not accepted"),
    (dict(city='x' * 51), 'needs 2 to 50 letters'),
    (dict(street='-Main'), 'needs 2 to 50 letters'),
    (dict(phone='abc'), 'allows only digits'),
    (dict(mobile='+49 (0) 170 / 12-34 ext'), 'allows only digits'),
    (dict(fax='0'), None),
    (dict(postcode='1234567'), 'a post code of 1 to 6 digits'),
    (dict(postcode='0'), 'greater than 0'),
    (dict(street_number='12-a'), '1 to 6 letters, digits or "_"'),
    (dict(salutation=12), 'a number from 1 to 9'),
    (dict(birthday='notadate'), 'is not a date in the form YYYY-MM-DD'),
    (dict(birthday='2001-02-30'), 'is not a date'),
    (dict(country='DEU'), 'two-letter ISO 3166 country code'),
    (dict(download_path='not a url'), 'needs a URL'),
    (dict(download_path="http://fdl.example.org/it's"), 'needs a URL'),
    (dict(groups=[0]), 'is not a user group ID'),
    (dict(active='X'), 'active'),
    (dict(api_username='x'), 'api_username'),
    (dict(api_password='abc'), 'api_password must be 6 to 255 characters'),
    (dict(identify_by='local_id'), 'identify_by=local_id needs local_id'),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(webiface_user, user(sim, **options))
    if message is None:  # a valid value, for contrast
        assert result['changed'] is True, result
        return
    assert result['failed'] is True, result
    assert message in result['msg']
    assert sim.simulator.stats()['requests'] == 0
    assert 'Traceback' not in result['_raw']


def test_an_identifier_is_required(sim):
    result = run_module(webiface_user, dict(sim.conn, email='jane@example.org'))
    assert result['failed'] is True and 'one of the following is required' in result['msg']
    assert sim.simulator.stats()['requests'] == 0


# --- faults --------------------------------------------------------------------------------------------

def test_caller_ip_not_allowed_is_explained(sim):
    sim.simulator.remote_addr = '127.0.0.2'
    result = run_module(webiface_user, user(sim))
    assert result['failed'] is True
    assert "refused the API login of 'demo' from the IP address 127.0.0.2" in result['msg']
    assert 'Jobs/API > API settings' in result['msg'] and 'add 127.0.0.2 to the allowed IPs' in result['msg']
    assert result['status'] == 403
    assert result['api_message'] == 'No valid api data Request IP is: 127.0.0.2'
    assert writes(sim) == []


def test_broken_login_of_the_repository_head_is_explained(serve):
    running = serve('webiface', broken_login_head=True)
    result = run_module(webiface_user, dict(api_url=running.url, api_username='demo', api_password='demo-password',
                                            external_id='crm:1', email='jane@example.org'))
    assert result['failed'] is True
    assert 'repository HEAD since commit 98aa0597' in result['msg'] and 'release 6.2.5' in result['msg']
    assert 'demo-password' not in result['_raw']


def test_strict_sql_mode_is_named_and_nothing_is_stored(serve):
    running = serve('webiface', strict_sql=True)
    conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    result = run_module(webiface_user, dict(conn, external_id='crm:1', email='jane@example.org'))
    assert result['failed'] is True
    assert result['msg'].startswith('user.add failed: HTTP 500 from %s with an empty body.' % running.url)
    assert 'strict sql_mode' in result['msg'] and 'may have been applied' not in result['msg']
    assert result['status'] == 500 and result['call'] == 'user.add'
    assert 'Traceback' not in result['_raw']
    assert [row for row in running.simulator.state()['userdata'] if row['accounttype'] == 'u'] == []
    # in strict mode an add works when salutation and birthday are sent too
    works = run_module(webiface_user, dict(conn, external_id='crm:1', email='jane@example.org', salutation=1,
                                           birthday='2000-01-01'))
    assert works['changed'] is True, works


def test_sql_error_on_a_change_is_reported_as_possibly_partial(sim):
    created(sim)
    sim.simulator.add_fault(status=500, body='', call='user.mod')
    result = run_module(webiface_user, user(sim, city='Bonn', update_password='on_create'))
    assert result['failed'] is True
    assert 'HTTP 500' in result['msg'] and 'SQL error' in result['msg']
    assert 'may have been applied in part' in result['msg']


def test_transient_read_failure_is_retried(sim):
    # Easy-WI has no session that could expire: every request carries the credentials. The nearest
    # mid-run fault is a read answered by an overloaded proxy, which is retried.
    created(sim, update_password='on_create')
    sim.simulator.add_fault(status=503, body='busy', call='user.ls')
    result = run_module(webiface_user, user(sim, update_password='on_create'))
    assert result['changed'] is False, result
    assert calls(sim) == ['user.ls', 'user.ls']


def test_lost_reply_of_a_create_is_not_sent_again(sim):
    sim.simulator.add_fault(kind='lost_reply', call='user.add')
    result = run_module(webiface_user, user(sim, country='de'))
    assert result['changed'] is True, result
    assert writes(sim) == ['user.add'], 'the add must not be sent twice'
    assert any('lost' in warning for warning in result['warnings'])
    assert len(rows(sim)) == 1


def test_lost_reply_of_a_delete_is_resolved_by_the_marker(sim):
    created(sim)
    sim.simulator.add_fault(kind='lost_reply', call='user.del')
    result = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    assert result['changed'] is True and result['pending'] is True, result
    assert writes(sim) == ['user.mod', 'user.del']
    assert any('lost' in warning for warning in result['warnings'])


def test_install_folder_left_in_place_is_explained(serve):
    running = serve('webiface', install_folder=True)
    result = run_module(webiface_user, dict(api_url=running.url, api_username='demo', api_password='demo-password',
                                            external_id='crm:1'))
    assert result['failed'] is True
    assert 'installation' in result['msg'] and 'delete the "install" folder' in result['msg']
