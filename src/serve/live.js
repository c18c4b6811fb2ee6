// pillar serve: reloads the page when the site is rebuilt, keeping its scroll position,
// and shows build errors over the page. Injected by the development server only, never
// into `pillar build` output.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") : "";
  var overlayId = "pillar-errors";
  // Where the page was scrolled to when it reloaded itself (this tab, this page only).
  var scrollKey = "pillar-scroll:" + location.pathname;

  // Back where the reader was: now, and once images have their size.
  function restoreScroll() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(scrollKey) || "null");
      sessionStorage.removeItem(scrollKey);
    } catch (e) {
      return; // No storage (a privacy setting): the page starts at the top.
    }
    if (!saved) return;
    var back = function () { window.scrollTo(saved[0], saved[1]); };
    back();
    window.addEventListener("load", back);
  }

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
    } catch (e) {
      // No storage: reload all the same.
    }
    location.reload();
  }

  function hide() {
    var old = document.getElementById(overlayId);
    if (old) old.remove();
  }

  function el(tag, style, text) {
    var node = document.createElement(tag);
    node.setAttribute("style", style);
    if (text) node.textContent = text;
    return node;
  }

  function show(errors) {
    hide();
    var box = el("div",
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;" +
      "background:rgba(20,20,24,.97);color:#f4f4f5;font:14px/1.5 ui-monospace,monospace;");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    var title = errors.length === 1 ? "1 error" : errors.length + " errors";
    box.appendChild(el("h2", "margin:0 0 1rem;font-size:1.2rem;color:#fca5a5;",
      "The build failed: " + title + ". The last good version of the site is still served."));
    errors.forEach(function (e) {
      box.appendChild(el("h3", "margin:1.5rem 0 .25rem;font-size:1rem;color:#fde68a;",
        (e.location ? e.location + ": " : "") + e.message));
      box.appendChild(el("pre", "margin:0;white-space:pre-wrap;color:#e4e4e7;", e.report));
    });
    var close = el("button",
      "position:absolute;top:1rem;right:1rem;font:inherit;cursor:pointer;", "Close");
    close.addEventListener("click", hide);
    box.appendChild(close);
    document.body.appendChild(box);
  }

  restoreScroll();
  var events = new EventSource("/__pillar/events");
  events.addEventListener("reload", function (e) {
    if (e.data !== build) reload();
    else hide();
  });
  events.addEventListener("errors", function (e) {
    show(JSON.parse(e.data).errors);
  });
})();
