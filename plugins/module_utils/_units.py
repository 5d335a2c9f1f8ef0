# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""Sizes in human units ("2 GiB", "500 MB", "1.5G", 1048576) to bytes and back.

Every unit counts in 1024s, as the hosting panels do (ISPConfig multiplies its MB fields by 1024 * 1024,
TeamDrive counts 1 KB as 1024 bytes): "500 MB" and "500 MiB" are the same 524288000 bytes.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
from fractions import Fraction

KIB = 1024
MIB = 1024 ** 2
# the largest value of a signed 64-bit column (MySQL BIGINT, the widest integer an API stores)
BIGINT_MAX = 2 ** 63 - 1

# A number without a unit that counts in more than bytes (the panels' MB) may make at most this many bytes (1 TiB,
# 1048576 MB): no mailbox or web space quota reaches it, while a byte count pasted as it is (1073741824 for 1 GiB,
# as the APIs return sizes) would make a petabyte quota; a larger size needs its unit.
BARE_SIZE_MAX = 1024 ** 4

_UNITS = {'b': 1}
for _power, _letter in enumerate('kmgtp', 1):
    for _spelling in (_letter, _letter + 'b', _letter + 'ib'):
        _UNITS[_spelling] = 1024 ** _power
_SIZE = re.compile(r'^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$')
UNIT_HINT = 'K, M, G, T and P count in 1024s, with or without B or iB: "500 MB" is 500 MiB'


def to_bytes(value, unlimited_words=('unlimited',), unlimited_value=0, bare_unit=1, maximum=BIGINT_MAX):
    """Bytes for a size; a number without a unit counts in `bare_unit` bytes (and, when that is more than one, may
    make at most BARE_SIZE_MAX); `unlimited` (or the words given) -> unlimited_value. More than `maximum` bytes is
    refused. Raises ValueError."""
    if isinstance(value, bool):
        raise ValueError('a size must be a number or text such as "2 GiB", not %r' % value)
    if isinstance(value, int):
        if value < 0:
            raise ValueError('a size cannot be negative: %r' % value)
        return _bounded(_bare(value, bare_unit, value), value, maximum)
    text = str(value).strip()
    if text.lower() in unlimited_words:
        return unlimited_value
    match = _SIZE.match(text)
    unit = match.group(2).lower() if match else None
    if not match or (unit and unit not in _UNITS):
        raise ValueError('cannot read %r as a size: use a number with a unit such as "500 MB", "2 GiB", "1.5G" '
                         '(%s)' % (value, UNIT_HINT))
    # exact arithmetic: a float would round byte counts above 2**53
    number = Fraction(match.group(1))
    number = number * _UNITS[unit] if unit else _bare(number, bare_unit, match.group(1))
    if number.denominator != 1:
        raise ValueError('%r is not a whole number of bytes' % (value,))
    return _bounded(int(number), value, maximum)


def _bare(number, bare_unit, shown):
    """Bytes of a number given without a unit (`shown` as the user wrote it)."""
    size = number * bare_unit
    if bare_unit > 1 and size > BARE_SIZE_MAX:
        raise ValueError(
            '%s without a unit counts in units of %s and would make %s, more than any quota a panel sets: a number '
            'without a unit may be at most %d. Give a larger size with its unit (such as "2 TiB"), and a byte count '
            'as "%s B"' % (shown, human(bare_unit), human(int(size)), BARE_SIZE_MAX // bare_unit, shown))
    return size


def _bounded(size, value, maximum):
    if maximum is not None and size > maximum:
        raise ValueError('%r is too large: the API stores at most %d bytes' % (value, maximum))
    return size


def with_unit(value, unlimited=None, unit=1):
    """A size as a diff shows it: the number the result holds with its binary size beside it ("3221225472 (3 GiB)",
    "-1 (unlimited)", "1536 bytes"); `unit` is the bytes one counts for (MIB where the API counts in MB)."""
    if value == unlimited:
        return '%d (unlimited)' % value
    size = human(value * unit)
    return '%d bytes' % value if size.endswith(' B') else '%d (%s)' % (value, size)


def human(size):
    """Short binary text for a byte count, for messages and diffs ("2 GiB", "1536 B")."""
    for unit, factor in (('PiB', 1024 ** 5), ('TiB', 1024 ** 4), ('GiB', 1024 ** 3), ('MiB', MIB), ('KiB', KIB)):
        if size and size % factor == 0:
            return '%d %s' % (size // factor, unit)
    return '%d B' % size
