/*
 * Accessibility of boosted navigation: htmx swaps #page without a page load, so
 * tell assistive technology where the shopper is now (htmx itself updates
 * document.title from the new page's <title>).
 */
(function () {
  "use strict";

  function focusQuietly(element) {
    if (!element) { return; }
    if (!element.hasAttribute("tabindex")) { element.setAttribute("tabindex", "-1"); }
    element.focus({ preventScroll: true });
  }

  // A new page: focus its heading, as a screen reader expects after following a link.
  // New search results (tab or page): focus the count of what was found.
  document.addEventListener("htmx:afterSettle", function (event) {
    var settled = event.target;
    if (settled.id === "page") {
      focusQuietly(document.querySelector("#main h1") || document.getElementById("main"));
    } else if (settled.id === "search-results") {
      focusQuietly(settled.querySelector(".results-count") || settled);
    }
  });

  // A response that is not a shop page (no #page to select) is shown as a normal page load.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (detail.target && detail.target.id === "page" && detail.serverResponse.indexOf('id="page"') === -1) {
      detail.shouldSwap = false;
      window.location.assign(detail.xhr.responseURL || detail.pathInfo.finalRequestPath);
    }
  });

  // Live search changes the URL without re-rendering forms: keep their `next` current.
  function updateNextFields() {
    var here = location.pathname + location.search;
    document.querySelectorAll("input[data-current-path]").forEach(function (field) { field.value = here; });
  }
  document.addEventListener("htmx:pushedIntoHistory", updateNextFields);
  document.addEventListener("htmx:replacedInHistory", updateNextFields);
})();
