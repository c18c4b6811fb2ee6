// Link previews: hovering an internal link in the page (or focusing it from the
// keyboard) shows a card with the target's title, kind and description, after a short
// delay. The page carries the previews of the pages its text links to, as JSON in
// <script id="link-previews">, so a preview costs no request; other links have none.
// The card floats over the page (nothing moves), stays while the pointer is on the link
// or the card, and Escape dismisses it. It is aria-hidden: the link's own
// text serves screen readers. Without this script links are plain links.
(() => {
  const root = document.documentElement.dataset.root || '/';
  const main = document.querySelector('main');
  const data = document.getElementById('link-previews');
  if (!main || !data) return;
  let previews;
  try {
    previews = JSON.parse(data.textContent);
  } catch {
    return;
  }
  const card = document.createElement('div');
  card.className = 'preview';
  card.setAttribute('aria-hidden', 'true');
  card.hidden = true;
  document.body.append(card);
  let link = null;
  let showing = 0;
  let hiding = 0;

  // The key of an internal link's preview (its path), or null if it has none.
  const source = (a) => {
    // getAttribute: an <a> of the cluster map's SVG has no string href or target.
    if (a.closest('.toc, .decision, .anchor') || a.getAttribute('target')) return null;
    const url = new URL(a.getAttribute('href'), location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith(root)) return null;
    if (url.pathname === location.pathname) return null;
    return Object.hasOwn(previews, url.pathname) ? url.pathname : null;
  };
  const hide = () => {
    clearTimeout(showing);
    clearTimeout(hiding);
    card.hidden = true;
    link = null;
  };
  const show = (a, key) => {
    const data = previews[key];
    if (link !== a || !data || !data.title) return;
    card.replaceChildren();
    const add = (tag, cls, text) => {
      if (!text) return;
      const el = document.createElement(tag);
      el.className = cls;
      el.textContent = text;
      card.append(el);
    };
    add('p', 'preview-kind', data.kind);
    add('p', 'preview-title', data.title);
    add('p', 'preview-text', data.description);
    card.hidden = false;
    const r = a.getBoundingClientRect();
    const width = card.offsetWidth;
    const height = card.offsetHeight;
    const left = Math.max(8, Math.min(r.left, innerWidth - width - 8));
    const below = r.bottom + 8 + height <= innerHeight || r.top < height + 8;
    card.style.left = `${left + scrollX}px`;
    card.style.top = `${(below ? r.bottom + 8 : r.top - height - 8) + scrollY}px`;
  };
  const stay = () => clearTimeout(hiding);
  const enter = (a) => {
    const file = a && source(a);
    if (!file) return;
    if (a === link) return stay();
    hide();
    link = a;
    showing = setTimeout(() => show(a, file), 350);
  };
  const leave = () => {
    clearTimeout(hiding);
    hiding = setTimeout(hide, 200);
  };

  main.addEventListener('pointerover', (e) => {
    if (e.pointerType === 'mouse') enter(e.target.closest('a[href]'));
  });
  main.addEventListener('pointerout', (e) => {
    if (link && !link.contains(e.relatedTarget) && !card.contains(e.relatedTarget)) leave();
  });
  main.addEventListener('focusin', (e) => {
    const a = e.target.closest('a[href]');
    if (a && a.matches(':focus-visible')) enter(a);
  });
  main.addEventListener('focusout', () => link && leave());
  card.addEventListener('pointerover', stay);
  card.addEventListener('pointerout', (e) => {
    if (!card.contains(e.relatedTarget) && !link?.contains(e.relatedTarget)) leave();
  });
  addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && link) hide();
  });
})();
