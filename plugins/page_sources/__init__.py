from .page_sources import register

__all__ = ["register"]
