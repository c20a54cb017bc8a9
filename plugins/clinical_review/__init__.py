from .clinical_review import register

__all__ = ["register"]
