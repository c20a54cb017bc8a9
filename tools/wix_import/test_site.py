"""Finding a Wix blog's posts from the address an author gives, on a real local
HTTP server standing in for the site."""

import http.server
import threading

import pytest

from tools.wix_import.site import post_addresses

SITEMAP = '<?xml version="1.0" encoding="UTF-8"?><{kind} xmlns="{ns}">{items}</{kind}>'
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap(kind, locations):
    tag = "sitemap" if kind == "sitemapindex" else "url"
    items = "".join(f"<{tag}><loc>{loc}</loc></{tag}>" for loc in locations)
    return SITEMAP.format(kind=kind, ns=NS, items=items).encode()


@pytest.fixture
def wix_site():
    routes = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path not in routes:
                self.send_error(404)
                return
            self.send_response(200)
            self.end_headers()
            self.wfile.write(routes[self.path])

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", routes
    server.shutdown()
    server.server_close()


def test_a_big_blogs_paged_sitemap_gives_every_post(wix_site):
    url, routes = wix_site
    routes["/sitemap.xml"] = sitemap(
        "sitemapindex",
        [f"{url}/pages-sitemap.xml", *(f"{url}/blog-posts-sitemap.xml?page={n}" for n in (1, 2))],
    )
    routes["/blog-posts-sitemap.xml?page=1"] = sitemap("urlset", [f"{url}/post/a", f"{url}/post/b"])
    routes["/blog-posts-sitemap.xml?page=2"] = sitemap("urlset", [f"{url}/post/c"])
    expected = [f"{url}/post/{slug}" for slug in "abc"]
    assert post_addresses(url) == expected
    # The blog's own address, as an author copies it from the browser, finds them too.
    assert post_addresses(f"{url}/blog") == expected


def test_a_free_wix_site_in_a_folder_and_a_single_posts_address(wix_site):
    url, routes = wix_site
    routes["/mysite/sitemap.xml"] = sitemap("urlset", [f"{url}/mysite/post/only-one"])
    assert post_addresses(f"{url}/mysite") == [f"{url}/mysite/post/only-one"]
    assert post_addresses(f"{url}/post/just-this") == [f"{url}/post/just-this"]
