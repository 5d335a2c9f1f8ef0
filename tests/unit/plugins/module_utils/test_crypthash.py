# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""crypt(3) hashes against published vectors (Drepper's SHA-crypt spec, glibc) and one recorded from ISPConfig."""

import pytest

from ansible_collections.hosting.provision.plugins.module_utils._crypthash import crypt, sha512_crypt, verify

VECTORS = [
    ('Hello world!', '$5$saltstring', '$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5'),
    ('Hello world!', '$6$saltstring',
     '$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1'),
    ('Hello world!', '$5$rounds=10000$saltstringsaltstring',
     '$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA'),
    ('Hello world!', '$6$rounds=10000$saltstringsaltstring',
     '$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/'
     'YTBmSK6H9qs/y3RnOaw5v.'),
    ('This is just a test', '$6$rounds=5000$toolongsaltstring',
     '$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/'
     'e1JSbq3y6JMxxl8audkUEm0'),
    ('', '$6$rounds=5000$0123456789abcdef$',
     '$6$rounds=5000$0123456789abcdef$F2ysjt5Ng5qVz2/gDtbz.ycdictosXpZ7Xsgu8PlbAws/.ekNFWz9XrSKXBI0tVYfdxX.'
     'nsVfGs7qe4jMrOWH0'),
    ('password', '$1$saltsalt$', '$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/'),
    # remote_user hash written by ISPConfig 3.2 for "apipass" (ispconfig-transcripts/01-login-session.json)
    ('apipass', '$6$rounds=5000$0585379d9893f6c6$',
     '$6$rounds=5000$0585379d9893f6c6$V5v5oPN75E/ZQyQDrPyx5/2D0NjZ9cHM1ubQYLwSbZdJuUeLJ8YNutsuDZ/DlbDVKq2bVc4UPuqTl'
     'cgC/d4kh0'),
]


@pytest.mark.parametrize('password, setting, expected', VECTORS)
def test_known_vectors(password, setting, expected):
    assert crypt(password, setting) == expected
    assert verify(password, expected)
    assert not verify(password + 'x', expected)


def test_latin1_bytes_differ_from_utf8():
    """ISPConfig hashes mail passwords as ISO-8859-1: the two encodings must give different hashes."""
    setting = '$6$rounds=5000$abcdef0123456789$'
    assert crypt('bücher'.encode('latin-1'), setting) != crypt('bücher', setting)


def test_new_hash_has_ispconfig_shape_and_verifies():
    hashed = sha512_crypt('s3cret-Pass')
    prefix, salt, digest = hashed.rsplit('$', 2)
    assert prefix == '$6$rounds=5000'
    assert len(salt) == 16 and len(digest) == 86
    assert verify('s3cret-Pass', hashed)


@pytest.mark.parametrize('stored', ['', None, 'plain', '$2y$10$abcdefghijklmnopqrstuv', '$6$rounds=x$salt$hash'])
def test_unknown_or_empty_hash_never_matches(stored):
    assert verify('anything', stored) is False
