// Progressive enhancement only: every page works without this file.
document.documentElement.classList.replace("no-js", "js");

// A panel that is a disclosure on small screens and always open on wide ones
// (<details data-open-when="(min-width: …)">, e.g. the directory's filters). On a small
// screen Escape inside it closes it and gives the focus back to its summary.
for (const details of document.querySelectorAll("details[data-open-when]")) {
  const wide = window.matchMedia(details.dataset.openWhen);
  const sync = () => { details.open = wide.matches; };
  sync();
  wide.addEventListener("change", sync);
  details.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || wide.matches || !details.open) return;
    details.open = false;
    details.querySelector("summary").focus();
  });
}
