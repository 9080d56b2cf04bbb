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
