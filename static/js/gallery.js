// A space's photos, larger (spaces/space_page.html). Without JavaScript each photo is a
// link to its large rendition. With it, the link opens a modal <dialog> instead: the
// photo with its description as caption, "n / N", previous and next buttons (and the
// arrow keys), Esc, the close button or a click on the dark area around the photo to
// leave; focus then returns to the photo's link.
// The large file is fetched only when shown. The words come from the gallery's data
// attributes, in the page's language.
(() => {
  "use strict";

  function button(className, label, icon) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = `lightbox__button ${className}`;
    element.setAttribute("aria-label", label);
    const mark = document.createElement("span");
    mark.className = `icon icon--${icon}`;
    mark.setAttribute("aria-hidden", "true");
    element.append(mark);
    return element;
  }

  function enhance(gallery) {
    const links = Array.from(gallery.querySelectorAll("a.gallery__link"));
    if (!links.length || typeof HTMLDialogElement !== "function") return;
    const words = gallery.dataset;

    const dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", words.label);
    const bar = document.createElement("div");
    bar.className = "lightbox__bar";
    const position = document.createElement("p");
    position.className = "lightbox__position";
    position.setAttribute("aria-hidden", "true");
    const close = button("lightbox__close", words.close, "x");
    bar.append(position, close);

    const stage = document.createElement("div");
    stage.className = "lightbox__stage";
    const picture = document.createElement("picture");
    const webp = document.createElement("source");
    webp.type = "image/webp";
    const image = document.createElement("img");
    image.alt = ""; // the caption below says what it shows
    picture.append(webp, image);
    const previous = button("lightbox__nav lightbox__nav--previous", words.previous, "chevron-left");
    const next = button("lightbox__nav lightbox__nav--next", words.next, "chevron-right");
    stage.append(picture);
    if (links.length > 1) stage.append(previous, next);

    const caption = document.createElement("p");
    caption.className = "lightbox__caption";
    caption.setAttribute("aria-hidden", "true");
    // The words in a box of their own: the caption's padding and the blank beside a
    // short last line are dark area too.
    const captionText = document.createElement("span");
    caption.append(captionText);
    // What assistive technology reads, and reads out when the photo changes: its number
    // and its description (the position and caption above show the same).
    const status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    dialog.append(bar, stage, caption, status);
    document.body.append(dialog);

    let current = 0;

    function show(index) {
      current = (index + links.length) % links.length;
      const link = links[current];
      const thumbnail = link.querySelector("img");
      const text = thumbnail ? thumbnail.alt : "";
      const language = thumbnail && thumbnail.closest("[lang]");
      position.textContent = `${current + 1} / ${links.length}`;
      if (link.dataset.webp) webp.srcset = link.dataset.webp;
      else webp.removeAttribute("srcset");
      image.src = link.href;
      captionText.textContent = text;
      status.textContent = `${current + 1} / ${links.length}. ${text}`;
      for (const element of [caption, status]) {
        if (language) element.lang = language.lang;
        else element.removeAttribute("lang");
      }
    }

    links.forEach((link, index) => {
      link.addEventListener("click", (event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        show(index);
        dialog.showModal();
        close.focus();
      });
    });
    previous.addEventListener("click", () => show(current - 1));
    next.addEventListener("click", () => show(current + 1));
    close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("keydown", (event) => {
      if (links.length < 2) return;
      if (event.key === "ArrowLeft") {
        event.preventDefault();
        show(current - 1);
      } else if (event.key === "ArrowRight") {
        event.preventDefault();
        show(current + 1);
      }
    });
    // A click on the dark area around the photo closes it, as Esc does: on the dialog
    // itself (beside the caption; on a phone the bar and the stage are only its grid's
    // parts), on the empty parts of the bar and the stage, or on the caption's box
    // beside its words. Only a click that began there too: selecting the caption's text,
    // or a press on the photo let go beside it, leaves the photo open.
    const dark = new Set([dialog, bar, stage, caption]);
    let pressedOnDark = false;
    dialog.addEventListener("pointerdown", (event) => {
      pressedOnDark = dark.has(event.target);
    });
    dialog.addEventListener("click", (event) => {
      if (pressedOnDark && dark.has(event.target)) dialog.close();
      pressedOnDark = false;
    });
    dialog.addEventListener("close", () => {
      pressedOnDark = false;
      links[current].focus();
    });
  }

  function start() {
    for (const gallery of document.querySelectorAll("[data-gallery]")) enhance(gallery);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
