// The reader's page: marks the section being read in the "On this page" contents
// (aria-current="location" on its link). Without this script the contents is the same
// list, unmarked. The current section is the last heading above a line 30% down the
// window; at the foot of the page it is the last heading in view.
(() => {
  const toc = document.querySelector('.toc');
  if (!toc) return;
  const entries = [];
  for (const link of toc.querySelectorAll('a[href^="#"]')) {
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
