/* kbgen: "Tell me when this changes". Only on sites whose owner turned it on (notify: true).
   The address is checked before help.js sends the form: a malformed one gets a message in the
   site's language next to the field (the browser's own bubble disappears and speaks the
   browser's language), and nothing is sent. The listener runs in the capture phase, so it
   comes before help.js's sending handler, which it stops. */
(function () {
  "use strict";
  var HOST_PART = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  var EMAIL = new RegExp("^[^\\s@<>()\\[\\]\\\\,;:\"]{1,64}@" + HOST_PART + "(?:\\." + HOST_PART + ")+$");

  document.querySelectorAll("form[data-kb-notify]").forEach(function (form) {
    var input = form.querySelector("input[type=email]");
    var error = form.querySelector("[data-kb-notify-error]");
    if (!input || !error) return;
    form.noValidate = true;

    function check() {
      var value = input.value.trim();
      var ok = value.length <= 254 && EMAIL.test(value);
      error.hidden = ok;
      if (ok) input.removeAttribute("aria-invalid");
      else input.setAttribute("aria-invalid", "true");
      return ok;
    }

    form.addEventListener("submit", function (event) {
      if (check()) {
        input.value = input.value.trim();
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      input.focus();
    }, true);
    input.addEventListener("input", function () {
      if (!error.hidden) check();
    });
  });
})();
