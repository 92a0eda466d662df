"""Django's Redis cache backend, with one client object per connection pool.

Django's own ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every
command, and redis-py fills a table of ~170 response callbacks each time: about a
third of a millisecond per cache call, several milliseconds per page. The client is
thread-safe and its pool already hands out connections (and starts afresh after a
fork), so one client per pool serves every call."""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def validate_key(self, key):
        """No check. Django's only warns about keys memcached would refuse (over 250
        characters, spaces, control characters), walking each key character by
        character on every call; Redis takes any key, and ours are tag names and
        digests."""
