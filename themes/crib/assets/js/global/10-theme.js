// Dark-mode toggle. The head script has already set data-theme from the
// saved choice or the system; this wires the button and saves a choice.
(function () {
  var root = document.documentElement;
  var button = document.getElementById("theme-toggle");
  var media = matchMedia("(prefers-color-scheme: dark)");
  function saved() {
    try { return localStorage.getItem("crib-theme"); } catch (e) { return null; }
  }
  function apply(theme) {
    root.dataset.theme = theme;
    if (button) {
      button.setAttribute("aria-pressed", theme === "dark" ? "true" : "false");
    }
  }
  apply(root.dataset.theme === "dark" ? "dark" : "light");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var next = root.dataset.theme === "dark" ? "light" : "dark";
      try { localStorage.setItem("crib-theme", next); } catch (e) {}
      apply(next);
    });
  }
  // Follow the system until the reader picks a theme.
  media.addEventListener("change", function (e) {
    if (!saved()) apply(e.matches ? "dark" : "light");
  });
  // Print in light colours whatever the screen shows.
  var before = null;
  addEventListener("beforeprint", function () { before = root.dataset.theme; root.dataset.theme = "light"; });
  addEventListener("afterprint", function () { if (before) root.dataset.theme = before; });
})();
