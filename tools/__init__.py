"""Author tools that run outside the Pelican build (importers and the like)."""
