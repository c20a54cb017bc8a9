/* `invoke livereload` only (LIVE_PREVIEW): when a save breaks the build, the open page
 * keeps showing the last good version, and this lists the problems over it: file:line,
 * what is wrong, how to fix it. sitebuild/devserver.py writes build-report.json at the
 * site's root after a failed build; the next good build replaces the folder without it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var reportUrl = new URL("../../build-report.json", script.src).href;
  var styleUrl = new URL("../css/build-report.css", script.src).href;
  var shown = "";

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text; // author text is never parsed as HTML
    return node;
  }

  function render(problems) {
    var box = element("section", "build-report");
    box.id = "build-report";
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", "build-report-title");
    box.appendChild(element("h2", "", "Your last save was not built"));
    box.firstChild.id = "build-report-title";
    box.appendChild(element("p", "", "This page still shows the last good version. " +
      "Fix the problems below and save again: the page updates by itself."));
    var list = element("ul");
    problems.forEach(function (problem) {
      var item = element("li");
      if (problem.path) {
        var where = problem.path + (problem.line ? ":" + problem.line : "");
        item.appendChild(element("code", "", where));
        item.appendChild(document.createTextNode(" "));
      }
      if (problem.field) item.appendChild(element("strong", "", problem.field + ": "));
      item.appendChild(document.createTextNode(problem.what || ""));
      if (problem.fix) item.appendChild(element("span", "build-report-fix", " — " + problem.fix));
      list.appendChild(item);
    });
    box.appendChild(list);
    var hide = element("button", "", "Hide until the next save");
    hide.type = "button";
    hide.addEventListener("click", function () { box.hidden = true; });
    box.appendChild(hide);
    return box;
  }

  function show(text) {
    if (text === shown) return;
    shown = text;
    var old = document.getElementById("build-report");
    if (old) old.remove();
    if (!text) return;
    var problems;
    try { problems = JSON.parse(text); } catch (error) { return; }
    if (!document.querySelector('link[href="' + styleUrl + '"]')) {
      var style = element("link");
      style.rel = "stylesheet";
      style.href = styleUrl;
      document.head.appendChild(style);
    }
    document.body.prepend(render(problems));
  }

  function poll() {
    fetch(reportUrl, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .catch(function () { return ""; })
      .then(function (text) { show(text); setTimeout(poll, 1000); });
  }
  poll();
})();
