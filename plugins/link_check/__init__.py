from .link_check import register

__all__ = ["register"]
