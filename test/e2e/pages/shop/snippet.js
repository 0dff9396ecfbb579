// The shop's one snippet, as every page of a multi-page storefront includes it (CONTRACT §3).
// ?db= names the profile database so tests do not share one (kept for the tab's later pages);
// ?automation= passes that option.
{
  window.tastebud = window.tastebud || [];
  const query = new URLSearchParams(location.search);
  const db = query.get('db') || sessionStorage.getItem('tb-db') || 'shop';
  sessionStorage.setItem('tb-db', db);
  tastebud.push(['init', { consent: 'granted', storageName: db, automation: query.get('automation') || undefined }]);
}
