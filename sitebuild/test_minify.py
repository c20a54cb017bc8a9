"""rcssmin and rjsmin as the minify step configures them; HTML pages are left as written."""

import pytest

from sitebuild.minify import MinifyError, minify_css, minify_site

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<title>Rest &amp; sleep</title>
</head>
<body>
<p>Some <em>kind</em> words,
   on two lines.</p>
</body>
</html>
"""

STYLESHEET = """/* Theme colours: light by default. */
:root {
  --text: #22272b;
  --font: -apple-system, "Segoe UI", sans-serif;
}

a:is(.crisis , .footer) > strong {
  color : var(--text);
}

.pagefind-ui::before { mask-image: url( "../img/search%20icon.svg" ); }
blockquote p::before { content: "\\201C  "; }

@media (max-width: 40rem) {
  .wide { margin: 0 0 0 0; }
}
"""


def test_stylesheet_loses_comments_and_spaces_and_keeps_its_rules_as_written():
    minified = minify_css(STYLESHEET)
    assert len(minified) < len(STYLESHEET) * 0.8
    assert "Theme colours" not in minified and "\n" not in minified
    # Rules, values, strings and addresses as written: nothing rewritten in a newer
    # syntax that older phone browsers would not understand.
    assert "@media (max-width:40rem){.wide{margin:0 0 0 0}}" in minified
    assert 'url("../img/search%20icon.svg")' in minified
    assert 'content:"\\201C  "' in minified
    assert '--font:-apple-system,"Segoe UI",sans-serif' in minified
    assert "a:is(.crisis,.footer)>strong{color:var(--text)}" in minified


SCRIPT = """// The theme's toggle.
function toggle(  button ) {
    return button . dataset . theme ;
}
"""


def write_site(root):
    page = root / "index.html"
    page.write_text(PAGE, encoding="utf-8")
    sheet = root / "theme" / "css" / "site.css"
    script = root / "theme" / "js" / "theme.js"
    for path, text in ((sheet, STYLESHEET), (script, SCRIPT)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return page, sheet, script


def test_a_publish_minifies_stylesheets_and_scripts_and_leaves_pages_as_written(tmp_path):
    page, sheet, script = write_site(tmp_path)
    saved = minify_site(
        tmp_path, {"MINIFY_CSS": True, "MINIFY_JS": True, "THEME_STATIC_DIR": "theme"}
    )
    assert sheet.read_text(encoding="utf-8") == minify_css(STYLESHEET)
    assert (
        script.read_text(encoding="utf-8")
        == "function toggle(button){return button.dataset.theme;}"
    )
    assert page.read_text(encoding="utf-8") == PAGE
    assert saved == sum(
        len(text.encode()) - path.stat().st_size
        for path, text in ((sheet, STYLESHEET), (script, SCRIPT))
    )


def test_a_preview_is_left_readable(tmp_path):
    page, sheet, script = write_site(tmp_path)
    assert minify_site(tmp_path, {"THEME_STATIC_DIR": "theme"}) == 0
    assert [path.read_text(encoding="utf-8") for path in (page, sheet, script)] == [
        PAGE,
        STYLESHEET,
        SCRIPT,
    ]


def test_a_space_inside_a_stylesheet_address_stops_minification_with_what_to_do():
    # rcssmin would write url("../img/searchicon.svg"): the image would go missing.
    with pytest.raises(MinifyError, match=r'site.css: url\("../img/search icon.svg"\).*%20'):
        minify_css('.a { mask-image: url("../img/search icon.svg"); }', "site.css")
    with pytest.raises(MinifyError, match="%20"):
        minify_css(".a { background: URL( 'photo 1.jpg' ) }")
