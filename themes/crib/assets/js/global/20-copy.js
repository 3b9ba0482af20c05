// A copy button on every code block.
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll(".code-block").forEach(function (block) {
    var head = block.querySelector(".code-head");
    var code = block.querySelector("pre code");
    if (!head || !code) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy code");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(code.innerText.replace(/\n$/, "")).then(function () {
        button.textContent = "Copied";
      }, function () {
        button.textContent = "Failed";
      });
      setTimeout(function () { button.textContent = "Copy"; }, 1500);
    });
    head.appendChild(button);
  });
})();
