// Page behaviours for the widget gallery. External on purpose: the CSP page allows no inline script.
const page = document.body.dataset.page;

if (page === 'shadow') {
  customElements.define(
    'shop-widget',
    class extends HTMLElement {
      constructor() {
        super();
        const root = this.attachShadow({ mode: 'open' });
        const button = document.createElement('button');
        button.className = 'buy';
        button.textContent = 'Add to quote';
        root.append(button);
      }
    },
  );
}

if (page === 'dialog') document.querySelector('dialog').showModal();

if (page === 'late') {
  setTimeout(() => {
    const button = document.createElement('button');
    button.id = 'late-target';
    button.className = 'shop';
    button.textContent = 'Bulk order';
    document.querySelector('main').append(button);
  }, 2000);
}

if (page === 'scroll') document.querySelector('.scroller').scrollTop = 120;
