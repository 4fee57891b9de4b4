/* kernelpress {plot} :vary: sliders that choose among series computed when
   the site was built. This script does no numerics: it looks up the chosen
   setting's levels in the figure's JSON and writes them into the SVG, whose
   own transforms place them on the axes.

   Data (see plot_vary.go and figure/varied.go in the generator):
     params[k] = {name, v: values, t: texts, i: default index}
     series[j] = {p: the params it depends on (first varying fastest),
                  x: x levels, y[s]: setting s's y levels, the first level
                  then the change to each next one}
   Every path marked data-kp-vary="j" (one per drawing) shows series j.

   The page's address records the setting: ?<figure id>.<name>=<value> for
   each parameter, and #<figure id> for the figure moved last, replaced in
   place so that moving a slider adds no history entries. A value in the
   address that is not one of the slider's values is ignored. */
'use strict';

(function () {
  // path writes "M x0,y0L x1,y1…", y summed from its changes, exactly as
  // the generator's figure.LevelPathXY does.
  function path(xs, dys) {
    var d = '';
    var y = 0;
    for (var i = 0; i < xs.length; i++) {
      y += dys[i];
      d += (i === 0 ? 'M' : 'L') + xs[i] + ',' + y;
    }
    return d;
  }

  function setup(root) {
    if (root.hasAttribute('data-kp-ready')) return; // the script is linked once per figure
    var source = root.querySelector('script[data-kp-data]');
    if (!source) return;
    var data = JSON.parse(source.textContent);
    var id = root.getAttribute('data-kp-id');
    root.setAttribute('data-kp-ready', '');

    var inputs = data.params.map(function (_, k) {
      return root.querySelector('[data-kp-slider="' + k + '"]');
    });
    var shown = data.params.map(function (_, k) {
      return root.querySelector('[data-kp-value="' + k + '"]');
    });
    var paths = data.series.map(function (_, j) {
      return root.querySelectorAll('[data-kp-vary="' + j + '"]');
    });
    var status = root.querySelector('[data-kp-status]');
    var labels = data.params.map(function (_, k) {
      var label = root.querySelector('label[for="' + inputs[k].id + '"]');
      return label ? label.textContent : data.params[k].name;
    });

    // index returns the position of parameter k's value among its values,
    // or its default.
    function index(k) {
      var i = data.params[k].v.indexOf(Number(inputs[k].value));
      return i < 0 ? data.params[k].i : i;
    }

    function render(announce) {
      var idx = data.params.map(function (_, k) { return index(k); });
      var texts = [];
      data.params.forEach(function (p, k) {
        var text = p.t[idx[k]];
        shown[k].textContent = text;
        inputs[k].setAttribute('aria-valuetext', labels[k] + ' = ' + text);
        texts.push(labels[k] + ' = ' + text);
      });
      data.series.forEach(function (s, j) {
        var setting = 0;
        var stride = 1;
        s.p.forEach(function (k) {
          setting += idx[k] * stride;
          stride *= data.params[k].v.length;
        });
        var d = path(s.x, s.y[setting]);
        for (var n = 0; n < paths[j].length; n++) paths[j][n].setAttribute('d', d);
      });
      var text = texts.join(', ');
      if (announce && status.textContent !== text) status.textContent = text;
      return idx;
    }

    // remember writes the setting into the page's address.
    function remember(idx) {
      var url = new URL(window.location.href);
      data.params.forEach(function (p, k) {
        url.searchParams.set(id + '.' + p.name, p.t[idx[k]]);
      });
      url.hash = id;
      window.history.replaceState(window.history.state, '', url.href);
    }

    // restore reads the setting from the page's address; it reports
    // whether the address held one for this figure.
    function restore() {
      var query = new URLSearchParams(window.location.search);
      var found = false;
      data.params.forEach(function (p, k) {
        var text = query.get(id + '.' + p.name);
        if (text === null) return;
        var i = p.t.indexOf(text);
        if (i < 0) return; // unknown or out of range: the default stays
        inputs[k].value = p.t[i];
        found = true;
      });
      return found;
    }

    inputs.forEach(function (input) {
      input.addEventListener('input', function () { remember(render(false)); });
      input.addEventListener('change', function () { remember(render(true)); });
      input.disabled = false;
    });
    var note = root.querySelector('[data-kp-nojs]');
    if (note) note.hidden = true;
    var restored = restore();
    render(true); // the browser may have restored other slider positions too
    if (restored && window.location.hash === '#' + id) {
      var figure = document.getElementById(id);
      if (figure) figure.scrollIntoView();
    }
  }

  function setupAll() {
    var roots = document.querySelectorAll('[data-kp-vary-root]');
    for (var i = 0; i < roots.length; i++) setup(roots[i]);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setupAll);
  } else {
    setupAll();
  }
})();
