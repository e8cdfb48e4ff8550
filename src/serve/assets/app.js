// tmkit serve: copy buttons, and the write token remembered for this tab (sessionStorage).
"use strict";
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy");
  if (!button) return;
  navigator.clipboard.writeText(button.dataset.copy).then(
    () => { button.textContent = "Copied"; },
    () => { button.textContent = "Copy failed"; });
});
document.addEventListener("DOMContentLoaded", () => {
  const token = document.getElementById("token");
  if (!token) return;
  token.value = sessionStorage.getItem("tmkit-token") || "";
  token.addEventListener("input", () => sessionStorage.setItem("tmkit-token", token.value));
  document.addEventListener("submit", (event) => {
    const field = event.target.querySelector("input[name=token]");
    if (field) field.value = token.value;
  });
});
