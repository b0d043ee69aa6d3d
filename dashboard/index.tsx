import { render } from 'preact';
import { DashboardApi } from './api';
import { App } from './app';
import { DASHBOARD_CSS } from './styles';

/**
 * Entry of dist/waymark-dashboard.js, loaded by the HTML shell GET /dashboard answers. Styles are
 * adopted as a constructable stylesheet, so the page's strict CSP needs no 'unsafe-inline'.
 */
const sheet = new CSSStyleSheet();
sheet.replaceSync(DASHBOARD_CSS);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const root = document.getElementById('waymark-dashboard');
if (root) {
  root.textContent = '';
  render(<App api={new DashboardApi()} />, root);
}
