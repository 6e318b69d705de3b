import { CARD_FORM, SUMMARY } from './parts.js';

/* Each page's body; the layout wraps it. Values are escaped by <%= %>; <%~ %> only for trusted markup. */

export const CHECKOUT = `<h1>Pay <%= it.merchant %></h1>
${SUMMARY}
<p class="expires">This checkout expires <time datetime="<%= it.expiresAt %>"><%= it.expiresAtText %></time>.</p>
${CARD_FORM}
<p class="cancel"><a href="<%= it.cancelUrl %>">Cancel and return to the shop</a></p>`;

export const INVOICE = `<h1>Invoice <%= it.number %></h1>
<section class="card" aria-labelledby="details-title">
<h2 id="details-title">Details</h2>
<dl class="facts">
<dt>Billed to</dt><dd><%= it.billedTo %></dd>
<dt>Issued</dt><dd><%= it.issuedAt %></dd>
<dt>Due</dt><dd><%= it.dueAt %><% if (it.overdue) { %> <strong class="late">(overdue)</strong><% } %></dd>
<dt>Status</dt><dd data-testid="invoice-status"><%= it.status %></dd>
</dl>
<% if (it.memo) { %><p class="memo"><%= it.memo %></p><% } %>
</section>
${SUMMARY}
<% if (it.received.length > 0) { %><section class="card" aria-labelledby="received-title">
<h2 id="received-title">Payments received</h2>
<ul class="received">
<% it.received.forEach(function (r) { %><li><%= r.amount %> by <%= r.method %> on <%= r.date %><% if (r.reference) { %> (reference <%= r.reference %>)<% } %></li>
<% }) %></ul>
</section><% } %>
<% if (it.payable) { %>${CARD_FORM}<% } else { %><p class="notice" role="status"><%= it.notPayable %></p><% } %>`;

export const CHALLENGE = `<h1>Confirm it is you</h1>
<section class="card" aria-labelledby="challenge-title">
<h2 id="challenge-title">3-D Secure check (sandbox)</h2>
<p>Your bank asks you to confirm the payment of <strong><%= it.amount %></strong> to <%= it.merchant %> with the card ending <%= it.last4 %>.</p>
<p class="hint">In the sandbox you choose the answer your bank would give.</p>
<div class="actions">
<form method="post" action="<%= it.action %>"><input type="hidden" name="csrf" value="<%= it.csrf %>"><input type="hidden" name="result" value="approve"><button type="submit" class="primary">Complete authentication</button></form>
<form method="post" action="<%= it.action %>"><input type="hidden" name="csrf" value="<%= it.csrf %>"><input type="hidden" name="result" value="fail"><button type="submit" class="secondary">Fail authentication</button></form>
</div>
</section>`;

export const LINK = `<h1><%= it.title %></h1>
<form method="post" action="<%= it.action %>" class="card">
<input type="hidden" name="csrf" value="<%= it.csrf %>">
<% if (it.error) { %><div class="error" role="alert"><p><%= it.error %></p></div><% } %>
<table class="lines">
<caption class="sr-only">What you are buying</caption>
<thead><tr><th scope="col">Item</th><th scope="col" class="num">Price</th><th scope="col" class="num">Qty</th></tr></thead>
<tbody>
<% it.lines.forEach(function (line, i) { %><tr><td><%= line.name %></td><td class="num"><%= line.price %></td><td class="num"><% if (line.adjustable) { %><label class="sr-only" for="qty-<%= i %>">Quantity of <%= line.name %></label><input id="qty-<%= i %>" name="quantity_<%= i %>" type="number" min="<%= line.min %>" max="<%= line.max %>" value="<%= line.quantity %>" class="qty"><% } else { %><%= line.quantity %><% } %></td></tr>
<% }) %></tbody>
</table>
<button type="submit" class="primary">Continue to payment</button>
</form>`;

/** Success, canceled, expired, closed, paid, not found: a heading, a message, maybe a link. */
export const MESSAGE = `<section class="card message <%= it.tone %>" aria-labelledby="message-title">
<h1 id="message-title"><%= it.heading %></h1>
<p data-testid="message"><%= it.message %></p>
<% if (it.link) { %><p><a class="button" href="<%= it.link.href %>"><%= it.link.text %></a></p><% } %>
</section>`;
