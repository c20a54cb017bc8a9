"""Render the site's pages on every core.

Pelican renders and writes one page after another. This plugin gives Pelican a Writer
(the `get_writer` signal) that does everything Pelican's does when a page is written
(pagination, the output path, the overwrite rules and their errors, at the same moment)
except the rendering itself: the page is queued. When the articles, then the pages,
then the whole build are done (`article_writer_finalized`, `page_writer_finalized`,
`finalized`: this plugin is listed before every plugin that reads the output), the queue
is rendered by this process and FAST_WRITER_PROCESSES - 1 forked copies of it (default:
one per core), each writing its share of the files. Then `content_written` is sent for
every page, in Pelican's order, from this process, so plugins listening to it see the
written file and keep whatever they record.

Forked copies share everything (content, context, templates) without copying it, but
what they change is lost: template filters and globals must not collect state while a
page renders (none of ours does). tests/test_build_equivalence.py checks that the site is
byte-identical to a stock serial build.
"""

import logging
import os
import traceback

from pelican import signals
from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

logger = logging.getLogger(__name__)

# Below this many queued pages, forking costs more than it saves.
MIN_PAGES_FOR_WORKERS = 16
_writers = []


class PendingPage:
    __slots__ = ("context", "localcontext", "localsiteurl", "path", "target", "template")

    def __init__(self, template, context, localcontext, localsiteurl, path, target):
        self.template = template
        self.context = context
        self.localcontext = localcontext
        self.localsiteurl = localsiteurl
        self.path = path
        self.target = target  # path, or os.devnull when Pelican would skip the write

    def render_and_write(self):
        # Pelican sets the shared context's localsiteurl before rendering: content
        # links are made relative to the page being written.
        self.context["localsiteurl"] = self.localsiteurl
        output = self.template.render(self.localcontext)
        with open(self.target, "w", encoding="utf-8") as handle:
            handle.write(output)


class ParallelWriter(Writer):
    """Pelican 4.12's Writer, with page rendering queued and done on every core."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.processes = self.settings.get("FAST_WRITER_PROCESSES") or os.cpu_count() or 1
        self.pending = []
        self.pending_paths = set()
        _writers.append(self)

    def _claim(self, filename, override):
        """Writer._open_w's bookkeeping and errors, without opening: the file to write."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            logger.info('Skipping "%s", not overwriting', filename)
            filename = os.devnull
        elif filename in self._written_files:
            if override:
                logger.info('Overwriting "%s"', filename)
            else:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" as Pelican has already '
                    "written to it previously (set `override=True` if intended)"
                )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return filename

    def _queue(self, template, context, localcontext, name, override):
        if localcontext["localsiteurl"]:
            context["localsiteurl"] = localcontext["localsiteurl"]
        path = sanitised_join(self.output_path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if path in self.pending_paths:
            self.flush()  # an allowed overwrite: the first version is written first
        target = self._claim(path, override)
        page = PendingPage(template, context, localcontext, context["localsiteurl"], path, target)
        self.pending.append(page)
        self.pending_paths.add(path)

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        """Pelican 4.12's Writer.write_file, queueing each page instead of rendering it."""
        if name is False or name == "" or not name:
            return

        def localcontext_for(name, kwargs):
            localcontext = context.copy()
            localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
            if relative_urls:
                relative_url = path_to_url(get_relative_path(name))
                localcontext["SITEURL"] = relative_url
                localcontext["localsiteurl"] = relative_url
            localcontext["output_file"] = name
            localcontext.update(kwargs)
            return localcontext

        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}

        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            per_page = (
                self.settings["PAGINATED_TEMPLATES"][template_name]
                or self.settings["DEFAULT_PAGINATION"]
            )
            paginators = {
                key: Paginator(name, url, val, self.settings, per_page)
                for key, val in paginated.items()
            }
            for page_num in range(next(iter(paginators.values())).num_pages):
                paginated_kwargs = kwargs.copy()
                for key, paginator in paginators.items():
                    previous_page = paginator.page(page_num) if page_num > 0 else None
                    page = paginator.page(page_num + 1)
                    next_page = (
                        paginator.page(page_num + 2) if page_num + 1 < paginator.num_pages else None
                    )
                    paginated_kwargs.update(
                        {
                            f"{key}_paginator": paginator,
                            f"{key}_page": page,
                            f"{key}_previous_page": previous_page,
                            f"{key}_next_page": next_page,
                        }
                    )
                localcontext = localcontext_for(page.save_as, paginated_kwargs)
                self._queue(template, context, localcontext, page.save_as, override_output)
        else:
            localcontext = localcontext_for(name, kwargs)
            self._queue(template, context, localcontext, name, override_output)

    def flush(self):
        """Render and write every queued page, then announce each as Pelican would."""
        pages, self.pending, self.pending_paths = self.pending, [], set()
        if not pages:
            return
        # Rendering sets each page's localsiteurl; afterwards the shared context must hold
        # what Pelican's serial writes would have left there (the last queued page's).
        left = {id(page.context): (page.context, page.context["localsiteurl"]) for page in pages}
        processes = min(self.processes, max(1, len(pages) // MIN_PAGES_FOR_WORKERS))
        if processes < 2:
            for page in pages:
                page.render_and_write()
        else:
            render_in_forks([pages[share::processes] for share in range(processes)])
        for context, localsiteurl in left.values():
            context["localsiteurl"] = localsiteurl
        for page in pages:
            logger.info('Writing "%s"', page.path)
            signals.content_written.send(page.path, context=page.localcontext)


def render_in_forks(shares):
    """Render the first share here and each other one in a forked copy of this process."""
    children = []
    for share in shares[1:]:
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the copy: render, report any failure, and leave without cleanup
            os.close(reader)
            status = 0
            try:
                for page in share:
                    page.render_and_write()
            except BaseException:
                status = 1
                os.write(writer, traceback.format_exc().encode())
            finally:
                os._exit(status)
        os.close(writer)
        children.append((pid, reader))
    failure = None
    try:
        for page in shares[0]:
            page.render_and_write()
    except Exception as error:
        failure = error
    reports = []
    for pid, reader in children:
        with os.fdopen(reader, "rb") as pipe:
            report = pipe.read().decode(errors="replace")
        _, status = os.waitpid(pid, 0)
        if status != 0:
            reports.append(report or f"a rendering process ended with status {status}")
    if failure is not None:
        raise failure
    if reports:
        raise RuntimeError("Rendering a page failed in a worker process:\n" + reports[0])


def provide_writer(pelican):
    return ParallelWriter


def flush_writers(sender, writer=None):
    """Whatever the signal, the queued pages are written before its next receiver runs."""
    for each in [writer] if writer is not None else list(_writers):
        each.flush()


def end_of_build(pelican):
    flush_writers(pelican)
    _writers.clear()


def register():
    signals.get_writer.connect(provide_writer)
    signals.article_writer_finalized.connect(flush_writers)
    signals.page_writer_finalized.connect(flush_writers)
    signals.finalized.connect(end_of_build)
