import hashlib
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection, connections
from django.test import RequestFactory, override_settings

from motcua.security.ratelimit import count_up, hit


def request_from(address: str):
    return RequestFactory().get("/", REMOTE_ADDR=address)


def hit_key(request, scope: str, window: int) -> str:
    address = hashlib.sha256(request.META["REMOTE_ADDR"].encode()).hexdigest()[:32]
    return f"motcua:rate:{scope}:{address}:{int(time.time() // window)}"


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


# The database cache of a deployment with several workers (docs/scaling.md).
DATABASE_CACHE = override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "motcua_rate_test",
        }
    }
)


@pytest.fixture
def database_cache(db):
    with DATABASE_CACHE:
        call_command("createcachetable", verbosity=0)
        yield caches["default"]


def test_in_the_database_cache_one_statement_counts(database_cache, django_assert_num_queries):
    request = request_from("198.51.100.4")
    with django_assert_num_queries(2):  # a new counter: made, and expired rows removed
        assert hit(request, "d", limit=3, window=600) == 0
    for _ in range(2):
        with django_assert_num_queries(1):
            assert hit(request, "d", limit=3, window=600) == 0
    with django_assert_num_queries(1):
        assert 1 <= hit(request, "d", limit=3, window=600) <= 601
    assert hit(request_from("198.51.100.5"), "d", limit=3, window=600) == 0


def test_in_the_database_cache_an_expired_counter_starts_again(database_cache):
    assert count_up("k", timeout=60, now=1_000_000) == 1
    assert count_up("k", timeout=60, now=1_000_030) == 2
    assert count_up("k", timeout=60, now=1_000_061) == 1  # past its expiry
    assert count_up("k", timeout=60, now=1_000_062) == 2


def test_in_the_database_cache_the_counter_leaves_the_cache_usable(database_cache):
    database_cache.set("other", {"a": 1}, timeout=600)
    count_up("other-counter", timeout=600)
    assert database_cache.get("other") == {"a": 1}
    assert database_cache.get("other-counter") is None


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory SQLite test database refuses a second writer instead of waiting",
)
@pytest.mark.django_db(transaction=True)
@DATABASE_CACHE
def test_workers_counting_at_once_lose_no_hit():
    """Several threads (each its own database connection) count the same address: every hit
    is counted, as it must be when several granian workers share the database cache."""
    call_command("createcachetable", verbosity=0)
    request = request_from("198.51.100.6")

    def hits(_n):
        try:
            return [hit(request, "e", limit=60, window=600) for _ in range(20)]
        finally:
            connections.close_all()

    try:
        with ThreadPoolExecutor(max_workers=5) as pool:
            results = [r for batch in pool.map(hits, range(5)) for r in batch]
        assert results.count(0) == 60  # exactly the limit allowed, then refused
        assert count_up(hit_key(request, "e", 600), timeout=600) == 101
    finally:
        with connections["default"].cursor() as cursor:
            cursor.execute("DROP TABLE motcua_rate_test")
