from .fast_reader import register

__all__ = ["register"]
