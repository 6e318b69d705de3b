/** The frame of every hosted page: no script, one same-origin stylesheet, a skip link, a main landmark. */
export const LAYOUT = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title><%= it.title %> · Ordo</title>
<link rel="stylesheet" href="/hosted/assets/hosted.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="bar"><span class="brand">Ordo</span><% if (it.testMode) { %> <span class="badge">Test mode</span><% } %></header>
<main id="main" tabindex="-1">
<%~ it.body %>
</main>
<footer class="foot"><p>Payments processed securely. Card details go to the card processor only.</p></footer>
</body>
</html>`;
