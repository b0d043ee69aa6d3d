/* Northwind Supply demo storefront: small progressive enhancements. No inline JS, CSP-friendly. */
(function () {
  'use strict';
  var byId = function (id) { return document.getElementById(id); };
  var money = function (n) { return '$' + n.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ','); };

  // Product page: show the unit price for the entered quantity, using the tier table.
  var qty = byId('quantity');
  var preview = byId('price-preview');
  if (qty && preview) {
    var tiers = document.querySelectorAll('#bulk-pricing tr[data-min]');
    var updatePrice = function () {
      var n = parseInt(qty.value, 10) || 0;
      var min = parseInt(qty.min, 10) || 1;
      var price = null;
      Array.prototype.forEach.call(tiers, function (row) {
        if (n >= Number(row.getAttribute('data-min'))) price = Number(row.getAttribute('data-price'));
      });
      preview.textContent = n < min || price === null
        ? 'Minimum order is ' + min + ' boxes.'
        : n + ' × ' + money(price) + ' = ' + money(n * price);
    };
    qty.addEventListener('input', updatePrice);
    updatePrice();
  }

  // Checkout: enable "Place order" once every required field has a value.
  var checkout = byId('checkout-form');
  var placeOrder = byId('place-order');
  if (checkout && placeOrder) {
    var required = checkout.querySelectorAll('[required]');
    var updateButton = function () {
      placeOrder.disabled = !Array.prototype.every.call(required, function (field) {
        return field.value.trim() !== '';
      });
    };
    checkout.addEventListener('input', updateButton);
    checkout.addEventListener('change', updateButton);
    checkout.addEventListener('submit', function (event) {
      event.preventDefault();
      if (placeOrder.disabled) return;
      byId('checkout-status').textContent = 'Order placed (demo): PO ' + byId('po-number').value.trim() +
        ', ' + byId('payment-terms').selectedOptions[0].text + '. A confirmation email is on its way.';
      placeOrder.disabled = true;
    });
    updateButton();
  }

  // Account: "Reorder" buttons report what they did.
  var orderHistory = byId('order-history');
  if (orderHistory) {
    orderHistory.addEventListener('click', function (event) {
      var button = event.target.closest('button[data-order]');
      if (!button) return;
      byId('reorder-status').textContent = 'Items from order #' + button.getAttribute('data-order') + ' were added to your cart.';
    });
  }

  // Quote sent: echo the company name from the submitted form (as text, never HTML).
  var quoteCompany = byId('quote-company');
  var company = new URLSearchParams(location.search).get('company');
  if (quoteCompany && company && company.trim()) quoteCompany.textContent = company.trim();

  // Order tracker: a tiny client-side router using history.pushState (#/orders and #/orders/<id>).
  var tracker = byId('tracker');
  if (!tracker) return;
  var ORDERS = {
    1004: { status: 'Processing', po: 'PO-88190', carrier: 'Awaiting dispatch', eta: '14 Nov 2025', items: ['NW-PAP-0480 Copy paper A4 × 40', 'NW-GLV-1100 Nitrile gloves × 30', 'NW-TAP-4866 Packing tape × 4', 'NW-VIS-0200 Hi-vis vest × 25'] },
    1003: { status: 'Shipped', po: 'PO-88102', carrier: 'FastFreight, tracking FF-3310-2291', eta: '31 Oct 2025', items: ['NW-BOX-3030 Shipping boxes × 10', 'NW-CBL-0300 Cable ties × 4'] },
    1002: { status: 'Delivered', po: 'PO-87955', carrier: 'Northwind fleet', eta: 'Delivered 4 Oct 2025', items: ['NW-PAP-0480 Copy paper A4 × 60', 'NW-PEN-0050 Ballpoint pens × 12', 'NW-FIL-0710 Lever arch files × 10', 'NW-CLN-0024 Microfibre cloths × 6', 'NW-LED-0440 LED shop light × 8'] },
    1001: { status: 'Delivered', po: 'PO-87810', carrier: 'Northwind fleet', eta: 'Delivered 17 Sep 2025', items: ['NW-SAF-0310 Safety glasses × 50', 'NW-GLV-1100 Nitrile gloves × 20', 'NW-STA-0210 Heavy-duty stapler × 2'] }
  };
  var listView = byId('view-orders');
  var detailView = byId('view-order');

  function currentOrder() {
    var match = /^#\/orders\/(\d+)$/.exec(location.hash);
    return match && ORDERS[match[1]] ? match[1] : null;
  }

  function render(moveFocus) {
    var id = currentOrder();
    var order = id && ORDERS[id];
    listView.hidden = Boolean(order);
    detailView.hidden = !order;
    tracker.setAttribute('data-route', order ? '#/orders/' + id : '#/orders');
    document.title = (order ? 'Order #' + id : 'Order tracker') + ' · Northwind Supply';
    if (order) {
      var values = { id: id, status: order.status, po: order.po, carrier: order.carrier, eta: order.eta };
      Array.prototype.forEach.call(detailView.querySelectorAll('[data-field]'), function (el) {
        el.textContent = values[el.getAttribute('data-field')];
      });
      var list = byId('order-items');
      list.textContent = '';
      order.items.forEach(function (item) {
        var li = document.createElement('li');
        li.textContent = item;
        list.appendChild(li);
      });
    }
    if (moveFocus) byId(order ? 'order-title' : 'orders-title').focus();
  }

  tracker.addEventListener('click', function (event) {
    var link = event.target.closest('a[data-route]');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    var route = link.getAttribute('href');
    if (route !== location.hash) history.pushState({ route: route }, '', route);
    render(true);
  });
  window.addEventListener('popstate', function () { render(false); });
  window.addEventListener('hashchange', function () { render(false); });

  if (!currentOrder() && location.hash !== '#/orders') history.replaceState({ route: '#/orders' }, '', '#/orders');
  render(false);
})();
