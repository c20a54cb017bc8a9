from .published_tags import register

__all__ = ["register"]
