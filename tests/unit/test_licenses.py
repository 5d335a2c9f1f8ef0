# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every file says its licence, as the REUSE specification asks: the licence text is in LICENSES/, each file
names it in an `SPDX-License-Identifier` line near its top, and the few files that cannot carry a comment (the
recorded exchanges, generated changelog files) are covered by REUSE.toml or a `<file>.license` sidecar.
A new file without the header fails here with its name; the header block is the one at the top of this file.
"""

import fnmatch
import os
import subprocess
import tomllib

import pytest

from project_paths import ROOT

LICENCE = 'GPL-3.0-or-later'
SPDX_LINE = 'SPDX-License-Identifier: %s' % LICENCE
HEAD_LINES = 12  # the header sits after a shebang, a coding line or a YAML document start


def reuse_toml_patterns(root):
    """The path patterns REUSE.toml's annotations cover with this collection's licence."""
    path = os.path.join(root, 'REUSE.toml')
    if not os.path.exists(path):
        return []
    with open(path, 'rb') as handle:
        annotations = tomllib.load(handle).get('annotations', [])
    patterns = []
    for annotation in annotations:
        assert annotation.get('SPDX-License-Identifier') == LICENCE, 'REUSE.toml: %r' % annotation
        paths = annotation['path']
        patterns.extend([paths] if isinstance(paths, str) else paths)
    return patterns


def files_without_licence(root):
    """The files of the checkout at `root` (tracked or new, not ignored) that do not name their licence."""
    try:
        listing = subprocess.run(['git', '-C', root, 'ls-files', '--cached', '--others', '--exclude-standard', '-z'],
                                 capture_output=True, check=True, timeout=60)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip('not a git checkout, so there is no list of the project\'s files (%s)' % exc)
    names = [name for name in listing.stdout.decode('utf-8').split('\0') if name]
    patterns = reuse_toml_patterns(root)
    missing = []
    for name in names:
        path = os.path.join(root, name)
        if (not os.path.isfile(path) or os.path.islink(path) or name.startswith('LICENSES/')
                or any(fnmatch.fnmatch(name, pattern) for pattern in patterns)):
            continue
        if name.endswith('.license'):
            sidecar = path
        else:
            sidecar = path + '.license' if os.path.exists(path + '.license') else path
        with open(sidecar, encoding='utf-8', errors='replace') as handle:
            head = [handle.readline() for dummy in range(HEAD_LINES)]
        if not any(SPDX_LINE in line for line in head):
            missing.append(name)
    return len(names), missing


def test_every_file_names_its_licence():
    listed, missing = files_without_licence(ROOT)
    assert listed > 100, 'git listed only %d files' % listed
    assert not missing, ('these files lack the line "%s" in their first %d lines (copy the header of '
                         'tests/unit/test_licenses.py in the file\'s comment syntax, or cover a file that cannot '
                         'carry a comment in REUSE.toml):\n%s' % (SPDX_LINE, HEAD_LINES, '\n'.join(missing)))


def test_the_licence_text_is_in_the_repository():
    with open(os.path.join(ROOT, 'LICENSES', LICENCE + '.txt')) as handle:
        text = handle.read()
    assert 'GNU GENERAL PUBLIC LICENSE' in text and 'Version 3, 29 June 2007' in text
    assert os.listdir(os.path.join(ROOT, 'LICENSES')) == [LICENCE + '.txt'], 'a licence no file uses'


def test_the_check_names_a_file_without_its_licence_line(tmp_path):
    checkout = tmp_path / 'checkout'
    (checkout / 'plugins').mkdir(parents=True)
    (checkout / 'REUSE.toml').write_text('# %s\nversion = 1\n[[annotations]]\npath = "data/*.json"\n'
                                         'SPDX-License-Identifier = "%s"\n' % (SPDX_LINE, LICENCE))
    (checkout / 'plugins' / 'good.py').write_text('#!/usr/bin/python\n# %s\n' % SPDX_LINE)
    (checkout / 'plugins' / 'bad.py').write_text('# GNU General Public License v3.0+\nx = 1\n')
    (checkout / 'data').mkdir()
    (checkout / 'data' / 'recording.json').write_text('{}')
    (checkout / 'picture.svg').write_text('<svg/>')
    (checkout / 'picture.svg.license').write_text(SPDX_LINE + '\n')
    subprocess.run(['git', 'init', '-q', str(checkout)], check=True)
    listed, missing = files_without_licence(str(checkout))
    assert (listed, missing) == (6, ['plugins/bad.py'])
