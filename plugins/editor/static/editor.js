/* The site's additions to Decap CMS (plugins/editor): Pelican's `Key: Value`
 * header format, the content checks' rules the built-in widgets lack, and a
 * preview laid out like the article page. Runs only on /admin/. */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var site = JSON.parse(document.getElementById("editor-site-data").textContent);

  /* ---- Pelican's header format ------------------------------------------
   * A header is `Key: Value` lines (a value may go on over lines indented by
   * four spaces), ended by a blank line; the text follows. Reading keeps every
   * header line as written, so saving writes back the very same bytes for each
   * field the author did not change, unknown fields included, in their order. */
  var FIELD_LINE = /^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$/;
  var CONTINUATION = /^[ ]{4,}(.*)$/;
  var HEADER_KEY = "_pelican_header"; // kept in the entry's data, never shown
  var canonical = {};
  site.headerOrder.forEach(function (name) {
    canonical[name.toLowerCase()] = name;
  });

  function fieldValue(raw) {
    var first = FIELD_LINE.exec(raw[0])[2];
    var rest = raw.slice(1).map(function (line) {
      return CONTINUATION.exec(line)[1];
    });
    return [first].concat(rest).filter(Boolean).join(" ").trim();
  }

  function fromText(name, text) {
    if (site.listFields.indexOf(name) >= 0) {
      return text.split(/[;,]/).map(function (t) { return t.trim(); }).filter(Boolean);
    }
    if (site.booleanFields.indexOf(name) >= 0) {
      var word = text.toLowerCase();
      if (word === "yes" || word === "true") return true;
      if (word === "no" || word === "false") return false;
    }
    return text;
  }

  function toText(name, value) {
    if (Array.isArray(value)) {
      return value.map(function (t) { return String(t).trim().toLowerCase(); })
        .filter(Boolean).join(", ");
    }
    if (value === true) return "yes";
    if (value === false) return "no";
    return String(value == null ? "" : value).replace(/\s+/g, " ").trim();
  }

  function isEmpty(name, value) {
    if (value === false) return site.booleanFields.indexOf(name) >= 0;
    return value == null || (Array.isArray(value) ? value.length === 0 : String(value).trim() === "");
  }

  function fromFile(text) {
    var eol = text.indexOf("\r\n") >= 0 ? "\r\n" : "\n";
    var lines = text.split(eol);
    var entries = [];
    var index = 0;
    for (; index < lines.length; index++) {
      var line = lines[index];
      if (!line.trim()) break;
      if (FIELD_LINE.test(line)) {
        entries.push({ key: FIELD_LINE.exec(line)[1], raw: [line] });
      } else if (entries.length && CONTINUATION.test(line)) {
        entries[entries.length - 1].raw.push(line);
      } else {
        break; // not a header line: the text starts here, as Python-Markdown reads it
      }
    }
    var blank = index < lines.length && !lines[index].trim() ? lines[index] : null;
    var bodyStart = blank === null ? index : index + 1;
    var data = { body: lines.slice(bodyStart).join(eol) };
    data[HEADER_KEY] = { entries: entries, blank: blank, eol: eol };
    entries.forEach(function (entry) {
      var name = canonical[entry.key.toLowerCase()];
      if (name && !(name in data)) data[name] = fromText(name, fieldValue(entry.raw));
    });
    // What Pelican assumes for a field the file leaves out: shown, never written.
    Object.keys(site.implicit).forEach(function (name) {
      if (!(name in data)) data[name] = site.implicit[name];
    });
    return data;
  }

  function sameValue(name, before, after) {
    if (isEmpty(name, before) && isEmpty(name, after)) return true;
    return toText(name, before) === toText(name, after) &&
      typeof before === typeof after;
  }

  function toFile(data) {
    var header = data[HEADER_KEY] || { entries: [], blank: "", eol: "\n" };
    var isNew = !data[HEADER_KEY];
    var out = []; // [{name, lines}]
    var seen = {};
    header.entries.forEach(function (entry) {
      var name = canonical[entry.key.toLowerCase()];
      if (!name || seen[name]) {
        out.push({ name: null, lines: entry.raw }); // unknown or repeated: as written
        return;
      }
      seen[name] = true;
      var value = data[name];
      if (sameValue(name, fromText(name, fieldValue(entry.raw)), value)) {
        out.push({ name: name, lines: entry.raw });
      } else if (!isEmpty(name, value)) {
        out.push({ name: name, lines: [entry.key + ": " + toText(name, value)] });
      } // else: the author emptied the field, so its line goes
    });
    site.headerOrder.forEach(function (name, position) {
      if (seen[name]) return;
      var value = data[name];
      // (Only the fields of its collection: a page has no Date, Author or Topic.)
      var always = isNew && site.alwaysWritten.indexOf(name) >= 0 && name in data;
      // What Pelican assumes anyway (Status: published, Lang: en) is not added.
      if (!always && site.implicit[name] === value) return;
      if (!always && isEmpty(name, value)) return;
      var text = toText(name, value);
      var line = { name: name, lines: [text ? name + ": " + text : name + ":"] };
      // After the nearest earlier field the file has, else first.
      var earlier = site.headerOrder.slice(0, position);
      var at = 0;
      out.forEach(function (item, i) {
        if (item.name && earlier.indexOf(item.name) >= 0) at = i + 1;
      });
      out.splice(at, 0, line);
      seen[name] = true;
    });
    var lines = [];
    out.forEach(function (item) { lines.push.apply(lines, item.lines); });
    var body = data.body == null ? "" : String(data.body);
    if (isNew && body && !/\n$/.test(body)) body += "\n";
    var parts = lines.concat(header.blank === null ? [] : [header.blank || ""]);
    return parts.join(header.eol) + header.eol + body;
  }

  CMS.registerCustomFormat("pelican", "md", { fromFile: fromFile, toFile: toFile });

  /* ---- Starting a translation -------------------------------------------
   * Decap can prefill a new entry from its address (`new?Title=…`), but it escapes
   * HTML in those values (an apostrophe arrives as `&#039;`). So the link that starts
   * a translation keeps the original's fields in this tab's sessionStorage, and the
   * new entry's fields, opened by that link (`new?translation_of=<slug>`), take them. */
  var PENDING = "editor-translation";
  var prefilledOnce = {}; // "<start>/<field>": a field takes its value once per start

  function pendingTranslation(props) {
    var entry = props.entry;
    if (!entry || !entry.get("newRecord")) return null;
    var asked = /[?&]translation_of=([^&]+)/.exec(window.location.hash);
    if (!asked) return null;
    var pending = null;
    try {
      pending = JSON.parse(window.sessionStorage.getItem(PENDING) || "null");
    } catch (error) {
      return null;
    }
    if (!pending || pending.slug !== decodeURIComponent(asked[1]) ||
        pending.collection !== entry.get("collection")) return null;
    return pending;
  }

  // Renders a field's control; in a translation just started, with the original's value,
  // which is also handed to Decap as the field's value once the control is there.
  function prefilledControl(widget, control) {
    var props = widget.props;
    var name = props.field.get("name");
    var pending = pendingTranslation(props);
    var key = pending && pending.started + "/" + name;
    if (pending && name in pending.data && !prefilledOnce[key]) {
      prefilledOnce[key] = true;
      widget.prefill = pending.data[name];
      window.setTimeout(function () { props.onChange(widget.prefill); }, 0);
    }
    if (widget.prefill !== undefined && props.value !== widget.prefill && isEmpty(name, props.value)) {
      return h(control, Object.assign({}, props, { value: widget.prefill }));
    }
    return h(control, props);
  }

  function prefilled(base) {
    var widget = CMS.getWidget(base);
    CMS.registerWidget("site_" + base, createClass({
      render: function () { return prefilledControl(this, widget.control); },
    }), widget.preview);
  }
  ["string", "text", "markdown", "boolean"].forEach(prefilled);

  // Below an article's fields: its versions in the other languages, opened from here, or
  // a link that starts one: a new entry of that language with the original's slug (the
  // translation id), author, topic and crisis box, and its text to translate.
  // The collection holding one kind of content (articles, pages) in one language.
  function collectionOf(kind, lang) {
    return Object.keys(site.collections).filter(function (name) {
      return site.collections[name].kind === kind && site.collections[name].lang === lang;
    })[0];
  }

  // What a translation starts from: the original's slug (the translation id), its
  // author, topic and layout, its summary and text to translate. Tags stay behind (they
  // are written in the translation's language); an article about suicide keeps its box.
  var CARRIED = ["Slug", "Title", "Author", "Category", "Template", "Summary", "body"];

  function startTranslation(data, lang, collection) {
    var from = site.collections[collection];
    var target = collectionOf(from.kind, lang);
    var fields = {};
    CARRIED.forEach(function (name) {
      if (!isEmpty(name, data[name])) fields[name] = data[name];
    });
    if (from.kind === "articles" && isSensitive(data)) fields.Sensitive = true;
    fields.body = movedLinks(String(data.body || ""), from.folder, site.collections[target].folder);
    window.sessionStorage.setItem(PENDING, JSON.stringify({
      slug: data.Slug, collection: target, data: fields, started: Date.now(),
    }));
    window.location.hash = "#/collections/" + target + "/new?translation_of=" +
      encodeURIComponent(data.Slug);
  }

  // A relative {filename}/{static}/{attach} link, e.g. `{filename}../pages/x.md`, still
  // reaching its file from the translation's folder (one level deeper for es/).
  function movedLinks(text, fromFolder, toFolder) {
    function parts(path) { return path.split("/").filter(function (p) { return p && p !== "."; }); }
    return text.replace(/\{(filename|static|attach)\}(?!\/)([^\s)"'<>]+)/g, function (all, kind, target) {
      var resolved = [];
      parts(fromFolder + "/" + target).forEach(function (part) {
        if (part === "..") resolved.pop(); else resolved.push(part);
      });
      var base = parts(toFolder);
      var shared = 0;
      while (shared < base.length && shared < resolved.length - 1 &&
             base[shared] === resolved[shared]) shared++;
      var up = base.slice(shared).map(function () { return ".."; });
      return "{" + kind + "}" + up.concat(resolved.slice(shared)).join("/");
    });
  }

  CMS.registerWidget("translations", createClass({
    render: function () {
      var entry = this.props.entry;
      var data = entry.get("data").toJS();
      var own = data.Lang || site.defaultLang;
      var kind = site.collections[entry.get("collection")].kind;
      var versions = (data.Slug && site.versions[kind][data.Slug]) || {};
      var items = Object.keys(site.languages).filter(function (lang) {
        return lang !== own;
      }).map(function (lang) {
        var name = site.languages[lang].name;
        var found = versions[lang];
        if (found) {
          return h("li", { key: lang }, h("a", {
            href: "#/collections/" + found[0] + "/entries/" + encodeURIComponent(found[1]),
            lang: lang,
          }, "Open the " + name + " version"));
        }
        if (!data.Slug || entry.get("newRecord")) {
          return h("li", { key: lang }, "Save it first, then start its " + name +
            " translation here.");
        }
        return h("li", { key: lang }, h("a", {
          href: "#", onClick: function (event) {
            event.preventDefault();
            startTranslation(data, lang, entry.get("collection"));
          },
        }, "Start the " + name + " translation"));
      }, this);
      return h("ul", { className: this.props.classNameWrapper, id: this.props.forID }, items);
    },
  }), createClass({ render: function () { return null; } }));

  /* ---- Fields the checks would refuse ----------------------------------- */
  function customError(props, message) {
    return { error: { type: "CUSTOM", parentIds: props.parentIds, message: message } };
  }

  // A choice that must be one of the options, even when the file says otherwise
  // (an author missing from content/data/authors.toml, say).
  var select = CMS.getWidget("select");
  CMS.registerWidget("site_select", createClass({
    isValid: function () {
      var value = this.props.value;
      var options = this.props.field.get("options").toJS().map(function (option) {
        return typeof option === "string" ? option : option.value;
      });
      if (value && options.indexOf(value) < 0) {
        var name = this.props.field.get("name");
        var where = name === "Category" ? "the site's topics"
          : name === "Status" ? "draft, published, hidden"
          : name === "Lang" ? "the site's languages"
          : site.authorsFile;
        return customError(this.props, "“" + value + "” is not in " + where +
          ": choose one of " + options.join(", ") + ".");
      }
      return true;
    },
    render: function () { return prefilledControl(this, select.control); },
  }), select.preview);

  // The image's description: required as soon as there is an image.
  var string = CMS.getWidget("string");
  CMS.registerWidget("image_alt", createClass({
    isValid: function () {
      var image = this.props.entry.getIn(["data", "Image"]);
      var alt = (this.props.value || "").trim();
      if (image && !alt) {
        return customError(this.props, "Describe the image for people who cannot see it " +
          "(Image description is required when there is an image).");
      }
      return true;
    },
    render: function () { return h(string.control, this.props); },
  }), string.preview);

  /* ---- Preview: the article page's header, crisis box and text ---------- */
  CMS.registerPreviewStyle(document.body.getAttribute("data-preview-style"));
  CMS.registerPreviewStyle("editor.css");
  function crisisBox(lang) {
    return document.getElementById("editor-crisis-box-" + lang).innerHTML;
  }

  function longDate(text, lang) {
    var match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text || "");
    if (!match) return text || "";
    var date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    return date.toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" });
  }

  // The theme's words in the article's language: "By %(writer)s" -> "Por Maya Okafor".
  function say(words, key, values) {
    return words[key].replace(/%\((\w+)\)s/g, function (all, name) { return values[name]; });
  }

  function person(name) {
    var credential = site.credentials[name];
    return credential ? name + ", " + credential : name;
  }

  function isSensitive(data) {
    if (data.Sensitive === true || /^(yes|true)$/i.test(String(data.Sensitive || ""))) return true;
    return (data.Tags || []).some(function (tag) {
      return site.sensitiveTags.some(function (word) {
        return String(tag).toLowerCase().indexOf(word) >= 0;
      });
    });
  }

  // The catalog's "<strong>DRAFT</strong>: …" in the entry's language, as elements.
  function draftBanner(text) {
    var parts = /^<strong>(.*?)<\/strong>(.*)$/.exec(text) || [text, "", text];
    return h("p", { className: "draft-banner", role: "note" }, h("strong", {}, parts[1]), parts[2]);
  }

  var ArticlePreview = createClass({
    render: function () {
      var data = this.props.entry.get("data").toJS();
      var modified = data.Modified && data.Modified.slice(0, 10) > String(data.Date).slice(0, 10);
      var lang = site.languages[data.Lang] ? data.Lang : site.defaultLang;
      var words = site.languages[lang].words;
      return h("article", { className: "post wrap", lang: lang },
        h("p", { className: "post-language", lang: site.defaultLang },
          "Language: " + site.languages[lang].name),
        data.Status === "draft" ? draftBanner(words.draftArticle) : null,
        h("header", { className: "post-header" },
          h("p", { className: "post-category" }, data.Category || ""),
          h("h1", {}, data.Title || ""),
          h("p", { className: "byline" }, say(words, "by", { writer: person(data.Author || "") }),
            data.Translator ? " · " + say(words, "translatedBy", { name: data.Translator }) : null),
          h("p", { className: "post-meta" },
            h("time", {}, longDate(data.Date, lang)),
            modified ? h("span", { className: "updated" }, " · " + words.updated + " ",
              h("time", {}, longDate(data.Modified, lang))) : null),
          data.Reviewed_by && data.Last_reviewed ? h("p", { className: "review-line" },
            say(words, "reviewed", { reviewer: person(data.Reviewed_by),
              day: longDate(data.Last_reviewed, lang) })) : null),
        isSensitive(data) ? h("div", { dangerouslySetInnerHTML: { __html: crisisBox(lang) } })
          : null,
        h("div", { className: "post-body" }, this.props.widgetFor("body")));
    },
  });
  // A page: its title and text, in its language.
  var PagePreview = createClass({
    render: function () {
      var data = this.props.entry.get("data").toJS();
      var lang = site.languages[data.Lang] ? data.Lang : site.defaultLang;
      return h("article", { className: "page wrap", lang: lang },
        h("p", { className: "post-language", lang: site.defaultLang },
          "Language: " + site.languages[lang].name),
        data.Status === "draft" ? draftBanner(site.languages[lang].words.draftPage) : null,
        h("h1", {}, data.Title || ""),
        h("div", { className: "post-body" }, this.props.widgetFor("body")));
    },
  });
  Object.keys(site.collections).forEach(function (name) {
    var kind = site.collections[name].kind;
    CMS.registerPreviewTemplate(name, kind === "pages" ? PagePreview : ArticlePreview);
  });
})();
