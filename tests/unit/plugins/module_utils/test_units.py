# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
import pytest

from ansible_collections.hosting.provision.plugins.module_utils._units import BARE_SIZE_MAX, BIGINT_MAX, MIB, human, to_bytes, \
    with_unit


@pytest.mark.parametrize('text, expected', [
    (0, 0), (1536, 1536), ('1536', 1536), ('2 GiB', 2 * 1024 ** 3), ('2G', 2 * 1024 ** 3), ('2GB', 2 * 1024 ** 3),
    ('500 MB', 500 * MIB), ('500 MiB', 500 * MIB), ('500mb', 500 * MIB), ('1.5G', 1536 * MIB), ('10 k', 10240),
    ('10 kB', 10240), ('unlimited', 0), ('Unlimited', 0), (' 3 TiB ', 3 * 1024 ** 4), ('1 PB', 1024 ** 5),
    ('12 B', 12),
])
def test_to_bytes_counts_every_unit_in_1024s_as_the_panels_do(text, expected):
    assert to_bytes(text) == expected


@pytest.mark.parametrize('text', ['', 'lots', '2 GiBs', '-1', -5, '1.3 B', True, '1e9', '2 EB'])
def test_to_bytes_rejects(text):
    with pytest.raises(ValueError):
        to_bytes(text)


def test_a_bare_number_counts_in_the_unit_given():
    assert to_bytes('500', bare_unit=MIB) == to_bytes(500, bare_unit=MIB) == to_bytes('500 MB')
    assert to_bytes('0.5', bare_unit=MIB) == MIB // 2
    assert to_bytes('1 KiB', bare_unit=MIB) == 1024  # a unit given wins


def test_more_than_a_bigint_is_refused():
    assert to_bytes(str(BIGINT_MAX)) == BIGINT_MAX
    for too_much in (str(BIGINT_MAX + 1), '9999999 TiB', BIGINT_MAX + 1):
        with pytest.raises(ValueError, match='too large: the API stores at most 9223372036854775807 bytes'):
            to_bytes(too_much)
    assert to_bytes('9999999 TiB', maximum=None) == 9999999 * 1024 ** 4


def test_unlimited_value_is_configurable():
    assert to_bytes('unlimited', unlimited_value=-1) == -1


@pytest.mark.parametrize('size, text', [(0, '0 B'), (1536, '1536 B'), (2 * 1024 ** 3, '2 GiB'), (1024, '1 KiB')])
def test_human(size, text):
    assert human(size) == text


@pytest.mark.parametrize('bare', [1073741824, '1073741824', '1048577', ' 2000000.5 '])
def test_a_bare_number_of_mb_beyond_any_quota_is_refused(bare):
    """A byte count pasted as it is (1073741824 for 1 GiB, as the APIs return sizes) would make a 1 PiB quota."""
    with pytest.raises(ValueError, match='without a unit counts in units of 1 MiB and would make .*, more than any '
                                         'quota a panel sets: a number without a unit may be at most 1048576'):
        to_bytes(bare, bare_unit=MIB)


def test_a_size_beyond_the_bare_number_bound_is_taken_with_its_unit():
    assert to_bytes(1048576, bare_unit=MIB) == to_bytes('1048576', bare_unit=MIB) == BARE_SIZE_MAX
    assert to_bytes('1073741824 B', bare_unit=MIB) == 1024 ** 3
    assert to_bytes('2 TiB', bare_unit=MIB) == 2 * BARE_SIZE_MAX
    assert to_bytes(1073741824) == 1024 ** 3  # bare bytes (TeamDrive's unit) are what the API itself counts in


@pytest.mark.parametrize('value, unlimited, unit, text', [
    (3 * 1024 ** 3, 0, 1, '3221225472 (3 GiB)'), (0, 0, 1, '0 (unlimited)'), (1536, 0, 1, '1536 bytes'),
    (-1, -1, MIB, '-1 (unlimited)'), (10240, -1, MIB, '10240 (10 GiB)'), (0, -1, MIB, '0 bytes'),
])
def test_with_unit_shows_the_number_and_its_size(value, unlimited, unit, text):
    assert with_unit(value, unlimited, unit) == text
