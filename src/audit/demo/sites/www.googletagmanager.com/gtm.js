/* Stand-in for a tag manager: it loads the analytics collector, which reports the page view. */
(function () {
  var collect = 'https://www.google-analytics.com/g/collect?v=2&tid=G-DEMO&en=page_view';
  if (navigator.sendBeacon) navigator.sendBeacon(collect);
  else new Image().src = collect;
})();
