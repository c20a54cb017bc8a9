// Search page only: start Pagefind's search UI (loaded just before this file,
// both deferred) and run the query given as ?q=, so the header's search field
// and any link can open results. Pagefind finds its index next to its script,
// so this works on a sub-path (e.g. /blog/) too.
(function () {
  var mount = document.getElementById("search");
  if (!mount || typeof PagefindUI !== "function") return;
  // The field's words in the page's language (the template translates them); Pagefind
  // picks the index of the page's <html lang> and words its own labels in it.
  var placeholder = mount.getAttribute("data-placeholder") || "Search articles";
  var ui = new PagefindUI({
    element: "#search",
    showImages: false,
    showSubResults: true,
    translations: { placeholder: placeholder }
  });
  // Pagefind labels its field only with a title attribute; give it a real name.
  var field = mount.querySelector("input[type=text]");
  if (field) field.setAttribute("aria-label", placeholder);
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
