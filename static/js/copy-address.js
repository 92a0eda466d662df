// "Copy" beside each calendar address on My page (residents/includes/calendar_feed.html).
// Without JavaScript the buttons stay hidden and the read-only fields are there to
// select and copy. With it, a button copies its field's address and says so in the
// status beside it (role="status": screen readers read it out); where the browser
// refuses the clipboard, the address is selected for the person to copy.
// The sentences come from this script element's data attributes.
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script) return;
  const strings = script.dataset;

  function copy(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy"));
  }

  function enhance() {
    for (const button of document.querySelectorAll("button[data-copy]")) {
      const field = document.getElementById(button.dataset.copy);
      const status = button.parentElement.querySelector("[role=status]");
      if (!field || !status) continue;
      let timer;
      button.hidden = false;
      button.addEventListener("click", () => {
        window.clearTimeout(timer);
        status.textContent = "";
        copy(field)
          .then(() => {
            status.textContent = strings.copied;
            timer = window.setTimeout(() => { status.textContent = ""; }, 5000);
          })
          .catch(() => {
            field.focus();
            field.select();
            status.textContent = strings.failed;
          });
      });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();
})();
