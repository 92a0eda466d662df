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

  const start = () => document.querySelectorAll("[data-place-search]").forEach(setup);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
