// Place names from the portal's own gazetteer (spaces.places), in two forms.
//
// The place search box above a map picker (spaces/templates/spaces/includes/place_search.html):
// asks the portal's own gazetteer (spaces.places, through the box's data-place-search-url)
// and announces the place chosen with a "place-search:chosen" event ({lat, lng, label})
// that the map's own script follows. Hidden without JavaScript: the coordinates fields
// still work then.
(() => {
  const format = (text, values) =>
    text.replace(/\{(\w+)\}/g, (_, key) => (key in values ? values[key] : ""));

  const setup = (box) => {
    if (box.dataset.placeSearchReady) return;
    box.dataset.placeSearchReady = "1";
    const input = box.querySelector("[data-place-search-input]");
    const button = box.querySelector("[data-place-search-button]");
    const status = box.querySelector("[data-place-search-status]");
    const list = box.querySelector("[data-place-search-results]");
    const msg = box.dataset;
    let asked = 0;

    const say = (text, problem) => {
      status.textContent = text;
      status.classList.toggle("place-search__status--problem", Boolean(problem));
    };

    const choose = (place) => {
      box.dispatchEvent(
        new CustomEvent("place-search:chosen", {
          bubbles: true,
          detail: { lat: place.lat, lng: place.lon, label: place.label },
        })
      );
      say(format(msg.msgMoved, { place: place.label }));
    };

    const offer = (places, heading) => {
      list.replaceChildren();
      places.forEach((place) => {
        const item = document.createElement("li");
        const pick = document.createElement("button");
        pick.type = "button";
        pick.className = "place-search__choice button button-small button-secondary";
        pick.textContent = place.label;
        pick.addEventListener("click", () => {
          choose(place);
          list.hidden = true;
          input.focus();
        });
        item.append(pick);
        list.append(item);
      });
      list.hidden = places.length === 0;
      if (places.length) list.setAttribute("aria-label", heading);
    };

    const search = async () => {
      const query = input.value.trim();
      offer([]);
      if (!query) {
        say(msg.msgEmpty, true);
        return;
      }
      const ticket = ++asked;
      let answer;
      try {
        const url = new URL(msg.placeSearchUrl, window.location.href);
        url.searchParams.set("q", query);
        const response = await fetch(url, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (!response.ok) throw new Error(String(response.status));
        answer = await response.json();
      } catch (error) {
        if (ticket === asked) say(msg.msgError, true);
        return;
      }
      if (ticket !== asked) return; // a newer search is on its way
      const results = answer.results || [];
      if (!results.length) {
        say(format(msg.msgNone, { query }), true);
      } else if (answer.best === null || answer.best === undefined) {
        say(msg.msgPick);
        offer(results, msg.msgPick);
      } else {
        choose(results[answer.best]);
        const others = results.filter((_, index) => index !== answer.best);
        if (others.length) {
          say(`${status.textContent} ${msg.msgOthers}`);
          offer(others, msg.msgOthers);
        }
      }
    };

    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault(); // never submit the surrounding form
        search();
      }
    });
    button.addEventListener("click", search);
    box.hidden = false;
  };

  // The directory's "near a place" field (spaces/templates/spaces/includes/near_field.html)
  // as an ARIA combobox with a list of suggestions: the gazetteer's names are offered as
  // they are typed (the box's data-place-url); the arrows move through them, Enter puts
  // the one chosen in the field, Escape closes the list, and how many were found is
  // announced. The field itself stays what the form sends: without JavaScript, or when
  // no answer comes, the text typed is searched as it is.
  const setupCombobox = (box) => {
    if (box.dataset.placeComboboxReady) return;
    box.dataset.placeComboboxReady = "1";
    const input = box.querySelector("[data-place-combobox-input]");
    const list = box.querySelector("[data-place-combobox-list]");
    const status = box.querySelector("[data-place-combobox-status]");
    const msg = box.dataset;
    let options = [];
    let active = -1;
    let asked = 0;
    let timer = null;
    let shownFor = null; // the text the list was found for

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    const setActive = (index) => {
      active = index;
      options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    };
    const open = () => {
      if (!options.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    };
    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    };
    const dismiss = () => {
      clearTimeout(timer);
      asked += 1; // an answer still on its way would reopen the list: it is dropped
      close();
    };
    const pick = (index) => {
      input.value = options[index].dataset.value;
      shownFor = input.value.trim();
      dismiss();
      input.focus();
    };
    const show = (places) => {
      // An answer that comes after the arrows moved keeps the place highlighted, if
      // it is still offered: Enter then chooses what the person saw chosen.
      const kept = active >= 0 ? options[active].dataset.value : null;
      list.replaceChildren();
      options = places.map((place, index) => {
        const option = document.createElement("li");
        option.id = `${list.id}-${index}`;
        option.className = "place-combobox__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.value = place.label;
        option.textContent = place.label;
        list.append(option);
        return option;
      });
      setActive(options.findIndex((option) => option.dataset.value === kept));
      if (options.length) open();
      else close();
      const count = options.length;
      status.textContent = format(count === 0 ? msg.msgNone : count === 1 ? msg.msgOne : msg.msgMany, {
        count,
      });
    };
    const ask = async () => {
      const query = input.value.trim();
      if (query === shownFor) {
        open();
        return;
      }
      const ticket = ++asked;
      if (!query) {
        shownFor = query;
        show([]);
        status.textContent = "";
        return;
      }
      try {
        const url = new URL(msg.placeUrl, window.location.href);
        url.searchParams.set("q", query);
        url.searchParams.set("lang", msg.lang);
        const response = await fetch(url, { headers: { Accept: "application/json" } });
        if (!response.ok) throw new Error(String(response.status));
        const answer = await response.json();
        if (ticket !== asked) return; // a newer question is on its way
        shownFor = query;
        show(answer.results || []);
      } catch (error) {
        if (ticket === asked) close(); // the field still works as typed
      }
    };

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", (event) => {
      if (event.isComposing) return; // the key belongs to the Korean input method
      const count = options.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) {
          if (input.value.trim() !== shownFor) {
            clearTimeout(timer);
            ask();
            return;
          }
          open();
        }
        if (!count) return;
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) {
          event.preventDefault(); // choose; the next Enter sends the form
          pick(active);
        } else {
          clearTimeout(timer); // the form is sent with the text as it is
          close();
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          event.stopPropagation(); // only the list closes, not the panel around the field
          dismiss();
        }
      }
    });
    // A press elsewhere (the form's button) takes the focus on pointerdown; closing the
    // list then would move the button from under the finger before pointerup, and the
    // click would be lost (on a phone the open list pushes the button down). So the list
    // closes once the press is over, after its click.
    // A tap moves the focus in its own task, after its pointerup: the list closes in
    // the next task, once the tap's click has landed.
    let pressing = false;
    const leave = () => {
      setTimeout(() => {
        if (document.activeElement !== input) dismiss();
      }, 0);
    };
    const pressed = () => {
      if (!pressing) return;
      pressing = false;
      leave();
    };
    document.addEventListener("pointerdown", () => {
      pressing = true;
    }, true);
    document.addEventListener("pointerup", pressed, true);
    document.addEventListener("pointercancel", pressed, true); // a touch that scrolled
    input.addEventListener("blur", () => {
      if (!pressing) leave();
    });
    list.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus
    list.addEventListener("click", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) pick(options.indexOf(option));
    });
  };

  const start = () => {
    document.querySelectorAll("[data-place-search]").forEach(setup);
    document.querySelectorAll("[data-place-combobox]").forEach(setupCombobox);
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
