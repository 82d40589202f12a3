/* Stand-in for a session-recording script: it loads its recording module from a second host. */
(function () {
  var s = document.createElement('script');
  s.async = true;
  s.src = 'https://script.hotjar.com/modules.demo.js';
  document.head.appendChild(s);
})();
