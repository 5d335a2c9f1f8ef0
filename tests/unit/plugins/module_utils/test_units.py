import pytest

from ansible_collections.hosting.provision.plugins.module_utils._units import human, to_bytes


@pytest.mark.parametrize('text, expected', [
    (0, 0), (1536, 1536), ('1536', 1536), ('2 GiB', 2 * 1024 ** 3), ('2G', 2 * 1024 ** 3), ('2GB', 2 * 10 ** 9),
    ('500 MB', 500 * 10 ** 6), ('500 MiB', 500 * 1024 ** 2), ('1.5G', 1536 * 1024 ** 2), ('10 k', 10240),
    ('unlimited', 0), ('Unlimited', 0), (' 3 TiB ', 3 * 1024 ** 4),
])
def test_to_bytes(text, expected):
    assert to_bytes(text) == expected


@pytest.mark.parametrize('text', ['', 'lots', '2 GiBs', '-1', -5, '1.3 B', True, '1e9'])
def test_to_bytes_rejects(text):
    with pytest.raises(ValueError):
        to_bytes(text)


def test_unlimited_value_is_configurable():
    assert to_bytes('unlimited', unlimited_value=-1) == -1


@pytest.mark.parametrize('size, text', [(0, '0 B'), (1536, '1536 B'), (2 * 1024 ** 3, '2 GiB'), (1024, '1 KiB')])
def test_human(size, text):
    assert human(size) == text
