/* kernelpress {explore}: sliders that choose among curves computed when the
   site was built. This script does no numerics: it looks up precomputed
   levels, scales and transforms in the widget's JSON and writes them into
   the SVG, whose own transforms place them on the axes.

   Data (see figure.ExplorerData in the generator):
     sliders[k] = {name, m: method index or -1 for the query, v: values,
                   t: texts, i: initial index}
     fig.top[j][s]   levels of method j's curve at setting s (top panel)
     fig.w[j]        {x0, t: templates [s] or p: curves [s][q],
                      c: scales [s][q], a: axis indices [s][q]}
     fig.axes[a]     the weight panel's transform for axis a
     fig.qx[q], fig.qt[q]  where the query line goes, and its text
   A level list is the first level, then the change at each next input. */
'use strict';

(function () {
  // path writes levels as "M x0 l0 l1 d1 1 d2 ...": one input per step.
  function path(x0, levels) {
    var d = 'M' + x0 + ' ' + levels[0];
    for (var i = 1; i < levels.length; i++) {
      d += (i === 1 ? 'l1 ' : ' 1 ') + levels[i];
    }
    return d;
  }

  function setup(root) {
    if (root.hasAttribute('data-kp-ready')) return; // the script is linked once per widget
    var source = root.querySelector('script[data-kp-data]');
    if (!source) return;
    var data = JSON.parse(source.textContent);
    var fig = data.fig;
    root.setAttribute('data-kp-ready', '');

    function part(name) {
      return root.querySelector('[data-kp="' + name + '"]');
    }
    var inputs = data.sliders.map(function (_, k) {
      return root.querySelector('[data-kp-slider="' + k + '"]');
    });
    var shown = data.sliders.map(function (_, k) {
      return root.querySelector('[data-kp-value="' + k + '"]');
    });
    var status = root.querySelector('[data-kp-status]');
    var ticks = root.querySelectorAll('[data-kp="ticks"]');
    var axisGroup = part('axis');
    var queryLine = part('q');
    var queryText = part('qtext');
    var top = fig.top.map(function (_, j) { return part('top-' + j); });
    var weights = fig.w.map(function (_, j) { return part('w-' + j); });
    var shifts = fig.w.map(function (_, j) { return part('shift-' + j); });

    // index returns the position of slider k's value in its list.
    function index(k) {
      var i = data.sliders[k].v.indexOf(Number(inputs[k].value));
      return i < 0 ? data.sliders[k].i : i;
    }

    function render(announce) {
      var setting = [];
      var q = 0;
      var texts = [];
      data.sliders.forEach(function (slider, k) {
        var i = index(k);
        if (slider.m < 0) q = i; else setting[slider.m] = i;
        shown[k].textContent = slider.t[i];
        inputs[k].setAttribute('aria-valuetext', slider.t[i]);
        texts.push(slider.name + ' ' + slider.t[i]);
      });
      var axis = 0;
      fig.w.forEach(function (w, j) {
        var s = setting[j];
        top[j].setAttribute('d', path(0, fig.top[j][s]));
        if (w.t) {
          weights[j].setAttribute('d', path(w.x0, w.t[s]));
          shifts[j].setAttribute('transform', 'translate(' + q + ' 0) scale(1 ' + w.c[s][q] + ')');
        } else {
          weights[j].setAttribute('d', path(w.x0, w.p[s][q]));
          shifts[j].setAttribute('transform', 'translate(0 0) scale(1 ' + w.c[s][q] + ')');
        }
        if (w.a[s][q] > axis) axis = w.a[s][q]; // the larger of the axes the two curves need
      });
      axisGroup.setAttribute('transform', fig.axes[axis]);
      for (var a = 0; a < ticks.length; a++) {
        if (a === axis) ticks[a].removeAttribute('display');
        else ticks[a].setAttribute('display', 'none');
      }
      queryLine.setAttribute('transform', 'translate(' + fig.qx[q] + ' 0)');
      if (queryText) queryText.textContent = fig.qt[q];
      var text = texts.join(', ');
      if (announce && status.textContent !== text) status.textContent = text;
    }

    // The page's address records the setting as {plot}'s sliders do
    // (vary.js): ?<figure id>.<slider>=<value>, and #<figure id> for the
    // figure moved last, replaced in place; a value in it that is not one
    // of the slider's is ignored.
    var figure = root.closest('figure');
    var id = figure.id;
    function key(k) { return id + '.' + inputs[k].id.slice(id.length + 1); }
    function remember() {
      var url = new URL(location.href);
      inputs.forEach(function (input, k) { url.searchParams.set(key(k), input.value); });
      url.hash = id;
      history.replaceState(history.state, '', url.href);
    }
    var query = new URLSearchParams(location.search);
    var restored = false;
    inputs.forEach(function (input, k) {
      var text = query.get(key(k));
      var i = text ? data.sliders[k].v.indexOf(Number(text)) : -1;
      if (i >= 0) { input.value = String(data.sliders[k].v[i]); restored = true; }
    });

    inputs.forEach(function (input) {
      input.addEventListener('input', function () { render(false); remember(); });
      input.addEventListener('change', function () { render(true); remember(); });
      input.disabled = false;
    });
    var note = root.querySelector('[data-kp-nojs]');
    if (note) note.hidden = true;
    render(true); // the browser may have restored other slider positions
    if (restored && location.hash === '#' + id) figure.scrollIntoView();
  }

  function setupAll() {
    var roots = document.querySelectorAll('[data-kp-explore]');
    for (var i = 0; i < roots.length; i++) setup(roots[i]);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setupAll);
  } else {
    setupAll();
  }
})();
