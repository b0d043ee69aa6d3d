/**
 * A buyer's quick-quote page using Waymark from npm: it names the signed-in buyer and their
 * account, records the quote request as a goal, asks for consent before anything is sent, and
 * opens a guide on demand. Collector, site key and guide come from the query string, so one build
 * runs against `npm start`'s demo site and against the end-to-end test's (README.md).
 */
import { init, type Props } from 'waymark';

const params = new URLSearchParams(location.search);
const site = params.get('site');
const collector = params.get('collector') ?? 'http://localhost:8787';
const helpGuide = params.get('guide') ?? 'request-quote-help'; // the guide `npm start` publishes

// The signed-in buyer and their account, as the app's own session knows them.
const buyer: { id: string; traits: Props } = { id: 'buyer-1042', traits: { role: 'buyer', department: 'procurement', canApprove: false } };
const account: { id: string; traits: Props } = { id: 'acme-gmbh', traits: { tier: 'gold', region: 'EU', paymentTerms: 'net-30' } };
// The app remembers the buyer's answer itself, to know whether to show the banner again.
const CONSENT_CHOICE = 'northwind.consent';

const status = byId('status');
if (site) startWaymark(site);
else status.textContent = 'Open this page with ?site=SITE_KEY (see examples/npm-app/README.md).';

function startWaymark(site: string): void {
  // 'required': Waymark stores and sends nothing until the buyer accepts in the banner.
  const waymark = init({ site, collector, consent: 'required' });
  const banner = byId('consent-banner');
  const privacyChoices = byId('privacy-choices');
  const quantity = byId<HTMLInputElement>('quantity');

  function applyConsent(granted: boolean): void {
    localStorage.setItem(CONSENT_CHOICE, granted ? 'granted' : 'denied');
    waymark.consent(granted);
    // Identified only with consent: withdrawing it makes Waymark forget both ids.
    if (granted) {
      waymark.identify(buyer.id, buyer.traits);
      waymark.group(account.id, account.traits);
    }
    banner.hidden = true;
    privacyChoices.hidden = false;
  }

  const choice = localStorage.getItem(CONSENT_CHOICE);
  if (choice) applyConsent(choice === 'granted');
  else banner.hidden = false;

  byId('consent-accept').addEventListener('click', () => applyConsent(true));
  byId('consent-decline').addEventListener('click', () => applyConsent(false));
  privacyChoices.addEventListener('click', () => (banner.hidden = false));

  byId('request-quote').addEventListener('click', () => {
    const boxes = Math.max(1, Math.floor(Number(quantity.value)) || 1);
    waymark.track('quote_requested', { sku: 'NW-4410', boxes });
    status.textContent = `Quote requested for ${boxes} boxes.`;
  });

  byId('show-help').addEventListener('click', () => {
    // false until consent is given and the published guides have loaded, or for an unknown id.
    void waymark.show(helpGuide).then((shown) => {
      status.textContent = shown ? `Showing guide "${helpGuide}".` : `Guide "${helpGuide}" is not available (yet): consent given, guide published?`;
    });
  });
}

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no #${id}`);
  return element as T;
}
