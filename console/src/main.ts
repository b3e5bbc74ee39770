import { forgetKey, loadConfig, storedKey, whenSignedOut } from './api.js';
import { h, show } from './dom.js';
import { orderView } from './views/order.js';
import { policiesView } from './views/policies.js';
import { queueView } from './views/queue.js';
import { recipientsView } from './views/recipients.js';
import { signInView } from './views/sign-in.js';
import { stockView } from './views/stock.js';

/**
 * The operator console (DESIGN §12): hash routes, so the page is one file wherever it is served
 * and its paths never meet the API's (`#/orders/…` is the console, `/orders/…` the API).
 */
const root = document.getElementById('app') as HTMLElement;

const NAV = [
  ['#/queue', 'Awaiting stock'],
  ['#/fillable', 'Fillable now'],
  ['#/stock', 'Stock'],
  ['#/policies', 'Policies'],
  ['#/recipients', 'Recipients'],
] as const;

const route = (): {
  view: (main: HTMLElement, query: URLSearchParams) => Promise<void> | void;
  title: string;
  nav: string;
} => {
  const [path = '', search = ''] = location.hash.replace(/^#/, '').split('?');
  const query = new URLSearchParams(search);
  const order = /^\/orders\/(.+)$/.exec(path);
  if (order?.[1]) {
    const orderId = decodeURIComponent(order[1]);
    return { view: (main) => orderView(main, orderId), title: `Order ${orderId}`, nav: '' };
  }
  if (path === '/fillable')
    return { view: (main) => queueView(main, query, 'fillable'), title: 'Fillable now', nav: '#/fillable' };
  if (path === '/stock') return { view: (main) => stockView(main, query), title: 'Stock', nav: '#/stock' };
  if (path === '/policies')
    return { view: (main) => policiesView(main), title: 'Policies', nav: '#/policies' };
  if (path === '/recipients')
    return { view: (main) => recipientsView(main), title: 'Notification recipients', nav: '#/recipients' };
  return { view: (main) => queueView(main, query, 'waiting'), title: 'Awaiting stock', nav: '#/queue' };
};

const render = (): void => {
  if (!storedKey()) {
    signIn();
    return;
  }
  const { view, title, nav } = route();
  document.title = `${title} · Backorder console`;
  const main = h('main', { id: 'main', tabindex: '-1' });
  show(
    root,
    h(
      'a',
      {
        class: 'skip',
        href: '#main',
        onclick: (event: Event) => {
          event.preventDefault();
          main.focus();
        },
      },
      'Skip to content',
    ),
    h(
      'header',
      { class: 'top' },
      h('p', { class: 'brand' }, 'Backorder console'),
      h(
        'nav',
        { 'aria-label': 'Views' },
        h(
          'ul',
          null,
          NAV.map(([href, label]) =>
            h('li', null, h('a', { href, 'aria-current': href === nav ? 'page' : undefined }, label)),
          ),
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'quiet sign-out',
          onclick: () => {
            forgetKey();
            signIn('You are signed out.');
          },
        },
        'Sign out',
      ),
    ),
    main,
  );
  void view(main, new URLSearchParams());
};

const signIn = (reason?: string): void => {
  document.title = 'Sign in · Backorder console';
  signInView(root, reason, () => {
    if (!location.hash || location.hash === '#/') location.hash = '#/queue';
    render();
  });
};

whenSignedOut((reason) => signIn(reason));
window.addEventListener('hashchange', render);
await loadConfig();
render();
