"""plugins/i18n on its own: gettext follows the page's language, catalogs and settings
fail with the fix, feeds declare their language. (The built site: tests/test_bilingual.py.)"""

import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from feedgenerator import Atom1Feed, Rss201rev2Feed
from jinja2 import Environment

from i18n.i18n import (
    LanguageSettingsError,
    declare_feed_language,
    install_gettext,
    languages,
    translations,
)

THEME = Path(__file__).resolve().parents[2] / "theme"
SETTINGS = {
    "DEFAULT_LANG": "en",
    "LANGUAGES": {"en": {"name": "English"}, "es": {"name": "Español"}},
    "THEME": str(THEME),
}


def rendered(source, **context):
    generator = SimpleNamespace(settings=SETTINGS, env=Environment(extensions=["jinja2.ext.i18n"]))
    install_gettext(generator)
    return generator.env.from_string(source).render(DEFAULT_LANG="en", **context)


def test_gettext_speaks_the_language_of_the_article_page_or_listing():
    template = '{{ _("Skip to main content") }} / {{ _("%(minutes)s min read", minutes=4) }}'
    spanish = SimpleNamespace(lang="es")
    assert rendered(template) == "Skip to main content / 4 min read"
    assert rendered(template, article=spanish) == "Saltar al contenido principal / 4 min de lectura"
    assert rendered(template, page=spanish).startswith("Saltar")
    assert rendered(template, lang="es").startswith("Saltar")
    assert rendered(template, article=SimpleNamespace(lang="en")).startswith("Skip")


def test_a_broken_catalog_names_the_file_and_line(tmp_path):
    catalog = tmp_path / "translations" / "es" / "LC_MESSAGES" / "messages.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text('msgid "Main"\nmsgstr "Principal"\n\nFooter = Pie de página\n')
    with pytest.raises(LanguageSettingsError) as error:
        translations({**SETTINGS, "THEME": str(tmp_path)}, "es")
    assert str(error.value).startswith(f"{catalog}:4: Unknown or misformatted keyword — ")


def test_a_language_without_a_catalog_or_a_default_outside_languages_is_refused(tmp_path):
    with pytest.raises(LanguageSettingsError, match="missing — LANGUAGES lists 'es'"):
        translations({**SETTINGS, "THEME": str(tmp_path)}, "es")
    with pytest.raises(LanguageSettingsError, match="DEFAULT_LANG 'fr' is not one of"):
        languages({**SETTINGS, "DEFAULT_LANG": "fr"})


@pytest.mark.parametrize("feed_class", [Atom1Feed, Rss201rev2Feed])
@pytest.mark.parametrize("path,lang", [("feeds/es.atom.xml", "es"), ("feeds/all.atom.xml", "en")])
def test_each_feed_declares_its_language(feed_class, path, lang):
    path = path.replace(".atom.", ".rss.") if feed_class is Rss201rev2Feed else path
    context = {
        **SETTINGS,
        "TRANSLATION_FEED_ATOM": "feeds/{lang}.atom.xml",
        "TRANSLATION_FEED_RSS": "feeds/{lang}.rss.xml",
    }
    feed = feed_class(
        title="t", link="https://x.org/", description="d", feed_url="https://x.org/" + path
    )
    declare_feed_language(context, feed)
    written = io.StringIO()
    feed.write(written, "utf-8")
    expected = f'xml:lang="{lang}"' if feed_class is Atom1Feed else f"<language>{lang}</language>"
    assert expected in written.getvalue()
