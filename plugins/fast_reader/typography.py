"""smartypants with its no-op work skipped.

smartypants runs every one of its conversions (escapes, dashes, ellipses, backticks,
quotes: about thirty regular-expression substitutions) on every piece of text between
two tags, even when the piece holds none of the characters a conversion looks for. That
was a third of converting an article. Each conversion here first checks for the
characters every one of its patterns needs; without them its result is the text
unchanged, so it is skipped. The HTML is byte for byte what smartypants writes:
test_typography.py compares the two, and tests/test_build_equivalence.py whole sites.
"""

import smartypants

# Conversion -> strings of which every pattern it applies contains at least one.
TRIGGERS = {
    "process_escapes": ("\\",),
    "convert_dashes": ("--",),
    "convert_dashes_oldschool": ("--",),
    "convert_dashes_oldschool_inverted": ("--",),
    "convert_ellipses": ("...", ". . ."),
    "convert_backticks": ("``", "''"),
    "convert_single_backticks": ("`", "'"),
    "convert_quotes": ("'", '"'),
}


def skipping_when_absent(convert, triggers):
    def convert_when_needed(text, *args, **kwargs):
        if any(trigger in text for trigger in triggers):
            return convert(text, *args, **kwargs)
        return text

    convert_when_needed.original = convert
    return convert_when_needed


def skip_no_op_conversions():
    """Wrap smartypants' conversions in this process (once; smartypants() looks them up
    by name on each call)."""
    for name, triggers in TRIGGERS.items():
        convert = getattr(smartypants, name)
        if not hasattr(convert, "original"):
            setattr(smartypants, name, skipping_when_absent(convert, triggers))
