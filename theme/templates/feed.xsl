<?xml version="1.0" encoding="utf-8"?>
<!--
  Turns our Atom and RSS feeds into a readable page when someone opens a feed
  in a browser: what a feed is, how to subscribe, and the latest articles.
  Feed readers ignore it. No inline styles or scripts: the site's stylesheet
  does the styling, so the page passes the same Content-Security-Policy.
  A Jinja template: plugins/feed_style writes it once per language (its words from
  that language's catalog), and each feed names the one of its language.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  exclude-result-prefixes="atom dc">
<xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat" indent="yes"/>

<!-- The site's home address (ends with a slash) and the feed's own address. -->
<xsl:variable name="site" select="(/atom:feed/atom:link[@rel='alternate']/@href | /rss/channel/link)[1]"/>
<xsl:variable name="self" select="(/atom:feed/atom:link[@rel='self']/@href | /rss/channel/atom:link[@rel='self']/@href)[1]"/>
<xsl:variable name="title" select="(/atom:feed/atom:title | /rss/channel/title)[1]"/>

<xsl:template match="/">
<html lang="{{ lang }}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="robots" content="noindex"/>
<title><xsl:value-of select="$title"/> ({{ _("web feed") }})</title>
<link rel="stylesheet" href="{$site}theme/css/site.css"/>
<link rel="icon" href="{$site}favicon.svg" type="image/svg+xml"/>
</head>
<body class="feed-preview">
<main id="main" class="wrap">
<header class="page-header">
<p class="lede">{{ _("<strong>This is a web feed</strong> (also called an RSS or Atom feed).") }}</p>
<h1><xsl:value-of select="$title"/></h1>
<p>{% trans trimmed %}A feed lets you follow new articles without visiting the site or giving anyone your email
address. Copy this page’s address into a feed reader app, and new articles will appear there
on their own. There is no account, no tracking, and you can unsubscribe at any time in your reader.{% endtrans %}</p>
<p>{{ _("Feed address:") }} <code><xsl:value-of select="$self"/></code></p>
<p><a href="{$site}{{ in_page_language('feeds/') }}">{{ _("All our feeds, by topic, and how to use them") }}</a> · <a href="{$site}{{ in_page_language('') }}">{{ _("Visit the site") }}</a></p>
</header>
<section aria-labelledby="latest-title">
<h2 id="latest-title">{{ _("Latest articles") }}</h2>
<ol class="post-list" role="list">
<xsl:apply-templates select="/atom:feed/atom:entry | /rss/channel/item"/>
</ol>
</section>
</main>
</body>
</html>
</xsl:template>

<xsl:template match="atom:entry">
<li>
<article class="post-card">
<h3><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h3>
<p class="post-meta"><time datetime="{atom:published}"><xsl:value-of select="substring(atom:published, 1, 10)"/></time>
· <xsl:value-of select="atom:author/atom:name"/></p>
<p><xsl:value-of select="atom:summary"/></p>
</article>
</li>
</xsl:template>

<xsl:template match="item">
<li>
<article class="post-card">
<h3><a href="{link}"><xsl:value-of select="title"/></a></h3>
<p class="post-meta"><xsl:value-of select="substring(pubDate, 1, 16)"/>
· <xsl:value-of select="dc:creator"/></p>
</article>
</li>
</xsl:template>

</xsl:stylesheet>
