from .source_tracking import register

__all__ = ["register"]
