from .feed_style import register

__all__ = ["register"]
