/** The one stylesheet of the hosted pages (served same-origin so the CSP needs no 'unsafe-inline'). Colours meet WCAG AA contrast. */
export const HOSTED_CSS = `*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f4f5f7}
.skip{position:absolute;left:-999px;top:0;background:#fff;color:#0b4fb3;padding:.5rem}
.skip:focus{left:.5rem}
.bar{background:#13294b;color:#fff;padding:.75rem 1rem;display:flex;gap:.75rem;align-items:center}
.brand{font-weight:700}
.badge{background:#ffd166;color:#1a1a1a;border-radius:4px;padding:0 .5rem;font-size:.875rem}
main{max-width:40rem;margin:0 auto;padding:1rem}
main:focus{outline:none}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.125rem;margin:0 0 .75rem}
.card{background:#fff;border:1px solid #d0d4db;border-radius:8px;padding:1rem;margin:0 0 1rem}
table.lines{width:100%;border-collapse:collapse}
.lines th,.lines td{text-align:left;padding:.375rem .25rem;border-bottom:1px solid #e3e6ea}
.num{text-align:right!important}
dl.totals,dl.facts{display:grid;grid-template-columns:1fr auto;gap:.25rem 1rem;margin:.75rem 0 0}
dl.facts{grid-template-columns:auto 1fr}
dd{margin:0;text-align:right}
dl.facts dd{text-align:left}
.total,.due{font-weight:700}
.due{font-size:1.125rem}
.field{display:flex;flex-direction:column;margin:0 0 .75rem;flex:1}
.row{display:flex;gap:.75rem;flex-wrap:wrap}
label{font-weight:600;margin:0 0 .25rem}
input{font:inherit;padding:.5rem;border:1px solid #6b7280;border-radius:4px;min-height:2.75rem;color:#1a1a1a;background:#fff}
input.qty{width:5rem}
input:focus,button:focus,a:focus{outline:3px solid #0b4fb3;outline-offset:2px}
.check{display:flex;gap:.5rem;align-items:center;margin:0 0 .75rem}
.check input{min-height:auto;width:1.25rem;height:1.25rem}
.check label{font-weight:400;margin:0}
.hint{color:#4b5563;font-size:.875rem;margin:.25rem 0 0}
button,.button{font:inherit;font-weight:600;border-radius:6px;padding:.625rem 1rem;min-height:2.75rem;cursor:pointer;display:inline-block;text-decoration:none}
.primary,.button{background:#0b4fb3;color:#fff;border:1px solid #0b4fb3;width:100%}
.secondary{background:#fff;color:#0b4fb3;border:1px solid #0b4fb3;width:100%}
.actions{display:grid;gap:.75rem}
.error{background:#fdecec;border:1px solid #b42318;color:#7a1a12;border-radius:6px;padding:.5rem .75rem;margin:0 0 .75rem}
.error p{margin:0}
.late{color:#b42318}
.notice{background:#eef4ff;border:1px solid #0b4fb3;border-radius:6px;padding:.75rem}
.message.good h1{color:#0f6b3a}
.message.bad h1{color:#9b1c13}
a{color:#0b4fb3}
.cancel{text-align:center}
.foot{max-width:40rem;margin:0 auto;padding:0 1rem 2rem;color:#4b5563;font-size:.875rem}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:30rem){main{padding:.5rem}.row{flex-direction:column;gap:0}}`;
