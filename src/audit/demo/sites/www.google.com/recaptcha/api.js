/* Stand-in for a CAPTCHA loader: it loads the CAPTCHA itself from a second host. */
(function () {
  var s = document.createElement('script');
  s.async = true;
  s.src = 'https://www.gstatic.com/recaptcha/releases/demo/recaptcha__en.js';
  document.head.appendChild(s);
})();
