# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The repository stands alone: no tracked file points at material outside it.

A user or contributor who clones the repository has neither the development machine's folders nor the notes kept
next to the checkout while the collection was built. Facts the code relies on live in docs/api/; recordings in
tests/conformance/data/. This test scans every tracked text file for pointers to the outside: the sibling notes
folder (a relative path up and into it, or its reference/seeds/conventions sub-paths), the recording folders by
their outside names, and absolute paths of a development machine (its workspace, a user's home directory, root's
home, macOS and Windows user folders, pytest's per-user temporary folder). System paths a module or a guide
legitimately names (the mail spool under /var, configuration under /etc, a panel's web root) are not flagged.
"""

import os
import re
import subprocess
import sys

import pytest

from project_paths import ROOT

# The notes folder sits next to the checkout; these names are built from parts so that this file does not
# contain the very pointers it looks for.
_NOTES = 'shared'
_NOTE_PARTS = ('reference', 'seeds', 'CONVENTIONS', 'hooks')
_RECORDING_FOLDERS = ('ispconfig-transcripts', 'easywi-transcripts')
_REFERENCE_FILES = ('ispconfig', 'ispconfig-panel-defaults', 'mailbox_org', 'teamdrive', 'easywi', 'easywi-gserver',
                    'subaccount_api')
# Top-level folders that exist only on a development machine (a workspace, home directories), each followed by
# a path separator; '[^/\s]+' is one user name.
_MACHINE_DIRS = ('work', 'root', 'home/[^/\\s]+', 'Users/[^/\\s]+', 'tmp/pytest-of-[^/\\s]+')

# A path starts where no word character, dot, tilde, hyphen, slash or colon comes before it: `https://host/home/x`
# and `docs/api/x` are not absolute paths of this machine.
_START = r'(?<![\w.~\-/:])'

POINTERS = (
    ('the notes folder next to the checkout', re.compile(r'(?<![\w.])\.\./+%s\b' % _NOTES)),
    ('the notes folder next to the checkout', re.compile(r'\b%s/+(?:%s)\b' % (_NOTES, '|'.join(_NOTE_PARTS)))),
    ('a recording folder outside the repository (copies live in tests/conformance/data/)',
     re.compile(r'%sreference/+(?:%s)\b' % (_START, '|'.join(_RECORDING_FOLDERS)))),
    ('an API reference file outside the repository (the facts live in docs/api/)',
     re.compile(r'%sreference/+(?:%s)\.md\b' % (_START, '|'.join(re.escape(name) for name in _REFERENCE_FILES)))),
    ('an absolute path of a development machine',
     re.compile(r'%s/(?:%s)/' % (_START, '|'.join(_MACHINE_DIRS)))),
    ('an absolute path of a development machine', re.compile(r'\b[A-Za-z]:\\+Users\\', re.IGNORECASE)),
)


def outside_pointers(text):
    """[(line number, matched text, what it points at)] for every pointer outside the repository in `text`."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for what, pattern in POINTERS:
            found.extend((number, match.group(0), what) for match in pattern.finditer(line))
    return found


def tracked_text_files():
    try:
        listing = subprocess.run(['git', '-C', ROOT, 'ls-files', '-z'], capture_output=True, check=True, timeout=60)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip('not a git checkout, so there are no tracked files to scan (%s)' % exc)
    for name in listing.stdout.decode('utf-8').split('\0'):
        path = os.path.join(ROOT, name)
        if not name or not os.path.isfile(path):  # a tracked file deleted in the work tree
            continue
        with open(path, 'rb') as handle:
            data = handle.read()
        if b'\0' in data:  # binary
            continue
        yield name, data.decode('utf-8', errors='replace')


def test_no_tracked_file_points_outside_the_repository():
    problems = []
    scanned = 0
    for name, text in tracked_text_files():
        scanned += 1
        problems.extend('%s:%d: %s (%s)' % (name, number, match, what)
                        for number, match, what in outside_pointers(text))
    assert scanned > 100, 'git ls-files listed only %d text files' % scanned
    assert not problems, ('Tracked files point outside the repository; a fresh clone has none of it. Write the '
                          'facts into docs/api/ (in the project\'s words, citing public sources), copy recordings '
                          'into tests/conformance/data/, and point there:\n' + '\n'.join(problems))


def up(*parts):
    """A path that climbs out of the checkout, joined here so that this file holds no such pointer itself."""
    return '..' + '/' + '/'.join(parts)


@pytest.mark.parametrize('text', [
    'Facts about each API live in `%s`.' % up(_NOTES, 'reference', ''),
    '- Facts about the API: `%s`; simulator `tests/simulators/mailbox_org.py`.' % up(
        _NOTES, 'reference', 'mailbox_org.md'),
    'see %s' % up('..', _NOTES),
    'Facts: %s/reference/ispconfig.md sections 6-11.' % _NOTES,
    'the original documents in %s/seeds/003.txt' % _NOTES,
    'read %s/CONVENTIONS.md first' % _NOTES,
    '(the transcripts from `/%s/%s/reference/ispconfig-transcripts/`, copied unedited)' % ('work', _NOTES),
    'copied unedited from reference/%s/)' % _RECORDING_FOLDERS[1],
    'described in reference/%s.md' % _REFERENCE_FILES[0],
    'open("/%s/main/tests/demo/out.json")' % 'work',
    'cd /%s/alice/src/hosting.provision && make' % 'home',
    "path: '/%s/.ansible/collections'" % 'root',
    'ANSIBLE_CONFIG=/%s/bob/ansible.cfg' % 'Users',
    r'C:\%s\carol\hosting.provision' % 'Users',
    'left in /%s/pytest-of-dave/pytest-3/test_x0/out' % 'tmp',
])
def test_the_scanner_finds_each_kind_of_pointer(text):
    assert outside_pointers(text), 'no pointer found in %r' % text


@pytest.mark.parametrize('text', [
    'Send them, e.g. `/var/vmail/<domain>/<local>` and `/var/vmail`.',
    'document_root `/var/www/clients/client1/web1`',
    'ANSIBLE_CONFIG=/etc/ansible/ansible.cfg',
    '`POST https://panel.example.com:8080/remote/json.php?login`',
    '`https://<host>/yvva/api/api.htm` or `.../pbas/p1_as/api/api.htm`',
    'https://wi.example.com/home/index.php and https://example.com/work/x',
    'Facts about each API live in [docs/api/](docs/api/README.md); recordings in tests/conformance/data/ispconfig/.',
    '`bash docs/reference.sh` writes it to `.tmp/docs/reference/`',
    'docs/reference/ispconfig_client_module.rst',
    'several provider APIs behind one shared layer; a shared session cache',
    'shared/data of the customer role, ~/work/ notes, ./home/x',
    'ISPConfig source: interface/lib/classes/remote.d/mail.inc.php, install/tpl/system.ini.master',
    "dest: /tmp/report.json",
    'the shell user gets /bin/bash, its dir /var/www/clients/client1/web1/home/deploy',
])
def test_the_scanner_leaves_legitimate_paths_alone(text):
    assert outside_pointers(text) == []


def test_a_file_pointing_at_the_notes_folder_fails_the_repository_check(tmp_path, monkeypatch):
    """The repository test itself fails, naming the file and line, when one tracked file points outside."""
    checkout = tmp_path / 'checkout'
    (checkout / 'docs').mkdir(parents=True)
    for number in range(101):
        (checkout / 'docs' / ('page%03d.md' % number)).write_text('# page %d\n' % number)
    (checkout / 'docs' / 'guide.md').write_text('# Guide\n\nFacts: `%s`.\n' % up(_NOTES, 'reference', 'ispconfig.md'))
    subprocess.run(['git', 'init', '-q', str(checkout)], check=True)
    subprocess.run(['git', '-C', str(checkout), 'add', '.'], check=True)
    monkeypatch.setattr(sys.modules[__name__], 'ROOT', str(checkout))
    with pytest.raises(AssertionError) as failure:
        test_no_tracked_file_points_outside_the_repository()
    assert 'docs/guide.md:3: %s' % up(_NOTES) in str(failure.value)
