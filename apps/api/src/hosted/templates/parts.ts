/** Pieces several pages share: the order summary table and the card form. */
export const SUMMARY = `<section aria-labelledby="summary-title" class="card">
<h2 id="summary-title">Order summary</h2>
<table class="lines">
<caption class="sr-only">Items, quantities and amounts</caption>
<thead><tr><th scope="col">Item</th><th scope="col" class="num">Qty</th><th scope="col" class="num">Amount</th></tr></thead>
<tbody>
<% it.summary.lines.forEach(function (line) { %><tr><td><%= line.name %></td><td class="num"><%= line.quantity %></td><td class="num"><%= line.total %></td></tr>
<% }) %></tbody>
</table>
<dl class="totals">
<dt>Subtotal</dt><dd><%= it.summary.subtotal %></dd>
<% if (it.summary.discount) { %><dt>Discounts</dt><dd>−<%= it.summary.discount %></dd><% } %>
<% if (it.summary.tax) { %><dt>Tax</dt><dd><%= it.summary.tax %></dd><% } %>
<% if (it.summary.tip) { %><dt>Tip</dt><dd><%= it.summary.tip %></dd><% } %>
<dt class="total">Total</dt><dd class="total"><%= it.summary.total %></dd>
<% if (it.summary.paid) { %><dt>Already paid</dt><dd>−<%= it.summary.paid %></dd><% } %>
<dt class="due">Amount due now</dt><dd class="due" data-testid="amount-due"><%= it.summary.due %></dd>
</dl>
</section>`;

export const CARD_FORM = `<form method="post" action="<%= it.action %>" class="card pay" novalidate>
<h2 id="pay-title">Pay by card</h2>
<% if (it.error) { %><div class="error" role="alert" id="form-error"><p><%= it.error %></p></div><% } %>
<input type="hidden" name="csrf" value="<%= it.csrf %>">
<input type="hidden" name="expected_amount" value="<%= it.expectedAmount %>">
<div class="field">
<label for="card-number">Card number</label>
<input id="card-number" name="card_number" inputmode="numeric" autocomplete="cc-number" required aria-describedby="card-number-hint<% if (it.error) { %> form-error<% } %>"<% if (it.error) { %> aria-invalid="true"<% } %>>
<p class="hint" id="card-number-hint">12 to 19 digits; spaces are fine.</p>
</div>
<div class="row">
<div class="field">
<label for="exp-month">Expiry month</label>
<input id="exp-month" name="exp_month" inputmode="numeric" autocomplete="cc-exp-month" placeholder="MM" required maxlength="2">
</div>
<div class="field">
<label for="exp-year">Expiry year</label>
<input id="exp-year" name="exp_year" inputmode="numeric" autocomplete="cc-exp-year" placeholder="YYYY" required maxlength="4">
</div>
<div class="field">
<label for="cvc">Security code (CVC)</label>
<input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" required maxlength="4">
</div>
</div>
<% if (it.allowSave) { %><div class="check"><input type="checkbox" id="save-card" name="save_card" value="yes"><label for="save-card">Save my card for future payments</label></div><% } %>
<button type="submit" class="primary">Pay <%= it.payLabel %></button>
</form>`;
