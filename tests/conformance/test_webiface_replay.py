# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Replay the recorded Easy-WI transcripts (data/webiface/) against the webiface simulator.

One test per recorded exchange: a fresh simulator is loaded with the database the recording had when
the exchange's part of the file started (see _webiface_replay_helpers), the earlier exchanges of that part
are sent again, then the exchange itself. HTTP status, content type and body must equal the recording
(a generated password counts by shape), and every db_after table must match simulator.state()
(timestamps and password hashes by shape, everything else exactly). File 11 is the job runner: the
recorded database before, the run_jobs control, the recorded database after.

Files 20-24 (game servers, voice, MySQL) are one chain on a fresh install: each exchange is replayed after
every earlier one of the chain; its notes between calls either put in rows the recorder wrote into the
database or show tables, which must then equal the simulator's. Files 25 and 27 (MySQL with the job runner, game
server start and stop) with 26 and 28 (webspace, TS-DNS) between and after them are a second chain of that kind,
whose job runner passes are replayed too.
"""

import pytest

from _webiface_replay_helpers import (FILES, HOSTING_CHAIN, SEGMENTS, apply_setup, db_differences,
                                      exchanges_of, hosting_chain_before, hosting_differences, job_runner_log, load,
                                      note_tables, normalise_body, recorded_database, replay_chain_step, segment_of,
                                      send, simulator_options, start_file, verify_password)

CASES = [pytest.param(name, index, id='%s[%d]' % (name[:-5], index))
         for name in FILES for index, dummy in exchanges_of(name)]


def replay_to(serve, name, index):
    """A simulator in the state the recording had just before exchange `index` of `name`."""
    running = serve('webiface', **simulator_options(name))
    if name[:2] in HOSTING_CHAIN:
        for prefix, position, exchange in hosting_chain_before(name, index):
            replay_chain_step(running, prefix, position, exchange)
        return running
    segment = segment_of(name, index)
    running.simulator.load(recorded_database(segment))
    first = SEGMENTS[segment][1]
    for dummy, exchange in exchanges_of(name)[first:index]:
        if 'cli' in exchange['request']:
            running.simulator.run_jobs()
        else:
            send(running, exchange['request'])
    return running


@pytest.mark.parametrize('name, index', CASES)
def test_exchange_matches_recording(serve, name, index):
    exchange = exchanges_of(name)[index][1]
    running = replay_to(serve, name, index)
    simulator = running.simulator
    problems = []
    if name[:2] in HOSTING_CHAIN:
        start_file(running, name[:2], index)
    if 'job_runner' in exchange:  # a jobs.php pass of the second game server chain
        result = simulator.run_jobs()
        if result['log'] != job_runner_log(exchange):
            problems.append('job runner log: recorded %s, simulator %s' % (job_runner_log(exchange), result['log']))
        problems += hosting_differences(name[:2], exchange.get('db_after', {}), simulator.state())
        assert not problems, '\n'.join(problems)
        return
    if 'request' not in exchange:  # a note between calls of the game server chains
        apply_setup(running, name[:2], index, exchange)
        problems += hosting_differences(name[:2], note_tables(name[:2], index, exchange), simulator.state())
        assert not problems, '\n'.join(problems)
        return
    request = exchange['request']
    if 'before' in exchange.get('db_after', {}):
        problems += verify_password(exchange['db_after']['before'], simulator.state(), simulator, request,
                                    'db_after.before (checked before the call)')
    if 'cli' in request:
        result = simulator.run_jobs()
        if result['log'] != job_runner_log(exchange):
            problems.append('job runner log: recorded %s, simulator %s' % (job_runner_log(exchange), result['log']))
    else:
        status, content_type, body, headers = send(running, request)
        recorded = exchange['response']
        if (status, content_type) != (recorded['status'], recorded['content_type']):
            problems.append('status/content type: recorded %s %r, simulator %s %r' % (
                recorded['status'], recorded['content_type'], status, content_type))
        if normalise_body(body, request) != normalise_body(recorded['body'], request):
            problems.append('body:\nrecorded  %r\nsimulator %r' % (recorded['body'], body))
        if not (headers.get('Set-Cookie') or '').startswith('PHPSESSID='):
            problems.append('no PHPSESSID cookie')
    if 'db_after' in exchange and name[:2] in HOSTING_CHAIN:
        problems += hosting_differences(name[:2], exchange['db_after'], simulator.state())
    elif 'db_after' in exchange:
        problems += db_differences(name[:2], index, exchange['db_after'], simulator.state(), simulator, request)
    assert not problems, '\n'.join(problems)


def test_every_transcript_is_replayed():
    """The copies are complete: 28 files, and every exchange of them is a test case above."""
    assert [name[:2] for name in FILES] == ['%02d' % number for number in list(range(19)) + list(range(20, 29))]
    assert len(CASES) == sum(len(load(name)['exchanges']) for name in FILES)


def test_seed_of_a_later_file_follows_the_recording_order():
    """File 17 starts after the job runner removed users 2, 3, 4, 6 and after jsonu (10) was added."""
    database = recorded_database(segment_of('17_readd_and_edge_cases.json', 0))
    assert [row['id'] for row in database['userdata']] == ['1', '5', '7', '8', '9', '10']
    assert (database['next_user_id'], database['next_job_id']) == (11, 17)
    assert [row['externalID'] for row in database['userdata'] if row['id'] == '8'] == ['']
