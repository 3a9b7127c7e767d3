// "Use my location" for the service-point finder: optional, first-party, no
// third-party map or geocoder. The position is rounded to about 1 km and put in
// the form's own "near" box, so it goes only to this site and only on submit.
(function () {
  "use strict";
  var form = document.getElementById("sp-form");
  var input = document.getElementById("sp-near");
  if (!form || !input || !("geolocation" in navigator)) {
    return;
  }
  var button = document.createElement("button");
  button.type = "button";
  button.className = "locate";
  button.textContent = form.getAttribute("data-locate-label");
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  status.className = "note";
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(
      function (pos) {
        input.value = pos.coords.latitude.toFixed(2) + "," + pos.coords.longitude.toFixed(2);
        form.submit();
      },
      function () {
        status.textContent = form.getAttribute("data-locate-error");
      },
      { maximumAge: 600000, timeout: 10000 }
    );
  });
  input.parentNode.insertAdjacentElement("afterend", button);
  button.insertAdjacentElement("afterend", status);
})();
