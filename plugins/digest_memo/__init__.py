"""Not a Pelican plugin: a helper our plugins import (pelicanconf.py puts plugins/ on
sys.path). See digest_memo.py."""

from .digest_memo import DigestMemo, cache_file, digest

__all__ = ["DigestMemo", "cache_file", "digest"]
