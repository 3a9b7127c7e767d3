/* Wagtail's date/time widgets end in an inline <script> calling initDateChooser
 * & co., which the admin's CSP (script-src 'self') refuses. Retour's widget
 * templates (retour/content/templates/wagtailadmin/widgets/) leave a <template> marker
 * instead; this file makes the same calls, for the page and for forms added
 * later (modals). The function names are a fixed list, never read from data. */
(function () {
  "use strict";
  var ALLOWED = ["initDateChooser", "initDateTimeChooser", "initTimeChooser"];

  function init(root) {
    var markers = root.querySelectorAll("template[data-retour-chooser]");
    Array.prototype.forEach.call(markers, function (marker) {
      var name = marker.getAttribute("data-retour-chooser");
      if (marker.hasAttribute("data-retour-done") || ALLOWED.indexOf(name) < 0) {
        return;
      }
      if (typeof window[name] !== "function") {
        return; // date-time-chooser.js not on this page (yet)
      }
      marker.setAttribute("data-retour-done", "");
      var config = JSON.parse(marker.getAttribute("data-retour-config") || "{}");
      window[name](marker.getAttribute("data-retour-for"), config);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    init(document);
    new MutationObserver(function () {
      init(document);
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
