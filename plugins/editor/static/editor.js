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
      if (!isNew && site.implicit[name] === value) return;
      var always = isNew && site.alwaysWritten.indexOf(name) >= 0;
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
      var options = this.props.field.get("options").toJS();
      if (value && options.indexOf(value) < 0) {
        var where = this.props.field.get("name") === "Category" ? "the site's topics"
          : this.props.field.get("name") === "Status" ? "draft, published, hidden"
          : site.authorsFile;
        return customError(this.props, "“" + value + "” is not in " + where +
          ": choose one of " + options.join(", ") + ".");
      }
      return true;
    },
    render: function () { return h(select.control, this.props); },
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
  var crisisBox = document.getElementById("editor-crisis-box").innerHTML;

  function longDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text || "");
    if (!match) return text || "";
    var date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    return date.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
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

  CMS.registerPreviewTemplate("articles", createClass({
    render: function () {
      var data = this.props.entry.get("data").toJS();
      var modified = data.Modified && data.Modified.slice(0, 10) > String(data.Date).slice(0, 10);
      return h("article", { className: "post wrap" },
        data.Status === "draft" ? h("p", { className: "draft-banner", role: "note" },
          h("strong", {}, "DRAFT"), ": preview only. This article is not published.") : null,
        h("header", { className: "post-header" },
          h("p", { className: "post-category" }, data.Category || ""),
          h("h1", {}, data.Title || ""),
          h("p", { className: "byline" }, "By " + person(data.Author || "")),
          h("p", { className: "post-meta" },
            h("time", {}, longDate(data.Date)),
            modified ? h("span", { className: "updated" }, " · Updated: ",
              h("time", {}, longDate(data.Modified))) : null),
          data.Reviewed_by && data.Last_reviewed ? h("p", { className: "review-line" },
            "Clinically reviewed by " + person(data.Reviewed_by) + ", on ",
            h("time", {}, longDate(data.Last_reviewed))) : null),
        isSensitive(data) ? h("div", { dangerouslySetInnerHTML: { __html: crisisBox } }) : null,
        h("div", { className: "post-body" }, this.props.widgetFor("body")));
    },
  }));
})();
