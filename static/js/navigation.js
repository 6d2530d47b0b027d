/*
 * Boosted navigation: htmx swaps #page without a page load, so tell assistive
 * technology where the shopper is now (htmx itself updates document.title from the
 * new page's <title>), and keep a failed form and what was typed in it.
 */
(function () {
  "use strict";

  // Words in the page's language: the catalogue at /<language>/jsi18n/ (base.html loads
  // it first) defines gettext and interpolate; without it, the English source.
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (format, values) {
    var rest = values.slice();
    return format.replace(/%s/g, function () { return String(rest.shift()); });
  };

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

  // A boosted form sent with POST (buy now, sign in, link an account...) that failed:
  // never load its URL again with GET (that only answers 405), and never swap the form
  // away. The page stays as the shopper left it, with what they typed, and says what
  // went wrong, in the shop's words when the answer was the shop's error page.
  function isBoostedWrite(detail) {
    return detail.boosted && detail.requestConfig && detail.requestConfig.verb !== "get";
  }

  function errorText(html, status) {
    var doc = new DOMParser().parseFromString(html || "", "text/html");
    var heading = doc.querySelector(".message-page h1");
    var lede = doc.querySelector(".message-page .lede");
    var said = heading ? heading.textContent.trim() + "." : interpolate(gettext("Sorry, that did not work (error %s)."), [status]);
    if (lede) { said += " " + lede.textContent.trim(); }
    return said;
  }

  function showFailure(text) {
    var main = document.getElementById("main");
    if (!main) { return; }
    var box = document.getElementById("request-failed");
    if (!box) {
      box = document.createElement("div");
      box.id = "request-failed";
      box.className = "messages";
      box.setAttribute("role", "alert");
      main.parentNode.insertBefore(box, main);
    }
    var message = document.createElement("p");
    message.className = "message message--error";
    message.textContent = text + " What you entered is still here: you can try again.";
    box.replaceChildren(message);
    box.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (!detail.target || detail.target.id !== "page") { return; }
    var status = detail.xhr.status;
    var shopPage = detail.serverResponse.indexOf('id="page"') !== -1;
    if (isBoostedWrite(detail) && (status >= 500 || !shopPage)) {
      detail.shouldSwap = false;
      showFailure(errorText(detail.serverResponse, status));
    } else if (!shopPage) {
      // A GET answered with something that is not a shop page: show it as a page load.
      detail.shouldSwap = false;
      window.location.assign(detail.xhr.responseURL || detail.pathInfo.finalRequestPath);
    }
  });

  // No answer at all (the connection dropped): say so; the page is as it was.
  document.addEventListener("htmx:sendError", function (event) {
    if (event.detail.boosted) {
      showFailure(gettext("The shop could not be reached. Please check your connection."));
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
