from .typeset_markdown import register

__all__ = ["register"]
