/*
 * Live search helpers (the live requests themselves are htmx attributes on #search-q):
 * - arrow keys move focus from the search box through the results and back,
 *   Enter opens the focused result (it is a link), Escape returns to the box;
 * - Enter or the Search button runs the live search instead of a full page load,
 *   so the preview player keeps playing;
 * - typing on the search page keeps the result type (tab) the shopper chose;
 * - opening a page (a boosted link or form: it swaps #page) ends a live search still
 *   on its way, whose answer would otherwise land on the new page and push the
 *   search's URL back over it.
 */
(function () {
  "use strict";

  var RESULTS = "#search-results [data-primary]";

  function input() { return document.getElementById("search-q"); }
  function results() { return Array.prototype.slice.call(document.querySelectorAll(RESULTS)); }

  function focusResult(items, index) {
    if (index < 0) { input().focus(); return; }
    var item = items[Math.min(index, items.length - 1)];
    if (item) { item.focus(); item.scrollIntoView({ block: "nearest" }); }
  }

  function onKeydown(event) {
    var box = input();
    if (!box || event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.target === box) {
      if (event.key === "ArrowDown" && results().length) { event.preventDefault(); focusResult(results(), 0); }
      return;
    }
    if (!event.target.matches || !event.target.matches(RESULTS)) { return; }
    var items = results();
    var index = items.indexOf(event.target);
    var moves = { ArrowDown: index + 1, ArrowRight: index + 1, ArrowUp: index - 1, ArrowLeft: index - 1, Home: 0, End: items.length - 1 };
    if (event.key in moves) { event.preventDefault(); focusResult(items, moves[event.key]); }
    else if (event.key === "Escape") { event.preventDefault(); box.focus(); }
  }

  function onSubmit(event) {
    var form = event.target;
    if (!form.matches("[data-live-search]") || !window.htmx) { return; }
    event.preventDefault();
    window.htmx.trigger(input(), "search");
  }

  function onConfigRequest(event) {
    if (event.detail.elt !== input() || location.pathname !== event.detail.path) { return; }
    var type = new URLSearchParams(location.search).get("type");
    if (type) { event.detail.parameters.type = type; }
  }

  function onBeforeRequest(event) {
    var box = input();
    var target = event.detail.target;
    if (!box || !window.htmx || event.detail.elt === box || !target || target.id !== "page") { return; }
    window.htmx.trigger(box, "htmx:abort");
  }

  document.addEventListener("keydown", onKeydown);
  document.addEventListener("htmx:beforeRequest", onBeforeRequest);
  document.addEventListener("submit", onSubmit);
  document.addEventListener("htmx:configRequest", onConfigRequest);
})();
