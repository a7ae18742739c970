from django.core.cache import cache
from django.test import RequestFactory

from motcua.security.ratelimit import hit


def request_from(address: str):
    return RequestFactory().get("/", REMOTE_ADDR=address)


def test_the_counter_allows_the_limit_then_says_how_long_to_wait():
    cache.clear()
    first = request_from("198.51.100.1")
    assert [hit(first, "t", limit=3, window=600) for _ in range(3)] == [0, 0, 0]
    wait = hit(first, "t", limit=3, window=600)
    assert 1 <= wait <= 601


def test_addresses_and_scopes_are_counted_apart():
    cache.clear()
    assert hit(request_from("198.51.100.2"), "a", limit=1, window=600) == 0
    assert hit(request_from("198.51.100.3"), "a", limit=1, window=600) == 0
    assert hit(request_from("198.51.100.2"), "b", limit=1, window=600) == 0
    assert hit(request_from("198.51.100.2"), "a", limit=1, window=600) > 0


def test_an_unreadable_address_still_counts():
    cache.clear()
    garbage = request_from("not-an-address\x00")
    assert hit(garbage, "c", limit=1, window=60) == 0
    assert hit(garbage, "c", limit=1, window=60) > 0
