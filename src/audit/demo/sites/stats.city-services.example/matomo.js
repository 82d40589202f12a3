/* Stand-in for self-hosted analytics: the page view goes to the site's own server. */
new Image().src = 'https://stats.city-services.example/matomo.php?idsite=1&rec=1';
