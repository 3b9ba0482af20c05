// Draws the page's Mermaid diagrams (render-codeblock-mermaid.html) with
// the Mermaid library vendored under static/vendor/mermaid/, which only
// pages with a diagram load (page.html), and only the parts of it their
// diagrams need. Each diagram is drawn in light and in dark colours, and
// CSS shows the one of the page's theme, so the theme toggle and
// printing need no redraw. When the library cannot load, or a diagram
// cannot be read, its source stays on the page.
(function () {
  var script = document.currentScript;
  var url = script && script.getAttribute("data-mermaid");
  var diagrams = document.querySelectorAll(".diagram");
  if (!url || !diagrams.length) return;
  var themes = document.documentElement.dataset.theme === "dark" ? ["dark", "light"] : ["light", "dark"];

  // One diagram at a time (Mermaid's configuration is global), in the
  // page's theme first; a diagram is shown once both drawings are there.
  import(url).then(function (m) {
    var mermaid = m.default;
    var done = Promise.resolve();
    diagrams.forEach(function (d, i) {
      themes.forEach(function (theme) {
        done = done.then(function () { return draw(mermaid, d, i, theme); });
      });
      done = done.then(function () {
        if (!d.hasAttribute("data-failed")) d.setAttribute("data-drawn", "");
      });
    });
    return done;
  }).catch(function () {
    // The library did not load: every diagram not drawn keeps its source.
    diagrams.forEach(function (d) {
      if (!d.hasAttribute("data-drawn") && !d.hasAttribute("data-failed")) fail(d, "the diagram library did not load");
    });
  });

  function draw(mermaid, d, i, theme) {
    if (d.hasAttribute("data-failed")) return;
    // Notes are other people's text. "strict" encodes HTML in labels and
    // turns off click callbacks and links, and Mermaid does not let a
    // diagram's own %%{init}%% directive change securityLevel; labels
    // are SVG text, never HTML.
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      htmlLabels: false,
      flowchart: { htmlLabels: false },
      suppressErrorRendering: true,
      // Mermaid 12 lays out with ELK by default, 1.6 MB more to load;
      // dagre (40 kB) is the layout Obsidian's Mermaid draws with. A
      // diagram can still ask for ELK in its own configuration.
      layout: "dagre",
      theme: theme === "dark" ? "dark" : "default"
    });
    var source = d.querySelector(".diagram-source").textContent;
    return mermaid.render("crib-diagram-" + i + "-" + theme, source).then(function (r) {
      var box = document.createElement("div");
      box.className = "diagram-drawing";
      box.setAttribute("data-theme", theme);
      box.innerHTML = r.svg;
      d.appendChild(box);
    }, function (e) {
      fail(d, String((e && e.message) || e).split("\n")[0]);
    });
  }

  function fail(d, why) {
    d.setAttribute("data-failed", "");
    var p = document.createElement("p");
    p.className = "diagram-error";
    p.textContent = "Not drawn: " + why;
    d.appendChild(p);
  }
})();
