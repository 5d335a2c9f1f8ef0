# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""crypt(3) SHA-512, SHA-256 and MD5 hashes in pure Python.

Python 3.13 removed the `crypt` module and the panels store these hashes, so the modules verify a
desired password against a stored hash here (known vectors in tests/unit/test_crypt.py).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import hmac
import os

_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

# Byte order in which SHA-crypt spreads the final digest over the base-64 text.
_SHA512_ORDER = [(0, 21, 42), (22, 43, 1), (44, 2, 23), (3, 24, 45), (25, 46, 4), (47, 5, 26),
                 (6, 27, 48), (28, 49, 7), (50, 8, 29), (9, 30, 51), (31, 52, 10), (53, 11, 32),
                 (12, 33, 54), (34, 55, 13), (56, 14, 35), (15, 36, 57), (37, 58, 16), (59, 17, 38),
                 (18, 39, 60), (40, 61, 19), (62, 20, 41)]
_SHA256_ORDER = [(0, 10, 20), (21, 1, 11), (12, 22, 2), (3, 13, 23), (24, 4, 14), (15, 25, 5),
                 (6, 16, 26), (27, 7, 17), (18, 28, 8), (9, 19, 29)]
_MD5_ORDER = [(0, 6, 12), (1, 7, 13), (2, 8, 14), (3, 9, 15), (4, 10, 5)]

_ROUNDS_DEFAULT = 5000


def _b64_from_24bit(b2, b1, b0, count):
    value = (b2 << 16) | (b1 << 8) | b0
    out = []
    for dummy in range(count):
        out.append(_ALPHABET[value & 0x3f])
        value >>= 6
    return ''.join(out)


def _repeat_to(data, length):
    return (data * (length // len(data) + 1))[:length] if data else b''


def _sha_crypt(password, salt, rounds, rounds_custom, digest, prefix):
    size = digest().digest_size
    b = digest(password + salt + password).digest()
    a = digest(password + salt)
    a.update(_repeat_to(b, len(password)))
    length = len(password)
    while length:
        a.update(b if length & 1 else password)
        length >>= 1
    a = a.digest()
    p = _repeat_to(digest(password * len(password)).digest(), len(password))
    s = _repeat_to(digest(salt * (16 + a[0])).digest(), len(salt))
    c = a
    for i in range(rounds):
        ctx = digest(p if i & 1 else c)
        if i % 3:
            ctx.update(s)
        if i % 7:
            ctx.update(p)
        ctx.update(c if i & 1 else p)
        c = ctx.digest()
    if size == 64:
        encoded = ''.join(_b64_from_24bit(c[x], c[y], c[z], 4) for x, y, z in _SHA512_ORDER)
        encoded += _b64_from_24bit(0, 0, c[63], 2)
    else:
        encoded = ''.join(_b64_from_24bit(c[x], c[y], c[z], 4) for x, y, z in _SHA256_ORDER)
        encoded += _b64_from_24bit(0, c[31], c[30], 3)
    rounds_text = 'rounds=%d$' % rounds if rounds_custom else ''
    return '%s%s%s$%s' % (prefix, rounds_text, salt.decode('ascii'), encoded)


def _md5_crypt(password, salt):
    b = hashlib.md5(password + salt + password).digest()
    a = hashlib.md5(password + b'$1$' + salt)
    a.update(_repeat_to(b, len(password)))
    length = len(password)
    while length:
        a.update(b'\0' if length & 1 else password[:1])
        length >>= 1
    c = a.digest()
    for i in range(1000):
        ctx = hashlib.md5(password if i & 1 else c)
        if i % 3:
            ctx.update(salt)
        if i % 7:
            ctx.update(password)
        ctx.update(c if i & 1 else password)
        c = ctx.digest()
    encoded = ''.join(_b64_from_24bit(c[x], c[y], c[z], 4) for x, y, z in _MD5_ORDER)
    encoded += _b64_from_24bit(0, 0, c[11], 2)
    return '$1$%s$%s' % (salt.decode('ascii'), encoded)


def crypt(password, setting):
    """crypt(3) of `password` (str or bytes) with the method, rounds and salt named by `setting`.

    Returns None for a setting this implementation does not know (DES, bcrypt, yescrypt ...).
    """
    if isinstance(password, str):
        password = password.encode('utf-8')
    try:
        setting.encode('ascii')
    except UnicodeEncodeError:
        return None  # crypt settings are ASCII: this is no hash any method here knows
    parts = setting.split('$')
    if len(parts) < 3 or parts[0] != '':
        return None
    method = parts[1]
    if method == '1':
        return _md5_crypt(password, parts[2][:8].encode('ascii'))
    if method not in ('5', '6'):
        return None
    rounds, rounds_custom, salt = _ROUNDS_DEFAULT, False, parts[2]
    if salt.startswith('rounds='):
        try:
            rounds = min(max(int(salt[len('rounds='):]), 1000), 999999999)
        except ValueError:
            return None
        rounds_custom = True
        if len(parts) < 4:
            return None
        salt = parts[3]
    digest = hashlib.sha512 if method == '6' else hashlib.sha256
    return _sha_crypt(password, salt[:16].encode('ascii'), rounds, rounds_custom, digest, '$%s$' % method)


def verify(password, stored_hash):
    """True when `password` hashes to `stored_hash`; False when it does not or the hash is unknown."""
    if not stored_hash or not isinstance(stored_hash, str):
        return False
    computed = crypt(password, stored_hash)
    return computed is not None and hmac.compare_digest(computed, stored_hash)


def sha512_crypt(password, salt=None, rounds=_ROUNDS_DEFAULT):
    """A new `$6$rounds=N$salt$...` hash, as ISPConfig writes them (16 hex characters of salt)."""
    salt = salt or os.urandom(8).hex()
    return crypt(password, '$6$rounds=%d$%s$' % (rounds, salt))
