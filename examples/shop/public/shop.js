// The demo shop's own script: nothing is sold, so the buttons only say so.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var status;
  if (form.matches("[data-add-to-basket]")) {
    status = form.querySelector("[data-basket-status]");
    status.textContent = "Added to your basket (this is a demo: nothing is ordered).";
  } else if (form.matches("[data-place-order]")) {
    status = form.querySelector("[data-order-status]");
    status.textContent = "This is a demo shop: no order was placed and nothing was sent.";
  } else {
    return;
  }
  event.preventDefault();
});

// "Open Help" links open the widget's panel through its JS API once the loader has arrived;
// until then (or if the help site is unreachable) they simply lead to the help center.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("[data-open-help]");
  if (!link || !window.kbgen || typeof window.kbgen.open !== "function") return;
  event.preventDefault();
  window.kbgen.open();
});
