// The page every browser benchmark loads: a B2B catalogue of 240 product cards with tiered prices
// and a quote form, plain HTML and CSS with no script of its own, so whatever script time the
// page shows belongs to the tool under test. The form sits in a sticky sidebar so the scripted
// interaction can reach it and the first cards without scrolling.

const NOUNS = ['Copy paper A4', 'Hex bolt M8', 'Nitrile gloves', 'Shipping carton', 'Cable ties', 'Safety goggles', 'Toner cartridge', 'Pallet wrap'];

function card(i) {
  const base = 4 + ((i * 37) % 90) + (i % 7) / 10;
  const tiers = [
    ['1–9', base, '—'],
    ['10–49', base * 0.9, '10%'],
    ['50+', base * 0.8, '20%'],
  ];
  const sku = `NW-${String(1000 + i)}`;
  return `<article class="card" id="p${i}" data-sku="${sku}">
  <h3>${NOUNS[i % NOUNS.length]} #${i + 1}</h3>
  <p class="sku">SKU ${sku} · in stock</p>
  <table class="tiers"><thead><tr><th>Qty</th><th>Unit</th><th>Save</th></tr></thead><tbody>
    ${tiers.map(([qty, price, save]) => `<tr><td>${qty}</td><td>$${price.toFixed(2)}</td><td>${save}</td></tr>`).join('')}
  </tbody></table>
  <button type="button" class="add">Add to quote</button>
</article>`;
}

const CARDS = Array.from({ length: 240 }, (_, i) => card(i)).join('\n');

const CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #1d2433; background: #f5f6f8; }
header { background: #1d2433; color: #fff; padding: 12px 24px; font-weight: 600; }
.layout { display: grid; grid-template-columns: 300px 1fr; gap: 20px; padding: 20px; }
aside { position: sticky; top: 20px; align-self: start; background: #fff; border-radius: 8px; padding: 16px; }
aside label { display: block; margin-top: 10px; font-weight: 600; }
aside input, aside textarea { width: 100%; padding: 6px 8px; border: 1px solid #c4c9d4; border-radius: 4px; font: inherit; }
#request-quote { margin-top: 14px; width: 100%; padding: 10px; background: #2446c7; color: #fff; border: 0; border-radius: 6px; font: inherit; font-weight: 600; }
.grid { display: grid; grid-template-columns: repeat(4, 1fr); gap: 14px; }
.card { background: #fff; border-radius: 8px; padding: 12px; }
.card h3 { margin: 0 0 4px; font-size: 15px; }
.sku { margin: 0 0 8px; color: #5a6275; font-size: 12px; }
.tiers { width: 100%; border-collapse: collapse; font-size: 12px; }
.tiers td, .tiers th { padding: 2px 4px; border-bottom: 1px solid #eceef2; text-align: left; }
.add { margin-top: 8px; width: 100%; padding: 6px; border: 1px solid #2446c7; background: #fff; color: #2446c7; border-radius: 4px; font: inherit; }
`;

/** The catalogue page with `head` (the tool's script tag and setup, or nothing) in its <head>. */
export function cataloguePage(head = '') {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Catalogue · Northwind Supply</title>
<style>${CSS}</style>
${head}
</head>
<body>
<header>Northwind Supply · Catalogue</header>
<div class="layout">
  <aside>
    <form id="quote-form" action="#">
      <h2>Request a quote</h2>
      <label for="company">Company</label><input id="company" name="company" autocomplete="organization">
      <label for="email">Work email</label><input id="email" name="email" type="email">
      <label for="quantity">Quantity</label><input id="quantity" name="quantity" inputmode="numeric">
      <label for="notes">Notes</label><textarea id="notes" name="notes" rows="3"></textarea>
      <button type="button" id="request-quote">Request quote</button>
    </form>
  </aside>
  <main class="grid">
${CARDS}
  </main>
</div>
</body>
</html>`;
}
