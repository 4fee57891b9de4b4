// kernelpress dev server: reloads the page when the site is rebuilt, and
// shows a failed build's problems over it. The dev server adds this script to
// every HTML page it serves; the built site never contains it.
(function () {
  'use strict';
  var me = document.currentScript;
  var site = (me && me.getAttribute('data-site')) || '';
  var overlayID = 'kernelpress-overlay';
  var dismissed = '';
  // The tests read whether the stream is connected.
  var kp = (window.__kernelpress = { connected: false });

  if (!window.EventSource) return;
  var es = new EventSource('/__kernelpress/events');

  function apply(e) {
    var m;
    try {
      m = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    if (m.site && m.site !== site) {
      // A newer good build than this page's: load it.
      hide();
      es.close();
      location.reload();
      return;
    }
    if (m.problems && m.problems.length) show(m.problems);
    else hide();
  }
  es.addEventListener('hello', function (e) {
    kp.connected = true;
    apply(e);
  });
  es.addEventListener('reload', apply);
  es.addEventListener('errors', apply);
  es.addEventListener('error', function () {
    kp.connected = false; // the browser reconnects by itself
  });
  // Close the stream before the page goes, rather than have it cut off;
  // a page restored from the back-forward cache then loads afresh.
  window.addEventListener('pagehide', function () {
    es.close();
  });
  window.addEventListener('pageshow', function (e) {
    if (e.persisted) location.reload();
  });

  function el(tag, css, text) {
    var e = document.createElement(tag);
    e.style.cssText = css;
    if (text) e.textContent = text; // text, never markup: problems quote the source
    return e;
  }

  function show(problems) {
    var key = problems.join('\n');
    if (key === dismissed) return;
    hide();
    var reset = 'all:initial;box-sizing:border-box;display:block;font:15px/1.45 system-ui,sans-serif;color:#1a1a1a;';
    var box = el('div', reset + 'position:fixed;z-index:2147483647;left:1rem;right:1rem;top:1rem;max-height:calc(100vh - 2rem);overflow:auto;background:#fff;border:3px solid #b00020;border-radius:6px;padding:1rem 1.25rem;box-shadow:0 6px 30px rgba(0,0,0,.35);');
    box.id = overlayID;
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-labelledby', overlayID + '-title');
    box.setAttribute('aria-describedby', overlayID + '-problems');
    box.tabIndex = -1;
    var title = el('h2', reset + 'font-weight:700;font-size:17px;margin:0 0 .5rem;color:#b00020;',
      'Build failed: ' + problems.length + (problems.length === 1 ? ' problem' : ' problems') + ' (still showing the last good build)');
    title.id = overlayID + '-title';
    var list = el('pre', reset + 'font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere;margin:0 0 .75rem;padding:.5rem .75rem;background:#f6f6f6;color:#1a1a1a;border-radius:4px;',
      problems.join('\n'));
    list.id = overlayID + '-problems';
    var button = el('button', reset + 'display:inline-block;cursor:pointer;font-weight:600;padding:.35rem .9rem;border:1px solid #1a1a1a;border-radius:4px;background:#fff;color:#1a1a1a;', 'Dismiss');
    button.type = 'button';
    button.addEventListener('click', function () {
      dismissed = key;
      hide();
    });
    box.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') button.click();
    });
    box.append(title, list, button);
    document.body.append(box);
    button.focus({ preventScroll: true });
  }

  function hide() {
    var box = document.getElementById(overlayID);
    if (box) box.remove();
  }
})();
