from .toc import register

__all__ = ["register"]
