/* wagtail-localize's translation editor sets window.chooserUrls in an inline
 * script, which the admin's CSP refuses; Retour's copy of its template puts the
 * URLs in data attributes of #retour-chooser-urls and this file sets them. */
(function () {
  "use strict";
  var el = document.getElementById("retour-chooser-urls");
  if (el && typeof window.chooserUrls === "undefined") {
    window.chooserUrls = {
      imageChooser: el.getAttribute("data-image-chooser"),
      documentChooser: el.getAttribute("data-document-chooser"),
      pageChooser: el.getAttribute("data-page-chooser"),
    };
  }
})();
