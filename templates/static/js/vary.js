/* kernelpress {plot} :vary: sliders that choose among series computed when
   the site was built. This script does no numerics: it looks up the chosen
   setting's levels in the figure's JSON and writes them into the SVG, whose
   own transforms place them on the axes.

   Data (see plot_vary.go and figure/varied.go in the generator):
     params[k] = {name, v: values, t: texts, s: texts shown (optional),
                  i: default index}
     series[j] = {p: the params it depends on (first varying fastest),
                  x: x levels, or xs[s]: setting s's x levels,
                  y[s]: setting s's y levels, the first level then the
                  change to each next one, or y[g[s]] with profiles;
                  on an axis that zooms, c[s]: the value of a level,
                  sh[s]: a shift along x, z[s]: the zoom it needs}
     axes[a] = {series: the series drawn on it, z[k]: the scale of zoom k,
                t[k]: its tick labels, i: the zoom drawn first}
   A list of one entry holds for every setting. Every path marked
   data-kp-vary="j" (one per drawing) shows series j; the tick labels of
   axis a are marked data-kp-axis="a" data-kp-tick="<index>".

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

  // at returns list[k], or list[0] for a list that holds for every setting.
  function at(list, k) {
    return list.length === 1 ? list[0] : list[k];
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
    var axes = data.axes || [];
    var axisOf = [];
    var ticks = axes.map(function (axis, a) {
      axis.series.forEach(function (j) { axisOf[j] = a; });
      return root.querySelectorAll('[data-kp-axis="' + a + '"]');
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
        var text = (p.s || p.t)[idx[k]];
        shown[k].textContent = text;
        inputs[k].setAttribute('aria-valuetext', labels[k] + ' = ' + text);
        texts.push(labels[k] + ' = ' + text);
      });
      var settings = data.series.map(function (s) {
        var setting = 0;
        var stride = 1;
        s.p.forEach(function (k) {
          setting += idx[k] * stride;
          stride *= data.params[k].v.length;
        });
        return setting;
      });
      // Each axis that zooms takes the largest zoom its series need.
      var zoom = axes.map(function () { return 0; });
      data.series.forEach(function (s, j) {
        if (s.z) zoom[axisOf[j]] = Math.max(zoom[axisOf[j]], at(s.z, settings[j]));
      });
      data.series.forEach(function (s, j) {
        var k = settings[j];
        var ys = s.g ? s.y[at(s.g, k)] : at(s.y, k);
        var d = path(s.xs ? at(s.xs, k) : s.x, ys);
        var transform = null;
        if (s.c) {
          var z = axes[axisOf[j]].z[zoom[axisOf[j]]];
          transform = (z !== 1 ? 'scale(1 ' + z + ') ' : '') +
            (s.sh ? 'translate(' + at(s.sh, k) + ' 0) ' : '') + 'scale(1 ' + at(s.c, k) + ')';
        }
        for (var n = 0; n < paths[j].length; n++) {
          paths[j][n].setAttribute('d', d);
          if (transform) paths[j][n].setAttribute('transform', transform);
        }
      });
      axes.forEach(function (axis, a) {
        for (var n = 0; n < ticks[a].length; n++) {
          ticks[a][n].textContent = axis.t[zoom[a]][Number(ticks[a][n].getAttribute('data-kp-tick'))];
        }
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
