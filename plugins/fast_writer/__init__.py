from .fast_writer import register

__all__ = ["register"]
