# -*- coding: utf-8 -*-
# Private to the hosting.provision collection: not a public API, may change without notice.
"""Sizes in human units ("2 GiB", "500 MB", "1.5G", 1048576) to bytes and back."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
from fractions import Fraction

_UNITS = {
    '': 1, 'b': 1,
    'k': 1024, 'kb': 1000, 'kib': 1024,
    'm': 1024 ** 2, 'mb': 1000 ** 2, 'mib': 1024 ** 2,
    'g': 1024 ** 3, 'gb': 1000 ** 3, 'gib': 1024 ** 3,
    't': 1024 ** 4, 'tb': 1000 ** 4, 'tib': 1024 ** 4,
}
_SIZE = re.compile(r'^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$')


def to_bytes(value, unlimited_words=('unlimited',), unlimited_value=0):
    """Bytes for a size; `unlimited` (or the words given) -> unlimited_value. Raises ValueError."""
    if isinstance(value, bool):
        raise ValueError('a size must be a number or text such as "2 GiB", not %r' % value)
    if isinstance(value, int):
        if value < 0:
            raise ValueError('a size cannot be negative: %r' % value)
        return value
    text = str(value).strip()
    if text.lower() in unlimited_words:
        return unlimited_value
    match = _SIZE.match(text)
    if not match or match.group(2).lower() not in _UNITS:
        raise ValueError('cannot read %r as a size: use bytes or a number with a unit such as '
                         '"500 MB", "2 GiB", "1.5G" (k, M, G, T are binary; kB, MB, GB, TB decimal)' % (value,))
    # exact arithmetic: a float would round byte counts above 2**53
    number = Fraction(match.group(1)) * _UNITS[match.group(2).lower()]
    if number.denominator != 1:
        raise ValueError('%r is not a whole number of bytes' % (value,))
    return int(number)


def human(size):
    """Short binary text for a byte count, for messages and diffs ("2 GiB", "1536 B")."""
    for unit, factor in (('TiB', 1024 ** 4), ('GiB', 1024 ** 3), ('MiB', 1024 ** 2), ('KiB', 1024)):
        if size and size % factor == 0:
            return '%d %s' % (size // factor, unit)
    return '%d B' % size
