// Dark mode toggle. This file loads in <head>, so the saved choice is applied
// before the first paint (no flash of the wrong theme). Without JavaScript the
// page follows prefers-color-scheme and the toggle stays hidden.
(function () {
  var root = document.documentElement;
  var key = "theme";
  var systemDark = matchMedia("(prefers-color-scheme: dark)");

  function apply(choice) {
    if (choice === "dark" || choice === "light") root.setAttribute("data-theme", choice);
    else root.removeAttribute("data-theme");
  }
  function current() {
    return root.getAttribute("data-theme") || (systemDark.matches ? "dark" : "light");
  }
  try { apply(localStorage.getItem(key)); } catch (e) { /* storage blocked: follow the system */ }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".theme-toggle");
    if (!button) return;
    function show() { button.setAttribute("aria-pressed", String(current() === "dark")); }
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      apply(next);
      try { localStorage.setItem(key, next); } catch (e) { /* kept for this page only */ }
      show();
    });
    // Another tab changed the choice, or the system setting changed.
    addEventListener("storage", function (event) {
      if (event.key === key) { apply(event.newValue); show(); }
    });
    if (systemDark.addEventListener) systemDark.addEventListener("change", show);
    show();
    button.hidden = false;
  });
})();
