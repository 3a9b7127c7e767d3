/* wagtail-localize's "select all languages" checkbox, from a static file:
 * the admin's CSP refuses the inline script of its template. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var selectAll = document.querySelector('[name="select_all"]');
  var locales = document.querySelectorAll('[name="locales"]');
  if (!selectAll) {
    return;
  }
  selectAll.addEventListener("change", function () {
    Array.prototype.forEach.call(locales, function (box) {
      box.checked = selectAll.checked;
    });
  });
});
