// The reader's page. From 1100 px the sections sidebar and the "On this page" contents
// are columns: CSS shows what their <details> hold even when closed, and this script
// opens them too, so what assistive technology is told matches what is on screen. It
// also marks the section being read in the contents (aria-current="location" on its
// link): the last heading above a line 30% down the window, or at the foot of the page
// the last heading in view, and centres a cluster map that scrolls on its hub. Without it
// the columns and the list are the same, unmarked.
(() => {
  const wide = matchMedia('(min-width: 68.75rem)');
  const columns = document.querySelectorAll('.sidebar-menu, .toc-details');
  const layout = () => {
    for (const details of columns) {
      details.open = wide.matches;
      details.querySelector('summary').tabIndex = wide.matches ? -1 : 0;
    }
  };
  layout();
  wide.addEventListener('change', layout);
  // A cluster map wider than the screen starts centred on its hub.
  for (const box of document.querySelectorAll('.map-scroll')) {
    box.scrollLeft = (box.scrollWidth - box.clientWidth) / 2;
  }

  const toc = document.querySelector('.toc');
  const entries = [];
  for (const link of toc ? toc.querySelectorAll('a[href^="#"]') : []) {
    const heading = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (heading) entries.push([heading, link]);
  }
  if (!entries.length) return;
  let current = null;
  let queued = false;
  const mark = () => {
    queued = false;
    const line = innerHeight * 0.3;
    const atEnd = innerHeight + scrollY >= document.documentElement.scrollHeight - 2;
    let found = null;
    for (const [heading, link] of entries) {
      const top = heading.getBoundingClientRect().top;
      if (top <= line || (atEnd && top < innerHeight)) found = link;
      else if (!atEnd) break;
    }
    if (found === current) return;
    current?.removeAttribute('aria-current');
    found?.setAttribute('aria-current', 'location');
    current = found;
    // A contents longer than the window scrolls in its rail: keep the mark in view.
    if (found && toc.scrollHeight > toc.clientHeight) {
      const rail = toc.getBoundingClientRect();
      const item = found.getBoundingClientRect();
      if (item.top < rail.top || item.bottom > rail.bottom) toc.scrollTop += item.top - rail.top - rail.height / 2;
    }
  };
  const queue = () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(mark);
    }
  };
  addEventListener('scroll', queue, { passive: true });
  addEventListener('resize', queue, { passive: true });
  mark();
})();
