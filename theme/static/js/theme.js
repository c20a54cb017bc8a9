// Dark mode toggle and the phone menu. This file loads in <head>, so the saved choice
// is applied before the first paint (no flash of the wrong theme). Without JavaScript
// the page follows prefers-color-scheme, the toggle stays hidden and the navigation is
// a plain list.
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
  root.classList.add("js");

  // A printed page says where it came from and when (CSS shows .print-source in print
  // only), and the article's links print as full addresses, even in a relative build.
  function stamp() {
    var url = document.querySelector(".print-url");
    var date = document.querySelector(".print-date");
    if (url) url.textContent = new URL(url.textContent, location.href).href;
    // The words come from the page (its language's catalog), the date from the browser.
    if (date) date.textContent = " · " + date.getAttribute("data-label") + " " + new Date().toLocaleDateString(root.lang, { dateStyle: "long" });
    document.querySelectorAll(".post-body a[href]:not([href^='#'])").forEach(function (a) { a.href = a.href; });
  }
  addEventListener("beforeprint", stamp);

  document.addEventListener("DOMContentLoaded", function () {
    stamp();
    var button = document.querySelector(".theme-toggle");
    var menu = document.querySelector(".menu-toggle");
    if (menu) {
      // The menu button shows on narrow screens only (CSS); it opens the list it controls.
      menu.hidden = false;
      menu.addEventListener("click", function () {
        menu.setAttribute("aria-expanded", String(menu.getAttribute("aria-expanded") !== "true"));
      });
    }
    if (!button) return;
    var label = button.querySelector(".toggle-label");
    // Named after the mode it switches to, which also tells the mode the page is in.
    // No aria-pressed: "Light mode, pressed" would say the opposite of the truth.
    function show() {
      // Both names are in the page's language (data-label-*, from the templates).
      label.textContent = button.getAttribute(current() === "dark" ? "data-label-light" : "data-label-dark");
    }
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
