from .social_image import register

__all__ = ["register"]
