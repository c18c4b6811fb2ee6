// Video links (the `video` shortcode): a click on a link to a YouTube or Vimeo video
// plays it in the page, in the host's privacy-enhanced player. Until that click the page
// has asked the host for nothing. A click with a modifier key, a link to another host,
// or no JavaScript at all: the link opens the video on its site.
(() => {
  if (window.pillarVideoLinks) return; // one script tag per video; one listener
  window.pillarVideoLinks = true;
  const embed = (href) => {
    let url;
    try {
      url = new URL(href);
    } catch {
      return null;
    }
    const host = url.hostname.replace(/^(www|m)\./, '');
    const id =
      host === 'youtube.com' ? url.searchParams.get('v')
      : host === 'youtu.be' ? url.pathname.slice(1)
      : null;
    if (id && /^[\w-]+$/.test(id)) {
      return `https://www.youtube-nocookie.com/embed/${id}?autoplay=1`;
    }
    const vimeo = host === 'vimeo.com' ? url.pathname.split('/')[1] : '';
    return /^\d+$/.test(vimeo) ? `https://player.vimeo.com/video/${vimeo}?autoplay=1&dnt=1` : null;
  };
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a.video-link');
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const src = embed(link.href);
    if (!src) return;
    event.preventDefault();
    const frame = document.createElement('iframe');
    frame.className = 'video-frame';
    frame.src = src;
    frame.title = link.textContent.replace(/\s+/g, ' ').trim();
    frame.allow = 'autoplay; fullscreen; picture-in-picture';
    frame.allowFullscreen = true;
    link.replaceWith(frame);
    frame.focus();
  });
})();
