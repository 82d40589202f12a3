/* Stand-in for a marketing pixel script: it reports the page view to the pixel endpoint. */
new Image().src = 'https://www.facebook.com/tr?id=DEMO&ev=PageView&noscript=1';
