// Saving spaces and programs (찜) without leaving the page, for a logged-in resident
// (residents/templatetags/saved_tags.py `saved_assets` loads this file for them only).
// Without it everything still works: a card's save link opens a page that asks "save
// this space?", and a page's save form posts and comes back.
// With it: the save links of the cards become toggle buttons (aria-pressed, their name
// "Save" unchanged and their description the card's title), their state asked for
// every card on the page in one request (also for cards the directory puts in later);
// the save forms post in the background; a status line, read by screen readers, says
// what happened. The word "Saved" beside a pressed button is saved.css's. Sentences and the state's address come from
// this script element's data attributes.
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || !window.fetch || !window.URLSearchParams || !window.MutationObserver) return;
  const strings = script.dataset;
  const LINKS = "a[data-save-toggle]:not([data-save-pending])";

  // The token of the page's own forms (the log-out form is on every page a resident
  // sees), else Django's cookie.
  function csrfToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) return field.value;
    const cookie = document.cookie.split("; ").find((part) => part.startsWith("csrftoken="));
    return cookie ? decodeURIComponent(cookie.slice("csrftoken=".length)) : "";
  }

  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.append(status);
  function say(text) {
    status.textContent = "";
    window.setTimeout(() => { status.textContent = text; }, 100); // the same words again are read again
  }

  function json(response) {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  }

  // POST the state wanted (not a flip): a retried request cannot undo itself. While one
  // runs, the button ignores clicks (aria-busy), so two quick clicks cannot cross.
  function send(button, url, then) {
    if (button.getAttribute("aria-busy") === "true") return;
    const action = button.getAttribute("aria-pressed") === "true" ? "remove" : "save";
    button.setAttribute("aria-busy", "true");
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
      body: new URLSearchParams({ action }),
    })
      .then(json)
      .then((answer) => {
        button.setAttribute("aria-pressed", String(answer.saved));
        if (then) then(answer.saved);
        say(answer.saved ? strings.saved : strings.removed);
      })
      .catch(() => say(strings.failed))
      .finally(() => button.removeAttribute("aria-busy"));
  }

  // Cards: ask which of their spaces are saved, then make each link a toggle button
  // (same classes, content and description; the address it posts to is the link's).
  function enhanceLinks() {
    const links = [...document.querySelectorAll(LINKS)];
    if (!links.length) return;
    for (const link of links) link.dataset.savePending = "";
    const ids = [...new Set(links.map((link) => link.dataset.saveToggle))];
    fetch(`${strings.stateUrl}?ids=${ids.join(",")}`, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(json)
      .then((answer) => {
        const saved = new Set(answer.saved.map(String));
        for (const link of links) {
          if (!link.isConnected) continue;
          const button = document.createElement("button");
          button.type = "button";
          button.className = link.className;
          const description = link.getAttribute("aria-describedby");
          if (description) button.setAttribute("aria-describedby", description);
          button.setAttribute("aria-pressed", String(saved.has(link.dataset.saveToggle)));
          const url = link.pathname;
          button.append(...link.childNodes);
          link.replaceWith(button);
          button.addEventListener("click", () => send(button, url));
        }
      })
      .catch(() => {
        for (const link of links) delete link.dataset.savePending; // they stay links
      });
  }

  // A space's or program's page: its save form posts in the background. (Its address
  // is read from the attribute: `form.action` is the form's field named "action".)
  for (const form of document.querySelectorAll("form[data-save-form]")) {
    const button = form.querySelector("button[aria-pressed]");
    const url = form.getAttribute("action");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      send(button, url, (saved) => {
        form.elements.action.value = saved ? "remove" : "save";
      });
    });
  }

  enhanceLinks();
  // The directory replaces its list of cards when a filter changes (directory-map.js).
  const hasLinks = (node) =>
    node.nodeType === Node.ELEMENT_NODE && (node.matches(LINKS) || node.querySelector(LINKS));
  new MutationObserver((records) => {
    if (records.some((record) => [...record.addedNodes].some(hasLinks))) enhanceLinks();
  }).observe(document.body, { childList: true, subtree: true });
})();
