"""One content problem, printed as `path:line: field: what is wrong — how to fix it`."""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int  # 0 when no single line is at fault
    field: str
    what: str
    fix: str
    # True when Pelican itself would stop or silently drop the file, so the
    # build must end before Pelican reads the content.
    stops_pelican: bool = False

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.what} — {self.fix}"


class ContentCheckError(Exception):
    """The content has problems; the report was printed already."""

    def __init__(self, count):
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"The content checks found {count} {noun} (listed above); the site was not built."
        )
