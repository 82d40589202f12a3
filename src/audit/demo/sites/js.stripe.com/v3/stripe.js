/* Stand-in for a payment script: it puts its card form in a frame served from its own network. */
(function () {
  function mount() {
    var frame = document.createElement('iframe');
    frame.title = 'Payment';
    frame.src = 'https://m.stripe.network/inner.html';
    document.body.appendChild(frame);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
