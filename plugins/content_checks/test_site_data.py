"""practice.toml and authors.toml against what the theme needs (site_data.py)."""

import shutil
import tomllib
from pathlib import Path

from content_checks.site_data import site_data_problems

SAMPLE = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "site" / "data"


def problems(tmp_path, practice_text, authors_text, **more_settings):
    data = tmp_path / "content" / "data"
    data.mkdir(parents=True)
    shutil.copytree(SAMPLE.parent / "images", tmp_path / "content" / "images")
    (data / "practice.toml").write_text(practice_text, encoding="utf-8")
    (data / "authors.toml").write_text(authors_text, encoding="utf-8")
    settings = {
        "PATH": str(tmp_path / "content"),
        "STATIC_PATHS": ["images", "extra"],
        "PRACTICE": tomllib.loads(practice_text),
        "AUTHORS_INFO": tomllib.loads(authors_text),
        **more_settings,
    }
    return site_data_problems(settings, lambda path: Path(path).relative_to(tmp_path).as_posix())


def test_the_sample_data_passes(tmp_path):
    practice = (SAMPLE / "practice.toml").read_text(encoding="utf-8")
    authors = (SAMPLE / "authors.toml").read_text(encoding="utf-8")
    assert problems(tmp_path, practice, authors) == []


def test_missing_keys_and_wrong_shapes_name_file_line_and_fix(tmp_path):
    practice = (SAMPLE / "practice.toml").read_text(encoding="utf-8").splitlines()
    practice = [line for line in practice if not line.startswith("booking_url")]
    practice = "\n".join(practice).replace('email = "hello@example.org"', 'email = "hello"')
    practice = practice.replace('chat_url = "https://988lifeline.org/chat/"', 'chat_url = "x"')
    authors = '["Maya Okafor"]\ncredential = "LCSW"\nlicense_lookup_url = "lookup"\nphoto = ""\n'
    found = {(p.path, p.line, p.field) for p in problems(tmp_path, practice, authors)}
    email_line = practice.splitlines().index('email = "hello"') + 1
    chat_line = practice.splitlines().index('chat_url = "x"') + 1
    assert found == {
        ("content/data/practice.toml", 0, "booking_url"),
        ("content/data/practice.toml", email_line, "email"),
        ("content/data/practice.toml", chat_line, "crisis.chat_url"),
        ("content/data/authors.toml", 3, "license_lookup_url"),
    }


def test_writer_lists_and_their_translations_are_checked_like_the_english(tmp_path):
    """approaches/populations must be lists (the theme joins them: "CBT" would show as
    "C, B, T"); a `<field>_es` has the shape of its field; English-only sites have none."""
    practice = (SAMPLE / "practice.toml").read_text(encoding="utf-8")
    authors = (
        '["Maya Okafor"]\n'
        'approaches = "CBT"\n'
        "bio_es = 5\n"
        'populations_es = ["Adultos", 3]\n'
        'title_es = "Trabajadora social clínica con licencia"\n'
        'license_lookup_url_es = "consulta"\n'
    )
    bilingual = {"DEFAULT_LANG": "en", "LANGUAGES": {"en": {}, "es": {}}}
    found = {(p.line, p.field) for p in problems(tmp_path, practice, authors, **bilingual)}
    assert found == {
        (2, "approaches"),
        (3, "bio_es"),
        (4, "populations_es"),
        (6, "license_lookup_url_es"),
    }
    english_only = {(p.line, p.field) for p in problems(tmp_path / "en", practice, authors)}
    assert english_only == {(2, "approaches")}
