"""Tag pages for published articles only, as Pelican intends.

Pelican's related_posts plugin looks up every draft's tags in the articles generator's
`tags` (a defaultdict), which adds an empty entry for a tag that only drafts have; Pelican
would then write an empty page for that tag, in the published site too, naming a draft's
tag. This drops those entries once every generator has read its content, before any page
is written. (Author and topic pages never had the problem: nothing looks drafts up there.)
"""

from pelican import signals
from pelican.generators import ArticlesGenerator


def drop_tags_without_articles(generators):
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            for tag in [tag for tag, articles in generator.tags.items() if not articles]:
                del generator.tags[tag]


def register():
    signals.all_generators_finalized.connect(drop_tags_without_articles)
