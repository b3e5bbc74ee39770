import { ApiError, call, storeKey } from '../api.js';
import { field, h, show } from '../dom.js';

/** Sign-in with an API key: checked against the API before it is kept (for this tab only). */
export const signInView = (root: HTMLElement, reason: string | undefined, signedIn: () => void): void => {
  const key = h('input', {
    type: 'password',
    name: 'apiKey',
    autocomplete: 'off',
    required: true,
    spellcheck: 'false',
  });
  const message = h('p', { role: 'alert', class: reason ? 'notice' : 'error' }, reason ?? '');
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    {
      class: 'sign-in',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const value = key.value.trim();
        if (!value) {
          message.className = 'error';
          message.textContent = 'Enter your API key.';
          key.focus();
          return;
        }
        submit.disabled = true;
        message.className = 'loading';
        message.textContent = 'Checking your key…';
        try {
          await call('GET', '/summary', { key: value });
          storeKey(value);
          signedIn();
        } catch (error) {
          message.className = 'error';
          message.textContent =
            error instanceof ApiError && error.status === 401
              ? 'That API key was not accepted. Check it and try again.'
              : (error as Error).message;
          submit.disabled = false;
          key.focus();
        }
      },
    },
    field('API key', key, 'Your tenant key or your own operator key. It is kept in this tab only.'),
    submit,
    message,
  );
  show(
    root,
    h(
      'main',
      { id: 'main', class: 'narrow' },
      h('h1', null, 'Backorder console'),
      h('p', null, 'Sign in to work the backorder queue.'),
      form,
    ),
  );
  key.focus();
};
